import { useTranslation } from "react-i18next";
import type { NeedsActionView } from "../../bindings/NeedsActionView";
import { useLocale } from "../../format/useLocale";
import { Boundary, RowErrorText } from "../../errors/boundary";
import { formatMoney } from "../../format";

/** Every code of merchant-core's NextAction, each with its translation under `nextAction.*`. */
export const NEXT_ACTION_CODES = [
  "dispute_open",
  "cancellation_requested_your_answer",
  "cancellation_requested_seller_must_answer",
  "you_must_sign",
  "seller_must_sign",
  "buyer_must_sign",
  "you_must_pay",
  "buyer_must_pay",
  "proof_to_upload",
  "seller_must_upload_proof",
  "you_must_review_proof",
  "buyer_must_review_proof",
  "dhmad_reviewing_proof",
  "you_must_deliver",
  "seller_must_deliver",
  "you_must_confirm",
  "buyer_must_confirm",
] as const;

function isKnownCode(code: string): boolean {
  return (NEXT_ACTION_CODES as readonly string[]).includes(code);
}

interface NeedsActionListProps {
  items: readonly NeedsActionView[];
  /** Unfinished escrows in all (the shell sends the first few only). */
  total?: number;
  onOpen: (escrowId: string) => void;
}

/** One unfinished escrow. Its own component, so an item that cannot be drawn fails alone. */
function NeedsActionItem({ item, onOpen }: { item: NeedsActionView; onOpen: (escrowId: string) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <button
      type="button"
      className={item.yourTurn ? "needs-action__item needs-action__item--yours" : "needs-action__item"}
      onClick={() => onOpen(item.escrow.id)}
    >
      <span className="needs-action__title">{item.escrow.title}</span>
      <span className="needs-action__next">
        {isKnownCode(item.nextAction) ? t(`nextAction.${item.nextAction}`) : t("nextAction.unknown")}
      </span>
      <span className="needs-action__amount">{formatMoney(item.escrow.amountTnd, locale)}</span>
    </button>
  );
}

/** Unfinished escrows, each saying who must act next; a click opens the escrow. */
export function NeedsActionList({ items, total = items.length, onOpen }: NeedsActionListProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="card needs-action" aria-labelledby="needs-action-title" data-testid="needs-action">
      <h2 id="needs-action-title">{t("dashboard.needsAction.title")}</h2>
      {items.length === 0 ? (
        <p className="muted">{t("dashboard.needsAction.empty")}</p>
      ) : (
        <ul className="needs-action__list">
          {items.map((item) => (
            <li key={item.escrow.id}>
              <Boundary
                area="dashboard.needsAction"
                fallback={() => (
                  <span className="needs-action__item" data-testid="needs-action-broken">
                    <RowErrorText />
                  </span>
                )}
              >
                <NeedsActionItem item={item} onOpen={onOpen} />
              </Boundary>
            </li>
          ))}
        </ul>
      )}
      {total > items.length ? (
        <p className="muted" data-testid="needs-action-more">
          {t("dashboard.needsAction.more", {
            count: total - items.length,
            shown: new Intl.NumberFormat(locale).format(total - items.length),
          })}
        </p>
      ) : null}
    </section>
  );
}
