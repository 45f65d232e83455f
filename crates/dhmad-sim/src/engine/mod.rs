//! Domain transitions as plain functions over the [`Store`](crate::store::Store), taking `now`.
//! Every transition returns the [`DomainEvent`]s it caused; callers push them to the event log.

pub mod actions;
pub mod create;
pub mod deadlines;
pub mod events;
pub mod funds;
pub mod identity;
pub mod lifecycle;
pub mod proof;
pub mod rules;
pub mod session;
pub mod users;

pub use actions::SessionInput;
pub use events::DomainEvent;
pub use session::{EngineError, abandon_session, perform_session};
