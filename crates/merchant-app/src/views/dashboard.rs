//! The dashboard: balances, sales figures, what needs action, sync state.

use merchant_core::SyncPhase;
use merchant_core::book::{NeedsAction, NextAction};
use merchant_core::day::MethodTotals;
use merchant_core::report::Totals;
use serde::Serialize;
use ts_rs::TS;

use super::escrows::EscrowRowView;
use crate::error::CommandError;

/// `GET /balance` (millimes), with when it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BalanceView {
    /// Money the merchant can withdraw.
    pub available: i64,
    /// Money on its way (not yet released).
    pub pending: i64,
    /// Money held in escrow for purchases.
    pub escrow: i64,
    /// When the figures were read from DHMAD.
    pub as_of: String,
}

impl From<merchant_core::balance::SavedBalance> for BalanceView {
    fn from(b: merchant_core::balance::SavedBalance) -> Self {
        BalanceView {
            available: b.available.millimes(),
            pending: b.pending.millimes(),
            escrow: b.escrow.millimes(),
            as_of: super::time(b.as_of),
        }
    }
}

/// A group of held sales (millimes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BucketView {
    /// How many escrows.
    pub count: u32,
    /// Their amounts.
    pub amount: i64,
    /// What the merchant receives after fees.
    pub net: i64,
}

impl From<merchant_core::book::Bucket> for BucketView {
    fn from(b: merchant_core::book::Bucket) -> Self {
        Self {
            count: b.count,
            amount: b.amount.millimes(),
            net: b.net.millimes(),
        }
    }
}

/// "Coming to you": held for the merchant's sales, whole and by what it waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ComingToYouView {
    /// Everything held.
    pub held: BucketView,
    /// Paid, waiting for the merchant to deliver.
    pub awaiting_delivery: BucketView,
    /// Delivered, waiting for the buyer to confirm.
    pub awaiting_buyer: BucketView,
    /// A dispute is open.
    pub disputed: BucketView,
    /// The buyer asked to cancel.
    pub cancellation_requested: BucketView,
    /// Delivered, released within 24 hours unless the buyer acts.
    pub releasing_soon: BucketView,
}

impl From<merchant_core::book::ComingToYou> for ComingToYouView {
    fn from(c: merchant_core::book::ComingToYou) -> Self {
        Self {
            held: c.held.into(),
            awaiting_delivery: c.awaiting_delivery.into(),
            awaiting_buyer: c.awaiting_buyer.into(),
            disputed: c.disputed.into(),
            cancellation_requested: c.cancellation_requested.into(),
            releasing_soon: c.releasing_soon.into(),
        }
    }
}

/// An unfinished escrow and who must act next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NeedsActionView {
    /// The escrow.
    pub escrow: EscrowRowView,
    /// The next step, translated by the UI.
    pub next_action: NextAction,
    /// It is the merchant's turn.
    pub your_turn: bool,
}

impl From<&NeedsAction> for NeedsActionView {
    fn from(n: &NeedsAction) -> Self {
        Self {
            escrow: EscrowRowView::from(&n.escrow),
            next_action: n.action,
            your_turn: n.your_turn,
        }
    }
}

/// Where the book's sync stands.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatusView {
    /// A sync is running now.
    pub running: bool,
    /// Which part of the sync runs (`null` when none runs).
    pub phase: Option<SyncPhase>,
    /// Pages done in the phase.
    pub done: u32,
    /// Pages in the phase (known after its first page).
    pub total: u32,
    /// Requests made by the running (or last) sync.
    pub requests: u32,
    /// When a sync last finished.
    pub last_sync_at: Option<String>,
    /// Escrows in the local book.
    #[ts(type = "number")]
    pub escrow_count: u64,
    /// Why the last sync failed (cleared by the next success).
    pub last_error: Option<CommandError>,
    /// Lists of the last sync whose announced total disagreed with what was read ("N of M").
    pub shortfalls: Vec<ShortfallView>,
    /// Records the sync could not read, in all (the book keeps them until read well).
    #[ts(type = "number")]
    pub unreadable_count: u64,
    /// The most recently seen of them (at most [`UNREADABLE_SHOWN`]), for the details view.
    pub unreadable: Vec<UnreadableView>,
}

/// Unreadable records sent to the UI; the count has them all.
pub const UNREADABLE_SHOWN: usize = 50;

/// A list whose announced total disagreed with what the sync read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShortfallView {
    /// The list, e.g. `GET /escrows?status=paid`.
    pub endpoint: String,
    /// Records received.
    #[ts(type = "number")]
    pub read: u64,
    /// The total the server announced.
    #[ts(type = "number")]
    pub announced: u64,
}

/// A record the sync could not read (its JSON already redacted by the book).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UnreadableView {
    /// Where it was read.
    pub endpoint: String,
    /// Its id, when it had one.
    pub record_id: Option<String>,
    /// Why it could not be read.
    pub reason: String,
    /// The record's JSON (keys and e-mails redacted).
    pub raw: String,
    /// First met (RFC 3339).
    pub first_seen: String,
    /// Last met (RFC 3339).
    pub last_seen: String,
}

/// Unfinished escrows the dashboard lists; the Escrows screen has them all.
pub const NEEDS_ACTION_SHOWN: usize = 50;

/// Everything the dashboard shows, from the local book (fast, works offline).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DashboardView {
    /// Last known balances (`null`: never read).
    pub balance: Option<BalanceView>,
    /// Money DHMAD holds for the merchant's sales, from the book.
    pub coming_to_you: ComingToYouView,
    /// Today's sales (Africa/Tunis).
    pub today: Totals,
    /// This month's sales.
    pub month: Totals,
    /// What the till recorded today, by method (cash, card, wallets, cheques, the shop's own);
    /// DHMAD's sales are in `today`, its held money in `coming_to_you`.
    pub till_today: Vec<MethodTotals>,
    /// Unfinished escrows, the merchant's turn first; at most [`NEEDS_ACTION_SHOWN`] of them (a
    /// large book has tens of thousands, which no list on a dashboard can show).
    pub needs_action: Vec<NeedsActionView>,
    /// How many unfinished escrows there are in all.
    pub needs_action_total: u32,
    /// Sync state.
    pub sync: SyncStatusView,
    /// DHMAD could not be reached on the last attempt: the figures are the saved ones.
    pub offline: bool,
}
