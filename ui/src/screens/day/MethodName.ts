import type { TFunction } from "i18next";
import type { DayReport } from "../../bindings/DayReport";
import type { MethodLine } from "../../bindings/MethodLine";
import type { MethodView } from "../../bindings/MethodView";
import type { PaymentMethod } from "../../bindings/PaymentMethod";

/** The built-in methods the UI names itself; a custom method carries its merchant's name. */
export const BUILT_IN_METHODS = ["cash", "card", "d17", "flouci", "konnect", "edinar", "cheque", "dhmad"] as const;

/**
 * The method a form control's value names, as the shop's list gives it: a `<select>` or a radio
 * hands back text, the commands take the method.
 */
export function methodOf(methods: readonly MethodView[], code: string): PaymentMethod | undefined {
  return methods.find((m) => m.code === code)?.code;
}

/** A method's name in the current language (a method since removed from the settings: its code). */
export function methodName(t: TFunction, code: string, methods: readonly MethodView[]): string {
  const custom = methods.find((m) => m.code === code)?.customName;
  if (custom) return custom;
  return (BUILT_IN_METHODS as readonly string[]).includes(code) ? t(`day.method.${code}`) : code;
}

/**
 * A report's lines with their methods. `Object.entries` widens every key to `string`; the keys of
 * `byMethod` are the methods the report was computed with (a method since removed from the
 * settings included, so the shop's list cannot be the source), hence read back as methods here.
 */
export function methodLines(byMethod: DayReport["byMethod"]): [PaymentMethod, MethodLine][] {
  return Object.entries(byMethod) as [PaymentMethod, MethodLine][];
}
