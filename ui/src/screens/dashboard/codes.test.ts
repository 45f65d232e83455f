import { describe, expect, it } from "vitest";
import { resources } from "../../i18n/resources";
import { NEXT_ACTION_CODES } from "./NeedsActionList";

type Tree = { [key: string]: string | Tree };

describe("codes from the backend", () => {
  it("every NextAction code of merchant-core has a translation in en, fr and ar", () => {
    for (const language of ["en", "fr", "ar"] as const) {
      const next = (resources[language] as unknown as Tree).nextAction as Tree;
      const missing = NEXT_ACTION_CODES.filter((code) => typeof next[code] !== "string");
      expect({ language, missing }).toEqual({ language, missing: [] });
    }
  });

  it("the list matches merchant-core's NextAction::code", async () => {
    const { readFileSync } = await import("node:fs");
    const { dirname, join } = await import("node:path");
    const { fileURLToPath } = await import("node:url");
    const here = dirname(fileURLToPath(import.meta.url));
    const rust = readFileSync(join(here, "../../../../crates/merchant-core/src/book/needs_action.rs"), "utf8");
    const body = /pub fn code\(self\)[\s\S]*?\n {4}\}/.exec(rust)?.[0] ?? "";
    const codes = [...body.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(10);
    expect([...NEXT_ACTION_CODES].sort()).toEqual(codes.sort());
  });
});
