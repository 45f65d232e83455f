import { act, fireEvent, screen } from "../test/testing-library";
import { Suspense, useState } from "react";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { ScreenBoundary } from "../errors/boundary";
import { mockCommands } from "../test/ipc";
import { renderIn } from "../test/render";
import { lazyScreen } from "./lazyScreen";

/** A screen with state of its own (what the merchant typed must survive the parent's renders). */
function Counter({ label }: { label: string }) {
  const [count, setCount] = useState(0);
  return (
    <button type="button" data-testid="counter" onClick={() => setCount((n) => n + 1)}>
      {label} {count}
    </button>
  );
}

/** A chunk load the test settles by hand, counting how often the code was asked for. */
function controlledLoad() {
  const attempts: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  const load = () =>
    new Promise<typeof Counter>((resolve, reject) => {
      attempts.push({ resolve: () => resolve(Counter), reject });
    });
  return { load, attempts };
}

/** Where the app puts a screen: its error boundary, then a Suspense with no fallback. */
function Frame({ children }: { children: React.ReactNode }) {
  return (
    <ScreenBoundary area="test">
      <Suspense fallback={null}>{children}</Suspense>
    </ScreenBoundary>
  );
}

describe("a lazily loaded screen", () => {
  it("appears once its code has loaded, drawing nothing meanwhile", async () => {
    const { load, attempts } = controlledLoad();
    const Screen = lazyScreen(load);
    const { container } = renderIn("en", <Frame>{<Screen label="Sales" />}</Frame>);
    expect(container.textContent).toBe("");
    expect(attempts).toHaveLength(1);
    await act(async () => attempts[0]?.resolve());
    expect(screen.getByTestId("counter").textContent).toBe("Sales 0");
  });

  it("keeps its state when the parent renders again after the code arrived", async () => {
    const { load, attempts } = controlledLoad();
    const Screen = lazyScreen(load);
    const view = renderIn("en", <Frame>{<Screen label="Sales" />}</Frame>);
    await act(async () => attempts[0]?.resolve());
    fireEvent.click(screen.getByTestId("counter"));
    view.rerender(
      <I18nextProvider i18n={view.i18n}>
        <Frame>{<Screen label="Ventes" />}</Frame>
      </I18nextProvider>,
    );
    expect(screen.getByTestId("counter").textContent).toBe("Ventes 1");
  });

  it("renders at once, without suspending, when it was preloaded", async () => {
    const { load, attempts } = controlledLoad();
    const Screen = lazyScreen(load);
    Screen.preload();
    await act(async () => attempts[0]?.resolve());
    renderIn("en", <Frame>{<Screen label="Day" />}</Frame>);
    expect(screen.getByTestId("counter").textContent).toBe("Day 0");
    expect(attempts).toHaveLength(1);
  });

  it("shows the screen error with its message when the code fails to load, and Retry loads it again", async () => {
    const ipc = mockCommands({ report_ui_error: () => null });
    const { load, attempts } = controlledLoad();
    const Screen = lazyScreen(load);
    renderIn("en", <Frame>{<Screen label="Books" />}</Frame>);
    const missing = "Failed to fetch dynamically imported module: /assets/BooksScreen.js";
    await act(async () => attempts[0]?.reject(new TypeError(missing)));
    expect((await screen.findByTestId("screen-error")).textContent).toContain("This screen could not be shown");
    expect(screen.getByTestId("screen-error-message").textContent).toBe(missing);
    expect(ipc.names()).toContain("report_ui_error");

    fireEvent.click(screen.getByTestId("screen-error-retry"));
    expect(attempts).toHaveLength(2);
    await act(async () => attempts[1]?.resolve());
    expect(screen.queryByTestId("screen-error")).toBeNull();
    expect(screen.getByTestId("counter").textContent).toBe("Books 0");
  });
});
