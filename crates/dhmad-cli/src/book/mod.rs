//! The book commands (login, sync, report, export, sale): the `dhmad` face of merchant-core, over
//! the same profiles, keychain and local books as the desktop app.

mod day;
mod day_json;
mod doctor;
mod drawer;
mod export;
mod login;
mod qr;
mod report;
mod sale;
mod sync;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use merchant_core::{
    ApiKeySecret, Book, Environment, KeyringStore, MemoryStore, Profile, ProfileId, Shop,
    Workspace, default_data_dir,
};

use crate::args::{BookCommand, Cli, Command};
use crate::output::Failure;

/// The profile used with `DHMAD_API_KEY` when `--profile` is not given.
const ENV_PROFILE: &str = "env";

/// The global options the book commands share.
#[derive(Debug)]
pub struct Globals {
    data_dir: PathBuf,
    profile: Option<String>,
    base_url: Option<String>,
    /// `--confirm-proxy`: the merchant vouches for `base_url` as a proxy for a live key.
    confirm_proxy: bool,
    /// `DHMAD_API_KEY` (or `--api-key`): used directly, the keychain is not touched.
    api_key: Option<ApiKeySecret>,
}

impl Globals {
    fn of(cli: &Cli) -> Result<Globals, Failure> {
        let data_dir = cli
            .data_dir
            .clone()
            .or_else(default_data_dir)
            .ok_or_else(|| Failure::usage("no data folder for this user: pass --data-dir"))?;
        Ok(Globals {
            data_dir,
            profile: cli.profile.clone(),
            base_url: cli.base_url.clone(),
            confirm_proxy: cli.confirm_proxy,
            api_key: cli
                .api_key
                .as_ref()
                .map(|key| ApiKeySecret::new(key.trim())),
        })
    }

    /// `--base-url` over the profile's address. The profile's proxy confirmation carries over
    /// only when the address is the one confirmed; `--confirm-proxy` confirms the new one.
    fn apply_base_url(&self, profile: &mut Profile) {
        let Some(base) = &self.base_url else { return };
        let confirmed_before = profile.confirmed_proxy.as_deref() == Some(base.trim());
        profile.set_base_url(Some(base.clone()), self.confirm_proxy || confirmed_before);
    }
}

/// Runs a book command; it prints its own output.
pub async fn run(cli: Cli) -> Result<(), Failure> {
    let globals = Globals::of(&cli)?;
    let Command::Book(command) = cli.command else {
        return Err(Failure::internal("not a book command"));
    };
    match command {
        BookCommand::Login(args) => login::run(&globals, args).await,
        BookCommand::Sync(args) => sync::run(&globals, args).await,
        BookCommand::Report(args) => report::run(&globals, &args),
        BookCommand::Export(args) => export::run(&globals, &args),
        BookCommand::Sale(args) => sale::run(&globals, args).await,
        BookCommand::Doctor(args) => doctor::run(&globals, args).await,
        BookCommand::Drawer(args) => drawer::run(&globals, args),
        BookCommand::Record(args) => day::record(&globals, &args),
        BookCommand::Refund(args) => day::refund(&globals, &args),
    }
}

/// The environment a key's prefix names (`sk_live_` / `sk_sandbox_`), or a usage error.
fn key_environment(key: &ApiKeySecret) -> Result<Environment, Failure> {
    let parsed = dhmad_api::ApiKey::parse(key.expose())?;
    Ok(match parsed.environment() {
        dhmad_api::Environment::Live => Environment::Live,
        dhmad_api::Environment::Sandbox => Environment::Sandbox,
    })
}

/// Opens the shop the command works on. With `DHMAD_API_KEY` the key is used as given (no
/// keychain: cron, CI) and the book lives under `--profile` or "env"; otherwise the profile
/// (`--profile` or the active one) with its key from the OS keychain.
fn open_shop(globals: &Globals) -> Result<Shop, Failure> {
    let found = find_profile_and_key(globals, KeyCheck::Strict)?;
    Ok(found.workspace.open_shop_with(found.profile, &found.key)?)
}

/// Whether a `DHMAD_API_KEY` of the wrong shape stops the command before anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyCheck {
    /// Refused at once (every command that uses the key).
    Strict,
    /// Kept, so `dhmad doctor` can report what is wrong with it on its own line.
    Report,
}

/// A profile with the key it is used with, and the workspace it came from.
struct ProfileAndKey {
    workspace: Workspace,
    profile: Profile,
    key: ApiKeySecret,
}

fn find_profile_and_key(globals: &Globals, check: KeyCheck) -> Result<ProfileAndKey, Failure> {
    if let Some(key) = &globals.api_key {
        let environment = match key_environment(key) {
            Ok(environment) => Some(environment),
            Err(failure) if check == KeyCheck::Strict => return Err(failure),
            Err(_) => None,
        };
        // An empty store: this path must never read or write the keychain.
        let workspace = Workspace::open(&globals.data_dir, Arc::new(MemoryStore::new()))?;
        let id = ProfileId::new(globals.profile.as_deref().unwrap_or(ENV_PROFILE))?;
        // A saved profile of that name lends its settings (redirect URL, sale mode, …); the
        // profiles file is not changed. A key of the other environment is refused for it
        // (Workspace::open_shop_with): its book holds that environment's escrows only.
        let profile_env = environment.unwrap_or(Environment::Sandbox);
        let mut profile = workspace
            .profiles()
            .get(&id)
            .unwrap_or_else(|| Profile::new(id, ENV_PROFILE, profile_env));
        globals.apply_base_url(&mut profile);
        return Ok(ProfileAndKey {
            workspace,
            profile,
            key: key.clone(),
        });
    }
    let workspace = Workspace::open(&globals.data_dir, Arc::new(KeyringStore::new()))?;
    let mut profile = match &globals.profile {
        Some(id) => workspace.profile(&ProfileId::new(id.as_str())?)?,
        None => workspace.active_profile().map_err(|_| {
            Failure::usage(
                "no profile: run `dhmad login --key-stdin` first, pass --profile, \
                 or set DHMAD_API_KEY",
            )
        })?,
    };
    let key = workspace.key(&profile)?.ok_or_else(|| {
        Failure::usage(format!(
            "no API key in the keychain for profile {}: run `dhmad login --key-stdin --profile {}`",
            profile.id, profile.id
        ))
    })?;
    globals.apply_base_url(&mut profile);
    Ok(ProfileAndKey {
        workspace,
        profile,
        key,
    })
}

/// The profile the command is for (`--profile`, else the environment key's profile, else the
/// active one) and where its book lives. Unknown profiles (an environment key never logged in)
/// read as a sandbox profile of that id.
fn book_profile(globals: &Globals) -> Result<(Profile, PathBuf), Failure> {
    let workspace = Workspace::open(&globals.data_dir, Arc::new(MemoryStore::new()))?;
    let id = match (&globals.profile, &globals.api_key) {
        (Some(id), _) => ProfileId::new(id.as_str())?,
        (None, Some(_)) => ProfileId::new(ENV_PROFILE)?,
        (None, None) => {
            workspace
                .active_profile()
                .map_err(|_| {
                    Failure::usage(
                        "no profile: run `dhmad login --key-stdin` first, pass --profile, \
                         or set DHMAD_API_KEY",
                    )
                })?
                .id
        }
    };
    let path = workspace.profiles().book_path(&id);
    let profile = workspace
        .profiles()
        .get(&id)
        .unwrap_or_else(|| Profile::new(id, ENV_PROFILE, Environment::Sandbox));
    Ok((profile, path))
}

/// The profile and its local book, for commands that only read the book (report, export): no
/// key and no network needed.
fn open_book(globals: &Globals) -> Result<(Profile, Book), Failure> {
    let (profile, path) = book_profile(globals)?;
    if !path.exists() {
        return Err(Failure::usage(format!(
            "profile {} has no local book in {}: run `dhmad sync` first",
            profile.id,
            globals.data_dir.display()
        )));
    }
    Ok((profile, Book::open(path)?))
}

/// The profile and its book for `dhmad print` (receipts and Z reports): no key, no network.
pub fn for_printing(cli: &Cli) -> Result<(Profile, Book), Failure> {
    let globals = Globals::of(cli)?;
    let (mut profile, book) = open_book(&globals)?;
    globals.apply_base_url(&mut profile);
    Ok((profile, book))
}

/// The profile and its local book, created when missing, for the day's commands (record,
/// refund, drawer): they need no key and no network.
fn open_day_book(globals: &Globals) -> Result<(Profile, Book), Failure> {
    let (profile, path) = book_profile(globals)?;
    let book = Book::open(path)?;
    book.set_till(&profile.settings.till_id);
    Ok((profile, book))
}

/// A flag set when the user presses Ctrl-C. Once this returns the handler is in place (from then
/// on Ctrl-C no longer kills the process: the command stops at its next safe point).
async fn cancel_on_ctrl_c() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let set = Arc::clone(&flag);
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            eprintln!("stopping at the next safe point…");
            set.store(true, Ordering::Relaxed);
        }
    });
    // The handler is registered on the task's first poll: let it run once (single-threaded
    // runtime) before anything tells the user that Ctrl-C is safe.
    tokio::task::yield_now().await;
    flag
}
