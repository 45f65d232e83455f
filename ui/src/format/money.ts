/** Millimes in one Tunisian dinar (TND has three decimals). */
export const MILLIMES_PER_DINAR = 1000n;

/**
 * Integer millimes as they cross IPC: a number while JavaScript holds it exactly, else the same
 * integer as a decimal string ("9007199254740994").
 */
export type Millimes = number | string;

/** An amount in millimes as a `bigint`, exactly; a RangeError for anything but an integer. */
export function toBigMillimes(millimes: number | bigint | string): bigint {
  if (typeof millimes === "bigint") return millimes;
  if (typeof millimes === "string") {
    if (!/^-?\d+$/.test(millimes)) throw new RangeError(`an amount in millimes must be an integer, got "${millimes}"`);
    return BigInt(millimes);
  }
  if (!Number.isSafeInteger(millimes)) {
    throw new RangeError(`an amount in millimes must be a safe integer, got ${millimes}`);
  }
  return BigInt(millimes);
}

/** The exact sum of amounts in millimes (for showing two fees as one figure). */
export function addMillimes(...amounts: Array<number | bigint | string>): bigint {
  return amounts.reduce<bigint>((sum, m) => sum + toBigMillimes(m), 0n);
}

/**
 * The exact decimal string of an amount in millimes ("-1234.500"), computed with integer
 * arithmetic only — money is never a float.
 */
export function millimesToDecimalString(millimes: number | bigint | string): string {
  const value = toBigMillimes(millimes);
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const dinars = magnitude / MILLIMES_PER_DINAR;
  const rest = (magnitude % MILLIMES_PER_DINAR).toString().padStart(3, "0");
  return `${negative ? "-" : ""}${dinars}.${rest}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

function moneyFormatter(locale: string): Intl.NumberFormat {
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: "TND",
      minimumFractionDigits: 3,
      maximumFractionDigits: 3,
    });
    formatters.set(locale, formatter);
  }
  return formatter;
}

/**
 * An amount in millimes as the merchant reads it in `locale`, e.g. 1234500 → "1 234,500 DT"
 * (fr-TN). Intl receives the exact decimal string, so no rounding happens on the way.
 */
export function formatMoney(millimes: number | bigint | string, locale: string): string {
  const decimal = millimesToDecimalString(millimes) as `${number}`;
  return moneyFormatter(locale).format(decimal);
}

/**
 * Reads an amount in dinars as typed ("12", "12.5", "12,500", "1 234.5") into millimes, with
 * integer arithmetic only. `null` for anything that is not a non-negative amount with at most
 * three decimals.
 */
export function parseDinarsToMillimes(text: string): number | null {
  const compact = text.trim().replace(/[\s\u00a0\u202f]/g, "");
  const match = /^(\d+)(?:[.,](\d{0,3}))?$/.exec(compact);
  if (!match) return null;
  const dinars = BigInt(match[1] ?? "0");
  const fraction = BigInt((match[2] ?? "").padEnd(3, "0"));
  const millimes = dinars * MILLIMES_PER_DINAR + fraction;
  return millimes <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(millimes) : null;
}
