import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FeePreviewView } from "../../bindings/FeePreviewView";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { formatMoney } from "../../format";
import { useLocale } from "../../format/useLocale";
import { feePreview } from "../../platform";
import type { Mode } from "./validation";

/** How long the amount must stay still before the fees are asked for. */
export const FEE_DEBOUNCE_MS = 250;

interface FeeSummaryProps {
  /** Amount in millimes (null: not a valid TND amount yet). */
  amountTnd: number | null;
  /** The amount is in another currency: fees are known only after DHMAD's exchange. */
  foreign: boolean;
  mode: Mode;
  developerFeePercentage: string | null;
}

function percent(bp: number): string {
  const rest = bp % 100;
  return `${Math.trunc(bp / 100)}${rest ? `.${String(rest).padStart(2, "0").replace(/0$/, "")}` : ""}`;
}

/** DHMAD's fee, the developer fee and what the seller receives, before creating. */
export function FeeSummary({ amountTnd, foreign, mode, developerFeePercentage }: FeeSummaryProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [fees, setFees] = useState<FeePreviewView | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setFees(null);
    setError(null);
    if (amountTnd === null || foreign) return;
    let current = true;
    const timer = setTimeout(() => {
      feePreview({ amountTnd, mode, ...(developerFeePercentage ? { developerFeePercentage } : {}) })
        .then((f) => current && setFees(f))
        .catch((e: unknown) => current && setError(e));
    }, FEE_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [amountTnd, foreign, mode, developerFeePercentage]);

  let body: ReactNode;
  if (foreign) body = <p className="muted">{t("newEscrow.fees.foreign")}</p>;
  else if (error !== null) body = <ErrorNotice error={error} />;
  else if (fees === null) body = <p className="muted">{t("newEscrow.fees.waiting")}</p>;
  else
    body = (
      <>
        <dl className="facts">
          <dt>{t("newEscrow.fees.escrowFee")}</dt>
          <dd>{formatMoney(fees.escrowFee, locale)}</dd>
          {fees.developerFee > 0 ? (
            <>
              <dt>{t("newEscrow.fees.developerFee")}</dt>
              <dd>{formatMoney(fees.developerFee, locale)}</dd>
            </>
          ) : null}
          <dt>{t("newEscrow.fees.net")}</dt>
          <dd data-testid="new-escrow-net">{formatMoney(fees.net, locale)}</dd>
        </dl>
        {fees.rateObserved ? null : (
          <p className="muted">{t("newEscrow.fees.estimated", { rate: percent(fees.rateBp) })}</p>
        )}
      </>
    );
  return (
    <section className="card fee-summary" aria-labelledby="fees-title" aria-live="polite">
      <h2 id="fees-title">{t("newEscrow.fees.title")}</h2>
      {body}
    </section>
  );
}
