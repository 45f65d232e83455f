//! The app's `#[tauri::command]`s, one file per area. Each is a thin function: take the state,
//! call into it (later: merchant-core), map the error to [`crate::error::CommandError`].

pub mod actions;
pub mod app;
pub mod books;
pub mod counter;
pub mod create;
pub mod dashboard;
pub mod doctor;
pub mod escrows;
pub mod kyc;
pub(crate) mod names;
pub mod profiles;
pub mod windows;

pub use names::COMMANDS;
