//! DHMAD Merchant's application with no window. The desktop shell (src-tauri) holds an [`App`]
//! and turns each IPC command into one call of it; what only the shell can do (reach the web
//! view, notify, open a link) it gives through [`host::Host`]. What a command answers or an event
//! carries is a type of [`views`] or merchant-core's own, each with its TypeScript for the web
//! view.

pub mod about;
mod actions;
pub mod app;
mod books;
pub mod chosen_paths;
mod counter;
mod create;
mod dashboard;
mod day;
pub mod error;
mod error_map;
mod escrows;
pub mod host;
mod kyc;
mod links;
pub mod print;
mod profiles;
pub mod views;

pub use app::{App, AppEvent};
