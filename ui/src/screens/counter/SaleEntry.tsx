import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PastBuyerView } from "../../bindings/PastBuyerView";
import { pastBuyers } from "../../components/shop/api";
import { formatMoney } from "../../format";
import { useLocale } from "../../format/useLocale";
import { textToMillimes, type PadKey } from "./amount";
import { Keypad } from "./Keypad";

interface SaleEntryProps {
  text: string;
  title: string;
  email: string;
  presets: readonly string[];
  busy: boolean;
  onKey: (key: PadKey) => void;
  onTitle: (title: string) => void;
  onEmail: (email: string) => void;
  onCharge: () => void;
  onAddPreset: (title: string) => void;
  onRemovePreset: (title: string) => void;
}

/** A plain check of an e-mail's shape; DHMAD checks the rest. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What makes a sale chargeable: an amount above zero, a title and the buyer's e-mail. */
export function canCharge(text: string, title: string, email: string): boolean {
  const amount = textToMillimes(text);
  return amount !== null && amount > 0 && title.trim() !== "" && EMAIL.test(email.trim());
}

/** The amount (keypad), the title (with presets) and the buyer's e-mail (with past buyers). */
export function SaleEntry(props: SaleEntryProps) {
  const { text, title, email, presets, busy } = props;
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const [buyers, setBuyers] = useState<PastBuyerView[]>([]);
  const amount = textToMillimes(text) ?? 0;

  useEffect(() => {
    const prefix = email.trim();
    if (prefix.length < 1) {
      setBuyers([]);
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      pastBuyers(prefix)
        .then((found) => {
          if (live) setBuyers(found);
        })
        .catch(() => {
          if (live) setBuyers([]); // suggestions are a help, not a requirement
        });
    }, 200);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [email]);

  return (
    <div className="sale-entry">
      <div className="sale-entry__pad">
        <output className="sale-entry__amount" data-testid="counter-amount" aria-label={t("counter.amount")}>
          {formatMoney(amount, locale)}
        </output>
        <Keypad onKey={props.onKey} separator={i18n.language === "en" ? "." : ","} disabled={busy} />
      </div>
      <div className="sale-entry__details">
        <label className="field">
          <span>{t("counter.title")}</span>
          <input data-testid="counter-title" value={title} maxLength={200} onChange={(e) => props.onTitle(e.target.value)} />
        </label>
        <div className="presets" aria-label={t("counter.presets")}>
          {presets.map((preset) => (
            <span key={preset} className="preset">
              <button type="button" className="preset__use" onClick={() => props.onTitle(preset)}>
                {preset}
              </button>
              <button
                type="button"
                className="preset__remove"
                aria-label={t("counter.removePreset", { title: preset })}
                onClick={() => props.onRemovePreset(preset)}
              >
                ×
              </button>
            </span>
          ))}
          {title.trim() !== "" && !presets.includes(title.trim()) ? (
            <button type="button" className="button button--ghost" data-testid="counter-add-preset" onClick={() => props.onAddPreset(title.trim())}>
              {t("counter.addPreset")}
            </button>
          ) : null}
        </div>
        <label className="field">
          <span>{t("counter.email")}</span>
          <input
            data-testid="counter-email"
            type="email"
            dir="ltr"
            list="counter-past-buyers"
            autoComplete="off"
            value={email}
            onChange={(e) => props.onEmail(e.target.value)}
          />
          <datalist id="counter-past-buyers">
            {buyers.map((b) => (
              <option key={b.email} value={b.email}>
                {t("counter.pastBuyer", { n: b.escrowCount })}
              </option>
            ))}
          </datalist>
        </label>
        <button
          type="button"
          className="button button--primary sale-entry__charge"
          data-testid="counter-charge"
          disabled={busy || !canCharge(text, title, email)}
          onClick={props.onCharge}
        >
          {busy ? t("counter.charging") : t("counter.charge", { amount: formatMoney(amount, locale) })}
        </button>
      </div>
    </div>
  );
}
