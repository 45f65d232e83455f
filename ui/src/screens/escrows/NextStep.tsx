import { useTranslation } from "react-i18next";
import type { EscrowView } from "../../bindings/EscrowView";
import { formatDate, formatDateTime } from "../../format";
import { useLocale } from "../../format/useLocale";
import { useNow } from "../counter/useNow";
import { formatSpan, nextStep } from "./nextStep";

/** "in 2 days 4 hrs" or "overdue by 3 hrs", from now to `deadline`. */
function Countdown({ deadline }: { deadline: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const left = Date.parse(deadline) - useNow();
  const overdue = left < 0;
  // No live region: a countdown announced at every tick would drown everything else out.
  return (
    <span
      className={overdue ? "next-step__countdown next-step__countdown--overdue" : "next-step__countdown"}
      data-testid="next-countdown"
    >
      {t(overdue ? "detail.next.overdue" : "detail.next.in", { duration: formatSpan(left, locale) })}
    </span>
  );
}

/** Who must act next on the escrow, what, and by when, with a countdown where there is a deadline. */
export function NextStepSection({ escrow }: { escrow: EscrowView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const next = nextStep(escrow);
  if (next === null) return null;
  return (
    <section className="card next-step" aria-labelledby="next-step-title" data-testid="next-step">
      <h2 id="next-step-title">{t("detail.next.title")}</h2>
      <p className="next-step__what" data-testid="next-step-what">
        {t(`nextAction.${next.code}`)}
      </p>
      {next.deadline !== null ? (
        <p>
          {t("detail.next.by", { when: formatDateTime(next.deadline, locale) })} ·{" "}
          <Countdown deadline={next.deadline} />
        </p>
      ) : null}
      {next.consequence !== null ? <p className="muted">{t(`detail.next.${next.consequence}`)}</p> : null}
      {next.expected !== null ? (
        <p className="muted" data-testid="next-expected">
          {t("detail.next.expected", { when: formatDate(next.expected, locale) })}
        </p>
      ) : null}
    </section>
  );
}
