import { useTranslation } from "react-i18next";
import type { SyncStatusView } from "../../bindings/SyncStatusView";
import { formatDateTime } from "../../format";
import { useLocale } from "../../format/useLocale";
import { SyncProblems } from "./SyncProblems";

interface SyncPanelProps {
  sync: SyncStatusView;
  onSync: () => void;
  /** A sync request is being sent. */
  starting?: boolean;
}

/** Where the local book stands: progress of a running sync, or when it last finished. */
export function SyncPanel({ sync, onSync, starting = false }: SyncPanelProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  let line: string;
  if (sync.running) {
    line = sync.total > 0 ? t("sync.progress", { done: sync.done, total: sync.total }) : t("sync.running");
  } else if (sync.lastSyncAt) {
    line = t("sync.lastSynced", { when: formatDateTime(sync.lastSyncAt, locale) });
  } else {
    line = t("sync.never");
  }
  return (
    <section className="card sync-panel" aria-labelledby="sync-title" data-testid="sync-status">
      <h2 id="sync-title">{t("sync.title")}</h2>
      <p aria-live="polite">{line}</p>
      {sync.running && sync.total > 0 ? (
        <progress max={sync.total} value={Math.min(sync.done, sync.total)} aria-label={t("sync.progressLabel")} />
      ) : null}
      <p className="muted">{t("sync.count", { count: sync.escrowCount })}</p>
      <SyncProblems sync={sync} />
      <button type="button" className="button" disabled={sync.running || starting} onClick={onSync}>
        {sync.running ? t("sync.syncing") : t("sync.action")}
      </button>
    </section>
  );
}
