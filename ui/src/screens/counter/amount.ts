import { MILLIMES_PER_DINAR, parseDinarsToMillimes } from "../../format";

/** A key of the counter keypad. */
export type PadKey = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "00" | "." | "back" | "clear";

/** Most digits before the decimal point (an amount under 10 billion dinars stays a safe integer). */
const MAX_WHOLE_DIGITS = 9;

/**
 * The amount text after one key press. A press that would make the text unreadable as TND
 * (a second separator, a fourth decimal, too many digits) leaves it unchanged.
 */
export function pressKey(text: string, key: PadKey): string {
  if (key === "clear") return "";
  if (key === "back") return text.slice(0, -1);
  const [whole = "", fraction] = text.split(".");
  if (key === ".") return fraction !== undefined ? text : `${whole === "" ? "0" : whole}.`;
  let next = text;
  for (const digit of key) {
    if (fraction !== undefined || next.includes(".")) {
      if ((next.split(".")[1] ?? "").length >= 3) return text; // a 4th decimal is refused
      next += digit;
    } else {
      if (next === "0") next = digit;
      else if (next.length >= MAX_WHOLE_DIGITS) return text;
      else next += digit;
    }
  }
  return next === "00" ? "0" : next;
}

/** The keypad key a keyboard key stands for (digits, comma or dot, Backspace, Delete), or null. */
export function keyFromKeyboard(key: string): PadKey | null {
  if (/^[0-9]$/.test(key)) return key as PadKey;
  if (key === "," || key === "." || key === "Decimal") return ".";
  if (key === "Backspace") return "back";
  if (key === "Delete") return "clear";
  return null;
}

/** The amount typed, in millimes (null: nothing, or not an amount). */
export function textToMillimes(text: string): number | null {
  if (text === "") return null;
  return parseDinarsToMillimes(text.endsWith(".") ? text.slice(0, -1) : text);
}

/** Millimes back to keypad text ("12.5" for 12500), for resuming or editing an amount. */
export function millimesToText(millimes: number): string {
  const value = BigInt(millimes);
  const whole = value / MILLIMES_PER_DINAR;
  const fraction = (value % MILLIMES_PER_DINAR).toString().padStart(3, "0").replace(/0+$/, "");
  return fraction === "" ? whole.toString() : `${whole}.${fraction}`;
}
