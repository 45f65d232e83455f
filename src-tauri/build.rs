//! Build script of the desktop shell: Tauri's codegen inputs and the app commands' permissions.

use std::path::Path;

/// Reads the command list (src-tauri/src/commands/list.rs) for the names alone.
macro_rules! app_commands {
    (
        app { $($name:ident ( $($arg:ident : $arg_ty:ty)? ) -> $answer:ty ;)* }
        shell { $($module:ident :: $own:ident ( $($own_arg:ident : $own_arg_ty:ty)? ) -> $own_answer:ty ;)* }
    ) => {
        const COMMANDS: &[&str] = &[$(stringify!($name),)* $(stringify!($own)),*];
    };
}

include!("src/commands/list.rs");

/// The permission set the main window's capability grants: `allow-<command>` for each command.
const COMMAND_SET: &str = "permissions/generated/app-commands.toml";

fn main() {
    // DHMAD_E2E=1 turns the real-window end-to-end tests on (they need a display and tauri-driver);
    // without it they are `#[ignore]`d so plain `cargo test` runs anywhere.
    println!("cargo::rustc-check-cfg=cfg(dhmad_e2e)");
    println!("cargo::rerun-if-env-changed=DHMAD_E2E");
    if std::env::var("DHMAD_E2E").is_ok_and(|v| v == "1") {
        println!("cargo::rustc-cfg=dhmad_e2e");
    }
    // From the package root (the `include!` above is from this file): a path that does not exist
    // would make cargo rebuild the app on every build.
    println!("cargo::rerun-if-changed=src-tauri/src/commands/list.rs");
    if let Err(e) = write_if_changed(Path::new(COMMAND_SET), &command_set()) {
        fail(&format!("write {COMMAND_SET}: {e}"));
    }

    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes)
        .unwrap_or_else(|e| fail(&format!("tauri-build failed: {e:#}")));
}

/// The TOML of the set: every command by name, nothing broader.
fn command_set() -> String {
    let mut toml = String::from(
        "# Written by src-tauri/build.rs from src-tauri/src/commands/list.rs. Do not edit.\n\n\
         [[set]]\nidentifier = \"app-commands\"\n\
         description = \"Every command of the app, each granted by name.\"\npermissions = [\n",
    );
    for name in COMMANDS {
        toml += &format!("  \"allow-{}\",\n", name.replace('_', "-"));
    }
    toml + "]\n"
}

/// Rewriting an unchanged file would make tauri-build's watch on `permissions/` rerun this
/// script on every build.
fn write_if_changed(path: &Path, text: &str) -> std::io::Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text)
}

/// A build script reports failure by exiting non-zero with the cause on stderr.
fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1);
}
