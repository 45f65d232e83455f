//! Profiles: the demo, connecting a key, switching, removing, settings.

use tauri::State;

use crate::app::App;
use crate::error::CommandResult;
use crate::views::profiles::{ConnectRequest, ProfileRequest, ProfileView, ProfilesView};
use merchant_core::Settings;

/// All profiles and the active one.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub fn profiles_list(app: State<'_, App>) -> CommandResult<ProfilesView> {
    Ok(app.profiles_view())
}

/// "Try the demo": the demo shop, its simulator and a first sync.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn start_demo(app: State<'_, App>) -> CommandResult<ProfileView> {
    app.start_demo().await
}

/// "Connect a sandbox/live key", or give a profile its key again.
#[tauri::command]
#[tracing::instrument(skip_all, fields(environment = ?request.environment), err)]
pub async fn connect_key(
    app: State<'_, App>,
    request: ConnectRequest,
) -> CommandResult<ProfileView> {
    app.connect_key(request).await
}

/// Makes another profile active.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn switch_profile(
    app: State<'_, App>,
    request: ProfileRequest,
) -> CommandResult<ProfilesView> {
    app.switch_profile(request).await
}

/// Removes a profile: its key, its local book, and the profile.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn remove_profile(
    app: State<'_, App>,
    request: ProfileRequest,
) -> CommandResult<ProfilesView> {
    app.remove_profile(request).await
}

/// Saves the active profile's settings.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn update_settings(
    app: State<'_, App>,
    settings: Settings,
) -> CommandResult<ProfileView> {
    app.update_settings(settings).await
}
