import { useTranslation } from "react-i18next";
import type { BalanceView } from "../../bindings/BalanceView";
import type { TotalsView } from "../../bindings/TotalsView";
import { formatDateTime, formatMoney } from "../../format";
import { useLocale } from "../../format/useLocale";

const BUCKETS = ["available", "pending", "escrow"] as const;

/** The three balance buckets, each with what it means. */
export function Balances({ balance }: { balance: BalanceView | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="card" aria-labelledby="balances-title">
      <h2 id="balances-title">{t("dashboard.balance.title")}</h2>
      {balance === null ? (
        <p className="muted">{t("dashboard.balance.unknown")}</p>
      ) : (
        <>
          <div className="figures">
            {BUCKETS.map((bucket) => (
              <div key={bucket} className="figure" data-testid={`balance-${bucket}`}>
                <div className="figure__label">{t(`dashboard.balance.${bucket}`)}</div>
                <div className="figure__value">{formatMoney(balance[bucket], locale)}</div>
                <div className="figure__help">{t(`dashboard.balance.${bucket}Help`)}</div>
              </div>
            ))}
          </div>
          <p className="muted">{t("dashboard.balance.asOf", { when: formatDateTime(balance.asOf, locale) })}</p>
        </>
      )}
    </section>
  );
}

/** One period's sales: count, gross, fees, net. */
export function Totals({ period, totals }: { period: "today" | "month"; totals: TotalsView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fees = totals.escrowFee + totals.developerFee;
  return (
    <section className="card" aria-labelledby={`totals-${period}`} data-testid={`totals-${period}`}>
      <h2 id={`totals-${period}`}>{t(`dashboard.totals.${period}`)}</h2>
      <dl className="facts">
        <dt>{t("dashboard.totals.count")}</dt>
        <dd>{t("dashboard.totals.countValue", { count: totals.count, cancelled: totals.cancelledCount })}</dd>
        <dt>{t("dashboard.totals.gross")}</dt>
        <dd>{formatMoney(totals.gross, locale)}</dd>
        <dt>{t("dashboard.totals.fees")}</dt>
        <dd>{formatMoney(fees, locale)}</dd>
        <dt>{t("dashboard.totals.net")}</dt>
        <dd>{formatMoney(totals.net, locale)}</dd>
      </dl>
    </section>
  );
}
