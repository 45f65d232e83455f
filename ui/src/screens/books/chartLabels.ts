import type { PeriodRow } from "../../bindings/PeriodRow";

/** A period of the report as a UTC date: its calendar day (or month) is the Tunis one the book used. */
function periodDate(period: string): Date | null {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(period);
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3] ?? "1")));
}

/**
 * A bar's label: a day as a short date ("3 Dec"), a month as its name ("Dec"), with the year
 * when the rows span more than one. Formatted in UTC since the period already is a calendar date.
 */
export function periodName(period: string, locale: string, withYear: boolean): string {
  const date = periodDate(period);
  if (date === null) return period;
  const day = period.length > 7;
  return new Intl.DateTimeFormat(locale, {
    timeZone: "UTC",
    month: "short",
    ...(day ? { day: "numeric" } : {}),
    ...(withYear ? { year: day ? "numeric" : "2-digit" } : {}),
  }).format(date);
}

/** Whether the rows fall in more than one calendar year (their labels then carry it). */
export function spansYears(rows: readonly PeriodRow[]): boolean {
  return new Set(rows.map((r) => r.period.slice(0, 4))).size > 1;
}

/** Roughly how wide a text of `chars` characters is at the chart's label size, in chart units. */
export function textWidth(chars: number): number {
  return chars * 6.5 + 8;
}

/** Label every `n`th bar, so labels `width` wide never overlap in slots `slot` wide. */
export function labelStep(slot: number, width: number): number {
  return slot <= 0 ? 1 : Math.max(1, Math.ceil(width / slot));
}

/** The row with the highest net (the first of equals), or null for none. */
export function highest(rows: readonly PeriodRow[]): PeriodRow | null {
  return rows.reduce<PeriodRow | null>((best, r) => (best === null || r.totals.net > best.totals.net ? r : best), null);
}
