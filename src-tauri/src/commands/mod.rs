//! The app's `#[tauri::command]`s, one file per area. Each is a thin function: take the state,
//! call into it (later: merchant-core), map the error to [`crate::error::CommandError`].

pub mod actions;
pub mod app;
pub mod create;
pub mod dashboard;
pub mod escrows;
pub(crate) mod names;
pub mod profiles;

pub use names::COMMANDS;
