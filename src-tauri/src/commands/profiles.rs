//! Profiles: the demo, connecting a key, switching, removing, settings.

use tauri::State;

use crate::error::CommandResult;
use crate::hub::Hub;
use crate::views::profiles::{ConnectRequest, ProfileRequest, ProfileView, ProfilesView};
use merchant_core::Settings;

/// All profiles and the active one.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub fn profiles_list(hub: State<'_, Hub>) -> CommandResult<ProfilesView> {
    Ok(hub.profiles_view())
}

/// "Try the demo": the demo shop, its simulator and a first sync.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn start_demo(hub: State<'_, Hub>) -> CommandResult<ProfileView> {
    hub.start_demo().await
}

/// "Connect a sandbox/live key", or give a profile its key again.
#[tauri::command]
#[tracing::instrument(skip_all, fields(environment = ?request.environment), err)]
pub async fn connect_key(
    hub: State<'_, Hub>,
    request: ConnectRequest,
) -> CommandResult<ProfileView> {
    hub.connect_key(request).await
}

/// Makes another profile active.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn switch_profile(
    hub: State<'_, Hub>,
    request: ProfileRequest,
) -> CommandResult<ProfilesView> {
    hub.switch_profile(request).await
}

/// Removes a profile: its key, its local book, and the profile.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn remove_profile(
    hub: State<'_, Hub>,
    request: ProfileRequest,
) -> CommandResult<ProfilesView> {
    hub.remove_profile(request).await
}

/// Saves the active profile's settings.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn update_settings(
    hub: State<'_, Hub>,
    settings: Settings,
) -> CommandResult<ProfileView> {
    hub.update_settings(settings).await
}
