import { act, fireEvent, screen } from "../test/testing-library";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderIn } from "../test/render";
import { ErrorNotice } from "./ErrorNotice";

const rateLimited = (retryAfterSeconds: number) => ({
  code: "rateLimited",
  message: "429 Too Many Requests",
  details: { retryAfterSeconds },
});

/** Lets `seconds` pass on the fake clock, rendering what the timers changed. */
function wait(seconds: number) {
  act(() => {
    vi.advanceTimersByTime(seconds * 1000);
  });
}

const text = () => screen.getByRole("alert").querySelector("p")?.textContent;

describe("ErrorNotice, rate limited", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("counts the wait down every second, then lets the merchant try again", () => {
    const onRetry = vi.fn();
    renderIn("en", <ErrorNotice error={rateLimited(3)} onRetry={onRetry} />);
    const retry = screen.getByRole("button", { name: "Try again" }) as HTMLButtonElement;
    expect(text()).toBe("Too many requests — try again in 3 seconds");
    expect(retry.disabled).toBe(true);
    wait(1);
    expect(text()).toBe("Too many requests — try again in 2 seconds");
    wait(1);
    expect(text()).toBe("Too many requests — try again in 1 second");
    expect(retry.disabled).toBe(true);
    wait(1);
    expect(text()).toBe("Too many requests — you can try again now");
    expect(retry.disabled).toBe(false);
    fireEvent.click(retry);
    expect(onRetry).toHaveBeenCalledTimes(1);
    wait(5);
    expect(text()).toBe("Too many requests — you can try again now");
  });

  it("restarts the count for a new failure", () => {
    const { rerender } = renderIn("en", <ErrorNotice error={rateLimited(2)} />);
    wait(2);
    expect(text()).toBe("Too many requests — you can try again now");
    rerender(<ErrorNotice error={rateLimited(2)} />);
    expect(text()).toBe("Too many requests — try again in 2 seconds");
  });

  it("uses French singular and plural", () => {
    renderIn("fr", <ErrorNotice error={rateLimited(2)} />);
    expect(text()).toBe("Trop de requêtes — réessayez dans 2 secondes");
    wait(1);
    expect(text()).toBe("Trop de requêtes — réessayez dans 1 seconde");
    wait(1);
    expect(text()).toBe("Trop de requêtes — vous pouvez réessayer maintenant");
  });

  it("uses the Arabic plural forms as the count goes down", () => {
    renderIn("ar", <ErrorNotice error={rateLimited(11)} />);
    expect(text()).toBe("طلبات كثيرة — أعد المحاولة بعد 11 ثانية");
    wait(1);
    expect(text()).toBe("طلبات كثيرة — أعد المحاولة بعد 10 ثوانٍ");
    wait(7);
    expect(text()).toBe("طلبات كثيرة — أعد المحاولة بعد 3 ثوانٍ");
    wait(1);
    expect(text()).toBe("طلبات كثيرة — أعد المحاولة بعد ثانيتين");
    wait(1);
    expect(text()).toBe("طلبات كثيرة — أعد المحاولة بعد ثانية واحدة");
    wait(1);
    expect(text()).toBe("طلبات كثيرة — يمكنك إعادة المحاولة الآن");
  });

  it("says 'shortly' when DHMAD gave no wait, and keeps other failures' retry enabled", () => {
    const onRetry = vi.fn();
    renderIn("en", <ErrorNotice error={{ code: "rateLimited", message: "429" }} onRetry={onRetry} />);
    expect(text()).toBe("Too many requests — retrying shortly");
    expect((screen.getByRole("button", { name: "Try again" }) as HTMLButtonElement).disabled).toBe(false);
  });
});
