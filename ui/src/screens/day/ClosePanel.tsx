import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DayView } from "../../bindings/DayView";
import type { ZReport } from "../../bindings/ZReport";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { parseDinarsToMillimes } from "../../format";
import { drawerClose } from "../../platform";
import { CashCount } from "./CashCount";
import { methodName } from "./MethodName";

/**
 * The close: one counted total per method that is counted (cash, cheques, the card slip), the
 * cashier, and a blind option that keeps the expected amounts hidden until the Z is made.
 */
export function ClosePanel({
  day,
  blind,
  onBlind,
  onClosed,
}: {
  day: DayView;
  blind: boolean;
  onBlind: (blind: boolean) => void;
  onClosed: (z: ZReport) => void;
}) {
  const { t } = useTranslation();
  const counted = day.methods.filter((m) => m.counted);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [cashier, setCashier] = useState(day.drawer?.cashier ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const amounts = counted.map((m) => ({ method: m.code, text: texts[m.code] ?? "" }));
  const invalid = amounts.some((a) => a.text.trim() !== "" && parseDinarsToMillimes(a.text) === null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const list = amounts
      .filter((a) => a.text.trim() !== "")
      .map((a) => ({ method: a.method, amount: parseDinarsToMillimes(a.text) ?? 0 }));
    setBusy(true);
    setError(null);
    drawerClose({ counted: list, blind, cashier: cashier.trim() })
      .then(onClosed)
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  return (
    <form className="card settings-section" onSubmit={submit} data-testid="day-close">
      <h2>{t("day.close.title")}</h2>
      <label className="check">
        <input type="checkbox" checked={blind} data-testid="day-blind" onChange={(e) => onBlind(e.target.checked)} />
        <span>{t("day.close.blind")}</span>
      </label>
      {counted.map((m) => (
        <div key={m.code}>
          <label className="field">
            <span>{t("day.close.counted", { method: methodName(t, m.code, day.methods) })}</span>
            <input
              inputMode="decimal"
              data-testid={`day-count-${m.code}`}
              value={texts[m.code] ?? ""}
              onChange={(e) => setTexts({ ...texts, [m.code]: e.target.value })}
            />
          </label>
          {m.code === "cash" ? (
            <CashCount
              denominations={day.denominations}
              onTotal={(decimal) => setTexts((all) => ({ ...all, cash: decimal }))}
            />
          ) : null}
        </div>
      ))}
      <label className="field">
        <span>{t("day.drawer.cashier")}</span>
        <input value={cashier} onChange={(e) => setCashier(e.target.value)} />
      </label>
      <button
        type="submit"
        className="button button--primary"
        disabled={busy || invalid}
        data-testid="day-close-submit"
      >
        {t("day.close.submit")}
      </button>
      {error !== null ? <ErrorNotice error={error} /> : null}
    </form>
  );
}
