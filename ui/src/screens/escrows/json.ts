import type { JsonValue } from "../../bindings/serde_json/JsonValue";

/** The object inside a JSON value DHMAD sent, or an empty one (never throws on a new shape). */
export function obj(value: JsonValue | null | undefined): Record<string, JsonValue | undefined> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
}

/** A string field, or null. */
export function str(value: JsonValue | undefined): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** True when the field is `true`. */
export function yes(value: JsonValue | undefined): boolean {
  return value === true;
}
