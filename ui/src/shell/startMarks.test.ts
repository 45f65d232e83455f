import { afterEach, describe, expect, it, vi } from "vitest";
import { markStart, resetStartMarksForTests, startMarks } from "./startMarks";

const FCP = { name: "first-contentful-paint", entryType: "paint", startTime: 130 };

afterEach(() => {
  vi.restoreAllMocks();
  resetStartMarksForTests();
});

/** `performance.now()` answering `times` in turn. */
function clockAt(...times: number[]): void {
  const now = vi.spyOn(performance, "now");
  for (const t of times) now.mockReturnValueOnce(t);
}

describe("startMarks", () => {
  it("gives each step's first time, the first contentful paint and the moment of the call", () => {
    vi.spyOn(performance, "getEntriesByName").mockReturnValue([FCP as unknown as PerformanceEntry]);
    clockAt(40, 46, 57, 70, 132);
    markStart("script");
    markStart("prepared");
    markStart("prepared"); // a second render does not move the first time
    markStart("committed");
    markStart("effects");
    expect(startMarks()).toEqual({
      script: 40,
      prepared: 46,
      committed: 57,
      effects: 70,
      painted: 130,
      signalled: 132,
    });
  });

  it("counts a step never reached as taking nothing, not as a time before the page began", () => {
    vi.spyOn(performance, "getEntriesByName").mockReturnValue([]);
    clockAt(40, 90);
    markStart("script");
    expect(startMarks()).toEqual({ script: 40, prepared: 40, committed: 40, effects: 40, painted: 40, signalled: 90 });
  });
});
