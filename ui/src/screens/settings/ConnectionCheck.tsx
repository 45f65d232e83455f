import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CheckStatus } from "../../bindings/CheckStatus";
import type { Check } from "../../bindings/Check";
import type { ConnectionCheckView } from "../../bindings/ConnectionCheckView";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { checkConnection } from "../../platform";

const MARKS: Record<CheckStatus, string> = { ok: "✓", warn: "⚠", fail: "✗", skipped: "–" };

/**
 * Settings → "Check connection": the same checks as `dhmad doctor`, one line each with what to
 * do, and "Copy for support" (the report never holds the key).
 */
export function ConnectionCheck() {
  const { t } = useTranslation();
  const [report, setReport] = useState<ConnectionCheckView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState<boolean | null>(null);

  const run = () => {
    setBusy(true);
    setError(null);
    setCopied(null);
    checkConnection()
      .then(setReport)
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  const copy = (text: string) => {
    navigator.clipboard
      .writeText(text)
      .then(() => setCopied(true))
      .catch(() => setCopied(false));
  };

  return (
    <section className="card settings-section" data-testid="connection-check">
      <h2>{t("settings.check.heading")}</h2>
      <div className="notice__actions">
        <button type="button" className="button" data-testid="connection-check-run" onClick={run} disabled={busy}>
          {busy ? t("settings.check.running") : t("settings.check.run")}
        </button>
        {report ? (
          <button
            type="button"
            className="button"
            data-testid="connection-check-copy"
            onClick={() => copy(report.supportText)}
          >
            {t("settings.check.copy")}
          </button>
        ) : null}
        {copied === true ? <span role="status">{t("settings.check.copied")}</span> : null}
        {copied === false ? <span role="status">{t("settings.check.copyFailed")}</span> : null}
      </div>
      {error !== null ? <ErrorNotice error={error} onRetry={run} /> : null}
      {report ? (
        <>
          <p role="status" data-testid="connection-check-verdict">
            {report.passed ? t("settings.check.passed") : t("settings.check.failed")}
          </p>
          <ul className="connection-check__list">
            {report.checks.map((check) => (
              <CheckLine key={check.id} check={check} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function CheckLine({ check }: { check: Check }) {
  const { t } = useTranslation();
  return (
    <li
      className={`connection-check__line connection-check__line--${check.status}`}
      data-testid={`check-${check.id}`}
      data-status={check.status}
    >
      <span className="connection-check__mark" role="img" aria-label={t(`settings.check.status.${check.status}`)}>
        {MARKS[check.status]}
      </span>{" "}
      <strong>{t(`settings.check.name.${check.id}`)}</strong> <span dir="ltr">{check.summary}</span>
      {check.advice ? (
        <p className="muted" dir="ltr">
          {check.advice}
        </p>
      ) : null}
      {check.steps.length > 0 ? (
        <ol className="notice__steps" dir="ltr">
          {check.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      ) : null}
    </li>
  );
}
