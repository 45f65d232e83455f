#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Integration tests: real HTTP on loopback against a running simulator.

mod checkout;
mod common;
mod conformance_account;
mod conformance_create;
mod conformance_escrows;
mod conformance_sessions;
mod control;
mod dialects;
mod history;
mod identity;
mod lifecycle;
mod network_bind;
mod proof;
mod startup;
mod webhook_payloads;
mod webhooks;
