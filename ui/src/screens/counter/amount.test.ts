import { describe, expect, it } from "vitest";
import { keyFromKeyboard, millimesToText, pressKey, textToMillimes, type PadKey } from "./amount";

const type = (keys: PadKey[]) => keys.reduce(pressKey, "");

describe("counter amount", () => {
  it("builds dinars and millimes from key presses, as integers", () => {
    expect(textToMillimes(type(["1", "2", ".", "5"]))).toBe(12500);
    expect(textToMillimes(type(["1", "2", ".", "5", "0", "0"]))).toBe(12500);
    expect(textToMillimes(type(["0", "0", "7"]))).toBe(7000);
    expect(textToMillimes(type([".", "0", "0", "7"]))).toBe(7);
    expect(textToMillimes(type(["1", "2", "."]))).toBe(12000);
    expect(textToMillimes(type(["1", "00"]))).toBe(100000);
  });

  it("refuses a fourth decimal and a second separator", () => {
    expect(type(["1", ".", "2", "3", "4", "5"])).toBe("1.234");
    expect(type(["1", ".", "2", ".", "3"])).toBe("1.23");
    expect(type(["1", ".", "2", "3", "00"])).toBe("1.23");
  });

  it("reads typed text with a comma like the keypad (never a float)", () => {
    expect(textToMillimes("12,5")).toBe(12500);
    expect(textToMillimes("0.1")).toBe(100);
    expect(textToMillimes("1.2345")).toBeNull();
    expect(textToMillimes("")).toBeNull();
  });

  it("backspace and clear", () => {
    expect(pressKey("12.5", "back")).toBe("12.");
    expect(pressKey("12.5", "clear")).toBe("");
  });

  it("maps keyboard keys", () => {
    expect(keyFromKeyboard("7")).toBe("7");
    expect(keyFromKeyboard(",")).toBe(".");
    expect(keyFromKeyboard(".")).toBe(".");
    expect(keyFromKeyboard("Backspace")).toBe("back");
    expect(keyFromKeyboard("a")).toBeNull();
  });

  it("turns millimes back into keypad text", () => {
    expect(millimesToText(12500)).toBe("12.5");
    expect(millimesToText(7)).toBe("0.007");
    expect(millimesToText(3000)).toBe("3");
  });
});
