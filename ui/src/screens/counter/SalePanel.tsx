import { useTranslation } from "react-i18next";
import type { SaleView } from "../../bindings/SaleView";
import type { ShareView } from "../../bindings/ShareView";
import { Qr } from "../../components/shop/Qr";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { PrintButton } from "../../components/print/PrintButton";
import type { PrintJob } from "../../components/print/usePrintJob";
import { formatMoney } from "../../format";
import { printReceipt } from "../../platform";
import { useLocale } from "../../format/useLocale";
import { formatRemaining, useNow } from "./useNow";

/** Sale states the counter knows (others show as DHMAD/the app sent them). */
const STATES = [
  "creating",
  "create_unknown",
  "awaiting_payment",
  "paid",
  "delivered",
  "completed",
  "cancelled",
  "failed",
  "not_created",
];

interface SalePanelProps {
  sale: SaleView;
  busy: boolean;
  error: unknown;
  completeLink: ShareView | null;
  /** The last lookup of this unsure sale could not reach DHMAD (it is still not sure). */
  lookupFailed?: boolean;
  onRenew: () => void;
  onDeliver: () => void;
  onCancel: () => void;
  onReconcile: () => void;
  onCompleteLink: () => void;
  onReceipt: () => void;
  onNewSale: () => void;
  /** The receipt printer's job for this sale (`null`: no printer set up). */
  print?: PrintJob | null;
  clock?: () => number;
}

/** One sale after "Charge": the QR while waiting, then a large "Paid", then delivery. */
export function SalePanel(props: SalePanelProps) {
  const { sale, busy, error, completeLink, clock } = props;
  const { t } = useTranslation();
  const locale = useLocale();
  const now = useNow(clock);
  const state = STATES.includes(sale.state) ? sale.state : null;
  const stateText = state ? t(`counter.state.${state}`) : sale.state;
  const expiresIn = sale.expiresAt ? Date.parse(sale.expiresAt) - now : null;
  const expired = expiresIn !== null && expiresIn <= 0;
  const finished =
    sale.state === "completed" || sale.state === "cancelled" || sale.state === "failed" || sale.state === "not_created";
  const unsure = sale.state === "creating" || sale.state === "create_unknown";
  const paidOrLater = sale.state === "paid" || sale.state === "delivered" || sale.state === "completed";

  return (
    <section className={`sale sale--${sale.state}`}>
      <p className="sale__amount" data-testid="counter-sale-amount">
        {formatMoney(sale.amount, locale)}
      </p>
      <p className="sale__title">{sale.title}</p>
      {sale.reference ? (
        <p className="sale__reference muted" dir="ltr" data-testid="counter-reference">
          {t("counter.reference", { reference: `#${sale.reference}` })}
        </p>
      ) : null}
      {/* Only the status is announced: the countdown beside it would be read out every second. */}
      <p className={`sale__status sale__status--${sale.state}`} role="status" data-testid="counter-status">
        {stateText}
      </p>

      {sale.state === "awaiting_payment" && sale.qrSvg && sale.checkoutUrl ? (
        <div className="sale__qr">
          <Qr svg={sale.qrSvg} label={sale.checkoutUrl} testId="counter-qr" />
          <p className="sale__link" dir="ltr">
            {sale.checkoutUrl}
          </p>
          {expiresIn !== null ? (
            <p
              className={expired ? "sale__countdown sale__countdown--expired" : "sale__countdown"}
              data-testid="counter-countdown"
            >
              {expired ? t("counter.expired") : t("counter.expiresIn", { time: formatRemaining(expiresIn) })}
            </p>
          ) : null}
          <p className="muted">{t("counter.scanHint", { email: sale.buyerEmail })}</p>
        </div>
      ) : null}

      {unsure ? (
        <div className="notice notice--warning" role="status">
          <p data-testid="counter-checking">{props.lookupFailed ? t("counter.stillUnsure") : t("counter.checking")}</p>
          <button
            type="button"
            className="button"
            disabled={busy}
            data-testid="counter-check-again"
            onClick={props.onReconcile}
          >
            {t("counter.checkAgain")}
          </button>
        </div>
      ) : null}

      {sale.state === "not_created" ? (
        <p className="notice notice--warning" role="status" data-testid="counter-not-created">
          {t("counter.notCreated")}
        </p>
      ) : null}

      {paidOrLater ? (
        <p className="sale__paid" data-testid="counter-paid">
          {sale.state === "completed" ? t("counter.completedBig") : t("counter.paidBig")}
        </p>
      ) : null}

      {sale.state === "delivered" && sale.mode === "quick" ? (
        <div className="sale__confirm">
          <p>{t("counter.buyerMustConfirm")}</p>
          {completeLink ? (
            <>
              <Qr
                svg={completeLink.qrSvg}
                label={completeLink.session.url}
                testId="counter-complete-qr"
                size="medium"
              />
              <p className="sale__link" dir="ltr">
                {completeLink.session.url}
              </p>
            </>
          ) : (
            <button
              type="button"
              className="button"
              disabled={busy}
              data-testid="counter-complete-link"
              onClick={props.onCompleteLink}
            >
              {t("counter.showCompleteLink")}
            </button>
          )}
        </div>
      ) : null}

      {sale.lastError && !finished && !unsure ? <p className="field__error">{sale.lastError}</p> : null}
      {sale.state === "failed" && sale.lastError ? <p className="field__error">{sale.lastError}</p> : null}
      {error !== null ? <ErrorNotice error={error} /> : null}

      <div className="sale__actions">
        {sale.state === "awaiting_payment" ? (
          <button
            type="button"
            className={expired ? "button button--primary" : "button"}
            disabled={busy}
            data-testid="counter-renew"
            onClick={props.onRenew}
          >
            {t("counter.renew")}
          </button>
        ) : null}
        {sale.state === "paid" ? (
          <button
            type="button"
            className="button button--primary sale__big-button"
            disabled={busy}
            data-testid="counter-deliver"
            onClick={props.onDeliver}
          >
            {t("counter.deliver")}
          </button>
        ) : null}
        {sale.state === "awaiting_payment" ? (
          <button
            type="button"
            className="button button--danger"
            disabled={busy}
            data-testid="counter-cancel"
            onClick={props.onCancel}
          >
            {t("counter.cancel")}
          </button>
        ) : null}
        {paidOrLater ? (
          <button type="button" className="button" data-testid="counter-receipt" onClick={props.onReceipt}>
            {t("counter.receipt")}
          </button>
        ) : null}
        {paidOrLater && props.print ? (
          <PrintButton
            job={props.print}
            call={() => printReceipt({ saleId: sale.saleId })}
            label={t("print.receipt")}
            testId="print-receipt"
          />
        ) : null}
        <button
          type="button"
          className={finished ? "button button--primary" : "button button--ghost"}
          data-testid="counter-new"
          onClick={props.onNewSale}
        >
          {finished ? t("counter.newSale") : t("counter.back")}
        </button>
      </div>
    </section>
  );
}
