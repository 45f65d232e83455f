//! The profiles file: round trip, atomic replacement, corrupt-file handling.

use merchant_core::profile::{PROFILES_FILE, PROFILES_LOCK_FILE};
use merchant_core::{
    CsvDelimiter, Environment, ErrorCode, Language, MerchantError, Profile, ProfileId, Profiles,
    SaleMode, Theme,
};

#[test]
fn profiles_round_trip_through_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let store = Profiles::load(&data).unwrap();
    assert!(store.list().is_empty());
    assert!(store.active().is_none());

    let shop = ProfileId::new("shop-1").unwrap();
    let demo = ProfileId::new("demo").unwrap();
    store
        .add(Profile::new(
            shop.clone(),
            "Boutique Sfax",
            Environment::Sandbox,
        ))
        .unwrap();
    store
        .add(Profile::new(demo.clone(), "Demo", Environment::Demo))
        .unwrap();
    assert_eq!(
        store.active().unwrap().id,
        shop,
        "the first profile becomes active"
    );
    store.set_active(&demo).unwrap();
    let edited = store
        .update(&shop, |p| {
            p.base_url = Some("http://127.0.0.1:6002/api/v1".into());
            p.settings.redirect_url = Some("http://localhost:3000/callback".into());
            p.settings.default_sale_mode = SaleMode::Quick;
            p.settings.shop_name = "Épicerie Ben Ali".into();
            p.settings.receipt_header = "Rue de Marseille, Tunis".into();
            p.settings.title_presets = vec!["Café".into(), "Thé".into()];
            p.settings.language = Language::Ar;
            p.settings.theme = Theme::Dark;
            p.settings.sound_on_paid = false;
            p.settings.csv_delimiter = CsvDelimiter::Semicolon;
            p.connect.developer_email = Some("dev@example.com".into());
            p.connect.company_name = Some("Example Corp".into());
            p.connect.associated_user_email = Some("shop@example.tn".into());
        })
        .unwrap();

    let reloaded = Profiles::load(&data).unwrap();
    assert_eq!(reloaded.list(), store.list());
    assert_eq!(reloaded.get(&shop).unwrap(), edited);
    assert_eq!(reloaded.active().unwrap().id, demo);
    assert_eq!(
        reloaded.book_path(&shop),
        data.join("profiles").join("shop-1").join("book.sqlite3")
    );

    let text = std::fs::read_to_string(data.join(PROFILES_FILE)).unwrap();
    assert!(text.contains("\"csvDelimiter\": \";\""), "{text}");
    assert!(
        !text.to_lowercase().contains("apikey") && !text.contains("sk_"),
        "never a key: {text}"
    );
    let mut leftovers: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    leftovers.sort();
    // The profiles file and the lock file every change holds; no temporary file.
    assert_eq!(
        leftovers,
        vec![
            std::ffi::OsString::from(PROFILES_FILE),
            std::ffi::OsString::from(PROFILES_LOCK_FILE)
        ],
        "no temp files left"
    );

    reloaded.remove(&demo).unwrap();
    assert!(reloaded.active().is_none());
    assert_eq!(Profiles::load(&data).unwrap().list().len(), 1);
    assert_eq!(
        reloaded.remove(&demo).unwrap_err().code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        reloaded.update(&demo, |_| {}).unwrap_err().code(),
        ErrorCode::NotFound
    );
    let dup = reloaded
        .add(Profile::new(shop.clone(), "Again", Environment::Live))
        .unwrap_err();
    assert_eq!(dup.code(), ErrorCode::InvalidInput);
}

#[test]
fn a_corrupt_file_is_reported_and_left_alone_until_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(PROFILES_FILE);
    std::fs::write(&path, b"{\"version\": 1, \"profiles\": [ {\"id\": ").unwrap();
    let err = Profiles::load(dir.path()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::ProfilesCorrupt);
    assert!(matches!(&err, MerchantError::ProfilesCorrupt { path: p, .. } if p == &path));
    assert!(err.to_string().contains("was not changed"), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"{\"version\": 1, \"profiles\": [ {\"id\": "
    );

    let aside = Profiles::set_aside_corrupt(dir.path(), 1_767_225_600_000).unwrap();
    assert_eq!(
        aside,
        dir.path().join("profiles.json.corrupt-1767225600000")
    );
    assert!(aside.exists() && !path.exists());
    assert!(Profiles::load(dir.path()).unwrap().list().is_empty());
}

#[test]
fn a_file_naming_a_missing_active_profile_or_a_bad_id_is_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(PROFILES_FILE);
    std::fs::write(&path, r#"{"version":1,"active":"ghost","profiles":[]}"#).unwrap();
    assert_eq!(
        Profiles::load(dir.path()).unwrap_err().code(),
        ErrorCode::ProfilesCorrupt
    );
    let bad_id = r#"{"version":1,"active":null,"profiles":[{"id":"../etc","displayName":"x","environment":"live"}]}"#;
    std::fs::write(&path, bad_id).unwrap();
    assert_eq!(
        Profiles::load(dir.path()).unwrap_err().code(),
        ErrorCode::ProfilesCorrupt
    );
}

#[test]
fn profile_ids_are_safe_folder_names() {
    for bad in ["", "../x", "Shop", "a/b", "é", &"x".repeat(65)] {
        assert_eq!(
            ProfileId::new(bad).unwrap_err().code(),
            ErrorCode::InvalidInput,
            "{bad:?}"
        );
    }
    let generated = ProfileId::generate();
    assert_eq!(ProfileId::new(generated.as_str()).unwrap(), generated);
}

#[test]
fn the_default_data_dir_is_namespaced() {
    if let Some(dir) = merchant_core::default_data_dir() {
        assert!(dir.ends_with("tn.dhmad.merchant"), "{}", dir.display());
    }
}
