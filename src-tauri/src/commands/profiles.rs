//! Profiles: the demo, connecting a key, switching, removing, settings.

use merchant_core::day::CustomMethod;
use merchant_core::{
    ApiKeySecret, Environment, Profile, ProfileId, SecretStore, Settings, client_for,
    connect_profile, secrets::account_for,
};
use tauri::State;

use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::hub::{DEMO_PROFILE_ID, Hub};
use crate::views::profiles::{ConnectRequest, ProfileRequest, ProfileView, ProfilesView};

/// All profiles and the active one.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub fn profiles_list(hub: State<'_, Hub>) -> CommandResult<ProfilesView> {
    Ok(profiles_view(&hub))
}

pub(crate) fn profiles_view(hub: &Hub) -> ProfilesView {
    let profiles = hub.workspace().profiles();
    ProfilesView {
        profiles: profiles.list().iter().map(ProfileView::from).collect(),
        active_id: profiles.active().map(|p| p.id.as_str().to_owned()),
    }
}

/// "Try the demo": creates the demo profile once, makes it active, starts its simulator and a
/// first sync.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn start_demo(hub: State<'_, Hub>) -> CommandResult<ProfileView> {
    let profile = crate::hub::demo_profile(hub.workspace())?;
    hub.shop().await?;
    hub.start_sync().await?;
    let profile = hub.workspace().profile(&profile.id).unwrap_or(profile);
    Ok(ProfileView::from(&profile))
}

/// "Connect a sandbox/live key": validates it (`GET /me`, association), then saves it in the
/// keychain (or for this session only) and makes the profile active. With `profileId` it gives an
/// existing profile its key again (after a "this session only" key was forgotten by a restart):
/// the profile keeps its id, settings and book, and must stay on the same developer account.
#[tauri::command]
#[tracing::instrument(skip_all, fields(environment = ?request.environment), err)]
pub async fn connect_key(
    hub: State<'_, Hub>,
    request: ConnectRequest,
) -> CommandResult<ProfileView> {
    let environment = Environment::from(request.environment);
    let key = ApiKeySecret::new(request.api_key.trim());
    let existing = match request.profile_id.as_deref() {
        Some(id) => Some(profile_to_reconnect(&hub, id, environment)?),
        None => None,
    };
    let mut profile = existing.clone().unwrap_or_else(|| {
        let mut new = Profile::new(ProfileId::generate(), "", environment);
        new.settings.language = merchant_core::Language::of_system();
        new.set_base_url(
            request.base_url.clone(),
            request.confirm_proxy.unwrap_or(false),
        );
        new
    });
    let client = client_for(&profile, &key)?;
    if existing.is_none() {
        profile.settings.redirect_url = request.redirect_url.clone().filter(|u| !u.is_empty());
    }
    // A profile asked for its key again keeps its name.
    let name = request
        .display_name
        .as_deref()
        .filter(|_| existing.is_none());
    connect_profile(&mut profile, &client, name, chrono::Utc::now()).await?;
    if request.session_only == Some(true) {
        let account = account_for(&profile.id, environment);
        hub.session_keys()
            .set(&account, &key)
            .map_err(merchant_core::MerchantError::from)?;
    } else {
        hub.workspace().save_key(&profile, &key)?;
    }
    let profiles = hub.workspace().profiles();
    if existing.is_some() {
        let facts = profile.connect.clone();
        profiles.update(&profile.id, |p| p.connect = facts)?;
    } else {
        profiles.add(profile.clone())?;
    }
    profiles.set_active(&profile.id)?;
    hub.start_sync().await?;
    Ok(ProfileView::from(&profile))
}

/// The profile `id` that asks for its key again; it must be a live or sandbox profile of the
/// environment the merchant chose.
fn profile_to_reconnect(hub: &Hub, id: &str, environment: Environment) -> CommandResult<Profile> {
    let profile = hub.workspace().profile(&ProfileId::new(id)?)?;
    if profile.environment != environment {
        let text = format!(
            "This shop is a {} profile: enter its {} key.",
            profile.environment.as_str(),
            profile.environment.as_str()
        );
        return Err(CommandError::new(ErrorCode::Validation, text.clone()).with_user_message(text));
    }
    Ok(profile)
}

/// Makes another profile active.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn switch_profile(
    hub: State<'_, Hub>,
    request: ProfileRequest,
) -> CommandResult<ProfilesView> {
    let id = ProfileId::new(request.id)?;
    hub.workspace().profiles().set_active(&id)?;
    hub.shop().await?;
    Ok(profiles_view(&hub))
}

/// Removes a profile: its key from the keychain, its local book, and the profile.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn remove_profile(
    hub: State<'_, Hub>,
    request: ProfileRequest,
) -> CommandResult<ProfilesView> {
    let id = ProfileId::new(request.id)?;
    hub.close_if(&id).await;
    hub.workspace().remove_profile(&id)?;
    if id.as_str() == DEMO_PROFILE_ID {
        tracing::info!("demo profile removed");
    }
    Ok(profiles_view(&hub))
}

/// Saves the active profile's settings.
#[tauri::command]
#[tracing::instrument(skip_all, err)]
pub async fn update_settings(
    hub: State<'_, Hub>,
    mut settings: Settings,
) -> CommandResult<ProfileView> {
    name_new_methods(&mut settings.custom_methods)?;
    settings.printing.validate()?;
    if let Some(url) = &settings.redirect_url {
        validate_redirect(url)?;
    }
    let active = hub.workspace().active_profile()?;
    let updated = hub
        .workspace()
        .profiles()
        .update(&active.id, |p| p.settings = settings)?;
    hub.profile_changed(&updated).await;
    Ok(ProfileView::from(&updated))
}

/// A method added on the settings screen comes without a code: it gets one here, unique and
/// then fixed for good (its sales carry it).
fn name_new_methods(methods: &mut Vec<CustomMethod>) -> CommandResult<()> {
    let (mut named, new): (Vec<_>, Vec<_>) =
        methods.drain(..).partition(|m| !m.slug.trim().is_empty());
    for method in new {
        let made = CustomMethod::new(&method.name, method.in_drawer, &named)?;
        named.push(made);
    }
    *methods = named;
    Ok(())
}

/// DHMAD accepts HTTPS redirect URLs (and `http://localhost` for development).
fn validate_redirect(url: &str) -> CommandResult<()> {
    let ok = dhmad_api::Url::parse(url).is_ok_and(|u| {
        u.scheme() == "https" || (u.scheme() == "http" && u.host_str() == Some("localhost"))
    });
    if ok {
        Ok(())
    } else {
        let text = "The redirect URL must start with https:// (or http://localhost for testing).";
        Err(CommandError::new(ErrorCode::Validation, text).with_user_message(text))
    }
}
