import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DashboardView } from "../../bindings/DashboardView";
import type { KeyEnvironment } from "../../bindings/KeyEnvironment";
import type { SyncStatusView } from "../../bindings/SyncStatusView";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { asCommandError, dashboard, subscribe, SYNC_STATUS_EVENT, syncNow } from "../../platform";
import { KeyForm } from "../onboarding/KeyForm";
import type { HeldBucket } from "../../bindings/HeldBucket";
import { Balances, ComingToYou, TillToday, Totals } from "./Figures";
import { NeedsActionList } from "./NeedsActionList";
import { SyncPanel } from "./SyncPanel";

/** A book older than this is synced as soon as the dashboard opens. */
export const STALE_AFTER_MS = 5 * 60 * 1000;

function isStale(sync: SyncStatusView, now: number): boolean {
  if (sync.running) return false;
  if (!sync.lastSyncAt) return true;
  const last = Date.parse(sync.lastSyncAt);
  return Number.isNaN(last) || now - last > STALE_AFTER_MS;
}

interface DashboardProps {
  onOpenEscrow: (id: string) => void;
  /** Opens the escrow list on the sales behind a "Coming to you" figure. */
  onOpenHeld?: (bucket: HeldBucket) => void;
  /** Clock (tests pass a fixed one). */
  now?: () => number;
}

/** Balances, sales, what needs action, and the sync — all from the local book. */
export function Dashboard({ onOpenEscrow, onOpenHeld = () => {}, now = Date.now }: DashboardProps) {
  const { t } = useTranslation();
  const [view, setView] = useState<DashboardView | null>(null);
  const [sync, setSync] = useState<SyncStatusView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [syncError, setSyncError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const autoSynced = useRef(false);

  // Only the latest read is shown: an earlier one may answer after it, with an older book.
  const reads = useRef(0);
  const load = useCallback(() => {
    const read = ++reads.current;
    dashboard()
      .then((v) => {
        if (read !== reads.current) return;
        setView(v);
        setSync(v.sync);
        setError(null);
      })
      .catch((e: unknown) => {
        if (read === reads.current) setError(e);
      });
  }, []);

  const startSync = useCallback(() => {
    setStarting(true);
    setSyncError(null);
    syncNow()
      .then(setSync)
      .catch((e: unknown) => setSyncError(e))
      .finally(() => setStarting(false));
  }, []);

  // The book is read once the sync's events are heard: a sync that ends in between (the first
  // one starts with the app) would otherwise leave the screen on a book that is still empty.
  useEffect(
    () =>
      subscribe<SyncStatusView>(
        SYNC_STATUS_EVENT,
        (status) => {
          setSync(status);
          if (!status.running) load(); // a sync ended: the book changed
        },
        load,
      ),
    [load],
  );

  useEffect(() => {
    if (view && !autoSynced.current && isStale(view.sync, now())) {
      autoSynced.current = true;
      startSync();
    }
  }, [view, now, startSync]);

  const keyNeeded = error !== null && view === null ? keyNeededBy(error) : null;
  if (keyNeeded) {
    return (
      <section className="screen" data-testid="dashboard">
        <KeyForm environment={keyNeeded.environment} profileId={keyNeeded.profileId} onConnected={load} />
      </section>
    );
  }
  if (error !== null && view === null) {
    return (
      <section className="screen" data-testid="dashboard">
        <h1>{t("dashboard.title")}</h1>
        <ErrorNotice error={error} onRetry={load} />
      </section>
    );
  }
  if (view === null || sync === null) {
    return (
      <section className="screen" data-testid="dashboard" aria-busy="true">
        <h1>{t("dashboard.title")}</h1>
        <p className="muted">{t("common.loading")}</p>
      </section>
    );
  }
  const offline = view.offline || sync.lastError?.code === "offline";
  return (
    <section className="screen" data-testid="dashboard">
      <h1>{t("dashboard.title")}</h1>
      {offline ? (
        <div className="notice notice--warning" role="status">
          {t("errors.offline")}
        </div>
      ) : null}
      {sync.lastError && sync.lastError.code !== "offline" ? <ErrorNotice error={sync.lastError} /> : null}
      {syncError !== null ? <ErrorNotice error={syncError} /> : null}
      <ComingToYou coming={view.comingToYou} onOpen={onOpenHeld} />
      <Balances balance={view.balance} />
      <div className="grid-2">
        <Totals period="today" totals={view.today} />
        <Totals period="month" totals={view.month} />
      </div>
      <TillToday lines={view.tillToday} />
      <NeedsActionList items={view.needsAction} total={view.needsActionTotal} onOpen={onOpenEscrow} />
      <SyncPanel sync={sync} onSync={startSync} starting={starting} />
    </section>
  );
}

/** The shop that asks for its key again (a key kept for the last session only), if that is the error. */
function keyNeededBy(error: unknown): { profileId: string; environment: KeyEnvironment } | null {
  const e = asCommandError(error);
  if (e.code !== "keyNeeded" || typeof e.details?.profileId !== "string") return null;
  return { profileId: e.details.profileId, environment: e.details.environment === "live" ? "live" : "sandbox" };
}
