import { useTranslation } from "react-i18next";
import { formatMoney, parseDinarsToMillimes } from "../../format";
import { useLocale } from "../../format/useLocale";

/** What the customer handed over, and the change it leaves (`null`: no usable amount yet). */
export function changeFrom(amount: number | null, tendered: string): number | null {
  const given = tendered.trim() === "" ? null : parseDinarsToMillimes(tendered);
  return amount !== null && given !== null ? given - amount : null;
}

/** A sale recorded here, not through DHMAD: an amount above zero, and enough cash handed over. */
export function canRecord(amount: number | null, method: string, tendered: string): boolean {
  if (amount === null || amount <= 0) return false;
  if (method !== "cash" || tendered.trim() === "") return true;
  const change = changeFrom(amount, tendered);
  return change !== null && change >= 0;
}

interface LocalSaleFieldsProps {
  method: string;
  methodLabel: string;
  amount: number | null;
  tendered: string;
  reference: string;
  customer: string;
  busy: boolean;
  onTendered: (text: string) => void;
  onReference: (text: string) => void;
  onCustomer: (text: string) => void;
  onRecord: () => void;
}

/** Cash: what was handed over and the change to give; other methods: their reference. */
export function LocalSaleFields(props: LocalSaleFieldsProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const cash = props.method === "cash";
  const change = cash ? changeFrom(props.amount, props.tendered) : null;
  return (
    <>
      {cash ? (
        <label className="field">
          <span>{t("day.record.tendered")}</span>
          <input
            inputMode="decimal"
            dir="ltr"
            data-testid="counter-tendered"
            value={props.tendered}
            aria-invalid={props.tendered.trim() !== "" && parseDinarsToMillimes(props.tendered) === null}
            onChange={(e) => props.onTendered(e.target.value)}
          />
        </label>
      ) : (
        <label className="field">
          <span>{t("day.record.reference")}</span>
          <input
            dir="ltr"
            data-testid="counter-method-reference"
            value={props.reference}
            onChange={(e) => props.onReference(e.target.value)}
          />
        </label>
      )}
      <label className="field">
        <span>{t("day.record.customer")}</span>
        <input
          data-testid="counter-customer"
          value={props.customer}
          autoComplete="off"
          onChange={(e) => props.onCustomer(e.target.value)}
        />
      </label>
      {change !== null ? (
        <p
          className={change < 0 ? "field__error" : "sale-entry__change"}
          data-testid="counter-change"
          aria-live="polite"
        >
          {change < 0 ? t("day.record.tooLittle") : t("day.record.change", { amount: formatMoney(change, locale) })}
        </p>
      ) : null}
      <button
        type="button"
        className="button button--primary sale-entry__charge"
        data-testid="counter-record"
        disabled={props.busy || !canRecord(props.amount, props.method, props.tendered)}
        onClick={props.onRecord}
      >
        {t("counter.record", { amount: formatMoney(props.amount ?? 0, locale), method: props.methodLabel })}
      </button>
    </>
  );
}
