//! The secret store: the in-memory store always, the OS keychain when CI provides one.

use std::process::Command;
use std::time::Duration;

use merchant_core::secrets::{account_for, keyring_service};
use merchant_core::{
    ApiKeySecret, Environment, KeyringStore, MemoryStore, ProfileId, SecretError, SecretStore,
};

const KEY: &str = "sk_sandbox_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

#[test]
fn the_key_never_prints() {
    let key = ApiKeySecret::new(format!("  {KEY}\n"));
    assert_eq!(key.expose(), KEY, "pasted whitespace is trimmed");
    assert_eq!(format!("{key:?}"), "<redacted>");
    assert_eq!(format!("{key}"), "<redacted>");
    #[derive(Debug)]
    #[allow(dead_code)]
    struct Holder {
        key: ApiKeySecret,
    }
    assert!(!format!("{:?}", Holder { key }).contains("sk_"));
}

#[test]
fn redaction_covers_valid_mistyped_and_bare_keys() {
    use merchant_core::secrets::redact;
    // A live key with a typo (a `g` and an `O`): 64 characters, not all hex.
    let mistyped = "sk_live_0123456789abcdef0123456789abcdeg0123456789abcdef0123456789abcdeO";
    let bare = &KEY["sk_sandbox_".len()..];
    let line = format!("key={KEY} typo={mistyped} pasted={bare} done");
    assert_eq!(
        redact(&line),
        "key=<redacted> typo=<redacted> pasted=<redacted> done"
    );
    // Not secrets: an escrow id, a UUID, a shorter hash, the bare prefix.
    for text in [
        "64f1a2b3c4d5e6f7a8b9c0d1",
        "6f9619ff-8b86-d011-b42d-00c04fc964ff",
        &"ab".repeat(20),
        "paste your sk_live_ key",
    ] {
        assert_eq!(redact(text), text);
    }
}

#[test]
fn the_redacting_writer_hides_keys_in_what_passes_through() {
    use std::io::Write;
    let mut out = merchant_core::secrets::Redacting(Vec::new());
    write!(
        out,
        "GET /api/v1/escrows/{} 404",
        &KEY["sk_sandbox_".len()..]
    )
    .unwrap();
    assert_eq!(
        String::from_utf8(out.0).unwrap(),
        "GET /api/v1/escrows/<redacted> 404"
    );
}

#[test]
fn accounts_are_namespaced_by_profile_and_environment() {
    let id = ProfileId::new("shop-1").unwrap();
    assert_eq!(account_for(&id, Environment::Sandbox), "shop-1:sandbox");
    assert_eq!(account_for(&id, Environment::Live), "shop-1:live");
    // A debug build (the tests, `cargo run`) never touches the installed app's keys; a release
    // build (the installed app, the release benchmarks) is the installed app.
    if cfg!(debug_assertions) {
        assert_eq!(keyring_service(), "tn.dhmad.merchant.dev");
    } else {
        assert_eq!(keyring_service(), "tn.dhmad.merchant");
    }
}

fn round_trip(store: &dyn SecretStore, account: &str) {
    assert_eq!(store.get(account).unwrap(), None);
    store.set(account, &ApiKeySecret::new(KEY)).unwrap();
    assert_eq!(store.get(account).unwrap().unwrap().expose(), KEY);
    let replaced = KEY.replace("0123", "4567");
    store
        .set(account, &ApiKeySecret::new(replaced.clone()))
        .unwrap();
    assert_eq!(store.get(account).unwrap().unwrap().expose(), replaced);
    store.delete(account).unwrap();
    assert_eq!(
        store.get(account).unwrap(),
        None,
        "a get after delete finds nothing"
    );
    store.delete(account).unwrap();
}

#[test]
fn memory_store_round_trip() {
    let store = MemoryStore::new();
    round_trip(&store, "shop-1:sandbox");
    store
        .set("a:live", &ApiKeySecret::new("sk_live_1"))
        .unwrap();
    assert_eq!(store.get("a:sandbox").unwrap(), None, "accounts do not mix");
    let clone = store.clone();
    assert_eq!(
        clone.get("a:live").unwrap().unwrap().expose(),
        "sk_live_1",
        "clones share keys"
    );
}

/// Runs against the real OS keychain. CI: inside `dbus-run-session` with gnome-keyring unlocked
/// and `DHMAD_TEST_KEYRING=1` (see the crate README).
#[test]
fn keyring_store_round_trip() {
    if std::env::var("DHMAD_TEST_KEYRING").as_deref() != Ok("1") {
        eprintln!(
            "SKIPPED keyring_store_round_trip: set DHMAD_TEST_KEYRING=1 inside a keyring session"
        );
        return;
    }
    let store = KeyringStore::new()
        .with_service(format!("tn.dhmad.merchant.test-{}", std::process::id()))
        .with_timeout(Duration::from_secs(10));
    round_trip(&store, "shop-1:sandbox");
}

/// Not a test: prints the error code of a keychain call, run by
/// `no_keychain_gives_a_plain_unavailable_error` with no D-Bus session.
#[cfg(target_os = "linux")]
#[test]
#[ignore = "helper process for no_keychain_gives_a_plain_unavailable_error"]
fn keyring_probe_child() {
    let store = KeyringStore::new().with_timeout(Duration::from_secs(10));
    match store.get("probe:sandbox") {
        Err(SecretError::Unavailable { .. }) => println!("RESULT=unavailable"),
        Err(SecretError::Timeout { .. }) => println!("RESULT=timeout"),
        Err(e) => println!("RESULT=failed {e}"),
        Ok(_) => println!("RESULT=ok"),
    }
}

#[cfg(target_os = "linux")]
#[test]
fn no_keychain_gives_a_plain_unavailable_error() {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "secrets::keyring_probe_child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/dhmad-test-bus",
        )
        .env_remove("DISPLAY")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("RESULT=unavailable"), "{stdout}");
    let message = SecretError::Unavailable {
        detail: "no D-Bus".into(),
    }
    .to_string();
    assert!(
        message.starts_with("No system keychain is available"),
        "{message}"
    );
    assert!(message.contains("for this session only"), "{message}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_hung_keychain_call_times_out() {
    // A D-Bus socket that accepts connections but never answers stands in for a locked keyring
    // waiting on an invisible prompt.
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("bus");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "secrets::keyring_timeout_child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}", sock.display()),
        )
        .env_remove("DISPLAY")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("RESULT=timeout"), "{stdout}");
    let figures = stdout
        .lines()
        .find_map(|l| l.strip_prefix("REFUSED="))
        .unwrap_or_else(|| panic!("{stdout}"));
    let numbers: Vec<u128> = figures
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .map(|n| n.parse().unwrap())
        .collect();
    let [refused, in_ms, new_threads] = numbers[..] else {
        panic!("{stdout}");
    };
    assert_eq!(refused, 10, "{stdout}");
    assert!(in_ms < 250, "later calls must not wait: {stdout}");
    assert_eq!(
        new_threads, 1,
        "one keychain worker, however many calls: {stdout}"
    );
}

/// Not a test: see `a_hung_keychain_call_times_out`.
#[cfg(target_os = "linux")]
#[test]
#[ignore = "helper process for a_hung_keychain_call_times_out"]
fn keyring_timeout_child() {
    let store = KeyringStore::new().with_timeout(Duration::from_millis(500));
    let threads_before = threads();
    let started = std::time::Instant::now();
    match store.get("probe:sandbox") {
        Err(SecretError::Timeout { .. }) if started.elapsed() < Duration::from_secs(3) => {
            println!("RESULT=timeout")
        }
        other => println!("RESULT=other {other:?}"),
    }
    // The locked keychain still has not answered: ten more commands (a clone shares the worker)
    // are each refused at once, and no thread is started for them.
    let again = std::time::Instant::now();
    let clone = store.clone();
    let refused = (0..10)
        .filter(|_| matches!(clone.get("probe:sandbox"), Err(SecretError::Timeout { .. })))
        .count();
    println!(
        "REFUSED={refused} IN_MS={} NEW_THREADS={}",
        again.elapsed().as_millis(),
        threads() - threads_before
    );
    // The keychain thread is still blocked; leave without waiting for it.
    std::process::exit(0);
}

/// Threads of this process (Linux).
#[cfg(target_os = "linux")]
fn threads() -> usize {
    std::fs::read_dir("/proc/self/task").unwrap().count()
}
