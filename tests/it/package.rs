//! The installed `.deb`: `scripts/test-package` builds it with the Tauri bundler, installs it with
//! `dpkg -i` and runs this test, which checks what the package put on the system (binary, desktop
//! entry, icons, version) and starts the installed binary in a real window under Xvfb: it must show
//! the onboarding screen.

use std::process::Command;

use crate::support::driver::{expect_onboarding_in_english, in_window, screenshot};

const PACKAGE: &str = "dhmad-merchant";
const INSTALLED_BINARY: &str = "/usr/bin/dhmad-merchant";

fn dpkg(args: &[&str]) -> String {
    let out = Command::new("dpkg-query").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "dpkg-query {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn installed_files() -> Vec<String> {
    dpkg(&["-L", PACKAGE]).lines().map(str::to_owned).collect()
}

#[test]
#[ignore = "needs the .deb installed: run scripts/test-package"]
fn the_installed_package_has_its_entry_icon_and_version() {
    let status = dpkg(&["-W", "-f", "${Status} ${Version}", PACKAGE]);
    assert_eq!(
        status,
        format!("install ok installed {}", env!("CARGO_PKG_VERSION"))
    );

    let files = installed_files();
    assert!(files.iter().any(|f| f == INSTALLED_BINARY), "{files:#?}");
    let icons: Vec<_> = files
        .iter()
        .filter(|f| {
            f.starts_with("/usr/share/icons/hicolor/") && f.ends_with("/apps/dhmad-merchant.png")
        })
        .collect();
    assert!(icons.len() >= 2, "icons: {icons:?}");

    let entry = files
        .iter()
        .find(|f| f.starts_with("/usr/share/applications/") && f.ends_with(".desktop"))
        .unwrap_or_else(|| panic!("no desktop entry in {files:#?}"));
    let entry = std::fs::read_to_string(entry).unwrap();
    for line in [
        "Name=DHMAD Merchant",
        "Exec=dhmad-merchant",
        "Icon=dhmad-merchant",
        "Type=Application",
    ] {
        assert!(
            entry.lines().any(|l| l == line),
            "{line:?} missing from:\n{entry}"
        );
    }
    assert!(
        entry.contains("Categories=") && entry.contains("Finance"),
        "{entry}"
    );
}

#[test]
#[ignore = "needs the .deb installed: run scripts/test-package"]
fn the_installed_binary_opens_on_the_onboarding_screen() {
    assert_eq!(
        std::env::var("DHMAD_APP_BINARY").as_deref(),
        Ok(INSTALLED_BINARY),
        "scripts/test-package points the window at the installed binary"
    );
    let home = tempfile::tempdir().unwrap();
    in_window(home.path(), |client| async move {
        expect_onboarding_in_english(&client).await;
        assert_eq!(client.title().await.unwrap(), "DHMAD Merchant");
        screenshot(&client, "installed-onboarding-en").await;
        client.close().await.unwrap();
    });
}
