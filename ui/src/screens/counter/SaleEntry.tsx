import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PastBuyerView } from "../../bindings/PastBuyerView";
import { pastBuyers } from "../../platform";
import { formatMoney } from "../../format";
import { useLocale } from "../../format/useLocale";
import { EMAIL as EMAIL_SHAPE, MIN_MILLIMES, TITLE_MAX } from "../new-escrow/validation";
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
  /** The shop's sale mode (`instant` or `quick`); it sets the minimum amount. */
  mode?: string | undefined;
  /** A method other than DHMAD: its own fields and button replace the buyer's e-mail and Charge. */
  local?: ReactNode;
}

/** The e-mail shape the API client accepts (one rule for every form). */
export const EMAIL = EMAIL_SHAPE;

/** Field → translation key of what is wrong with a sale (contract §2.3), empty when it can be charged. */
export interface SaleProblems {
  amount?: string;
  title?: string;
  email?: string;
}

/**
 * Checks a sale with the API's rules for creating its escrow: a title of 1–200 characters, the
 * buyer's e-mail, and an amount of at least 5 TND in quick mode or 0.010 TND in instant mode (the
 * keypad already refuses a 4th decimal). An unknown mode (settings not loaded) gets the lowest
 * minimum; the shop's default then applies on the other side.
 */
export function saleProblems(text: string, title: string, email: string, mode?: string): SaleProblems {
  const problems: SaleProblems = {};
  const amount = textToMillimes(text);
  const min = mode === "quick" ? MIN_MILLIMES.quick : MIN_MILLIMES.instant;
  if (amount === null) problems.amount = "newEscrow.errors.amount";
  else if (amount < min)
    problems.amount = mode === "quick" ? "newEscrow.errors.amountMin5" : "newEscrow.errors.amountMinInstant";
  const titleLength = [...title.trim()].length;
  if (titleLength < 1 || titleLength > TITLE_MAX) problems.title = "newEscrow.errors.title";
  if (!EMAIL.test(email.trim())) problems.email = "newEscrow.errors.email";
  return problems;
}

/** What makes a sale chargeable: none of {@link saleProblems}. */
export function canCharge(text: string, title: string, email: string, mode?: string): boolean {
  return Object.keys(saleProblems(text, title, email, mode)).length === 0;
}

/** The amount (keypad), the title (with presets) and the buyer's e-mail (with past buyers). */
export function SaleEntry(props: SaleEntryProps) {
  const { text, title, email, presets, busy } = props;
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const [buyers, setBuyers] = useState<PastBuyerView[]>([]);
  const amount = textToMillimes(text) ?? 0;
  // A message shows once the field holds something (the amount) or was left (title, e-mail), so
  // an empty form is not a wall of red and a refused sale always says why.
  const [left, setLeft] = useState<ReadonlySet<"title" | "email">>(new Set());
  const leave = (field: "title" | "email") => setLeft((s) => new Set(s).add(field));
  // DHMAD's rules (minimum amount, title, e-mail) are for its escrows, not for a sale recorded here.
  const problems: SaleProblems = props.local ? {} : saleProblems(text, title, email, props.mode);
  const shown = {
    amount: text !== "" ? problems.amount : undefined,
    title: left.has("title") || title !== "" ? problems.title : undefined,
    email: left.has("email") ? problems.email : undefined,
  };

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
        {shown.amount ? (
          <p className="field__error" role="alert" data-testid="counter-amount-error">
            {t(shown.amount)}
          </p>
        ) : null}
        <Keypad onKey={props.onKey} separator={i18n.language === "en" ? "." : ","} disabled={busy} />
      </div>
      <div className="sale-entry__details">
        <label className="field">
          <span>{t("counter.title")}</span>
          <input
            data-testid="counter-title"
            value={title}
            maxLength={TITLE_MAX}
            aria-invalid={shown.title ? true : undefined}
            onChange={(e) => props.onTitle(e.target.value)}
            onBlur={() => leave("title")}
          />
          {shown.title ? (
            <span className="field__error" role="alert" data-testid="counter-title-error">
              {t(shown.title)}
            </span>
          ) : null}
        </label>
        <fieldset className="presets" aria-label={t("counter.presets")}>
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
            <button
              type="button"
              className="button button--ghost"
              data-testid="counter-add-preset"
              onClick={() => props.onAddPreset(title.trim())}
            >
              {t("counter.addPreset")}
            </button>
          ) : null}
        </fieldset>
        {props.local ?? (
          <>
            <label className="field">
              <span>{t("counter.email")}</span>
              <input
                data-testid="counter-email"
                type="email"
                dir="ltr"
                list="counter-past-buyers"
                autoComplete="off"
                value={email}
                aria-invalid={shown.email ? true : undefined}
                onChange={(e) => props.onEmail(e.target.value)}
                onBlur={() => leave("email")}
              />
              {shown.email ? (
                <span className="field__error" role="alert" data-testid="counter-email-error">
                  {t(shown.email)}
                </span>
              ) : null}
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
              disabled={busy || !canCharge(text, title, email, props.mode)}
              onClick={props.onCharge}
            >
              {busy ? t("counter.charging") : t("counter.charge", { amount: formatMoney(amount, locale) })}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
