import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { MethodView } from "../../bindings/MethodView";
import type { RecordedView } from "../../bindings/RecordedView";
import { PrintButton } from "../../components/print/PrintButton";
import type { PrintJob } from "../../components/print/usePrintJob";
import { formatMoney } from "../../format";
import { printReceipt } from "../../platform";
import { useLocale } from "../../format/useLocale";
import { methodName } from "../day/MethodName";
import { LocalReceipt } from "./LocalReceipt";

/** A sale recorded in the day's book: its receipt number, its method, and the change to give. */
export function RecordedPanel({
  recorded,
  title,
  methods,
  onNewSale,
  print = null,
}: {
  recorded: RecordedView;
  title: string;
  methods: readonly MethodView[];
  onNewSale: () => void;
  /** The receipt printer's job for this sale (`null`: no printer set up). */
  print?: PrintJob | null;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [receipt, setReceipt] = useState(false);
  const receiptNo = recorded.receiptNo;
  const printButton =
    print && receiptNo !== null ? (
      <PrintButton
        job={print}
        call={() => printReceipt({ receiptNo })}
        label={t("print.receipt")}
        testId="print-receipt"
      />
    ) : null;
  if (receipt) {
    return (
      <section className="receipt-screen">
        <div className="receipt-screen__actions no-print">
          <button type="button" className="button" onClick={() => setReceipt(false)}>
            {t("receipt.back")}
          </button>
          {printButton}
          <button type="button" className={print ? "button" : "button button--primary"} onClick={() => window.print()}>
            {print ? t("print.systemDialog") : t("receipt.print")}
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
        {printButton}
      </div>
    </section>
  );
}
