import { useTranslation } from "react-i18next";
import type { MethodView } from "../../bindings/MethodView";
import type { PaymentMethod } from "../../bindings/PaymentMethod";
import { methodName } from "../day/MethodName";

/** The counter's own method: the DHMAD escrow paid by QR. Every other one is recorded locally. */
export const DHMAD: PaymentMethod = "dhmad";

/** How the customer pays: DHMAD QR first, then the shop's methods (built in and its own). */
export function MethodPicker({
  methods,
  value,
  disabled,
  onChange,
}: {
  methods: readonly MethodView[];
  value: PaymentMethod;
  disabled: boolean;
  onChange: (method: PaymentMethod) => void;
}) {
  const { t } = useTranslation();
  const codes = [DHMAD, ...methods.map((m) => m.code).filter((c) => c !== DHMAD)];
  return (
    <fieldset className="methods" data-testid="counter-methods">
      <legend>{t("day.record.method")}</legend>
      {codes.map((code) => (
        <label key={code} className={code === value ? "method method--chosen" : "method"}>
          <input
            type="radio"
            name="counter-method"
            value={code}
            checked={code === value}
            disabled={disabled}
            data-testid={`counter-method-${code}`}
            onChange={() => onChange(code)}
          />
          <span>{methodName(t, code, methods)}</span>
        </label>
      ))}
    </fieldset>
  );
}
