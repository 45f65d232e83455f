import type { CreateEscrowRequest } from "../../bindings/CreateEscrowRequest";
import type { Currency as ApiCurrency } from "../../bindings/Currency";
import type { EscrowMode } from "../../bindings/EscrowMode";
import { parseDinarsToMillimes } from "../../format";

/** The three ways an escrow works (contract §2.3): the modes the form offers. */
export const MODES = ["standard", "quick", "instant"] as const satisfies readonly EscrowMode[];
export type Mode = (typeof MODES)[number];
export const CURRENCIES = ["TND", "USD", "EUR"] as const satisfies readonly ApiCurrency[];
export type Currency = (typeof CURRENCIES)[number];

/** The form as typed (numbers stay text until they are checked). */
export interface NewEscrowValues {
  mode: Mode;
  title: string;
  amount: string;
  currency: Currency;
  buyerEmail: string;
  sellerEmail: string;
  deliveryDays: string;
  contractTerms: string;
  autoSign: boolean;
  developerFee: string;
  proofRequired: boolean;
  proofUploadHours: string;
  proofReviewHours: string;
}

export const EMPTY_FORM: NewEscrowValues = {
  mode: "quick",
  title: "",
  amount: "",
  currency: "TND",
  buyerEmail: "",
  sellerEmail: "",
  deliveryDays: "3",
  contractTerms: "",
  autoSign: false,
  developerFee: "",
  proofRequired: false,
  proofUploadHours: "24",
  proofReviewHours: "24",
};

export type Field = keyof NewEscrowValues;
/** Field → translation key of its message. */
export type Errors = Partial<Record<Field, string>>;

/** §2.3 limits. */
export const TITLE_MAX = 200;
export const CONTRACT_MAX = 10_000;
export const MIN_MILLIMES: Record<Mode, number> = { standard: 5000, quick: 5000, instant: 10 };
export const DEVELOPER_FEE_MAX_HUNDREDTHS = 2500;
export const PROOF_HOURS = { min: 6, max: 72 } as const;

/**
 * The e-mail shape the API client checks before sending (dhmad-api `check_email`): something
 * before one `@`, a dot inside the domain, the domain neither starting nor ending with a dot, no
 * spaces. A looser check here would let the form send what the client then refuses without
 * saying which field is wrong.
 */
export const EMAIL = /^[^\s@]+@[^\s@.][^\s@]*\.[^\s@]*[^\s@.]$/;

function length(text: string): number {
  return [...text].length; // characters, not UTF-16 units (Arabic and emoji count once)
}

function wholeNumber(text: string): number | null {
  return /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** A percentage with at most two decimals, in hundredths of a percent ("2.5" → 250). */
export function percentHundredths(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** Whether the fields that depend on a third-party seller apply. */
export function hasThirdPartySeller(v: NewEscrowValues): boolean {
  return v.mode !== "instant" && v.sellerEmail.trim() !== "";
}

/** Checks the form with the API's own rules (contract §2.3). */
export function validate(v: NewEscrowValues): Errors {
  const errors: Errors = {};
  const title = v.title.trim();
  if (length(title) < 1 || length(title) > TITLE_MAX) errors.title = "newEscrow.errors.title";

  const millimes = parseDinarsToMillimes(v.amount);
  if (millimes === null) errors.amount = "newEscrow.errors.amount";
  else if (v.currency === "TND" && millimes < MIN_MILLIMES[v.mode])
    errors.amount = v.mode === "instant" ? "newEscrow.errors.amountMinInstant" : "newEscrow.errors.amountMin5";
  else if (millimes <= 0) errors.amount = "newEscrow.errors.amount";

  if (!EMAIL.test(v.buyerEmail.trim())) errors.buyerEmail = "newEscrow.errors.email";
  if (v.mode !== "instant" && v.sellerEmail.trim() !== "" && !EMAIL.test(v.sellerEmail.trim()))
    errors.sellerEmail = "newEscrow.errors.email";

  if (v.mode !== "instant") {
    const days = wholeNumber(v.deliveryDays);
    if (days === null || days < 1) errors.deliveryDays = "newEscrow.errors.deliveryDays";
  }
  if (v.mode === "standard") {
    if (v.contractTerms.trim() === "") errors.contractTerms = "newEscrow.errors.contractRequired";
    else if (length(v.contractTerms) > CONTRACT_MAX) errors.contractTerms = "newEscrow.errors.contractTooLong";
  }
  if (hasThirdPartySeller(v) && v.developerFee.trim() !== "") {
    const fee = percentHundredths(v.developerFee);
    if (fee === null || fee > DEVELOPER_FEE_MAX_HUNDREDTHS) errors.developerFee = "newEscrow.errors.developerFee";
  }
  if (v.mode === "quick" && v.proofRequired) {
    for (const field of ["proofUploadHours", "proofReviewHours"] as const) {
      const hours = wholeNumber(v[field]);
      if (hours === null || hours < PROOF_HOURS.min || hours > PROOF_HOURS.max)
        errors[field] = "newEscrow.errors.proofHours";
    }
  }
  return errors;
}

/** The create request for a valid form: only the fields its mode allows. */
export function toRequest(v: NewEscrowValues): CreateEscrowRequest {
  const seller = v.mode !== "instant" ? v.sellerEmail.trim() : "";
  const fee = hasThirdPartySeller(v) ? v.developerFee.trim().replace(",", ".") : "";
  return {
    mode: v.mode,
    title: v.title.trim(),
    amount: parseDinarsToMillimes(v.amount) ?? 0,
    currency: v.currency,
    buyerEmail: v.buyerEmail.trim(),
    ...(seller ? { sellerEmail: seller } : {}),
    ...(v.mode !== "instant" ? { estimatedDeliveryDays: Number(v.deliveryDays.trim()) } : {}),
    ...(v.mode === "standard" ? { contractTerms: v.contractTerms } : {}),
    ...(v.mode === "standard" && !seller && v.autoSign ? { autoSign: true } : {}),
    ...(fee ? { developerFeePercentage: fee } : {}),
    ...(v.mode === "quick" && v.proofRequired
      ? {
          proofPolicy: {
            proofUploadDeadlineHours: Number(v.proofUploadHours.trim()),
            buyerReviewDeadlineHours: Number(v.proofReviewHours.trim()),
          },
        }
      : {}),
  };
}

/** The checkout step that follows a create: signing for a contract, else accept and pay. */
export function nextStep(mode: Mode): "sign_contract" | "accept_pay" {
  return mode === "standard" ? "sign_contract" : "accept_pay";
}
