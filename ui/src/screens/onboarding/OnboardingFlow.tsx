import { useState } from "react";
import type { ProfileView } from "../../bindings/ProfileView";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { startDemo } from "../../platform";
import { type Door, Onboarding } from "../Onboarding";
import { KeyForm } from "./KeyForm";

interface OnboardingFlowProps {
  /** A profile is open: go to the dashboard. */
  onReady: (profile: ProfileView) => void;
}

/** The three doors and what is behind them: the demo starts at once, keys get a form. */
export function OnboardingFlow({ onReady }: OnboardingFlowProps) {
  const [door, setDoor] = useState<Door | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const choose = (chosen: Door) => {
    setError(null);
    if (chosen !== "demo") {
      setDoor(chosen);
      return;
    }
    setBusy(true);
    startDemo()
      .then(onReady)
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };

  if (door === "sandbox" || door === "live") {
    return <KeyForm environment={door} onConnected={onReady} onBack={() => setDoor(null)} />;
  }
  return (
    <>
      <Onboarding onChoose={choose} busy={busy} />
      {error !== null ? <ErrorNotice error={error} /> : null}
    </>
  );
}
