//! Profiles: the demo, connecting a key, switching, removing, settings.

use merchant_core::day::CustomMethod;
use merchant_core::{
    ApiKeySecret, Environment, Profile, ProfileId, SecretStore, Settings, client_for,
    connect_profile, secrets::account_for,
};

use crate::app::{App, DEMO_PROFILE_ID};
use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::views::profiles::{ConnectRequest, ProfileRequest, ProfileView, ProfilesView};

impl App {
    /// All profiles and the active one.
    pub async fn profiles_list(&self) -> CommandResult<ProfilesView> {
        Ok(self.profiles_view())
    }

    fn profiles_view(&self) -> ProfilesView {
        let profiles = self.workspace().profiles();
        ProfilesView {
            profiles: profiles.list().iter().map(ProfileView::from).collect(),
            active_id: profiles.active().map(|p| p.id.as_str().to_owned()),
        }
    }

    /// "Try the demo": creates the demo profile once, makes it active, starts its simulator and
    /// a first sync.
    pub async fn start_demo(&self) -> CommandResult<ProfileView> {
        let profile = crate::app::demo_profile(self.workspace())?;
        self.shop().await?;
        self.sync_now().await?;
        let profile = self.workspace().profile(&profile.id).unwrap_or(profile);
        Ok(ProfileView::from(&profile))
    }

    /// "Connect a sandbox/live key": validates it (`GET /me`, association), then saves it in the
    /// keychain (or for this session only) and makes the profile active. With `profileId` it
    /// gives an existing profile its key again (after a "this session only" key was forgotten by
    /// a restart): the profile keeps its id, settings and book, and must stay on the same
    /// developer account.
    #[tracing::instrument(skip_all, fields(environment = ?request.environment))]
    pub async fn connect_key(&self, request: ConnectRequest) -> CommandResult<ProfileView> {
        let environment = Environment::from(request.environment);
        let key = ApiKeySecret::new(request.api_key.trim());
        let existing = match request.profile_id.as_deref() {
            Some(id) => Some(self.profile_to_reconnect(id, environment)?),
            None => None,
        };
        let mut profile = existing
            .clone()
            .unwrap_or_else(|| new_profile(&request, environment));
        let client = client_for(&profile, &key)?;
        // A profile asked for its key again keeps its name.
        let name = request
            .display_name
            .as_deref()
            .filter(|_| existing.is_none());
        connect_profile(&mut profile, &client, name, chrono::Utc::now()).await?;
        self.keep_key(&profile, &key, request.session_only == Some(true))?;
        let profiles = self.workspace().profiles();
        if existing.is_some() {
            let facts = profile.connect.clone();
            profiles.update(&profile.id, |p| p.connect = facts)?;
        } else {
            profiles.add(profile.clone())?;
        }
        profiles.set_active(&profile.id)?;
        self.sync_now().await?;
        Ok(ProfileView::from(&profile))
    }

    /// Saves a checked key in the keychain, or keeps it in memory for this session only.
    fn keep_key(
        &self,
        profile: &Profile,
        key: &ApiKeySecret,
        session_only: bool,
    ) -> CommandResult<()> {
        if session_only {
            let account = account_for(&profile.id, profile.environment);
            self.session_keys()
                .set(&account, key)
                .map_err(merchant_core::MerchantError::from)?;
        } else {
            self.workspace().save_key(profile, key)?;
        }
        Ok(())
    }

    /// The profile `id` that asks for its key again; it must be a live or sandbox profile of the
    /// environment the merchant chose.
    fn profile_to_reconnect(&self, id: &str, environment: Environment) -> CommandResult<Profile> {
        let profile = self.workspace().profile(&ProfileId::new(id)?)?;
        if profile.environment != environment {
            let text = format!(
                "This shop is a {} profile: enter its {} key.",
                profile.environment.as_str(),
                profile.environment.as_str()
            );
            return Err(
                CommandError::new(ErrorCode::Validation, text.clone()).with_user_message(text)
            );
        }
        Ok(profile)
    }

    /// Makes another profile active.
    pub async fn switch_profile(&self, request: ProfileRequest) -> CommandResult<ProfilesView> {
        let id = ProfileId::new(request.id)?;
        self.workspace().profiles().set_active(&id)?;
        self.shop().await?;
        Ok(self.profiles_view())
    }

    /// Removes a profile: its key from the keychain, its local book, and the profile.
    pub async fn remove_profile(&self, request: ProfileRequest) -> CommandResult<ProfilesView> {
        let id = ProfileId::new(request.id)?;
        self.close_if(&id).await;
        self.workspace().remove_profile(&id)?;
        if id.as_str() == DEMO_PROFILE_ID {
            tracing::info!("demo profile removed");
        }
        Ok(self.profiles_view())
    }

    /// Saves the active profile's settings.
    pub async fn update_settings(&self, mut settings: Settings) -> CommandResult<ProfileView> {
        name_new_methods(&mut settings.custom_methods)?;
        settings.printing.validate()?;
        if let Some(url) = &settings.redirect_url {
            validate_redirect(url)?;
        }
        let active = self.workspace().active_profile()?;
        let updated = self
            .workspace()
            .profiles()
            .update(&active.id, |p| p.settings = settings)?;
        self.profile_changed(&updated).await;
        Ok(ProfileView::from(&updated))
    }
}

/// A profile for a key connected for the first time, in the system's language.
fn new_profile(request: &ConnectRequest, environment: Environment) -> Profile {
    let mut new = Profile::new(ProfileId::generate(), "", environment);
    new.settings.language = merchant_core::Language::of_system();
    new.set_base_url(
        request.base_url.clone(),
        request.confirm_proxy.unwrap_or(false),
    );
    new.settings.redirect_url = request.redirect_url.clone().filter(|u| !u.is_empty());
    new
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
