import { fireEvent, screen } from "./test/testing-library";
import { beforeEach, describe, expect, it } from "vitest";
import { App, resetReadySignalForTests } from "./App";
import { preloadScreens } from "./shell/lazyScreens";
import { fullDashboard, profile } from "./test/fixtures";
import { mockCommands } from "./test/ipc";
import { renderIn } from "./test/render";

const english = { ...profile().settings, language: "en" as const };

describe("screens preloaded after the first paint", () => {
  beforeEach(() => resetReadySignalForTests());

  it("open in the same render as the click, without waiting for their code", async () => {
    mockCommands({
      profiles_list: () => ({ profiles: [profile({ settings: english })], activeId: "p1" }),
      ui_ready: () => ({ sinceStartMs: 1 }),
      dashboard: () => fullDashboard(),
      kyc_list: () => [],
    });
    await preloadScreens();
    renderIn("en", <App />);
    fireEvent.click(await screen.findByTestId("nav-kyc"));
    expect(screen.getByTestId("kyc-screen")).toBeTruthy();
    fireEvent.click(screen.getByTestId("nav-books"));
    expect(screen.getByTestId("books-screen")).toBeTruthy();
  });
});
