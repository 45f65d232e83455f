//! merchant-core: DHMAD Merchant's logic with no Tauri in it — profiles and settings, the secret
//! store for the API key, the local book (SQLite), reports and CSV export. The desktop shell and
//! the `dhmad` CLI are thin faces over this crate.
//!
//! Business logic takes "now" as an input (no hidden clock), so tests are deterministic.

pub mod actions;
pub mod api_map;
pub mod balance;
pub mod book;
pub mod connect;
pub mod create;
pub mod day;
pub mod doctor;
mod error;
pub mod export;
pub mod links;
pub mod print;
pub mod private_fs;
pub mod profile;
mod qr;
pub mod reconcile;
pub mod report;
pub mod roles;
pub mod sale;
pub mod secrets;
pub mod settings;
pub mod sync;
pub mod tz;
pub mod watch;
pub mod workspace;

pub use actions::kyc::{InviteOutcome, invite, invites_by_email, refresh_invite};
pub use actions::{
    EscrowAction, EscrowActionKind, EscrowUpdate, Side, allowed_actions, cancel_escrow,
    create_checkout_session, deliver_escrow, refresh_session, reject_delivery, update_escrow,
};
pub use book::Book;
pub use connect::{ConnectError, Connection, association_steps, connect, connect_profile};
pub use create::{Created, PendingCreate, create_escrow, reconcile_create};
pub use doctor::{Check, CheckId, CheckStatus, DoctorReport, doctor};
pub use error::{ErrorCode, MerchantError, Result, SecretError};
pub use profile::{Environment, Profile, ProfileId, Profiles, default_data_dir};
pub use qr::qr_svg;
pub use reconcile::{Patience, Reference};
pub use roles::AssociatedUser;
pub use roles::infer_associated_user;
pub use sale::{
    Charge, SaleRequest, SaleStarted, cancel_sale, charge, complete_link, mark_delivered,
    reconcile_sale, renew_session, start_sale,
};
pub use secrets::{ApiKeySecret, KeyringStore, MemoryStore, SecretStore};
pub use settings::{ConnectFacts, CsvDelimiter, Language, SaleMode, Settings, Theme};
pub use sync::{SyncPhase, SyncProgress, SyncReport, sync, sync_as};
pub use watch::{Clock, SaleEvent, WatchConfig, resume_unfinished, watch_sale};
pub use workspace::{Shop, Workspace, client_for};
