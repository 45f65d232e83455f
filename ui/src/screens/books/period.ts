import { TIME_ZONE } from "../../format";

/** The period choices of the bookkeeping screen. */
export const PERIODS = ["today", "week", "month", "lastMonth", "custom"] as const;
export type PeriodKind = (typeof PERIODS)[number];

/** A span of calendar days in Tunis, both inclusive, as `YYYY-MM-DD`. */
export interface DayRange {
  fromDay: string;
  toDay: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar day in Africa/Tunis at `instant` (not the computer's own time zone). */
export function tunisDay(instant: Date): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

function toUtc(day: string): Date {
  const m = DAY.exec(day);
  if (!m) throw new RangeError(`not a day: ${day}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function fromUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  const d = toUtc(day);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** Whether `text` is a real calendar day `YYYY-MM-DD`. */
export function isDay(text: string): boolean {
  return DAY.test(text) && fromUtc(toUtc(text)) === text;
}

/**
 * The days of a preset period at `now`, in Tunis: today; this week (Monday to today); this
 * month (the 1st to today); last month (all of it). `custom` gives today (the fields take over).
 */
export function periodRange(kind: PeriodKind, now: Date): DayRange {
  const today = tunisDay(now);
  switch (kind) {
    case "week": {
      const weekday = (toUtc(today).getUTCDay() + 6) % 7; // Monday = 0
      return { fromDay: addDays(today, -weekday), toDay: today };
    }
    case "month":
      return { fromDay: `${today.slice(0, 8)}01`, toDay: today };
    case "lastMonth": {
      const lastDay = addDays(`${today.slice(0, 8)}01`, -1);
      return { fromDay: `${lastDay.slice(0, 8)}01`, toDay: lastDay };
    }
    case "today":
    case "custom":
      return { fromDay: today, toDay: today };
  }
}
