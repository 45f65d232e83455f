import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { MethodView } from "../../bindings/MethodView";
import type { RecordedView } from "../../bindings/RecordedView";
import { formatMoney } from "../../format";
import { useLocale } from "../../format/useLocale";
import { methodName } from "../day/MethodName";
import { LocalReceipt } from "./LocalReceipt";

/** A sale recorded in the day's book: its receipt number, its method, and the change to give. */
export function RecordedPanel({
  recorded,
  title,
  methods,
  onNewSale,
}: {
  recorded: RecordedView;
  title: string;
  methods: readonly MethodView[];
  onNewSale: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [receipt, setReceipt] = useState(false);
  if (receipt) {
    return (
      <section className="receipt-screen">
        <div className="receipt-screen__actions no-print">
          <button type="button" className="button" onClick={() => setReceipt(false)}>
            {t("receipt.back")}
          </button>
          <button type="button" className="button button--primary" onClick={() => window.print()}>
            {t("receipt.print")}
          </button>
        </div>
        <LocalReceipt recorded={recorded} title={title} methods={methods} />
      </section>
    );
  }
  return (
    <section className="sale sale--recorded" data-testid="counter-recorded">
      <p className="sale__amount">{formatMoney(recorded.amount, locale)}</p>
      <p className="sale__status" role="status">
        {t("day.record.done", { number: recorded.receiptNo ?? "—", amount: formatMoney(recorded.amount, locale) })}{" "}
        {methodName(t, recorded.method, methods)}
      </p>
      {recorded.change !== null && recorded.change > 0 ? (
        <p className="sale__paid" data-testid="counter-recorded-change">
          {t("day.record.change", { amount: formatMoney(recorded.change, locale) })}
        </p>
      ) : null}
      <div className="row">
        <button type="button" className="button button--primary" data-testid="counter-new" onClick={onNewSale}>
          {t("counter.newSale")}
        </button>
        <button
          type="button"
          className="button"
          data-testid="counter-local-receipt-open"
          onClick={() => setReceipt(true)}
        >
          {t("counter.receipt")}
        </button>
      </div>
    </section>
  );
}
