import { describe, expect, it } from "vitest";
import { parseDinarsToMillimes } from ".";

describe("parseDinarsToMillimes", () => {
  it("reads dinars with a dot or a comma and up to three decimals", () => {
    expect(parseDinarsToMillimes("12")).toBe(12000);
    expect(parseDinarsToMillimes("12.5")).toBe(12500);
    expect(parseDinarsToMillimes("12,500")).toBe(12500);
    expect(parseDinarsToMillimes("0.01")).toBe(10);
    expect(parseDinarsToMillimes(" 1 234.567 ")).toBe(1234567);
    expect(parseDinarsToMillimes("0.1")).toBe(100);
  });

  it("refuses what is not an amount (no float rounding: a 4th decimal is refused)", () => {
    for (const bad of ["", "abc", "-5", "1.2345", "1e3", "12.5.1", "9999999999999999"]) {
      expect(parseDinarsToMillimes(bad)).toBeNull();
    }
  });
});
