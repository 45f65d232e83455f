/** Every date is shown in Tunisia's time zone, wherever the computer thinks it is. */
export const TIME_ZONE = "Africa/Tunis";

function toDate(value: Date | string): Date {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`not a date: ${String(value)}`);
  }
  return date;
}

/** Date and time, e.g. "2 Mar 2026, 00:30" (en-GB), 24-hour clock as used in Tunisia. */
export function formatDateTime(value: Date | string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    dateStyle: "medium",
    timeStyle: "short",
    hourCycle: "h23",
  }).format(toDate(value));
}

/** The calendar date only, e.g. "2 mars 2026" (fr-TN). */
export function formatDate(value: Date | string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, dateStyle: "medium" }).format(toDate(value));
}
