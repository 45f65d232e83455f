import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import { appInfo, asCommandError, COMMAND_NAMES, uiReady } from ".";

describe("typed commands", () => {
  it("pass the command's arguments and result through", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      sent.push(args);
      return cmd === "app_info"
        ? {
            name: "DHMAD Merchant",
            version: "0.1.0",
            build: "development",
            dataDir: "/d",
            logDir: "/l",
          }
        : { sinceStartMs: 12 };
    });
    expect((await appInfo()).name).toBe("DHMAD Merchant");
    const marks = { script: 40, prepared: 46, committed: 57, effects: 70, painted: 130, signalled: 132 };
    expect(await uiReady(marks)).toEqual({ sinceStartMs: 12 });
    expect(sent).toEqual([{}, { marks }]);
  });

  it("reject with the command's CommandError as sent", async () => {
    const sent = { code: "rateLimited", message: "429", userMessage: "Réessayez dans 12 s" };
    mockIPC(() => {
      throw sent;
    });
    await expect(appInfo()).rejects.toEqual(sent);
  });

  it("turn anything else into an internal CommandError", async () => {
    mockIPC(() => {
      throw "Command app_info not allowed by ACL";
    });
    await expect(appInfo()).rejects.toEqual({
      code: "internal",
      message: "Command app_info not allowed by ACL",
    });
    expect(asCommandError({ code: "nope", message: "x" }).code).toBe("internal");
    expect(asCommandError(new Error("boom"))).toEqual({ code: "internal", message: "boom" });
  });

  it("are exactly the commands the Rust shell registers", () => {
    // (happy-dom replaces the global URL, so paths are built from strings.)
    const here = dirname(fileURLToPath(import.meta.url));
    const rust = readFileSync(join(here, "../../../src-tauri/src/commands/list.rs"), "utf8");
    // `name(…)` for a use case, `module::name(…)` for the shell's own.
    const names = [...rust.matchAll(/^\s+(?:[a-z_]+::)?([a-z_]+)\(/gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(0);
    expect([...COMMAND_NAMES].sort()).toEqual(names.sort());
  });
});

describe("the platform module", () => {
  it("is the only screen code that imports @tauri-apps/*", () => {
    const src = join(dirname(fileURLToPath(import.meta.url)), "..");
    const offenders = readdirSync(src, { recursive: true, encoding: "utf8" })
      .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
      .filter((file) => !file.startsWith("platform/") && !file.startsWith("test/"))
      .filter((file) => /from\s+["']@tauri-apps\//.test(readFileSync(join(src, file), "utf8")));
    expect(offenders).toEqual([]);
  });
});
