//! Escrow rows: upserts (with the status history they imply) and whole-record reads.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, named_params};
use serde::Serialize;

use super::model::{
    ChangeSource, DisputeTicket, EscrowMode, EscrowRecord, EscrowRole, EscrowStatus, Party,
    StatusChange,
};
use super::sales::CounterSale;
use super::sessions::CheckoutSessionRecord;
use super::{Book, BookTx, from_json, from_ms, from_opt_ms, opt_ms, to_json, to_ms};
use crate::error::Result;

/// An escrow with what the app observed around it (the detail screen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EscrowDetail {
    /// The escrow.
    pub record: EscrowRecord,
    /// Its observed status changes, oldest first.
    pub history: Vec<StatusChange>,
    /// Checkout sessions this app created for it, newest first.
    pub sessions: Vec<CheckoutSessionRecord>,
    /// The counter sale that created it, if any.
    pub sale: Option<CounterSale>,
}

/// How far a stored `updated_at` may lie ahead of the time a newer record is observed and still
/// be believed (the server's clock ahead of this PC's). Beyond it, the newer record wins.
pub fn max_clock_lead() -> chrono::Duration {
    chrono::Duration::hours(1)
}

impl BookTx<'_> {
    /// Inserts or replaces one escrow. When its status differs from the stored one (or it is new)
    /// a `status_history` row is written and the change returned. A record whose `updated_at` is
    /// older than the stored row's is stale (e.g. a sync page read before a watcher saw a newer
    /// state): it is ignored and `None` is returned. A stored `updated_at` further in the future
    /// than `max_clock_lead` is not believed: it would otherwise freeze the escrow's later
    /// updates until that date.
    pub fn upsert_escrow(
        &self,
        rec: &EscrowRecord,
        observed_at: DateTime<Utc>,
        source: ChangeSource,
    ) -> Result<Option<StatusChange>> {
        let conn = self.conn();
        let stored: Option<(String, Option<i64>)> = conn
            .prepare_cached("SELECT status, updated_at FROM escrows WHERE id = ?1")?
            .query_row([&rec.id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let (Some((_, Some(stored_at))), Some(new_at)) = (&stored, rec.updated_at)
            && to_ms(new_at) < *stored_at
            && *stored_at <= to_ms(observed_at + max_clock_lead())
        {
            return Ok(None);
        }
        write_row(self, rec, observed_at)?;
        let old = stored.map(|(s, _)| EscrowStatus::parse(&s));
        if old.as_ref() == Some(&rec.status) {
            return Ok(None);
        }
        let change = StatusChange {
            escrow_id: rec.id.clone(),
            old_status: old,
            new_status: rec.status.clone(),
            observed_at,
            source,
        };
        self.insert_history(&change)?;
        Ok(Some(change))
    }

    /// [`BookTx::upsert_escrow`] for a batch; returns the changes in batch order.
    pub fn upsert_escrows(
        &self,
        batch: &[EscrowRecord],
        observed_at: DateTime<Utc>,
        source: ChangeSource,
    ) -> Result<Vec<StatusChange>> {
        let mut changes = Vec::new();
        for rec in batch {
            if let Some(c) = self.upsert_escrow(rec, observed_at, source)? {
                changes.push(c);
            }
        }
        Ok(changes)
    }

    /// One escrow as stored (inside the transaction, e.g. to merge a partial API object).
    pub fn escrow(&self, id: &str) -> Result<Option<EscrowRecord>> {
        load_escrow(self.conn(), id)
    }
}

impl Book {
    /// Upserts one escrow in its own transaction (see [`BookTx::upsert_escrow`]).
    pub fn upsert_escrow(
        &self,
        rec: &EscrowRecord,
        observed_at: DateTime<Utc>,
        source: ChangeSource,
    ) -> Result<Option<StatusChange>> {
        self.write(|tx| tx.upsert_escrow(rec, observed_at, source))
    }

    /// Upserts a batch in ONE transaction: all rows and their history, or nothing.
    pub fn upsert_escrows(
        &self,
        batch: &[EscrowRecord],
        observed_at: DateTime<Utc>,
        source: ChangeSource,
    ) -> Result<Vec<StatusChange>> {
        self.write(|tx| tx.upsert_escrows(batch, observed_at, source))
    }

    /// One escrow.
    pub fn escrow(&self, id: &str) -> Result<Option<EscrowRecord>> {
        self.read(|c| load_escrow(c, id))
    }

    /// The escrow with its history, sessions and counter sale.
    pub fn escrow_detail(&self, id: &str) -> Result<Option<EscrowDetail>> {
        self.read(|c| {
            // One read transaction: the four reads see the same snapshot.
            c.execute_batch("BEGIN")?;
            let out = (|| {
                let Some(record) = load_escrow(c, id)? else {
                    return Ok(None);
                };
                Ok(Some(EscrowDetail {
                    history: super::history::load_history(c, id)?,
                    sessions: super::sessions::load_for_escrow(c, id)?,
                    sale: super::sales::load_for_escrow(c, id)?,
                    record,
                }))
            })();
            c.execute_batch("COMMIT")?;
            out
        })
    }
}

const UPSERT_SQL: &str = "INSERT INTO escrows (
    id, title, description, amount, currency, amount_tnd, escrow_fee, developer_fee,
    developer_fee_bp, status, mode, role, seller_id, seller_user_email, seller_first_name,
    seller_last_name, buyer_id, buyer_user_email, buyer_first_name, buyer_last_name, seller_email,
    buyer_email, estimated_delivery_days, expires_at, paid_at, delivered_at, completed_at,
    cancelled_at, created_at, updated_at, completion_deadline, created_via_third_party,
    created_by_application_name, dispute_ticket_id, dispute_ticket_number, dispute_type,
    dispute_subject, dispute_status, dispute_created_at, dispute_preview_reason, signatures_json,
    proof_info_json, fulfillment_policy_json, delivery_rejections_json, cancellation_json,
    raw_json, synced_at, buyer_key, seller_key, search_text
) VALUES (
    :id, :title, :description, :amount, :currency, :amount_tnd, :escrow_fee, :developer_fee,
    :developer_fee_bp, :status, :mode, :role, :seller_id, :seller_user_email, :seller_first_name,
    :seller_last_name, :buyer_id, :buyer_user_email, :buyer_first_name, :buyer_last_name,
    :seller_email, :buyer_email, :estimated_delivery_days, :expires_at, :paid_at, :delivered_at,
    :completed_at, :cancelled_at, :created_at, :updated_at, :completion_deadline,
    :created_via_third_party, :created_by_application_name, :dispute_ticket_id,
    :dispute_ticket_number, :dispute_type, :dispute_subject, :dispute_status, :dispute_created_at,
    :dispute_preview_reason, :signatures_json, :proof_info_json, :fulfillment_policy_json,
    :delivery_rejections_json, :cancellation_json, :raw_json, :synced_at, :buyer_key, :seller_key,
    :search_text
) ON CONFLICT (id) DO UPDATE SET
    title = excluded.title, description = excluded.description, amount = excluded.amount,
    currency = excluded.currency, amount_tnd = excluded.amount_tnd,
    escrow_fee = excluded.escrow_fee, developer_fee = excluded.developer_fee,
    developer_fee_bp = excluded.developer_fee_bp, status = excluded.status,
    mode = excluded.mode, role = excluded.role, seller_id = excluded.seller_id,
    seller_user_email = excluded.seller_user_email,
    seller_first_name = excluded.seller_first_name, seller_last_name = excluded.seller_last_name,
    buyer_id = excluded.buyer_id, buyer_user_email = excluded.buyer_user_email,
    buyer_first_name = excluded.buyer_first_name, buyer_last_name = excluded.buyer_last_name,
    seller_email = excluded.seller_email, buyer_email = excluded.buyer_email,
    estimated_delivery_days = excluded.estimated_delivery_days,
    expires_at = excluded.expires_at, paid_at = excluded.paid_at,
    delivered_at = excluded.delivered_at, completed_at = excluded.completed_at,
    cancelled_at = excluded.cancelled_at, created_at = excluded.created_at,
    updated_at = excluded.updated_at, completion_deadline = excluded.completion_deadline,
    created_via_third_party = excluded.created_via_third_party,
    created_by_application_name = excluded.created_by_application_name,
    dispute_ticket_id = excluded.dispute_ticket_id,
    dispute_ticket_number = excluded.dispute_ticket_number,
    dispute_type = excluded.dispute_type, dispute_subject = excluded.dispute_subject,
    dispute_status = excluded.dispute_status, dispute_created_at = excluded.dispute_created_at,
    dispute_preview_reason = excluded.dispute_preview_reason,
    signatures_json = excluded.signatures_json, proof_info_json = excluded.proof_info_json,
    fulfillment_policy_json = excluded.fulfillment_policy_json,
    delivery_rejections_json = excluded.delivery_rejections_json,
    cancellation_json = excluded.cancellation_json, raw_json = excluded.raw_json,
    synced_at = excluded.synced_at, buyer_key = excluded.buyer_key,
    seller_key = excluded.seller_key, search_text = excluded.search_text";

fn write_row(tx: &BookTx<'_>, r: &EscrowRecord, observed_at: DateTime<Utc>) -> Result<()> {
    let seller = r.seller.clone().unwrap_or_default();
    let buyer = r.buyer.clone().unwrap_or_default();
    let dispute = r.dispute_ticket.clone().unwrap_or_default();
    tx.conn().prepare_cached(UPSERT_SQL)?.execute(named_params! {
        ":id": r.id, ":title": r.title, ":description": r.description, ":amount": r.amount,
        ":currency": r.currency, ":amount_tnd": r.amount_tnd, ":escrow_fee": r.escrow_fee,
        ":developer_fee": r.developer_fee, ":developer_fee_bp": r.developer_fee_bp,
        ":status": r.status.as_str(), ":mode": r.mode.as_ref().map(EscrowMode::as_str),
        ":role": r.role.as_ref().map(EscrowRole::as_str),
        ":seller_id": seller.id, ":seller_user_email": seller.email,
        ":seller_first_name": seller.first_name, ":seller_last_name": seller.last_name,
        ":buyer_id": buyer.id, ":buyer_user_email": buyer.email,
        ":buyer_first_name": buyer.first_name, ":buyer_last_name": buyer.last_name,
        ":seller_email": r.seller_email, ":buyer_email": r.buyer_email,
        ":estimated_delivery_days": r.estimated_delivery_days,
        ":expires_at": opt_ms(r.expires_at), ":paid_at": opt_ms(r.paid_at),
        ":delivered_at": opt_ms(r.delivered_at), ":completed_at": opt_ms(r.completed_at),
        ":cancelled_at": opt_ms(r.cancelled_at), ":created_at": to_ms(r.created_at),
        ":updated_at": opt_ms(r.updated_at), ":completion_deadline": opt_ms(r.completion_deadline),
        ":created_via_third_party": r.created_via_third_party,
        ":created_by_application_name": r.created_by_application_name,
        ":dispute_ticket_id": r.dispute_ticket_id,
        ":dispute_ticket_number": dispute.ticket_number, ":dispute_type": dispute.kind,
        ":dispute_subject": dispute.subject, ":dispute_status": dispute.status,
        ":dispute_created_at": opt_ms(dispute.created_at),
        ":dispute_preview_reason": dispute.preview_reason,
        ":signatures_json": to_json(r.signatures.as_ref()),
        ":proof_info_json": to_json(r.proof_info.as_ref()),
        ":fulfillment_policy_json": to_json(r.fulfillment_policy.as_ref()),
        ":delivery_rejections_json": to_json(r.delivery_rejections.as_ref()),
        ":cancellation_json": to_json(r.cancellation.as_ref()),
        ":raw_json": to_json(r.raw_json.as_ref()),
        ":synced_at": to_ms(observed_at),
        ":buyer_key": r.buyer_display_email().map(str::to_lowercase),
        ":seller_key": r.seller_display_email().map(str::to_lowercase),
        ":search_text": search_text(r),
    })?;
    Ok(())
}

/// The lower-case text searched by the UI: title, id, and the OTHER party's emails and names.
/// The profile's own side is left out: it is the same on most rows, so it would match everything
/// and only make the trigram index (and every write) bigger.
fn search_text(r: &EscrowRecord) -> String {
    let mut parts: Vec<&str> = vec![&r.title, &r.id];
    let own_seller = r.role == Some(EscrowRole::Seller);
    let own_buyer = r.role == Some(EscrowRole::Buyer);
    let sides = [
        (&r.seller, &r.seller_email, own_seller),
        (&r.buyer, &r.buyer_email, own_buyer),
    ];
    for (party, invited, own) in sides {
        if own {
            continue;
        }
        if let Some(p) = party {
            parts.extend(p.email.as_deref());
            parts.extend(p.first_name.as_deref());
            parts.extend(p.last_name.as_deref());
        }
        let linked = party.as_ref().and_then(|p| p.email.as_deref());
        if let Some(email) = invited.as_deref().filter(|e| Some(*e) != linked) {
            parts.push(email);
        }
    }
    parts.join(" ").to_lowercase()
}

/// Columns read by [`record_from_row`], in its order.
pub(crate) const RECORD_COLUMNS: &str = "id, title, description, amount, currency, amount_tnd,
    escrow_fee, developer_fee, developer_fee_bp, status, mode, role, seller_id, seller_user_email,
    seller_first_name, seller_last_name, buyer_id, buyer_user_email, buyer_first_name,
    buyer_last_name, seller_email, buyer_email, estimated_delivery_days, expires_at, paid_at,
    delivered_at, completed_at, cancelled_at, created_at, updated_at, completion_deadline,
    created_via_third_party, created_by_application_name, dispute_ticket_id, dispute_ticket_number,
    dispute_type, dispute_subject, dispute_status, dispute_created_at, dispute_preview_reason,
    signatures_json, proof_info_json, fulfillment_policy_json, delivery_rejections_json,
    cancellation_json, raw_json";

pub(crate) fn load_escrow(c: &rusqlite::Connection, id: &str) -> Result<Option<EscrowRecord>> {
    let sql = format!("SELECT {RECORD_COLUMNS} FROM escrows WHERE id = ?1");
    Ok(c.prepare_cached(&sql)?
        .query_row([id], record_from_row)
        .optional()?)
}

fn party(row: &Row<'_>, first: usize) -> rusqlite::Result<Option<Party>> {
    let p = Party {
        id: row.get(first)?,
        email: row.get(first + 1)?,
        first_name: row.get(first + 2)?,
        last_name: row.get(first + 3)?,
    };
    Ok((p != Party::default()).then_some(p))
}

pub(crate) fn record_from_row(row: &Row<'_>) -> rusqlite::Result<EscrowRecord> {
    let status: String = row.get(9)?;
    let mode: Option<String> = row.get(10)?;
    let role: Option<String> = row.get(11)?;
    let dispute = DisputeTicket {
        ticket_number: row.get(34)?,
        kind: row.get(35)?,
        subject: row.get(36)?,
        status: row.get(37)?,
        created_at: from_opt_ms(row.get(38)?)?,
        preview_reason: row.get(39)?,
    };
    Ok(EscrowRecord {
        id: row.get(0)?,
        title: row.get(1)?,
        description: row.get(2)?,
        amount: row.get(3)?,
        currency: row.get(4)?,
        amount_tnd: row.get(5)?,
        escrow_fee: row.get(6)?,
        developer_fee: row.get(7)?,
        developer_fee_bp: row.get(8)?,
        status: EscrowStatus::parse(&status),
        mode: mode.as_deref().map(EscrowMode::parse),
        role: role.as_deref().map(EscrowRole::parse),
        seller: party(row, 12)?,
        buyer: party(row, 16)?,
        seller_email: row.get(20)?,
        buyer_email: row.get(21)?,
        estimated_delivery_days: row.get(22)?,
        expires_at: from_opt_ms(row.get(23)?)?,
        paid_at: from_opt_ms(row.get(24)?)?,
        delivered_at: from_opt_ms(row.get(25)?)?,
        completed_at: from_opt_ms(row.get(26)?)?,
        cancelled_at: from_opt_ms(row.get(27)?)?,
        created_at: from_ms(row.get(28)?)?,
        updated_at: from_opt_ms(row.get(29)?)?,
        completion_deadline: from_opt_ms(row.get(30)?)?,
        created_via_third_party: row.get(31)?,
        created_by_application_name: row.get(32)?,
        dispute_ticket_id: row.get(33)?,
        dispute_ticket: (dispute != DisputeTicket::default()).then_some(dispute),
        signatures: from_json(row.get(40)?)?,
        proof_info: from_json(row.get(41)?)?,
        fulfillment_policy: from_json(row.get(42)?)?,
        delivery_rejections: from_json(row.get(43)?)?,
        cancellation: from_json(row.get(44)?)?,
        raw_json: from_json(row.get(45)?)?,
    })
}
