import { mockIPC } from "@tauri-apps/api/mocks";

/** A fake command: returns the result, or throws (a rejected command). */
export type Handler = (args: Record<string, unknown>) => unknown;

/**
 * Mocks the backend with one handler per command and records every call (events are mocked too,
 * so tests can `emit` a backend event). An unexpected command fails loudly.
 */
export function mockCommands(handlers: Record<string, Handler>) {
  const calls: Array<{ cmd: string; args: Record<string, unknown> }> = [];
  mockIPC(
    (cmd, args) => {
      const payload = (args ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args: payload });
      const handler = handlers[cmd];
      if (!handler && cmd.startsWith("plugin:")) return undefined; // e.g. the opener
      if (!handler) throw new Error(`unexpected command ${cmd}`);
      return handler(payload);
    },
    { shouldMockEvents: true },
  );
  return { calls, names: () => calls.map((c) => c.cmd) };
}
