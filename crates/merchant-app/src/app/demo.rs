//! The demo profile: an embedded dhmad-sim with a few hundred past escrows, its state kept in the
//! profile's folder so the demo shop and its book agree across restarts. No account, no network.

use dhmad_sim::{SimConfig, Simulator};
use merchant_core::{ApiKeySecret, Environment, Language, Profile, ProfileId, Workspace};

use super::OpenShop;
use crate::error::{CommandError, ErrorCode};

/// The demo profile's id.
pub const DEMO_PROFILE_ID: &str = "demo";
/// The simulator's allowed redirect URL (its README's demo allow-list).
const DEMO_REDIRECT: &str = "https://merchant.example/return";

/// Creates the demo profile (once) and makes it active.
pub fn ensure_profile(ws: &Workspace) -> Result<Profile, CommandError> {
    let id = ProfileId::new(DEMO_PROFILE_ID)?;
    if ws.profiles().get(&id).is_none() {
        let mut p = Profile::new(id.clone(), "Demo shop", Environment::Demo);
        p.settings.language = Language::of_system();
        p.settings.redirect_url = Some(DEMO_REDIRECT.into());
        p.settings.shop_name = "Demo shop".into();
        p.settings.title_presets = vec!["Coffee".into(), "Sandwich".into(), "Repair".into()];
        ws.profiles().add(p)?;
    }
    ws.profiles().set_active(&id)?;
    Ok(ws.profile(&id)?)
}

/// Starts the simulator (loading its saved state, or seeding `history` past escrows the first
/// time) and opens the demo shop against it.
pub(super) async fn open(
    ws: &Workspace,
    mut profile: Profile,
    history: usize,
) -> Result<OpenShop, CommandError> {
    let folder = ws
        .profiles()
        .book_path(&profile.id)
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_else(|| ws.data_dir().to_path_buf());
    std::fs::create_dir_all(&folder)
        .map_err(|e| CommandError::internal(format!("demo folder {}: {e}", folder.display())))?;
    let sim = Simulator::start(SimConfig {
        history,
        state_file: Some(folder.join("simulator-state.json")),
        ..SimConfig::default()
    })
    .await
    .map_err(|e| {
        CommandError::new(
            ErrorCode::Internal,
            format!("could not start the demo simulator: {e}"),
        )
    })?;
    let demo = sim.demo();
    ws.profiles().update(&profile.id, |p| {
        p.connect.developer_email = Some(demo.developer_email.clone());
        p.connect.associated_user_email = Some(demo.merchant_email.clone());
    })?;
    // The simulator listens on a new port each start: the address is not saved in the profile.
    profile.base_url = Some(sim.base_url());
    profile.connect.developer_email = Some(demo.developer_email.clone());
    profile.connect.associated_user_email = Some(demo.merchant_email.clone());
    let shop = ws.open_shop_with(profile, &ApiKeySecret::new(demo.api_key))?;
    tracing::info!(addr = %sim.addr(), "demo simulator started");
    Ok(OpenShop {
        shop,
        sim: Some(sim),
    })
}
