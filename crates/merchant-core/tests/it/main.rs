#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! merchant-core integration tests (one binary, see BRIEF: keeps link time down).

mod common;
mod sim;

mod actions;
mod book_basics;
mod coming;
mod connect;
mod create;
mod day;
mod day_books;
mod day_chain;
mod day_gen;
mod doctor;
mod export_csv;
mod faults;
mod file_modes;
mod first_sale;
mod honest_rules;
mod kill_safety;
mod kyc;
mod needs_action;
mod print;
mod profiles;
mod query;
mod reconcile;
mod report;
mod roles;
mod sale;
mod secrets;
mod sync;
mod sync_reading;
mod two_processes;
mod workspace;
