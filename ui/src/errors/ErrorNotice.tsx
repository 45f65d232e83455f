import { useTranslation } from "react-i18next";
import { openExternal } from "../platform";
import { describeError, rateLimitText } from "./describe";
import { useCountdown } from "./useCountdown";

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
  // A rate limit counts down to "try again now"; retrying earlier would only be refused again.
  const secondsLeft = useCountdown(d.code === "rateLimited" ? d.retryAfterSeconds : null, error);
  const text = d.code === "rateLimited" ? rateLimitText(t, secondsLeft) : d.text;
  const waiting = secondsLeft !== null && secondsLeft > 0;
  return (
    <div className="notice notice--error" role="alert">
      <p>{text}</p>
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
          <button type="button" className="button" onClick={onRetry} disabled={waiting}>
            {t("common.retry")}
          </button>
        ) : null}
      </div>
    </div>
  );
}
