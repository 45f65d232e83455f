import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { EscrowDetailView } from "../../bindings/EscrowDetailView";
import type { ShareOption } from "./DetailActions";

/** Why DHMAD cannot refund a sale in this state (the way is "nothing"). */
function nothingReason(status: string, disputed: boolean): string {
  if (status === "completed") return "detail.refund.released";
  if (status === "cancelled") return "detail.refund.alreadyCancelled";
  if (disputed || status === "disputed") return "detail.refund.disputed";
  return "detail.refund.unknown";
}

/**
 * "Refund the buyer" on one of the merchant's sales: what DHMAD allows in its state, said plainly,
 * with the one button that does it (cancel an unpaid sale; send the paid buyer the cancellation
 * link, since only the buyer can ask for held money back).
 */
export function RefundAdvice({
  detail,
  busy,
  onCancel,
  onShare,
}: {
  detail: EscrowDetailView;
  busy: boolean;
  onCancel?: (() => Promise<unknown>) | undefined;
  onShare?: ((option: ShareOption) => void) | undefined;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const { row } = detail.escrow;
  if (row.role !== "seller") return null;
  const way = detail.refundWay;
  const cancellationLink = detail.shareActions.find((a) => a.action === "request_cancellation" && a.party === "buyer");
  const text =
    way === "cancel"
      ? "detail.refund.cancel"
      : way === "buyerCancellation"
        ? "detail.refund.buyerCancellation"
        : nothingReason(row.status, detail.escrow.disputeTicket !== null);
  return (
    <section className="card" aria-labelledby="refund-title" data-testid="refund-advice">
      <h2 id="refund-title">{t("detail.refund.title")}</h2>
      <p data-testid="refund-text">{t(text)}</p>
      {way === "cancel" && onCancel && !confirming ? (
        <button type="button" className="button" data-testid="refund-cancel" onClick={() => setConfirming(true)}>
          {t("detail.refund.cancelButton")}
        </button>
      ) : null}
      {way === "cancel" && onCancel && confirming ? (
        <div className="row">
          <button
            type="button"
            className="button button--danger"
            data-testid="refund-cancel-confirm"
            disabled={busy}
            onClick={() => void onCancel().finally(() => setConfirming(false))}
          >
            {t("detail.refund.cancelConfirm")}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            {t("common.cancel")}
          </button>
        </div>
      ) : null}
      {way === "buyerCancellation" && cancellationLink && onShare ? (
        <button
          type="button"
          className="button"
          data-testid="refund-share"
          disabled={busy}
          onClick={() => onShare(cancellationLink)}
        >
          {t("detail.refund.shareButton", { email: cancellationLink.targetEmail ?? "" })}
        </button>
      ) : null}
    </section>
  );
}
