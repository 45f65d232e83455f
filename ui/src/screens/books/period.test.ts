import { describe, expect, it } from "vitest";
import { addDays, isDay, periodRange, tunisDay } from "./period";

describe("book periods in Africa/Tunis", () => {
  it("takes the calendar day of Tunis, not of UTC", () => {
    // 23:30 UTC on 31 March is already 1 April in Tunis (UTC+1).
    expect(tunisDay(new Date("2026-03-31T23:30:00Z"))).toBe("2026-04-01");
    expect(tunisDay(new Date("2026-03-31T22:59:00Z"))).toBe("2026-03-31");
  });

  it("gives today, this week from Monday, this month and last month", () => {
    const now = new Date("2026-03-31T23:30:00Z"); // Wednesday 1 April 2026 in Tunis
    expect(periodRange("today", now)).toEqual({ fromDay: "2026-04-01", toDay: "2026-04-01" });
    expect(periodRange("week", now)).toEqual({ fromDay: "2026-03-30", toDay: "2026-04-01" });
    expect(periodRange("month", now)).toEqual({ fromDay: "2026-04-01", toDay: "2026-04-01" });
    expect(periodRange("lastMonth", now)).toEqual({ fromDay: "2026-03-01", toDay: "2026-03-31" });
  });

  it("handles a Sunday, January and leap years", () => {
    const sunday = new Date("2026-03-08T12:00:00Z");
    expect(periodRange("week", sunday)).toEqual({ fromDay: "2026-03-02", toDay: "2026-03-08" });
    expect(periodRange("lastMonth", new Date("2026-01-15T10:00:00Z"))).toEqual({
      fromDay: "2025-12-01",
      toDay: "2025-12-31",
    });
    expect(periodRange("lastMonth", new Date("2028-03-10T10:00:00Z"))).toEqual({
      fromDay: "2028-02-01",
      toDay: "2028-02-29",
    });
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("checks custom days", () => {
    expect(isDay("2026-02-28")).toBe(true);
    expect(isDay("2026-02-30")).toBe(false);
    expect(isDay("2026-2-3")).toBe(false);
  });
});
