//! Build script of the desktop shell: Tauri's codegen inputs and the app commands' permissions.

include!("src/commands/names.rs");

fn main() {
    // DHMAD_E2E=1 turns the real-window end-to-end tests on (they need a display and tauri-driver);
    // without it they are `#[ignore]`d so plain `cargo test` runs anywhere.
    println!("cargo::rustc-check-cfg=cfg(dhmad_e2e)");
    println!("cargo::rerun-if-env-changed=DHMAD_E2E");
    if std::env::var("DHMAD_E2E").is_ok_and(|v| v == "1") {
        println!("cargo::rustc-cfg=dhmad_e2e");
    }

    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).unwrap_or_else(|e| {
        // A build script reports failure by exiting non-zero with the cause on stderr.
        eprintln!("tauri-build failed: {e:#}");
        std::process::exit(1);
    });
}
