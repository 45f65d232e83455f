#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! merchant-core integration tests (one binary, see BRIEF: keeps link time down).

mod common;

mod book_basics;
mod export_csv;
mod kill_safety;
mod needs_action;
mod profiles;
mod query;
mod report;
mod secrets;
