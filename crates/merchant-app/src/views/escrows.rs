//! The escrow list, its filters, and one escrow in detail.

use chrono::NaiveDate;
use merchant_core::book::{
    CheckoutSessionRecord, EscrowDetail, EscrowFilter, EscrowMode, EscrowQuery, EscrowRecord,
    EscrowRole, EscrowRow, EscrowStatus, HeldFor, Party, SortDir, SortKey, StatusChange,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use merchant_core::AssociatedUser;
use merchant_core::actions::allowed_actions;
use merchant_core::day::{DhmadRefundWay, refund_advice_for};
use merchant_core::tz::{TUNIS, day_end, day_start};

use super::actions::{DirectAction, ShareActionView, split_actions};
use super::{opt_time, parse_day, time};
use crate::error::CommandError;

/// One row of the escrow table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EscrowRowView {
    /// Escrow id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Where the escrow stands (a newer status crosses as DHMAD's text).
    pub status: EscrowStatus,
    /// Standard, quick or instant.
    pub mode: Option<EscrowMode>,
    /// The merchant's part: seller, buyer, or creator for two other parties.
    pub role: Option<EscrowRole>,
    /// Face amount in thousandths of `currency`.
    #[serde(serialize_with = "super::money::millimes")]
    #[ts(type = "number | string")]
    pub amount: i64,
    /// `TND`, `USD`, `EUR`.
    pub currency: String,
    /// Amount in millimes.
    #[serde(serialize_with = "super::money::millimes")]
    #[ts(type = "number | string")]
    pub amount_tnd: i64,
    /// DHMAD's fee (millimes).
    #[serde(serialize_with = "super::money::millimes")]
    #[ts(type = "number | string")]
    pub escrow_fee: i64,
    /// Developer fee (millimes).
    #[serde(serialize_with = "super::money::millimes")]
    #[ts(type = "number | string")]
    pub developer_fee: i64,
    /// What the seller receives (millimes).
    #[serde(serialize_with = "super::money::millimes")]
    #[ts(type = "number | string")]
    pub net: i64,
    /// Buyer's e-mail.
    pub buyer_email: Option<String>,
    /// Seller's e-mail.
    pub seller_email: Option<String>,
    /// Created.
    pub created_at: String,
    /// A dispute ticket is attached.
    pub dispute_open: bool,
}

impl From<&EscrowRow> for EscrowRowView {
    fn from(r: &EscrowRow) -> Self {
        Self {
            id: r.id.clone(),
            title: r.title.clone(),
            status: r.status.clone(),
            mode: r.mode.clone(),
            role: r.role.clone(),
            amount: r.amount,
            currency: r.currency.clone(),
            amount_tnd: r.amount_tnd,
            escrow_fee: r.escrow_fee,
            developer_fee: r.developer_fee,
            net: r.net,
            buyer_email: r.buyer_email.clone(),
            seller_email: r.seller_email.clone(),
            created_at: time(r.created_at),
            dispute_open: r.dispute_open,
        }
    }
}

/// Sort column of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum EscrowSort {
    /// Creation time.
    #[default]
    Created,
    /// Amount in TND.
    Amount,
    /// Status.
    Status,
    /// Title.
    Title,
}

/// What the escrow table asks for: filters, sort and one window of rows.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct EscrowListRequest {
    /// Words to find in title, id, e-mails and names.
    #[ts(optional)]
    pub text: Option<String>,
    /// Any of these statuses (empty: all).
    pub statuses: Vec<EscrowStatus>,
    /// Any of these modes (empty: all).
    pub modes: Vec<EscrowMode>,
    /// The merchant's role.
    #[ts(optional)]
    pub role: Option<EscrowRole>,
    /// First day (YYYY-MM-DD, Africa/Tunis), inclusive.
    #[ts(optional)]
    pub from_day: Option<String>,
    /// Last day (YYYY-MM-DD, Africa/Tunis), inclusive.
    #[ts(optional)]
    pub to_day: Option<String>,
    /// Smallest amount in millimes.
    #[ts(optional)]
    pub amount_min: Option<i64>,
    /// Largest amount in millimes.
    #[ts(optional)]
    pub amount_max: Option<i64>,
    /// Only the sales behind one "Coming to you" figure.
    #[ts(optional)]
    pub held: Option<HeldBucket>,
    /// Sort column.
    pub sort: EscrowSort,
    /// Smallest first.
    pub ascending: bool,
    /// Rows to skip.
    pub offset: u32,
    /// Rows wanted (at most 1000; 0 means 100).
    pub limit: u32,
}

/// A "Coming to you" figure the escrow list can be narrowed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum HeldBucket {
    /// Everything held for the merchant's sales.
    Any,
    /// Awaiting the merchant's delivery.
    Delivery,
    /// Awaiting the buyer's confirmation.
    Buyer,
    /// Disputed.
    Disputed,
    /// Cancellation requested.
    Cancellation,
    /// Released within 24 hours.
    ReleasingSoon,
}

impl HeldBucket {
    fn filter(self) -> HeldFor {
        match self {
            HeldBucket::Any => HeldFor::Any,
            HeldBucket::Delivery => HeldFor::Delivery,
            HeldBucket::Buyer => HeldFor::Buyer,
            HeldBucket::Disputed => HeldFor::Disputed,
            HeldBucket::Cancellation => HeldFor::Cancellation,
            HeldBucket::ReleasingSoon => HeldFor::ReleasingBy {
                by: chrono::Utc::now() + merchant_core::book::RELEASING_WITHIN,
            },
        }
    }
}

impl EscrowListRequest {
    /// The book query, or a validation error naming the bad field.
    pub fn to_query(&self) -> Result<EscrowQuery, CommandError> {
        let dir = if self.ascending {
            SortDir::Asc
        } else {
            SortDir::Desc
        };
        Ok(EscrowQuery {
            filter: self.filter()?,
            sort: self.sort.key(),
            dir,
            offset: self.offset,
            limit: match self.limit {
                0 => 100,
                n => n.min(EscrowQuery::MAX_LIMIT),
            },
        })
    }

    /// The filters; the period's days are Africa/Tunis days, both included.
    fn filter(&self) -> Result<EscrowFilter, CommandError> {
        let from = optional_day("fromDay", self.from_day.as_deref())?
            .map(|d| day_start(TUNIS, d))
            .transpose()?;
        let to = optional_day("toDay", self.to_day.as_deref())?
            .map(|d| day_end(TUNIS, d))
            .transpose()?;
        Ok(EscrowFilter {
            statuses: self.statuses.clone(),
            modes: self.modes.clone(),
            role: self.role.clone(),
            created_from: from,
            created_to: to,
            amount_min: self.amount_min,
            amount_max: self.amount_max,
            text: self.text.clone().filter(|t| !t.trim().is_empty()),
            held: self.held.map(HeldBucket::filter),
        })
    }
}

impl EscrowSort {
    fn key(self) -> SortKey {
        match self {
            Self::Created => SortKey::Created,
            Self::Amount => SortKey::Amount,
            Self::Status => SortKey::Status,
            Self::Title => SortKey::Title,
        }
    }
}

/// A day of a form field left empty or written `YYYY-MM-DD`.
fn optional_day(field: &str, text: Option<&str>) -> Result<Option<NaiveDate>, CommandError> {
    text.filter(|s| !s.is_empty())
        .map(|s| parse_day(field, s))
        .transpose()
}

/// One window of the table and how many rows match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EscrowPageView {
    /// The rows.
    pub rows: Vec<EscrowRowView>,
    /// Rows matching the filters.
    pub total: u64,
}

/// A party of an escrow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PartyView {
    /// E-mail (the linked user's, else the invited address).
    pub email: Option<String>,
    /// First and last name when the user is registered.
    pub name: Option<String>,
}

fn party(p: Option<&Party>, email: Option<&str>) -> PartyView {
    let name = p.and_then(|p| {
        let parts: Vec<&str> = [p.first_name.as_deref(), p.last_name.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    });
    PartyView {
        email: p.and_then(|p| p.email.clone()).or(email.map(str::to_owned)),
        name,
    }
}

/// Everything the app knows of one escrow.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EscrowView {
    /// The list row (amounts, fees, net, status…).
    pub row: EscrowRowView,
    /// Description.
    pub description: Option<String>,
    /// Seller.
    pub seller: PartyView,
    /// Buyer.
    pub buyer: PartyView,
    /// Developer fee percentage × 100 (basis points).
    pub developer_fee_bp: Option<i64>,
    /// Estimated delivery days.
    pub estimated_delivery_days: Option<i64>,
    /// When a pending escrow expires.
    pub expires_at: Option<String>,
    /// Paid.
    pub paid_at: Option<String>,
    /// Delivered.
    pub delivered_at: Option<String>,
    /// Completed.
    pub completed_at: Option<String>,
    /// Cancelled.
    pub cancelled_at: Option<String>,
    /// The buyer must confirm by then (or it completes by itself).
    pub completion_deadline: Option<String>,
    /// Dispute ticket number, when one is open.
    pub dispute_ticket: Option<String>,
    /// Contract signatures and PDF (`standard` mode), as DHMAD sent them.
    pub signatures: Option<serde_json::Value>,
    /// Proof of purchase state (quick mode with proof), as DHMAD sent it.
    pub proof_info: Option<serde_json::Value>,
    /// Proof policy, as DHMAD sent it.
    pub fulfillment_policy: Option<serde_json::Value>,
    /// Rejected deliveries, as DHMAD sent them.
    pub delivery_rejections: Option<serde_json::Value>,
    /// Cancellation request, as DHMAD sent it.
    pub cancellation: Option<serde_json::Value>,
    /// The contract PDF, when DHMAD gave one.
    pub contract_pdf_url: Option<String>,
}

impl From<&EscrowRecord> for EscrowView {
    fn from(r: &EscrowRecord) -> Self {
        let contract_pdf_url = r
            .raw_json
            .as_ref()
            .and_then(|j| j.pointer("/contract/pdfUrl"))
            .and_then(|v| v.as_str())
            .map(str::to_owned);
        Self {
            row: EscrowRowView::from(&row_of(r)),
            description: r.description.clone(),
            seller: party(r.seller.as_ref(), r.seller_email.as_deref()),
            buyer: party(r.buyer.as_ref(), r.buyer_email.as_deref()),
            developer_fee_bp: r.developer_fee_bp,
            estimated_delivery_days: r.estimated_delivery_days,
            expires_at: opt_time(r.expires_at),
            paid_at: opt_time(r.paid_at),
            delivered_at: opt_time(r.delivered_at),
            completed_at: opt_time(r.completed_at),
            cancelled_at: opt_time(r.cancelled_at),
            completion_deadline: opt_time(r.completion_deadline),
            dispute_ticket: r
                .dispute_ticket
                .as_ref()
                .and_then(|t| t.ticket_number.clone())
                .or_else(|| r.dispute_ticket_id.clone()),
            signatures: r.signatures.clone(),
            proof_info: r.proof_info.clone(),
            fulfillment_policy: r.fulfillment_policy.clone(),
            delivery_rejections: r.delivery_rejections.clone(),
            cancellation: r.cancellation.clone(),
            contract_pdf_url,
        }
    }
}

/// The list row of a full record.
pub(crate) fn row_of(r: &EscrowRecord) -> EscrowRow {
    EscrowRow {
        id: r.id.clone(),
        title: r.title.clone(),
        status: r.status.clone(),
        mode: r.mode.clone(),
        role: r.role.clone(),
        amount: r.amount,
        currency: r.currency.clone(),
        amount_tnd: r.amount_tnd,
        escrow_fee: r.escrow_fee,
        developer_fee: r.developer_fee,
        net: r.net(),
        buyer_email: r.buyer_display_email().map(str::to_owned),
        seller_email: r.seller_display_email().map(str::to_owned),
        created_at: r.created_at,
        paid_at: r.paid_at,
        delivered_at: r.delivered_at,
        completed_at: r.completed_at,
        cancelled_at: r.cancelled_at,
        dispute_open: r.dispute_ticket.is_some() || r.dispute_ticket_id.is_some(),
    }
}

/// The detail screen's content.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EscrowDetailView {
    /// The escrow.
    pub escrow: EscrowView,
    /// Status timeline, oldest first.
    pub history: Vec<StatusChange>,
    /// Checkout links created by the app, newest first.
    pub sessions: Vec<CheckoutSessionRecord>,
    /// Direct actions the escrow allows now.
    pub api_actions: Vec<DirectAction>,
    /// Checkout links that can be shared now, each with its party.
    pub share_actions: Vec<ShareActionView>,
    /// What a refund of this sale can be through DHMAD now: cancel it (not paid yet), the
    /// buyer's cancellation request (paid, held), or nothing (released, cancelled, disputed, or
    /// the merchant is not the seller).
    pub refund_way: DhmadRefundWay,
}

impl EscrowDetailView {
    /// The detail of `d`, with the actions `me` may take or share.
    pub fn new(d: &EscrowDetail, me: &AssociatedUser) -> Self {
        let (api_actions, share_actions) = split_actions(&allowed_actions(&d.record, me));
        let mut escrow = EscrowView::from(&d.record);
        if escrow.row.role.is_none() {
            // Created here since the last sync: the role is known from the associated user.
            escrow.row.role = me.role_in(&d.record);
        }
        let refund_way = match escrow.row.role {
            Some(EscrowRole::Seller) => refund_advice_for(&d.record).way,
            _ => DhmadRefundWay::Nothing,
        };
        Self {
            escrow,
            history: d.history.clone(),
            sessions: d.sessions.clone(),
            api_actions,
            share_actions,
            refund_way,
        }
    }
}

/// Which escrow.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EscrowRequest {
    /// Escrow id.
    pub id: String,
}
