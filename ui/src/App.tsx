import { Suspense, useCallback, useEffect, useLayoutEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { HeldBucket } from "./bindings/HeldBucket";
import type { ProfilesView } from "./bindings/ProfilesView";
import { ScreenBoundary } from "./errors/boundary";
import { ErrorNotice } from "./errors/ErrorNotice";
import { isLanguage, type Language } from "./i18n";
import { escrowAction, uiReady, updateEscrow } from "./platform";
import { Dashboard } from "./screens/dashboard/Dashboard";
import { OnboardingFlow } from "./screens/onboarding/OnboardingFlow";
import { useShare } from "./screens/share/useShare";
import { AppShell } from "./shell/AppShell";
import { afterFirstPaint } from "./shell/firstPaint";
import { markStart, startMarks } from "./shell/startMarks";
import type { BannerKind } from "./shell/EnvironmentBanner";
import {
  BooksScreen,
  CounterScreen,
  DayScreen,
  EscrowDetail,
  EscrowsScreen,
  KycScreen,
  NewEscrowForm,
  SettingsScreen,
  ShareDialog,
} from "./shell/lazyScreens";
import { ProfileSwitcher } from "./shell/ProfileSwitcher";
import { NAV_ITEMS, type ScreenId } from "./shell/screens";
import { useProfileLanguage } from "./shell/useProfileLanguage";
import { useProfiles } from "./shell/useProfiles";

let readySignalled = false;

/**
 * Tells the shell, once per page load, that the first screen is interactive: once it is on
 * screen (its first contentful paint; nothing is drawn before the first screen). The wait for the
 * paint starts in a layout effect, which runs as the screen is committed: Preact runs the other
 * effects only after the next frame, which would hold the signal one frame past the paint.
 */
function useSignalReady(ready: boolean): void {
  useLayoutEffect(() => {
    if (!ready || readySignalled) return;
    markStart("committed");
    readySignalled = true;
    afterFirstPaint(() => {
      uiReady(startMarks()).catch((error: unknown) => {
        console.error("ui_ready failed", error);
      });
    });
  }, [ready]);
  useEffect(() => {
    // The app's own effect runs after those of the screens inside it; noted if before the paint.
    if (ready) markStart("effects");
  }, [ready]);
}

/** Resets the once-per-load guard (tests mount the app several times in one page). */
export function resetReadySignalForTests(): void {
  readySignalled = false;
}

interface AppProps {
  /** The profiles when they were read before the first render (the start does). */
  initialProfiles?: ProfilesView | undefined;
}

export function App({ initialProfiles }: AppProps = {}) {
  const { t, i18n } = useTranslation();
  const { profiles, error, busy, reload, switchTo, saveLanguage } = useProfiles(initialProfiles);
  const [languageError, setLanguageError] = useState<unknown>(null);
  const [screen, setScreen] = useState<ScreenId | null>(null);
  const [escrowId, setEscrowId] = useState<string | null>(null);
  // The "Coming to you" figure whose sales the escrow list shows (null: the whole book).
  const [held, setHeld] = useState<HeldBucket | null>(null);
  // Bumped on a profile switch so every screen reloads its data from the new book.
  const [generation, setGeneration] = useState(0);
  // Bumped when a watched link changed an escrow, so the open detail reloads.
  const [escrowRefresh, setEscrowRefresh] = useState(0);
  const share = useShare(useCallback(() => setEscrowRefresh((n) => n + 1), []));

  const active = profiles?.profiles.find((p) => p.id === profiles.activeId) ?? null;
  useProfileLanguage(active?.id, active?.settings.language);
  const keepLanguage = (language: Language) => {
    setLanguageError(null);
    saveLanguage(language).catch((e: unknown) => {
      setLanguageError(e);
      reload();
    });
  };
  const current: ScreenId | null = screen ?? (profiles ? (active ? "dashboard" : "onboarding") : null);
  useSignalReady(current !== null || error !== null);

  const banner: BannerKind | undefined = active && active.environment !== "live" ? active.environment : undefined;
  const navigate = (id: ScreenId) => {
    setLanguageError(null);
    setEscrowId(null);
    setHeld(null);
    setScreen(id);
  };
  const openEscrow = (id: string) => {
    setEscrowId(id);
    setScreen("escrows");
  };
  const openHeld = (bucket: HeldBucket) => {
    setEscrowId(null);
    setHeld(bucket);
    setScreen("escrows");
  };
  const afterChange = (next: { activeId: string | null } | null) => {
    if (!next) return;
    share.close();
    setGeneration((g) => g + 1);
    setEscrowId(null);
    setScreen(next.activeId ? "dashboard" : "onboarding");
  };

  let content: ReactNode;
  if (current === null) {
    content =
      error !== null ? <ErrorNotice error={error} onRetry={reload} /> : <p className="muted">{t("common.loading")}</p>;
  } else if (current === "onboarding" || !active) {
    content = (
      <OnboardingFlow
        onReady={() => {
          // A new profile starts with the default language: it keeps the one the merchant was using.
          if (isLanguage(i18n.language)) keepLanguage(i18n.language);
          else reload();
          setGeneration((g) => g + 1);
          setScreen("dashboard");
        }}
      />
    );
  } else if (current === "escrows" && escrowId) {
    content = (
      <EscrowDetail
        key={`${generation}-${escrowId}`}
        id={escrowId}
        refresh={escrowRefresh}
        onBack={() => setEscrowId(null)}
        onApiAction={(id, action, reason) => escrowAction(id, action, reason)}
        onUpdate={(id, update) => updateEscrow({ id, ...update })}
        onShare={(id, option) =>
          void share.create({
            escrowId: id,
            action: option.action,
            ...(option.targetEmail ? { targetEmail: option.targetEmail } : {}),
          })
        }
        onShowSession={(sessionId) => void share.reopen(sessionId)}
      />
    );
  } else if (current === "escrows") {
    content = <EscrowsScreen key={`${generation}-${held ?? ""}`} onOpen={openEscrow} held={held} />;
  } else if (current === "newEscrow") {
    content = (
      <NewEscrowForm
        key={generation}
        onCreated={(created) => {
          openEscrow(created.escrow.row.id);
          void share.create(
            { escrowId: created.escrow.row.id, action: created.action, targetEmail: created.targetEmail },
            created.escrow.row.title,
          );
        }}
      />
    );
  } else if (current === "counter") {
    content = <CounterScreen key={generation} onExit={() => navigate("dashboard")} />;
  } else if (current === "day") {
    content = <DayScreen key={generation} />;
  } else if (current === "kyc") {
    content = <KycScreen key={generation} />;
  } else if (current === "books") {
    content = <BooksScreen key={generation} onOpenEscrow={openEscrow} onOpenHeld={openHeld} />;
  } else if (current === "settings") {
    content = (
      <SettingsScreen
        key={generation}
        onProfilesChanged={(next) => {
          reload();
          afterChange(next);
        }}
      />
    );
  } else {
    content = <Dashboard key={generation} onOpenEscrow={openEscrow} onOpenHeld={openHeld} />;
  }

  return (
    <AppShell
      banner={banner}
      nav={active ? NAV_ITEMS : []}
      current={current}
      onNavigate={navigate}
      onLanguageChange={(language) => {
        if (active) keepLanguage(language); // before any profile, the choice waits for the first one
      }}
      profiles={
        profiles && profiles.profiles.length > 0 ? (
          <ProfileSwitcher
            profiles={profiles}
            busy={busy}
            onSwitch={(id) => void switchTo(id).then(afterChange)}
            onAdd={() => setScreen("onboarding")}
          />
        ) : null
      }
    >
      {languageError !== null ? <ErrorNotice error={languageError} /> : null}
      {share.error !== null && share.state === null ? <ErrorNotice error={share.error} /> : null}
      <ScreenBoundary key={`${current ?? "start"}-${generation}-${escrowId ?? ""}`} area={current ?? "start"}>
        {/* Nothing while a screen's code loads (a few ms, and preloaded after the first paint). */}
        <Suspense fallback={null}>{content}</Suspense>
      </ScreenBoundary>
      {share.state ? (
        <ScreenBoundary area="share">
          <Suspense fallback={null}>
            <ShareDialog
              share={share.state.share}
              status={share.state.status}
              escrowStatus={share.state.escrowStatus}
              escrowTitle={share.state.escrowTitle}
              error={share.error}
              renewing={share.busy}
              onRenew={() => void share.renew()}
              onClose={share.close}
            />
          </Suspense>
        </ScreenBoundary>
      ) : null}
    </AppShell>
  );
}
