import type { CommandError } from "../bindings/CommandError";
import type { ErrorCode } from "../bindings/ErrorCode";

// Every code the Rust side can send. `satisfies` makes this list fail to compile when the
// generated ErrorCode union gains or loses a member.
const ERROR_CODES = {
  validation: true,
  notFound: true,
  invalidKey: true,
  notAssociated: true,
  noAccess: true,
  rateLimited: true,
  offline: true,
  outcomeUnknown: true,
  keychainUnavailable: true,
  keyNeeded: true,
  conflict: true,
  server: true,
  unsupported: true,
  internal: true,
  unsafeBaseUrl: true,
  proxyNotConfirmed: true,
  suspiciousAnswer: true,
  linkRefused: true,
  printer: true,
} as const satisfies Record<ErrorCode, true>;

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERROR_CODES, value);
}

/** True when `value` has the shape of a {@link CommandError} sent by a command. */
export function isCommandError(value: unknown): value is CommandError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    isErrorCode(v.code) &&
    typeof v.message === "string" &&
    (v.userMessage === undefined || typeof v.userMessage === "string")
  );
}

/**
 * Whatever a command rejected with, as a {@link CommandError}: commands send that shape; anything
 * else (a Tauri-level failure such as a denied permission or a missing command) becomes `internal`.
 */
export function asCommandError(value: unknown): CommandError {
  if (isCommandError(value)) return value;
  const message = value instanceof Error ? value.message : typeof value === "string" ? value : JSON.stringify(value);
  return { code: "internal", message };
}
