import { fireEvent, screen, waitFor } from "./test/testing-library";
import { beforeEach, describe, expect, it } from "vitest";
import { App, resetReadySignalForTests } from "./App";
import { fullDashboard, profile } from "./test/fixtures";
import { mockCommands } from "./test/ipc";
import { renderIn } from "./test/render";

// Saved in English, the language these tests read the app in (the active profile's language wins).
const english = { ...profile().settings, language: "en" as const };
const demo = profile({ id: "demo", displayName: "Démo", environment: "demo", settings: english });
const live = profile({ id: "live", displayName: "Boutique", environment: "live", settings: english });

describe("App with profiles", () => {
  beforeEach(() => resetReadySignalForTests());

  it("opens the dashboard of the active profile with its DEMO banner", async () => {
    mockCommands({
      profiles_list: () => ({ profiles: [demo, live], activeId: "demo" }),
      ui_ready: () => ({ sinceStartMs: 1 }),
      dashboard: () => fullDashboard(),
    });
    renderIn("en", <App />);
    expect(await screen.findByTestId("dashboard")).toBeTruthy();
    expect(screen.getByTestId("env-banner").textContent).toContain("DEMO");
    expect(screen.getByTestId("nav-dashboard")).toBeTruthy();
  });

  it("switches to a live profile: no banner, the dashboard reloads", async () => {
    const ipc = mockCommands({
      profiles_list: () => ({ profiles: [demo, live], activeId: "demo" }),
      ui_ready: () => ({ sinceStartMs: 1 }),
      dashboard: () => fullDashboard(),
      switch_profile: (args) => ({ profiles: [demo, live], activeId: (args.request as { id: string }).id }),
    });
    renderIn("en", <App />);
    await screen.findByTestId("balance-available");
    fireEvent.change(screen.getByLabelText("Profile"), { target: { value: "live" } });
    await waitFor(() => expect(screen.queryByTestId("env-banner")).toBeNull());
    await waitFor(() => expect(ipc.names().filter((n) => n === "dashboard").length).toBe(2));
    expect(ipc.calls.find((c) => c.cmd === "switch_profile")?.args).toEqual({ request: { id: "live" } });
  });

  it("removes a profile from Settings only, after a confirmation that says its key and book are deleted", async () => {
    const ipc = mockCommands({
      profiles_list: () => ({ profiles: [live], activeId: "live" }),
      ui_ready: () => ({ sinceStartMs: 1 }),
      dashboard: () => fullDashboard(),
      remove_profile: () => ({ profiles: [], activeId: null }),
    });
    renderIn("en", <App />);
    await screen.findByTestId("dashboard");
    // Nothing on the screens every page shows can remove the profile.
    expect(screen.queryByRole("button", { name: /remove/i })).toBeNull();
    fireEvent.click(screen.getByTestId("nav-settings"));
    fireEvent.click(await screen.findByRole("button", { name: "Remove" }));
    const dialog = screen.getByRole("alertdialog").textContent ?? "";
    expect(dialog).toContain("“Boutique”");
    expect(dialog).toContain("deleted from the system keychain");
    expect(dialog).toContain("its local book");
    expect(ipc.names()).not.toContain("remove_profile");
    fireEvent.click(screen.getByRole("button", { name: "Remove and delete the book" }));
    expect(await screen.findByTestId("door-demo")).toBeTruthy();
    expect(ipc.calls.find((c) => c.cmd === "remove_profile")?.args).toEqual({ request: { id: "live" } });
  });

  it("goes from the demo door to the dashboard", async () => {
    let active: string | null = null;
    mockCommands({
      profiles_list: () => ({ profiles: active ? [demo] : [], activeId: active }),
      ui_ready: () => ({ sinceStartMs: 1 }),
      start_demo: () => {
        active = "demo";
        return demo;
      },
      dashboard: () => fullDashboard(),
    });
    renderIn("en", <App />);
    fireEvent.click(await screen.findByTestId("door-demo"));
    expect(await screen.findByTestId("balance-available")).toBeTruthy();
    expect((await screen.findByTestId("env-banner")).textContent).toContain("DEMO");
  });

  it("shows why the profiles could not be read, with a retry", async () => {
    mockCommands({
      profiles_list: () => {
        throw { code: "internal", message: "profiles.json: EOF while parsing" };
      },
      ui_ready: () => ({ sinceStartMs: 1 }),
    });
    renderIn("en", <App />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Something went wrong in the app.");
    expect(alert.textContent).not.toContain("EOF");
  });
});
