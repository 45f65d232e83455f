import { afterEach, describe, expect, it, vi } from "vitest";
import { afterFirstPaint, whenIdle } from "./firstPaint";

const FCP = { name: "first-contentful-paint", entryType: "paint", startTime: 42 };

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("afterFirstPaint", () => {
  it("runs at once when the page has already painted content", () => {
    vi.spyOn(performance, "getEntriesByName").mockReturnValue([FCP as unknown as PerformanceEntry]);
    const then = vi.fn();
    afterFirstPaint(then);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it("waits for the first-contentful-paint entry, ignoring other paints", () => {
    vi.spyOn(performance, "getEntriesByName").mockReturnValue([]);
    type Report = (list: { getEntriesByName: (name: string) => unknown[] }) => void;
    // The observer's callback, once `afterFirstPaint` created it.
    const reports: Report[] = [];
    const report: Report = (list) => {
      for (const r of reports) r(list);
    };
    const disconnect = vi.fn();
    class FakeObserver {
      static supportedEntryTypes = ["paint"];
      constructor(callback: Report) {
        reports.push(callback);
      }
      observe = vi.fn();
      disconnect = disconnect;
    }
    vi.stubGlobal("PerformanceObserver", FakeObserver);
    const then = vi.fn();
    afterFirstPaint(then);
    expect(then).not.toHaveBeenCalled();

    report({ getEntriesByName: () => [] }); // "first-paint": a background, no content yet
    expect(then).not.toHaveBeenCalled();
    report({ getEntriesByName: (name) => (name === FCP.name ? [FCP] : []) });
    expect(then).toHaveBeenCalledTimes(1);
    expect(disconnect).toHaveBeenCalledTimes(1);
  });

  it("falls back to after the next frame without the paint timing API", async () => {
    vi.spyOn(performance, "getEntriesByName").mockReturnValue([]);
    vi.stubGlobal("PerformanceObserver", undefined);
    const then = vi.fn();
    afterFirstPaint(then);
    expect(then).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(then).toHaveBeenCalledTimes(1));
  });
});

describe("whenIdle", () => {
  it("hands the work to requestIdleCallback where the web view has it", () => {
    let idle: (() => void) | undefined;
    vi.stubGlobal("requestIdleCallback", (callback: () => void) => {
      idle = callback;
      return 1;
    });
    const work = vi.fn();
    whenIdle(work);
    expect(work).not.toHaveBeenCalled();
    idle?.();
    expect(work).toHaveBeenCalledTimes(1);
  });

  it("runs the work after a short timeout, not at once, where it is missing", () => {
    vi.useFakeTimers();
    try {
      const work = vi.fn();
      whenIdle(work);
      expect(work).not.toHaveBeenCalled();
      vi.advanceTimersByTime(200);
      expect(work).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
