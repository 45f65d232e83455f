//! Versioned migrations on `PRAGMA user_version`: step N brings a book from version N-1 to N, each
//! step in its own transaction together with the version bump, so a crash mid-migration leaves the
//! previous version intact. (`rusqlite_migration` 2.6 needs rusqlite 0.40; we use 0.42.)

use std::path::Path;

use rusqlite::Connection;

use crate::error::{MerchantError, Result};

/// Ordered migration steps; never edit a released step, append a new one.
const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the book up to [`SCHEMA_VERSION`]; refuses a book from a newer app.
///
/// The app and the CLI may open a new book at the same moment. Each step reads the version
/// inside its own `BEGIN IMMEDIATE` transaction, which holds SQLite's write lock: a second
/// process waits there (busy timeout), then finds the step done by the first and skips it
/// instead of failing on "table already exists".
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let seen = check_not_newer(conn, path)?;
    for (index, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(seen).unwrap_or(0))
    {
        let version = index as i64 + 1;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let found = check_not_newer(&tx, path)?;
        if found >= version {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
        tracing::info!(version, "migrated the local book");
    }
    Ok(())
}

/// The book's version, or [`MerchantError::BookTooNew`] when a newer app wrote it.
fn check_not_newer(conn: &Connection, path: &Path) -> Result<i64> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(MerchantError::BookTooNew {
            path: path.to_owned(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(found)
}

/// Version 1: the whole book. Times are INTEGER unix milliseconds UTC; money INTEGER millimes.
const V1: &str = r#"
CREATE TABLE escrows (
    id TEXT NOT NULL PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT,
    amount INTEGER NOT NULL,
    currency TEXT NOT NULL,
    amount_tnd INTEGER NOT NULL,
    escrow_fee INTEGER NOT NULL,
    developer_fee INTEGER NOT NULL,
    developer_fee_bp INTEGER,
    status TEXT NOT NULL,
    mode TEXT,
    role TEXT,
    seller_id TEXT,
    seller_user_email TEXT,
    seller_first_name TEXT,
    seller_last_name TEXT,
    buyer_id TEXT,
    buyer_user_email TEXT,
    buyer_first_name TEXT,
    buyer_last_name TEXT,
    seller_email TEXT,
    buyer_email TEXT,
    estimated_delivery_days INTEGER,
    expires_at INTEGER,
    paid_at INTEGER,
    delivered_at INTEGER,
    completed_at INTEGER,
    cancelled_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER,
    completion_deadline INTEGER,
    created_via_third_party INTEGER,
    created_by_application_name TEXT,
    dispute_ticket_id TEXT,
    dispute_ticket_number TEXT,
    dispute_type TEXT,
    dispute_subject TEXT,
    dispute_status TEXT,
    dispute_created_at INTEGER,
    dispute_preview_reason TEXT,
    signatures_json TEXT,
    proof_info_json TEXT,
    fulfillment_policy_json TEXT,
    delivery_rejections_json TEXT,
    cancellation_json TEXT,
    raw_json TEXT,
    synced_at INTEGER NOT NULL,
    -- Derived on write: lower-case emails for autocomplete and one lower-case text for search.
    buyer_key TEXT,
    seller_key TEXT,
    search_text TEXT NOT NULL
);

-- Sorted pages: each sort key leads an index, with created_at/id as tie-breakers.
CREATE INDEX escrows_created ON escrows (created_at, id);
CREATE INDEX escrows_status_created ON escrows (status, created_at);
CREATE INDEX escrows_role_created ON escrows (role, created_at);
CREATE INDEX escrows_amount ON escrows (amount_tnd, created_at);
CREATE INDEX escrows_title ON escrows (title COLLATE NOCASE, created_at);
CREATE INDEX escrows_buyer_key ON escrows (buyer_key, created_at);
-- Reports read these columns only: a covering index keeps a year's scan off the wide rows.
CREATE INDEX escrows_report ON escrows (created_at, status, role, amount_tnd, escrow_fee, developer_fee);

-- Substring search (>= 3 characters) over title, emails, names and id.
CREATE VIRTUAL TABLE escrows_fts USING fts5(
    search_text, content='escrows', content_rowid='rowid', tokenize='trigram'
);
CREATE TRIGGER escrows_fts_insert AFTER INSERT ON escrows BEGIN
    INSERT INTO escrows_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER escrows_fts_delete AFTER DELETE ON escrows BEGIN
    INSERT INTO escrows_fts (escrows_fts, rowid, search_text)
        VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER escrows_fts_update AFTER UPDATE OF search_text ON escrows
    WHEN old.search_text IS NOT new.search_text BEGIN
    INSERT INTO escrows_fts (escrows_fts, rowid, search_text)
        VALUES ('delete', old.rowid, old.search_text);
    INSERT INTO escrows_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;

CREATE TABLE status_history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    escrow_id TEXT NOT NULL REFERENCES escrows (id) ON DELETE CASCADE,
    old_status TEXT,
    new_status TEXT NOT NULL,
    observed_at INTEGER NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('sync', 'watcher', 'action'))
);
CREATE INDEX status_history_escrow ON status_history (escrow_id, seq);

-- No foreign key to escrows: a session may be recorded before its escrow reaches the book.
CREATE TABLE checkout_sessions (
    session_id TEXT NOT NULL PRIMARY KEY,
    escrow_id TEXT NOT NULL,
    action TEXT NOT NULL,
    target_email TEXT NOT NULL,
    redirect_url TEXT NOT NULL,
    url TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    status TEXT NOT NULL,
    completed_at INTEGER,
    created_at INTEGER NOT NULL,
    metadata_json TEXT
);
CREATE INDEX checkout_sessions_escrow ON checkout_sessions (escrow_id, created_at);
CREATE INDEX checkout_sessions_status ON checkout_sessions (status, expires_at);

CREATE TABLE kyc_invites (
    id TEXT NOT NULL PRIMARY KEY,
    email TEXT NOT NULL,
    external_user_id TEXT,
    kyc_status TEXT NOT NULL,
    didit_session_status TEXT,
    needs_admin_review INTEGER,
    claim_status TEXT,
    linked_user_id TEXT,
    linked_at INTEGER,
    verification_email_sent INTEGER,
    verification_email_sent_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER,
    expires_at INTEGER,
    raw_json TEXT
);
CREATE INDEX kyc_invites_email ON kyc_invites (email, created_at);
CREATE INDEX kyc_invites_created ON kyc_invites (created_at);

CREATE TABLE counter_sales (
    id TEXT NOT NULL PRIMARY KEY,
    created_at INTEGER NOT NULL,
    amount_millimes INTEGER NOT NULL CHECK (amount_millimes > 0),
    title TEXT NOT NULL,
    buyer_email TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('instant', 'quick')),
    state TEXT NOT NULL CHECK (state IN ('creating', 'create_unknown', 'awaiting_payment',
        'paid', 'delivered', 'completed', 'cancelled', 'failed')),
    escrow_id TEXT,
    session_id TEXT,
    checkout_url TEXT,
    session_expires_at INTEGER,
    last_error TEXT,
    updated_at INTEGER NOT NULL
);
CREATE INDEX counter_sales_state ON counter_sales (state, created_at);
CREATE INDEX counter_sales_escrow ON counter_sales (escrow_id);
CREATE INDEX counter_sales_created ON counter_sales (created_at);

CREATE TABLE sync_state (
    key TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
"#;

/// Version 2: each counter sale keeps the reference its escrow's title carries (how a lost
/// create is found again), and a sale DHMAD clearly never created is `not_created` rather than
/// `failed`. SQLite cannot change a CHECK constraint, so the table is rebuilt.
const V2: &str = r#"
CREATE TABLE counter_sales_v2 (
    id TEXT NOT NULL PRIMARY KEY,
    created_at INTEGER NOT NULL,
    amount_millimes INTEGER NOT NULL CHECK (amount_millimes > 0),
    title TEXT NOT NULL,
    buyer_email TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('instant', 'quick')),
    state TEXT NOT NULL CHECK (state IN ('creating', 'create_unknown', 'awaiting_payment',
        'paid', 'delivered', 'completed', 'cancelled', 'failed', 'not_created')),
    escrow_id TEXT,
    session_id TEXT,
    checkout_url TEXT,
    session_expires_at INTEGER,
    last_error TEXT,
    updated_at INTEGER NOT NULL,
    reference TEXT
);
INSERT INTO counter_sales_v2 (id, created_at, amount_millimes, title, buyer_email, mode, state,
    escrow_id, session_id, checkout_url, session_expires_at, last_error, updated_at)
SELECT id, created_at, amount_millimes, title, buyer_email, mode, state, escrow_id, session_id,
    checkout_url, session_expires_at, last_error, updated_at FROM counter_sales;
DROP TABLE counter_sales;
ALTER TABLE counter_sales_v2 RENAME TO counter_sales;
CREATE INDEX counter_sales_state ON counter_sales (state, created_at);
CREATE INDEX counter_sales_escrow ON counter_sales (escrow_id);
CREATE INDEX counter_sales_created ON counter_sales (created_at);
CREATE UNIQUE INDEX counter_sales_reference ON counter_sales (reference);
"#;

/// Version 3: records a sync could not read (contract §1.4: set aside and counted, never dropped
/// silently). One row per record: `record_key` is `id:<id>`, or `raw:<json>` for a record with
/// no id. Times are unix milliseconds UTC.
const V3: &str = r#"
CREATE TABLE unreadable_records (
    record_key TEXT NOT NULL PRIMARY KEY,
    endpoint TEXT NOT NULL,
    record_id TEXT,
    raw TEXT NOT NULL,
    reason TEXT NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL
);
CREATE INDEX unreadable_records_by_id ON unreadable_records (record_id);
"#;

/// Version 4: the shop's day (see `crate::day`). Every table is append-only: a correction is a new
/// linked entry, never an edit, so the triggers refuse UPDATE and DELETE.
///
/// * `receipts`: one number per receipt, per till, allocated in the transaction that writes the
///   entry it numbers (a recorded sale, a refund, or a DHMAD counter sale), so numbers are
///   gap-free and never reused.
/// * `day_entries`: recorded sales, refunds and cash paid in / out, in one sequence (`seq`) so a
///   close covers exactly the entries after the previous close of its till.
/// * `drawers`: each opening of a till's drawer; it is open until its Z report exists.
/// * `z_reports`: the closes, numbered per shop, each hashed with the previous one.
const V4: &str = r#"
CREATE TABLE receipts (
    till TEXT NOT NULL,
    number INTEGER NOT NULL CHECK (number > 0),
    entry_kind TEXT NOT NULL CHECK (entry_kind IN ('sale', 'refund', 'dhmad')),
    entry_id TEXT NOT NULL UNIQUE,
    issued_at INTEGER NOT NULL,
    PRIMARY KEY (till, number)
);

CREATE TABLE drawers (
    id TEXT NOT NULL PRIMARY KEY,
    till TEXT NOT NULL,
    opened_at INTEGER NOT NULL,
    float_millimes INTEGER NOT NULL CHECK (float_millimes >= 0),
    cashier TEXT NOT NULL
);
CREATE INDEX drawers_till ON drawers (till, opened_at);

CREATE TABLE day_entries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('sale', 'refund', 'paid_in', 'paid_out')),
    till TEXT NOT NULL,
    at INTEGER NOT NULL,
    amount_millimes INTEGER NOT NULL CHECK (amount_millimes > 0),
    method TEXT,
    title TEXT,
    reference TEXT,
    customer TEXT,
    tendered_millimes INTEGER,
    reason TEXT,
    refund_of TEXT REFERENCES day_entries (id),
    receipt_no INTEGER,
    drawer_id TEXT REFERENCES drawers (id),
    CHECK ((kind IN ('sale', 'refund')) = (method IS NOT NULL AND receipt_no IS NOT NULL)),
    CHECK ((kind = 'refund') = (refund_of IS NOT NULL)),
    CHECK (tendered_millimes IS NULL OR tendered_millimes >= amount_millimes)
);
CREATE INDEX day_entries_till ON day_entries (till, seq);
CREATE INDEX day_entries_refund_of ON day_entries (refund_of);
CREATE UNIQUE INDEX day_entries_receipt ON day_entries (till, receipt_no);

CREATE TABLE z_reports (
    number INTEGER PRIMARY KEY CHECK (number > 0),
    drawer_id TEXT NOT NULL UNIQUE REFERENCES drawers (id),
    till TEXT NOT NULL,
    closed_at INTEGER NOT NULL,
    last_seq INTEGER NOT NULL,
    last_receipt INTEGER NOT NULL,
    content TEXT NOT NULL,
    hash TEXT NOT NULL,
    previous_hash TEXT NOT NULL
);
CREATE INDEX z_reports_till ON z_reports (till, number);

CREATE TRIGGER receipts_no_update BEFORE UPDATE ON receipts
    BEGIN SELECT RAISE(ABORT, 'receipt numbers are never changed'); END;
CREATE TRIGGER receipts_no_delete BEFORE DELETE ON receipts
    BEGIN SELECT RAISE(ABORT, 'receipt numbers are never deleted'); END;
CREATE TRIGGER drawers_no_update BEFORE UPDATE ON drawers
    BEGIN SELECT RAISE(ABORT, 'a drawer opening is never changed'); END;
CREATE TRIGGER drawers_no_delete BEFORE DELETE ON drawers
    BEGIN SELECT RAISE(ABORT, 'a drawer opening is never deleted'); END;
CREATE TRIGGER day_entries_no_update BEFORE UPDATE ON day_entries
    BEGIN SELECT RAISE(ABORT, 'entries are never changed: record a refund instead'); END;
CREATE TRIGGER day_entries_no_delete BEFORE DELETE ON day_entries
    BEGIN SELECT RAISE(ABORT, 'entries are never deleted: record a refund instead'); END;
CREATE TRIGGER z_reports_no_update BEFORE UPDATE ON z_reports
    BEGIN SELECT RAISE(ABORT, 'a Z report is never changed'); END;
CREATE TRIGGER z_reports_no_delete BEFORE DELETE ON z_reports
    BEGIN SELECT RAISE(ABORT, 'a Z report is never deleted'); END;
"#;

/// Each time a receipt went to a printer: a second print is marked as a copy and never opens
/// the cash drawer again. `entry_id` is the receipts table's (a day entry or a counter sale).
const V5: &str = r#"
CREATE TABLE receipt_prints (
    entry_id TEXT NOT NULL,
    printed_at INTEGER NOT NULL
);
CREATE INDEX receipt_prints_entry ON receipt_prints (entry_id);
"#;

/// The books by payment method read a period of entries: by time, with what they sum, instead
/// of every entry the till ever recorded.
const V6: &str = r#"
CREATE INDEX day_entries_at ON day_entries (at, kind, method, amount_millimes);
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_1_book_keeps_its_sales_and_gains_references_and_not_created() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(V1).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute(
            "INSERT INTO counter_sales (id, created_at, amount_millimes, title, buyer_email, mode,
                state, updated_at) VALUES ('s1', 1, 12500, 'Chechia', 'a@b.tn', 'instant',
                'create_unknown', 2)",
            [],
        )
        .unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        let (state, reference): (String, Option<String>) = conn
            .query_row(
                "SELECT state, reference FROM counter_sales WHERE id = 's1'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((state.as_str(), reference), ("create_unknown", None));
        conn.execute(
            "UPDATE counter_sales SET state = 'not_created', reference = 'K7F3QXM2'",
            [],
        )
        .unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
    }
}
