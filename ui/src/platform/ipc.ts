import { invoke as tauriInvoke } from "@tauri-apps/api/core";
import type { AppInfo } from "../bindings/AppInfo";
import type { UiReady } from "../bindings/UiReady";
import { asCommandError } from "./errors";

/**
 * Every app command, its arguments and its result. The names match `COMMANDS` in
 * src-tauri/src/commands/names.rs (a test checks it); argument and result types are the ones
 * generated from the Rust types.
 */
export interface Commands {
  app_info: { args: Record<string, never>; result: AppInfo };
  ui_ready: { args: Record<string, never>; result: UiReady };
}

/** The name of an app command. */
export type CommandName = keyof Commands;

/** Names of all commands, for checks against the Rust list. */
export const COMMAND_NAMES = ["app_info", "ui_ready"] as const satisfies readonly CommandName[];

/**
 * Calls a command with typed arguments and result. Rejects with a `CommandError` (never a bare
 * string or an unknown value).
 */
export async function invoke<C extends CommandName>(
  command: C,
  args: Commands[C]["args"],
): Promise<Commands[C]["result"]> {
  try {
    return await tauriInvoke<Commands[C]["result"]>(command, args);
  } catch (error) {
    throw asCommandError(error);
  }
}
