import { describe, expect, it, vi } from "vitest";
import { formattingLocale } from "../i18n";
import { addMillimes, formatDate, formatDateTime, formatMoney, millimesToDecimalString } from ".";

describe("millimesToDecimalString", () => {
  it("splits millimes into dinars with integer arithmetic", () => {
    expect(millimesToDecimalString(0)).toBe("0.000");
    expect(millimesToDecimalString(5)).toBe("0.005");
    expect(millimesToDecimalString(1_234_500)).toBe("1234.500");
    expect(millimesToDecimalString(-1_001)).toBe("-1.001");
    // The largest safe integer stays exact (a float division would not).
    expect(millimesToDecimalString(Number.MAX_SAFE_INTEGER)).toBe("9007199254740.991");
    expect(millimesToDecimalString(12_345_678_901_234_567n)).toBe("12345678901234.567");
  });

  it("refuses amounts that are not safe integers", () => {
    expect(() => millimesToDecimalString(1.5)).toThrow(RangeError);
    expect(() => millimesToDecimalString(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(() => millimesToDecimalString(Number.NaN)).toThrow(RangeError);
  });

  it("reads amounts beyond 2^53 sent as integer strings, exactly", () => {
    expect(millimesToDecimalString("9007199254740994")).toBe("9007199254740.994");
    expect(millimesToDecimalString("-9007199254740994")).toBe("-9007199254740.994");
    expect(millimesToDecimalString("9223372036854775807")).toBe("9223372036854775.807");
    for (const bad of ["", "1.5", "1e21", " 12", "12x", "--1"]) {
      expect(() => millimesToDecimalString(bad)).toThrow(RangeError);
    }
  });

  it("adds amounts exactly, whatever form they crossed in", () => {
    expect(addMillimes(1_500, "9007199254740994", 0n)).toBe(9_007_199_254_742_494n);
  });
});

describe("formatMoney", () => {
  it("shows TND with three decimals in English", () => {
    expect(formatMoney(1_234_500, formattingLocale("en"))).toBe("TND\u00a01,234.500");
    expect(formatMoney(7, formattingLocale("en"))).toBe("TND\u00a00.007");
  });

  it("formats an amount of 2^53 + 2 millimes to the last millime", () => {
    expect(formatMoney("9007199254740994", formattingLocale("en"))).toBe("TND\u00a09,007,199,254,740.994");
  });

  it("uses Tunisian French conventions", () => {
    // fr-TN groups with a narrow no-break space and writes "DT" after the amount.
    expect(formatMoney(1_234_500, formattingLocale("fr"))).toBe("1\u202f234,500\u00a0DT");
  });

  it("uses Tunisian Arabic conventions with Western digits", () => {
    const text = formatMoney(1_234_500, formattingLocale("ar"));
    expect(text).toContain("1.234,500");
    expect(text).toContain("د.ت.");
    expect(text).not.toMatch(/[\u0660-\u0669]/); // no Eastern Arabic digits in Tunisia
  });

  it("keeps every millime of large amounts", () => {
    expect(formatMoney(9_007_199_254_740_991, "en-GB")).toBe("TND\u00a09,007,199,254,740.991");
  });
});

describe("dates", () => {
  // 23:30 UTC on 1 March is already 2 March in Tunis (UTC+1).
  const instant = "2026-03-01T23:30:00Z";

  it("shows dates in Africa/Tunis time", () => {
    expect(formatDateTime(instant, formattingLocale("en"))).toBe("2 Mar 2026, 00:30");
    expect(formatDateTime(instant, formattingLocale("fr"))).toBe("2 mars 2026, 00:30");
    expect(formatDate(new Date(instant), formattingLocale("fr"))).toBe("2 mars 2026");
  });

  it("formats in Arabic with the Tunisian calendar date", () => {
    const text = formatDateTime(instant, formattingLocale("ar"));
    expect(text).toMatch(/02\u200f?\/03\u200f?\/2026/);
    expect(text).toContain("00:30");
  });

  it("reads every way chrono writes an instant: whole seconds, milliseconds, nanoseconds", () => {
    for (const written of ["2026-03-01T23:30:00Z", "2026-03-01T23:30:00.123Z", "2026-03-01T23:30:00.123456789Z"]) {
      expect(formatDateTime(written, formattingLocale("en"))).toBe("2 Mar 2026, 00:30");
    }
  });

  it("refuses what is not a date", () => {
    expect(() => formatDate("yesterday-ish", "en-GB")).toThrow(RangeError);
  });

  it("makes one formatter per style and locale, however many dates a table draws", () => {
    const Real = Intl.DateTimeFormat;
    const made = vi.spyOn(Intl, "DateTimeFormat").mockImplementation(function made(
      ...args: ConstructorParameters<typeof Real>
    ) {
      return new Real(...args);
    });
    for (let day = 1; day <= 28; day += 1) {
      expect(formatDateTime(`2031-02-${String(day).padStart(2, "0")}T10:00:00Z`, "fr-BE")).toContain("2031");
      expect(formatDate(`2031-02-${String(day).padStart(2, "0")}T10:00:00Z`, "fr-BE")).toContain("févr.");
    }
    expect(made).toHaveBeenCalledTimes(2);
    made.mockRestore();
  });
});
