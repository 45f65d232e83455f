//! DHMAD Merchant's application with no window. The desktop shell (src-tauri) holds a [`hub::Hub`]
//! and turns each IPC command into one call here; everything a command answers or an event
//! carries is a type of [`views`], which derives its TypeScript for the web view.

mod actions;
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
pub mod hub;
mod kyc;
mod links;
pub mod print;
mod profiles;
pub mod views;
