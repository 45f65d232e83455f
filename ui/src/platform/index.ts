// The only module that talks to Tauri: everything else imports from here, never @tauri-apps/*.
export type { AppInfo } from "../bindings/AppInfo";
export type { CommandError } from "../bindings/CommandError";
export type { EnvironmentKind } from "../bindings/EnvironmentKind";
export type { ErrorCode } from "../bindings/ErrorCode";
export type { UiReady } from "../bindings/UiReady";
export {
  appInfo,
  checkConnection,
  connectKey,
  createEscrow,
  createReconcile,
  createShare,
  dashboard,
  escrowAction,
  escrowDetail,
  escrowsList,
  feePreview,
  profilesList,
  refreshBalance,
  removeProfile,
  reportUiError,
  renewShare,
  startDemo,
  switchProfile,
  syncNow,
  syncStatus,
  uiReady,
  updateEscrow,
  watchShare,
} from "./commands";
export { asCommandError, isCommandError } from "./errors";
export {
  onEvent,
  onSyncStatus,
  SHARE_STATUS_EVENT,
  subscribe,
  SYNC_STATUS_EVENT,
  type Unlisten,
} from "./events";
export { COMMAND_NAMES, type CommandName } from "./ipc";
export { openExternal } from "./opener";
