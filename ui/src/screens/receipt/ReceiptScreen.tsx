import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReceiptView } from "../../bindings/ReceiptView";
import { PrintAction } from "../../components/print/PrintButton";
import { hasPrinter } from "../../components/print/printing";
import { useShopSettings } from "../../components/shop/useShopSettings";
import { printReceipt, receipt as loadReceipt } from "../../platform";
import { Qr } from "../../components/shop/Qr";
import "../../components/shop/shop.css";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { formatDateTime, formatMoney } from "../../format";
import { useLocale } from "../../format/useLocale";
import { statusLabel } from "../escrows/labels";

interface ReceiptScreenProps {
  saleId: string;
  onBack: () => void;
}

/** A sale's receipt: print it, or save it as PDF from the system print dialog. */
export function ReceiptScreen({ saleId, onBack }: ReceiptScreenProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [view, setView] = useState<ReceiptView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const canPrint = hasPrinter(useShopSettings().settings);

  const load = useCallback(() => {
    setError(null);
    loadReceipt(saleId)
      .then(setView)
      .catch((e: unknown) => setError(e));
  }, [saleId]);
  useEffect(load, [load]);

  return (
    <div className="screen receipt-screen">
      <div className="receipt-screen__actions no-print">
        <button type="button" className="button" onClick={onBack}>
          {t("receipt.back")}
        </button>
        {canPrint && view ? (
          <PrintAction
            call={() => printReceipt({ saleId })}
            label={t("print.receipt")}
            testId="print-receipt"
            primary
          />
        ) : null}
        <button
          type="button"
          className={canPrint ? "button" : "button button--primary"}
          data-testid="receipt-print"
          disabled={!view}
          onClick={() => window.print()}
        >
          {canPrint ? t("print.systemDialog") : t("receipt.print")}
        </button>
        <span className="muted">{t("receipt.pdfHint")}</span>
      </div>
      {error !== null ? <ErrorNotice error={error} onRetry={load} /> : null}
      {view === null && error === null ? <p className="muted">{t("receipt.loading")}</p> : null}
      {view ? (
        <article className="receipt print-area" data-testid="receipt">
          <h1 className="receipt__shop">{view.shopName}</h1>
          {view.receiptHeader.trim() !== "" ? <p className="receipt__header">{view.receiptHeader}</p> : null}
          <dl className="receipt__facts">
            <dt>{t("receipt.date")}</dt>
            <dd data-testid="receipt-date">{formatDateTime(view.paidAt ?? view.createdAt, locale)}</dd>
            <dt>{t("receipt.item")}</dt>
            <dd>{view.title}</dd>
            <dt>{t("receipt.amount")}</dt>
            <dd className="receipt__amount" data-testid="receipt-amount">
              {formatMoney(view.amount, locale)}
            </dd>
            <dt>{t("day.record.method")}</dt>
            <dd data-testid="receipt-method">{t("day.method.dhmad")}</dd>
            <dt>{t("receipt.status")}</dt>
            <dd>{statusLabel(t, view.status)}</dd>
            <dt>{t("receipt.escrow")}</dt>
            <dd dir="ltr">{view.escrowId ?? t("receipt.noEscrow")}</dd>
            {view.reference ? (
              <>
                <dt>{t("receipt.reference")}</dt>
                <dd dir="ltr" data-testid="receipt-reference">
                  #{view.reference}
                </dd>
              </>
            ) : null}
            {view.receiptNo !== null ? (
              <>
                <dt>{t("receipt.number")}</dt>
                <dd data-testid="receipt-number">
                  {t("receipt.numberValue", { number: view.receiptNo, till: view.till ?? "1" })}
                </dd>
              </>
            ) : null}
          </dl>
          {view.qrSvg && view.escrowUrl ? (
            <div className="receipt__qr">
              <Qr svg={view.qrSvg} label={view.escrowUrl} size="small" testId="receipt-qr" />
              <p className="muted">{t("receipt.qrHint")}</p>
              <p className="receipt__url" dir="ltr">
                {view.escrowUrl}
              </p>
            </div>
          ) : null}
          <p className="receipt__footer">{t("receipt.footer")}</p>
        </article>
      ) : null}
    </div>
  );
}
