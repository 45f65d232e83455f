//! DHMAD Merchant's application with no window. The desktop shell (src-tauri) holds a [`hub::Hub`]
//! and turns each IPC command into one call here; what a command answers or an event carries is
//! a type of [`views`] or merchant-core's own, each with its TypeScript for the web view.

pub mod error;
mod error_map;
pub mod hub;
pub mod views;
