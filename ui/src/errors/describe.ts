import type { TFunction } from "i18next";
import { asCommandError, type CommandError } from "../platform";

/** A failure as the merchant reads it: one sentence, plus the steps to fix an association. */
export interface ErrorDescription {
  /** The sentence shown. */
  text: string;
  /** The failure's code (the UI may react to some, e.g. offer "session only"). */
  code: CommandError["code"];
  /** Steps to associate the developer account (`notAssociated`). */
  steps: string[];
  /** Where those steps are done. */
  dashboardUrl: string | null;
  /** Seconds before the request is retried (`rateLimited`). */
  retryAfterSeconds: number | null;
}

/**
 * Turns whatever a command rejected with into what the merchant reads: DHMAD's own
 * `userMessage` when it gave one, else our translation for the code — never the developer
 * message, a stack trace or a JSON body.
 */
export function describeError(error: unknown, t: TFunction): ErrorDescription {
  const e = asCommandError(error);
  // The code says which kind of details there are (the generated type pairs them); the checks stay
  // because the value crossed IPC.
  const association = e.code === "notAssociated" ? e.details : undefined;
  const steps = Array.isArray(association?.steps) ? association.steps.filter((s) => typeof s === "string") : [];
  const dashboardUrl = typeof association?.dashboardUrl === "string" ? association.dashboardUrl : null;
  const retry = e.code === "rateLimited" ? e.details?.retryAfterSeconds : null;
  const retryAfterSeconds = typeof retry === "number" && Number.isFinite(retry) ? Math.max(0, Math.ceil(retry)) : null;
  let text: string;
  if (e.code === "rateLimited") {
    text = rateLimitText(t, retryAfterSeconds);
  } else if (e.code === "offline") {
    text = t("errors.offline");
  } else if (e.userMessage && e.userMessage.trim() !== "") {
    text = e.userMessage;
  } else {
    text = t(`errors.code.${e.code}`);
  }
  return { text, code: e.code, steps, dashboardUrl, retryAfterSeconds };
}

/**
 * The rate-limit sentence for `secondsLeft` (null: DHMAD gave no wait). `count` lets i18next pick
 * the plural form each language needs (Arabic has six); at 0 it says the merchant may try again.
 */
export function rateLimitText(t: TFunction, secondsLeft: number | null): string {
  if (secondsLeft === null) return t("errors.rateLimitedSoon");
  if (secondsLeft <= 0) return t("errors.rateLimitedNow");
  return t("errors.rateLimited", { count: secondsLeft });
}
