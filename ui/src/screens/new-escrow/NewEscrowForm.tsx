import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { EscrowView } from "../../bindings/EscrowView";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { parseDinarsToMillimes } from "../../format";
import type { PendingCreateView } from "../../bindings/PendingCreateView";
import { createEscrow, createReconcile } from "../../platform";
import { Field } from "./Field";
import { FeeSummary } from "./FeeSummary";
import {
  CONTRACT_MAX,
  CURRENCIES,
  type Currency,
  EMPTY_FORM,
  type Field as FieldName,
  hasThirdPartySeller,
  MODES,
  type Mode,
  type NewEscrowValues,
  nextStep,
  PROOF_HOURS,
  toRequest,
  validate,
} from "./validation";

/** What to do after a create: the escrow, and the checkout link to share next. */
export interface Created {
  escrow: EscrowView;
  action: "sign_contract" | "accept_pay";
  targetEmail: string;
}

/** The new-escrow form: its fields follow the mode, it checks the API's rules as you type. */
export function NewEscrowForm({ onCreated }: { onCreated: (created: Created) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<NewEscrowValues>(EMPTY_FORM);
  const [touched, setTouched] = useState<ReadonlySet<FieldName>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // A create whose answer was lost: being looked up at DHMAD, never sent again meanwhile.
  const [checking, setChecking] = useState<PendingCreateView | null>(null);
  const [notCreated, setNotCreated] = useState(false);
  const errors = validate(values);
  const valid = Object.keys(errors).length === 0;
  const shown = (field: FieldName) => (touched.has(field) ? errors[field] : undefined);

  const set = <K extends FieldName>(field: K, value: NewEscrowValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setTouched((s) => new Set(s).add(field));
  };
  const text = (field: FieldName) => ({
    value: String(values[field]),
    onChange: (e: { target: { value: string } }) => set(field, e.target.value as never),
    onBlur: () => setTouched((s) => new Set(s).add(field)),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid || busy) return;
    setBusy(true);
    setError(null);
    setNotCreated(false);
    const request = toRequest(values);
    const created = (escrow: EscrowView) =>
      onCreated({ escrow, action: nextStep(values.mode), targetEmail: request.buyerEmail });
    createEscrow(request)
      .then(async (outcome) => {
        if (outcome.escrow) return created(outcome.escrow);
        if (!outcome.pending) return;
        setChecking(outcome.pending);
        try {
          const found = await createReconcile(outcome.pending);
          if (found.escrow) created(found.escrow);
          else setNotCreated(found.notCreated);
        } finally {
          setChecking(null);
        }
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };

  const mode = values.mode;
  const thirdParty = hasThirdPartySeller(values);
  const millimes = parseDinarsToMillimes(values.amount);
  return (
    <form className="screen new-escrow" onSubmit={submit} noValidate data-testid="new-escrow-form">
      <h1>{t("newEscrow.heading")}</h1>
      <fieldset className="card mode-picker">
        <legend>{t("newEscrow.modeLabel")}</legend>
        {MODES.map((m: Mode) => (
          <label key={m} className={m === mode ? "mode-option mode-option--active" : "mode-option"}>
            <input
              type="radio"
              name="mode"
              value={m}
              checked={m === mode}
              data-testid={`new-escrow-mode-${m}`}
              onChange={() => set("mode", m)}
            />
            <span className="mode-option__name">{t(`escrow.mode.${m}`)}</span>
            <span className="muted">{t(`newEscrow.modeHelp.${m}`)}</span>
          </label>
        ))}
      </fieldset>

      <div className="card form-grid">
        <Field id="ne-title" label={t("newEscrow.title")} error={shown("title")}>
          {(a) => <input {...a} type="text" {...text("title")} />}
        </Field>
        <div className="row row--top">
          <Field
            id="ne-amount"
            label={
              values.currency === "TND" ? t("newEscrow.amount") : t("newEscrow.amountIn", { currency: values.currency })
            }
            error={shown("amount")}
          >
            {(a) => <input {...a} inputMode="decimal" {...text("amount")} />}
          </Field>
          <Field id="ne-currency" label={t("newEscrow.currency")}>
            {(a) => (
              <select {...a} value={values.currency} onChange={(e) => set("currency", e.target.value as Currency)}>
                {CURRENCIES.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field id="ne-buyer" label={t("newEscrow.buyerEmail")} error={shown("buyerEmail")}>
          {(a) => <input {...a} type="email" {...text("buyerEmail")} />}
        </Field>
        {mode === "instant" ? (
          <p className="muted">{t("newEscrow.instantSeller")}</p>
        ) : (
          <Field id="ne-seller" label={t("newEscrow.sellerEmail")} error={shown("sellerEmail")}>
            {(a) => <input {...a} type="email" {...text("sellerEmail")} />}
          </Field>
        )}
        {mode !== "instant" ? (
          <Field id="ne-days" label={t("newEscrow.deliveryDays")} error={shown("deliveryDays")}>
            {(a) => <input {...a} inputMode="numeric" {...text("deliveryDays")} />}
          </Field>
        ) : null}
        {mode === "standard" ? (
          <Field
            id="ne-terms"
            label={t("newEscrow.contractTerms")}
            error={shown("contractTerms")}
            help={t("newEscrow.contractCount", { count: [...values.contractTerms].length })}
          >
            {(a) => <textarea {...a} rows={6} maxLength={CONTRACT_MAX * 2} {...text("contractTerms")} />}
          </Field>
        ) : null}
        {mode === "standard" && !thirdParty ? (
          <label className="check">
            <input type="checkbox" checked={values.autoSign} onChange={(e) => set("autoSign", e.target.checked)} />
            {t("newEscrow.autoSign")}
          </label>
        ) : null}
        {thirdParty ? (
          <Field
            id="ne-devfee"
            label={t("newEscrow.developerFee")}
            error={shown("developerFee")}
            help={t("newEscrow.developerFeeHelp")}
          >
            {(a) => <input {...a} inputMode="decimal" {...text("developerFee")} />}
          </Field>
        ) : null}
        {mode === "quick" ? (
          <>
            <label className="check">
              <input
                type="checkbox"
                checked={values.proofRequired}
                onChange={(e) => set("proofRequired", e.target.checked)}
              />
              {t("newEscrow.proofRequired")}
            </label>
            {values.proofRequired ? (
              <div className="row row--top">
                <Field id="ne-proof-upload" label={t("newEscrow.proofUploadHours")} error={shown("proofUploadHours")}>
                  {(a) => (
                    <input
                      {...a}
                      type="number"
                      min={PROOF_HOURS.min}
                      max={PROOF_HOURS.max}
                      {...text("proofUploadHours")}
                    />
                  )}
                </Field>
                <Field id="ne-proof-review" label={t("newEscrow.proofReviewHours")} error={shown("proofReviewHours")}>
                  {(a) => (
                    <input
                      {...a}
                      type="number"
                      min={PROOF_HOURS.min}
                      max={PROOF_HOURS.max}
                      {...text("proofReviewHours")}
                    />
                  )}
                </Field>
              </div>
            ) : null}
          </>
        ) : null}
      </div>

      <FeeSummary
        amountTnd={errors.amount ? null : millimes}
        foreign={values.currency !== "TND"}
        mode={mode}
        developerFeePercentage={
          thirdParty && !errors.developerFee && values.developerFee.trim()
            ? values.developerFee.trim().replace(",", ".")
            : null
        }
      />
      {checking ? (
        <p className="notice notice--warning" role="status" data-testid="new-escrow-checking">
          {t("newEscrow.checking", { reference: `#${checking.reference}` })}
        </p>
      ) : null}
      {notCreated ? (
        <p className="notice notice--warning" role="status" data-testid="new-escrow-not-created">
          {t("newEscrow.notCreated")}
        </p>
      ) : null}
      {error !== null ? <ErrorNotice error={error} /> : null}
      <div className="row">
        <button
          type="submit"
          className="button button--primary"
          disabled={!valid || busy}
          data-testid="new-escrow-submit"
        >
          {busy ? t("newEscrow.creating") : t("newEscrow.submit")}
        </button>
      </div>
    </form>
  );
}
