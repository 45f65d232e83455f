// The app's IPC commands by name. This one list is shared by build.rs (each command becomes a
// permission `allow-<name>` in Tauri's ACL) and by the tests that check the builder wires every
// command and the capability file grants each one. Keep it in step with `generate_handler!` in
// lib.rs — the IPC smoke test fails when they differ.

/// Every `#[tauri::command]` the app registers, in snake_case as the UI invokes them.
pub const COMMANDS: &[&str] = &[
    "app_info",
    "ui_ready",
    "profiles_list",
    "start_demo",
    "connect_key",
    "switch_profile",
    "remove_profile",
    "update_settings",
    "dashboard",
    "sync_now",
    "sync_status",
    "refresh_balance",
    "escrows_list",
    "escrow_detail",
    "create_escrow",
    "fee_preview",
    "escrow_action",
    "update_escrow",
    "create_share",
    "renew_share",
    "watch_share",
];
