import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DenominationView } from "../../bindings/DenominationView";
import { formatMoney, millimesToDecimalString } from "../../format";
import { useLocale } from "../../format/useLocale";

/** How many pieces a field holds (empty: none; anything but a whole number: not a count). */
function pieces(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return 0;
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * The counting sheet: so many of each Tunisian note and coin, added up to the millime; the total
 * goes into the cash field, where it can still be read and corrected.
 */
export function CashCount({
  denominations,
  onTotal,
}: {
  denominations: readonly DenominationView[];
  onTotal: (decimal: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [counts, setCounts] = useState<Record<string, string>>({});
  const total = sheetTotal(denominations, counts);
  const change = (k: string, text: string) => {
    const next = { ...counts, [k]: text };
    setCounts(next);
    const sum = sheetTotal(denominations, next);
    if (sum !== null) onTotal(millimesToDecimalString(sum));
  };
  return (
    <details className="cash-count" data-testid="day-cash-count">
      <summary>{t("day.close.byPieces")}</summary>
      <div className="cash-count__grid">
        {denominations.map((den) => (
          <label key={key(den)} className="field">
            <span>
              {t(den.note ? "day.close.note" : "day.close.coin", { value: formatMoney(den.millimes, locale) })}
            </span>
            <input
              inputMode="numeric"
              dir="ltr"
              data-testid={`day-pieces-${key(den)}`}
              value={counts[key(den)] ?? ""}
              aria-invalid={pieces(counts[key(den)] ?? "") === null}
              onChange={(e) => change(key(den), e.target.value)}
            />
          </label>
        ))}
      </div>
      <p className="figure__value" data-testid="day-cash-count-total">
        {total !== null
          ? t("day.close.piecesTotal", { amount: formatMoney(total, locale) })
          : t("day.close.piecesInvalid")}
      </p>
    </details>
  );
}

const key = (d: DenominationView) => `${d.note ? "note" : "coin"}-${d.millimes}`;

/** The sheet's total in millimes (`null` while a field holds something that is not a count). */
function sheetTotal(denominations: readonly DenominationView[], counts: Record<string, string>): number | null {
  let total = 0;
  for (const d of denominations) {
    const n = pieces(counts[key(d)] ?? "");
    if (n === null) return null;
    total += d.millimes * n;
  }
  return total;
}
