//! Domain transitions as plain functions over the [`Store`](crate::store::Store), taking `now`.
//! Every transition returns the [`DomainEvent`]s it caused; callers push them to the event log.

pub mod actions;
pub mod create;
pub mod events;
pub mod funds;
pub mod identity;
pub mod lifecycle;
pub mod proof;
pub mod rules;
pub mod session;
pub mod users;

pub use actions::{SessionInput, apply_action};
pub use events::{DomainEvent, ProofEvent};
pub use session::{EngineError, Outcome, abandon_session, perform_session};
