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
  return formatter("dateTime", locale).format(toDate(value));
}

/** The calendar date only, e.g. "2 mars 2026" (fr-TN). */
export function formatDate(value: Date | string, locale: string): string {
  return formatter("date", locale).format(toDate(value));
}

const STYLES = {
  dateTime: { timeZone: TIME_ZONE, dateStyle: "medium", timeStyle: "short", hourCycle: "h23" },
  date: { timeZone: TIME_ZONE, dateStyle: "medium" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * One formatter per style and locale, made once: making one costs far more than formatting with
 * it, and a table draws dozens of dates a frame while it scrolls.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(style: keyof typeof STYLES, locale: string): Intl.DateTimeFormat {
  const key = `${style} ${locale}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(locale, STYLES[style]);
    formatters.set(key, made);
  }
  return made;
}
