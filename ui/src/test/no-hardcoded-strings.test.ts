// Every user-visible string must come from the translation files. This walks each component's
// syntax tree and fails on JSX text, or text-bearing attributes, written directly in the code.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "@babel/parser";
import { describe, expect, it } from "vitest";
import { resources } from "../i18n/resources";

// (happy-dom replaces the global URL, so the path is built from strings.)
const SRC = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Attributes a user reads or hears (screen readers). */
const TEXT_ATTRIBUTES = new Set(["title", "alt", "placeholder", "aria-label", "aria-description", "label"]);

/** Text that is not language: punctuation, symbols, digits. */
const SYMBOLS_ONLY = /^[\s\p{P}\p{S}\p{N}]*$/u;

/** Proper nouns allowed verbatim. */
const ALLOWED = new Set(["DHMAD"]);

function sourceFiles(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "bindings" ? [] : sourceFiles(path, ext);
    return ext.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

interface Node {
  type: string;
  loc?: { start: { line: number } };
  [key: string]: unknown;
}

function walk(node: unknown, visit: (n: Node, parent: Node | null) => void, parent: Node | null = null) {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit, parent);
    return;
  }
  if (typeof node !== "object" || node === null || typeof (node as Node).type !== "string") return;
  const n = node as Node;
  visit(n, parent);
  for (const [key, value] of Object.entries(n)) {
    if (key !== "loc" && key !== "start" && key !== "end" && typeof value === "object") walk(value, visit, n);
  }
}

function isLanguage(text: string): boolean {
  const trimmed = text.trim();
  return trimmed !== "" && !SYMBOLS_ONLY.test(trimmed) && !ALLOWED.has(trimmed);
}

/** Hard-coded user-visible strings in one file, as "file:line text". */
function hardCodedStrings(path: string, code: string): string[] {
  const ast = parse(code, { sourceType: "module", plugins: ["jsx", "typescript"] });
  const found: string[] = [];
  const report = (n: Node, text: string) =>
    found.push(`${relative(SRC, path)}:${n.loc?.start.line ?? 0} ${JSON.stringify(text.trim())}`);
  walk(ast.program, (n, parent) => {
    if (n.type === "JSXText" && isLanguage(String(n.value))) report(n, String(n.value));
    if (n.type === "JSXAttribute") {
      const name = (n.name as Node).name;
      const value = n.value as Node | null;
      if (typeof name === "string" && TEXT_ATTRIBUTES.has(name) && value?.type === "StringLiteral") {
        if (isLanguage(String(value.value))) report(value, String(value.value));
      }
    }
    // {"Some text"} or {`Some text`} directly as a JSX child.
    if (n.type === "JSXExpressionContainer" && parent?.type === "JSXElement") {
      const e = n.expression as Node;
      if (e.type === "StringLiteral" && isLanguage(String(e.value))) report(e, String(e.value));
      if (e.type === "TemplateLiteral") {
        const quasis = (e.quasis as Node[]).map((q) => String((q.value as { cooked: string }).cooked));
        if (quasis.some(isLanguage)) report(e, quasis.join("…"));
      }
    }
  });
  return found;
}

describe("user-visible strings", () => {
  it("none is hard-coded in a component", () => {
    const offenders = sourceFiles(SRC, /\.tsx$/).flatMap((path) => hardCodedStrings(path, readFileSync(path, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the check catches JSX text, text attributes and string children", () => {
    const code = `export const A = () => (<div title="Close this"><p>Pay now</p>{"Total"}<b>{n} DT</b><i>: 3 —</i></div>);`;
    expect(hardCodedStrings(join(SRC, "X.tsx"), code)).toEqual([
      'X.tsx:1 "Close this"',
      'X.tsx:1 "Pay now"',
      'X.tsx:1 "Total"',
      'X.tsx:1 "DT"',
    ]);
  });

  it("every static translation key used in the code exists in English", () => {
    const english = resources.en as unknown as Record<string, unknown>;
    const exists = (key: string) =>
      key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], english) !==
      undefined;
    // A plural key (`t(key, { count })`) exists as its forms; `_other` is the one every language has.
    const has = (key: string) => exists(key) || exists(`${key}_other`);
    const missing: string[] = [];
    for (const path of sourceFiles(SRC, /\.tsx?$/)) {
      const code = readFileSync(path, "utf8");
      for (const m of code.matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g)) {
        if (m[1] && !has(m[1])) missing.push(`${relative(SRC, path)}: ${m[1]}`);
      }
      for (const m of code.matchAll(/labelKey:\s*"([a-zA-Z0-9_.]+)"/g)) {
        if (m[1] && !has(m[1])) missing.push(`${relative(SRC, path)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
