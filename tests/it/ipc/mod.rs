//! The app's commands over IPC on Tauri's mock runtime: what the UI would see.

mod coming;
mod commands;
mod day;
mod file_modes;
mod flows;
mod keys;
mod print;
mod security;
