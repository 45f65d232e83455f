//! merchant-core: DHMAD Merchant's logic with no Tauri in it — profiles and settings, the secret
//! store for the API key, the local book (SQLite), reports and CSV export. The desktop shell and
//! the `dhmad` CLI are thin faces over this crate.
//!
//! Business logic takes "now" as an input (no hidden clock), so tests are deterministic.

pub mod book;
mod error;
pub mod export;
pub mod profile;
pub mod report;
pub mod secrets;
pub mod settings;
pub mod tz;

pub use book::Book;
pub use error::{ErrorCode, MerchantError, Result};
pub use profile::{Environment, Profile, ProfileId, Profiles, default_data_dir};
pub use secrets::{ApiKeySecret, KeyringStore, MemoryStore, SecretError, SecretStore};
pub use settings::{ConnectFacts, CsvDelimiter, Language, SaleMode, Settings, Theme};
