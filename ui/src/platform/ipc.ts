import { invoke as tauriInvoke } from "@tauri-apps/api/core";
import type { CommandName, Commands } from "../bindings/commands";
import { asCommandError } from "./errors";

export type { CommandName, Commands } from "../bindings/commands";
export { COMMAND_NAMES } from "../bindings/commands";

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
