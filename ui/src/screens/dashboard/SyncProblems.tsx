import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { SyncStatusView } from "../../bindings/SyncStatusView";
import { formatDateTime } from "../../format";
import { useLocale } from "../../format/useLocale";

/** The support text: every shortfall and unreadable record, already redacted by the book. */
export function supportReport(sync: SyncStatusView): string {
  return JSON.stringify(
    { unreadableCount: sync.unreadableCount, shortfalls: sync.shortfalls, unreadable: sync.unreadable },
    null,
    2,
  );
}

/**
 * What the last syncs could not read, so nothing is lost silently: lists whose announced total
 * disagreed ("N of M read") and records set aside, with details and a copy for support.
 */
export function SyncProblems({ sync }: { sync: SyncStatusView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  if (sync.shortfalls.length === 0 && sync.unreadableCount === 0) return null;
  const copy = () => {
    navigator.clipboard
      .writeText(supportReport(sync))
      .then(() => setCopied("yes"))
      .catch(() => setCopied("failed"));
  };
  return (
    <div className="sync-problems" role="status" data-testid="sync-problems">
      {sync.shortfalls.map((s) => (
        <p key={s.endpoint} className="warning">
          {t("sync.shortfall", { read: s.read, total: s.announced })}
        </p>
      ))}
      {sync.unreadableCount > 0 ? (
        <>
          <p className="warning">{t("sync.unreadable", { count: sync.unreadableCount })}</p>
          <details>
            <summary>{t("sync.unreadableDetails")}</summary>
            <ul>
              {sync.unreadable.map((r) => (
                <li key={`${r.recordId ?? r.raw}`}>
                  <code dir="ltr">{r.recordId ?? t("sync.noId")}</code> <span dir="ltr">{r.reason}</span>{" "}
                  <span className="muted">{t("sync.lastSeen", { when: formatDateTime(r.lastSeen, locale) })}</span>
                </li>
              ))}
            </ul>
          </details>
        </>
      ) : null}
      <button type="button" className="button" onClick={copy}>
        {t("sync.copyForSupport")}
      </button>
      {copied === "yes" ? <span aria-live="polite">{t("sync.copied")}</span> : null}
      {copied === "failed" ? <span aria-live="polite">{t("sync.copyFailed")}</span> : null}
    </div>
  );
}
