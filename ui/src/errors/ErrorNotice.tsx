import { useTranslation } from "react-i18next";
import { openExternal } from "../platform";
import { describeError } from "./describe";

interface ErrorNoticeProps {
  /** What a command rejected with. */
  error: unknown;
  /** Offer "try again" with this handler. */
  onRetry?: (() => void) | undefined;
}

/** The one way failures are shown: a sentence, the association steps when needed, a retry. */
export function ErrorNotice({ error, onRetry }: ErrorNoticeProps) {
  const { t } = useTranslation();
  const d = describeError(error, t);
  const dashboardUrl = d.dashboardUrl;
  return (
    <div className="notice notice--error" role="alert">
      <p>{d.text}</p>
      {d.steps.length > 0 ? (
        <>
          <p>{t("errors.stepsIntro")}</p>
          <ol className="notice__steps">
            {d.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </>
      ) : null}
      <div className="notice__actions">
        {dashboardUrl ? (
          <button type="button" className="button" onClick={() => void openExternal(dashboardUrl).catch(() => {})}>
            {t("errors.openDashboard")}
          </button>
        ) : null}
        {onRetry ? (
          <button type="button" className="button" onClick={onRetry}>
            {t("common.retry")}
          </button>
        ) : null}
      </div>
    </div>
  );
}
