//! The workspace: keys in the secret store, a profile opening into a client + book against the
//! simulator, and removal taking the key and the book with it.

use std::sync::Arc;

use merchant_core::secrets::account_for;
use merchant_core::{
    ApiKeySecret, Environment, MemoryStore, MerchantError, Profile, ProfileId, SecretStore,
    Workspace,
};

use crate::sim::Sim;

#[tokio::test]
async fn a_profile_opens_into_a_working_client_and_book_and_removal_forgets_both() {
    let sim = Sim::start(0).await;
    let dir = tempfile::tempdir().unwrap();
    let store = MemoryStore::new();
    let ws = Workspace::open(dir.path().join("data"), Arc::new(store.clone())).unwrap();

    let id = ProfileId::new("shop").unwrap();
    let mut profile = Profile::new(id.clone(), "Shop", Environment::Sandbox);
    profile.base_url = Some(sim.sim.base_url());
    ws.profiles().add(profile.clone()).unwrap();

    let missing = ws.open_shop(&id).unwrap_err();
    assert!(matches!(missing, MerchantError::NotFound(_)), "{missing}");

    ws.save_key(&profile, &ApiKeySecret::new(sim.sim.demo().api_key))
        .unwrap();
    let shop = ws.open_shop(&id).unwrap();
    let me = shop.client.me().await.unwrap();
    assert_eq!(
        me.developer.email.as_deref(),
        Some(sim.sim.demo().developer_email.as_str())
    );
    assert!(ws.profiles().book_path(&id).exists());
    drop(shop);

    ws.remove_profile(&id).unwrap();
    let account = account_for(&id, Environment::Sandbox);
    assert!(
        store.get(&account).unwrap().is_none(),
        "key left in the store"
    );
    assert!(ws.profiles().get(&id).is_none());
    assert!(!ws.profiles().book_path(&id).exists(), "book left on disk");
    // The removal was written to the profiles file, not just memory.
    let reloaded = Workspace::open(dir.path().join("data"), Arc::new(store)).unwrap();
    assert!(reloaded.profiles().list().is_empty());
}

#[test]
fn a_demo_profile_needs_its_simulator() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path(), Arc::new(MemoryStore::new())).unwrap();
    let id = ProfileId::new("demo").unwrap();
    ws.profiles()
        .add(Profile::new(id.clone(), "Demo", Environment::Demo))
        .unwrap();
    let err = ws.open_shop(&id).unwrap_err();
    assert!(matches!(err, MerchantError::InvalidInput(_)), "{err}");
}

#[test]
fn a_key_of_the_other_environment_is_refused_before_anything_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path(), Arc::new(MemoryStore::new())).unwrap();
    let sandbox_key = ApiKeySecret::new(format!("sk_sandbox_{}", "ab".repeat(32)));
    let live_key = ApiKeySecret::new(format!("sk_live_{}", "cd".repeat(32)));
    for (environment, key) in [
        (Environment::Live, &sandbox_key),
        (Environment::Sandbox, &live_key),
        (Environment::Demo, &live_key),
    ] {
        let id = ProfileId::new(format!("shop-{}", environment.as_str())).unwrap();
        let profile = Profile::new(id.clone(), "Shop", environment);
        let refused = ws.open_shop_with(profile, key).unwrap_err();
        assert!(
            matches!(&refused, MerchantError::InvalidInput(m) if m.contains(&format!("is a {} profile", environment.as_str()))),
            "{refused}"
        );
        assert!(
            !ws.profiles().book_path(&id).exists(),
            "no book for a refused key"
        );
    }
    // The key of the profile's own environment opens it.
    let id = ProfileId::new("live-shop").unwrap();
    let live = Profile::new(id.clone(), "Shop", Environment::Live);
    ws.open_shop_with(live, &live_key).unwrap();
    assert!(ws.profiles().book_path(&id).exists());
}
