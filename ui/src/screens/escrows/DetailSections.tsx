import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { EscrowDetailView } from "../../bindings/EscrowDetailView";
import type { EscrowView } from "../../bindings/EscrowView";
import type { PartyView } from "../../bindings/PartyView";
import { formatDateTime, formatMoney, millimesToDecimalString, toBigMillimes } from "../../format";
import { useLocale } from "../../format/useLocale";
import { statusLabel } from "./labels";
import { obj, str, yes } from "./json";

/**
 * A party as "name <e-mail>", each part isolated: in a right-to-left page the closing bracket
 * after a Latin address would otherwise move to the line's other end.
 */
function party(p: PartyView, none: string): ReactNode {
  const email = p.email ? <bdi dir="ltr">{p.name ? `<${p.email}>` : p.email}</bdi> : null;
  if (!p.name) return email ?? none;
  return email ? (
    <>
      <bdi>{p.name}</bdi> {email}
    </>
  ) : (
    <bdi>{p.name}</bdi>
  );
}

/** Seller and buyer. */
export function Parties({ escrow }: { escrow: EscrowView }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="parties-title">
      <h2 id="parties-title">{t("detail.parties")}</h2>
      <dl className="facts">
        <dt>{t("detail.seller")}</dt>
        <dd>{party(escrow.seller, t("common.none"))}</dd>
        <dt>{t("detail.buyer")}</dt>
        <dd>{party(escrow.buyer, t("common.none"))}</dd>
      </dl>
    </section>
  );
}

/** Amount, fees and what the seller receives. */
export function Amounts({ escrow }: { escrow: EscrowView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const r = escrow.row;
  return (
    <section className="card" aria-labelledby="amounts-title">
      <h2 id="amounts-title">{t("detail.amounts")}</h2>
      <dl className="facts">
        {r.currency !== "TND" ? (
          <>
            <dt>{t("detail.faceAmount")}</dt>
            <dd>{t("detail.foreignAmount", { amount: millimesToDecimalString(r.amount), currency: r.currency })}</dd>
          </>
        ) : null}
        <dt>{t("detail.amount")}</dt>
        <dd>{formatMoney(r.amountTnd, locale)}</dd>
        <dt>{t("detail.escrowFee")}</dt>
        <dd>{formatMoney(r.escrowFee, locale)}</dd>
        {toBigMillimes(r.developerFee) > 0n ? (
          <>
            <dt>{t("detail.developerFee")}</dt>
            <dd>{formatMoney(r.developerFee, locale)}</dd>
          </>
        ) : null}
        <dt>{t("detail.net")}</dt>
        <dd>{formatMoney(r.net, locale)}</dd>
      </dl>
    </section>
  );
}

/** Deadlines and dates DHMAD set. */
export function Deadlines({ escrow }: { escrow: EscrowView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const proof = obj(escrow.proofInfo);
  const dates: Array<[string, string | null]> = [
    ["detail.createdAt", escrow.row.createdAt],
    ["detail.expiresAt", escrow.row.status === "pending" ? escrow.expiresAt : null],
    ["detail.paidAt", escrow.paidAt],
    ["detail.deliveredAt", escrow.deliveredAt],
    ["detail.completionDeadline", escrow.completedAt ? null : escrow.completionDeadline],
    ["detail.completedAt", escrow.completedAt],
    ["detail.cancelledAt", escrow.cancelledAt],
    ["detail.proofUploadDeadline", str(proof.uploadDeadline)],
    ["detail.proofReviewDeadline", str(proof.reviewDeadline)],
  ];
  const shown = dates.filter((d): d is [string, string] => d[1] !== null && !Number.isNaN(Date.parse(d[1])));
  return (
    <section className="card" aria-labelledby="dates-title">
      <h2 id="dates-title">{t("detail.dates")}</h2>
      <dl className="facts">
        {shown.map(([key, when]) => (
          <div key={key} className="facts__pair">
            <dt>{t(key)}</dt>
            <dd>{formatDateTime(when, locale)}</dd>
          </div>
        ))}
        {escrow.estimatedDeliveryDays !== null ? (
          <div className="facts__pair">
            <dt>{t("detail.deliveryDays")}</dt>
            <dd>{t("detail.days", { count: escrow.estimatedDeliveryDays })}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

const PROOF_PHASES = [
  "waiting_seller_proof",
  "submitted_waiting_buyer_review",
  "correction_requested",
  "accepted",
  "accepted_by_timeout",
  "needs_dhmad_review",
  "rejected",
  "expired_no_proof",
] as const;

/** Contract, proof of purchase and dispute: whatever applies to this escrow. */
export function Paperwork({ escrow, onOpenContract }: { escrow: EscrowView; onOpenContract: (url: string) => void }) {
  const { t } = useTranslation();
  const signatures = escrow.signatures === null ? null : obj(escrow.signatures);
  const phase = str(obj(escrow.proofInfo).phase);
  const pdf = escrow.contractPdfUrl;
  if (!signatures && !phase && !escrow.disputeTicket && !pdf) return null;
  return (
    <section className="card" aria-labelledby="paperwork-title">
      <h2 id="paperwork-title">{t("detail.paperwork")}</h2>
      <dl className="facts">
        {signatures ? (
          <>
            <dt>{t("detail.contract")}</dt>
            <dd>
              {t(yes(signatures.sellerSigned) ? "detail.sellerSigned" : "detail.sellerNotSigned")}
              {" · "}
              {t(yes(signatures.buyerSigned) ? "detail.buyerSigned" : "detail.buyerNotSigned")}
            </dd>
          </>
        ) : null}
        {phase ? (
          <>
            <dt>{t("detail.proof")}</dt>
            <dd>{(PROOF_PHASES as readonly string[]).includes(phase) ? t(`detail.proofPhase.${phase}`) : phase}</dd>
          </>
        ) : null}
        {escrow.disputeTicket ? (
          <>
            <dt>{t("detail.dispute")}</dt>
            <dd>{t("detail.disputeTicket", { ticket: escrow.disputeTicket })}</dd>
          </>
        ) : null}
      </dl>
      {pdf ? (
        <button type="button" className="button" onClick={() => onOpenContract(pdf)}>
          {t("detail.openContract")}
        </button>
      ) : null}
    </section>
  );
}

/** The observed status changes, oldest first. */
export function Timeline({ history }: { history: EscrowDetailView["history"] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("detail.timeline")}</h2>
      {history.length === 0 ? (
        <p className="muted">{t("detail.noHistory")}</p>
      ) : (
        <ol className="timeline">
          {history.map((h) => (
            <li key={`${h.observedAt}-${h.newStatus}`}>
              <span className="timeline__status">
                {h.oldStatus
                  ? t("detail.changed", { from: statusLabel(t, h.oldStatus), to: statusLabel(t, h.newStatus) })
                  : t("detail.firstSeen", { status: statusLabel(t, h.newStatus) })}
              </span>
              <span className="muted">{formatDateTime(h.observedAt, locale)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const SESSION_STATUSES = ["pending", "completed", "expired", "cancelled"] as const;

/** Checkout links the app created for this escrow. */
export function Sessions({
  sessions,
  onShow,
}: {
  sessions: EscrowDetailView["sessions"];
  onShow?: ((sessionId: string) => void) | undefined;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t("detail.sessions")}</h2>
      {sessions.length === 0 ? (
        <p className="muted">{t("detail.noSessions")}</p>
      ) : (
        <ul className="sessions">
          {sessions.map((s) => (
            <li key={s.sessionId} data-testid="session-row">
              <span>{t(`share.action.${s.action}`, { defaultValue: s.action })}</span>
              <span>{s.targetEmail}</span>
              <span>
                {(SESSION_STATUSES as readonly string[]).includes(s.status)
                  ? t(`detail.sessionStatus.${s.status}`)
                  : s.status}
              </span>
              <span className="muted">{formatDateTime(s.createdAt, locale)}</span>
              {onShow && s.status === "pending" ? (
                <button type="button" className="button button--ghost" onClick={() => onShow(s.sessionId)}>
                  {t("detail.showLink")}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
