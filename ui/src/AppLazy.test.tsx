import { fireEvent, screen, within } from "./test/testing-library";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App, resetReadySignalForTests } from "./App";
import { fullDashboard, profile } from "./test/fixtures";
import { mockCommands } from "./test/ipc";
import { renderIn } from "./test/render";

// The KYC screen's code fails to load while `unreachable` is set, as a missing chunk file would.
const chunk = vi.hoisted(() => ({ unreachable: false, loads: 0 }));
vi.mock("./screens/kyc/KycScreen", async (importOriginal) => {
  chunk.loads += 1;
  if (chunk.unreachable) throw new TypeError("Failed to fetch dynamically imported module: /assets/KycScreen.js");
  return importOriginal();
});

const english = { ...profile().settings, language: "en" as const };
const shop = profile({ id: "live", displayName: "Boutique", environment: "live", settings: english });

function backend() {
  return mockCommands({
    profiles_list: () => ({ profiles: [shop], activeId: "live" }),
    ui_ready: () => ({ sinceStartMs: 1 }),
    dashboard: () => fullDashboard(),
    report_ui_error: () => null,
    kyc_list: () => [],
  });
}

// These run in order in one module registry: the first opening of a screen is a real dynamic import.
describe("screens loaded when first opened", () => {
  beforeEach(() => resetReadySignalForTests());

  it("shows the screen error with Retry when the screen's code cannot be loaded, and Retry opens it", async () => {
    const ipc = backend();
    chunk.unreachable = true;
    renderIn("en", <App />);
    fireEvent.click(await screen.findByTestId("nav-kyc"));
    const panel = await screen.findByTestId("screen-error");
    expect(panel.textContent).toContain("This screen could not be shown");
    // What failed, for support (the test runner words the failed import in its own way).
    expect(within(panel).getByTestId("screen-error-message").textContent).not.toBe("");
    expect(chunk.loads).toBe(1);
    expect(ipc.names()).toContain("report_ui_error");
    // The rest of the app still works: the sidebar is there.
    expect(screen.getByTestId("nav-dashboard")).toBeTruthy();

    chunk.unreachable = false;
    fireEvent.click(screen.getByTestId("screen-error-retry"));
    expect(await screen.findByTestId("kyc-screen")).toBeTruthy();
    expect(screen.queryByTestId("screen-error")).toBeNull();
    expect(chunk.loads).toBe(2);
  });

  it("opens a screen whose code was not loaded yet, and it stays loaded for the next opening", async () => {
    backend();
    renderIn("en", <App />);
    fireEvent.click(await screen.findByTestId("nav-books"));
    expect(await screen.findByTestId("books-screen")).toBeTruthy();
    fireEvent.click(screen.getByTestId("nav-kyc"));
    // Loaded by the test above: drawn in the same render as the click, without suspending.
    expect(screen.getByTestId("kyc-screen")).toBeTruthy();
  });
});
