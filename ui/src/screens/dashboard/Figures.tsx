import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import type { BalanceView } from "../../bindings/BalanceView";
import type { BucketView } from "../../bindings/BucketView";
import type { ComingToYouView } from "../../bindings/ComingToYouView";
import type { HeldBucket } from "../../bindings/HeldBucket";
import type { MethodTotals } from "../../bindings/MethodTotals";
import type { Totals as PeriodTotals } from "../../bindings/Totals";
import { formatDateTime, formatMoney } from "../../format";
import { useLocale } from "../../format/useLocale";
import { methodName } from "../day/MethodName";
import { useShopMethods } from "../day/useShopMethods";

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

/** The parts of the held money, each with the list filter that shows its sales. */
const WAITING: readonly { key: Exclude<keyof ComingToYouView, "held">; bucket: HeldBucket }[] = [
  { key: "awaitingDelivery", bucket: "delivery" },
  { key: "awaitingBuyer", bucket: "buyer" },
  { key: "releasingSoon", bucket: "releasingSoon" },
  { key: "disputed", bucket: "disputed" },
  { key: "cancellationRequested", bucket: "cancellation" },
];

/**
 * "Coming to you": money DHMAD holds for the merchant's sales (from the book), and what each part
 * waits for. Every figure opens the sales behind it.
 */
export function ComingToYou({ coming, onOpen }: { coming: ComingToYouView; onOpen: (bucket: HeldBucket) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const line = (label: string, b: BucketView, bucket: HeldBucket, testid: string) => (
    <li key={bucket} data-testid={testid}>
      <button type="button" className="coming__line" onClick={() => onOpen(bucket)}>
        <span className="coming__label">{label}</span>
        <span className="coming__count">{t("dashboard.coming.count", { count: b.count })}</span>
        <span className="coming__amount">{formatMoney(b.amount, locale)}</span>
      </button>
    </li>
  );
  return (
    <section className="card" aria-labelledby="coming-title" data-testid="coming-to-you">
      <h2 id="coming-title">{t("dashboard.coming.title")}</h2>
      <p className="figure__help">{t("dashboard.coming.help")}</p>
      {coming.held.count === 0 ? (
        <p className="muted">{t("dashboard.coming.none")}</p>
      ) : (
        <>
          <div className="figure" data-testid="coming-held">
            <div className="figure__label">{t("dashboard.coming.held")}</div>
            <div className="figure__value">{formatMoney(coming.held.amount, locale)}</div>
            <div className="figure__help">
              {t("dashboard.coming.net", { amount: formatMoney(coming.held.net, locale) })}
            </div>
            <p data-testid="coming-any">
              <button type="button" className="link" onClick={() => onOpen("any")}>
                {t("dashboard.coming.show", { count: coming.held.count })}
              </button>
            </p>
          </div>
          <ul className="coming">
            {WAITING.filter(({ key }) => coming[key].count > 0).map(({ key, bucket }) =>
              line(t(`dashboard.coming.${key}`), coming[key], bucket, `coming-${bucket}`),
            )}
          </ul>
        </>
      )}
    </section>
  );
}

/** One period's sales: count, gross, fees, net. */
export function Totals({ period, totals }: { period: "today" | "month"; totals: PeriodTotals }) {
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

/** What the till recorded today, by method: money in hand (or on its way from a bank or wallet). */
export function TillToday({ lines }: { lines: readonly MethodTotals[] }) {
  return lines.length === 0 ? null : <TillTodayCard lines={lines} />;
}

function TillTodayCard({ lines }: { lines: readonly MethodTotals[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const methods = useShopMethods();
  const total = lines.reduce((sum, l) => sum + l.net, 0);
  return (
    <section className="card" aria-labelledby="till-today" data-testid="till-today">
      <h2 id="till-today">{t("day.byMethod.tillToday")}</h2>
      <p className="figure__help">{t("day.byMethod.tillTodayHelp")}</p>
      <dl className="facts">
        {lines.map((l) => (
          <Fragment key={l.method}>
            <dt>{methodName(t, l.method, methods)}</dt>
            <dd data-testid={`till-today-${l.method}`}>
              {t("day.byMethod.figure", { count: l.salesCount, amount: formatMoney(l.net, locale) })}
            </dd>
          </Fragment>
        ))}
        <dt>{t("day.byMethod.net")}</dt>
        <dd data-testid="till-today-total">{formatMoney(total, locale)}</dd>
      </dl>
    </section>
  );
}
