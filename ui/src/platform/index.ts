// The only module that talks to Tauri: everything else imports from here, never @tauri-apps/*.
export type { AppInfo } from "../bindings/AppInfo";
export type { CommandError } from "../bindings/CommandError";
export type { BuildKind } from "../bindings/BuildKind";
export type { ErrorCode } from "../bindings/ErrorCode";
export type { UiReady } from "../bindings/UiReady";
export * from "./commands";
export { asCommandError, isCommandError } from "./errors";
export * from "./events";
export { COMMAND_NAMES, type CommandName } from "./ipc";
export { openExternal } from "./opener";
export { systemLanguage } from "./system";
