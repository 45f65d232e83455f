import { act, render, screen } from "../test/testing-library";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Root } from "../screens/customer/Root";
import { applyThemeChoice } from "../screens/settings/applyPreferences";
import { profile } from "../test/fixtures";
import { mockCommands } from "../test/ipc";
import { renderIn } from "../test/render";
import { AppShell } from "./AppShell";
import { chooseTheme, useFollowSystemTheme } from "./theme";

/** A system whose light/dark preference the test flips, as the OS would. */
function mockSystem(dark: boolean) {
  const listeners = new Set<() => void>();
  const query = {
    get matches() {
      return dark;
    },
    media: "(prefers-color-scheme: dark)",
    addEventListener: (_: string, l: () => void) => listeners.add(l),
    removeEventListener: (_: string, l: () => void) => listeners.delete(l),
  };
  vi.stubGlobal("matchMedia", (media: string) => {
    expect(media).toBe("(prefers-color-scheme: dark)");
    return query;
  });
  return {
    listeners,
    set(next: boolean) {
      dark = next;
      act(() => {
        for (const l of [...listeners]) l();
      });
    },
  };
}

function Follower() {
  useFollowSystemTheme();
  return null;
}

const shown = () => document.documentElement.dataset.theme;

describe("the system theme", () => {
  let system: ReturnType<typeof mockSystem>;
  beforeEach(() => {
    system = mockSystem(false);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    window.location.hash = "";
  });

  it("follows the system live while 'system' is chosen", () => {
    chooseTheme("system");
    render(<Follower />);
    expect(shown()).toBe("light");
    system.set(true);
    expect(shown()).toBe("dark");
    system.set(false);
    expect(shown()).toBe("light");
  });

  it("stops following when a theme is chosen, and picks up the system when 'system' is chosen again", () => {
    chooseTheme("system");
    render(<Follower />);
    expect(system.listeners.size).toBe(1);
    act(() => chooseTheme("light"));
    expect(system.listeners.size).toBe(0);
    system.set(true);
    expect(shown()).toBe("light");
    expect(window.localStorage.getItem("dhmad.theme")).toBe("light");
    act(() => applyThemeChoice("system")); // what the settings screen does
    expect(shown()).toBe("dark");
    expect(window.localStorage.getItem("dhmad.theme")).toBeNull();
    expect(system.listeners.size).toBe(1);
    system.set(false);
    expect(shown()).toBe("light");
  });

  it("removes its listener when the window's root unmounts", () => {
    chooseTheme("system");
    const { unmount } = render(<Follower />);
    expect(system.listeners.size).toBe(1);
    unmount();
    expect(system.listeners.size).toBe(0);
  });

  it("keeps the theme button's label in step with the system", () => {
    chooseTheme("system");
    renderIn(
      "en",
      <>
        <Follower />
        <AppShell nav={[]} current={null} onNavigate={() => {}}>
          <p />
        </AppShell>
      </>,
    );
    expect(screen.getByRole("button", { name: "Dark theme" })).toBeTruthy();
    system.set(true);
    expect(screen.getByRole("button", { name: "Light theme" })).toBeTruthy();
  });

  it("is followed by every window (the root mounts the follower)", async () => {
    window.location.hash = "#customer";
    mockCommands({
      profiles_list: () => ({ profiles: [profile()], activeId: "p1" }),
      counter_sales: () => ({ unfinished: [], recent: [] }),
    });
    chooseTheme("system");
    const { unmount } = renderIn("en", <Root />);
    await screen.findByTestId("customer-display");
    system.set(true);
    expect(shown()).toBe("dark");
    unmount();
    expect(system.listeners.size).toBe(0);
  });
});
