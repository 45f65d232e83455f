/** Millimes in one Tunisian dinar (TND has three decimals). */
export const MILLIMES_PER_DINAR = 1000n;

/**
 * The exact decimal string of an amount in millimes ("-1234.500"), computed with integer
 * arithmetic only — money is never a float.
 */
export function millimesToDecimalString(millimes: number | bigint): string {
  if (typeof millimes === "number" && !Number.isSafeInteger(millimes)) {
    throw new RangeError(`an amount in millimes must be a safe integer, got ${millimes}`);
  }
  const value = BigInt(millimes);
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
export function formatMoney(millimes: number | bigint, locale: string): string {
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
