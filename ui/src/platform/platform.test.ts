import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import { appInfo, asCommandError, COMMAND_NAMES, uiReady } from ".";

describe("typed commands", () => {
  it("pass the command's result through", async () => {
    mockIPC((cmd) =>
      cmd === "app_info"
        ? {
            name: "DHMAD Merchant",
            version: "0.1.0",
            environment: "development",
            dataDir: "/d",
            logDir: "/l",
          }
        : { sinceStartMs: 12 },
    );
    expect((await appInfo()).name).toBe("DHMAD Merchant");
    expect(await uiReady()).toEqual({ sinceStartMs: 12 });
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
    const rust = readFileSync(join(here, "../../../src-tauri/src/commands/names.rs"), "utf8");
    const list = /COMMANDS: &\[&str\] = &\[([^\]]*)\]/.exec(rust)?.[1] ?? "";
    const names = [...list.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(0);
    expect([...COMMAND_NAMES].sort()).toEqual(names.sort());
  });
});
