import { useEffect, useState } from "react";
import { uiReady } from "./platform";
import { AppShell } from "./shell/AppShell";
import { NAV_ITEMS, type ScreenId } from "./shell/screens";
import { Onboarding } from "./screens/Onboarding";

let readySignalled = false;

/** Tells the shell, once per page load, that the first screen is interactive. */
function useSignalReady(): void {
  useEffect(() => {
    if (readySignalled) return; // React StrictMode runs effects twice in development
    readySignalled = true;
    uiReady().catch((error: unknown) => {
      console.error("ui_ready failed", error);
    });
  }, []);
}

/** Resets the once-per-load guard (tests mount the app several times in one page). */
export function resetReadySignalForTests(): void {
  readySignalled = false;
}

export function App() {
  const [screen, setScreen] = useState<ScreenId>("onboarding");
  useSignalReady();
  return (
    <AppShell nav={NAV_ITEMS} current={screen} onNavigate={setScreen}>
      {screen === "onboarding" ? <Onboarding /> : null}
    </AppShell>
  );
}
