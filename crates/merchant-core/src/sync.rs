//! Sync with the fewest requests.
//!
//! Terminal escrows never change and the list is newest first, so: read `GET /escrows` pages
//! until a page holds an escrow the book already has (the first sync reads every page), then
//! refresh the non-terminal ones through the `pending`, `paid` and `delivered` lists. A known
//! non-terminal escrow in none of those lists has left them: one `GET /escrows/:id` each.
//! Each page is written in one transaction; upserts are idempotent, so a killed sync re-run
//! converges. "First full sync done" is recorded only at the very end.
//!
//! Every list is read until a short or empty page, whatever `pages`/`total` say, under
//! dhmad-api's [`PageGuard`] (a server repeating a page is an error, not a hang). A record that
//! cannot be read is kept in the book's unreadable table, and leaves it when a later sync reads
//! it well; a list whose `total` disagrees with what was read is reported ("N of M read").

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Utc};
use dhmad_api::{
    ApiError, Client, EscrowId, EscrowPage, EscrowStatus as ApiStatus, ListEscrows, PageGuard,
    UnreadableRecord,
};
use serde::Serialize;

use crate::api_map::escrow_record;
use crate::book::{BIG_SYNC_PAGES, Book, ChangeSource, EscrowRecord};
use crate::error::{MerchantError, Result};
use crate::roles::AssociatedUser;
use crate::roles::{book_parties, fill_roles, infer};

const PAGE: u32 = 100;
/// The statuses refreshed through filtered lists.
const ACTIVE: [ApiStatus; 3] = [ApiStatus::Pending, ApiStatus::Paid, ApiStatus::Delivered];

/// Which part of the sync is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum SyncPhase {
    /// Reading new escrows from the unfiltered list.
    New,
    /// Refreshing one status-filtered list.
    Active,
    /// Fetching escrows that left the active lists.
    Changed,
}

/// Progress of one list (pages done / total known after its first page).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncProgress {
    /// The phase.
    pub phase: SyncPhase,
    /// Pages (or single escrows in [`SyncPhase::Changed`]) done in this phase.
    pub done: u32,
    /// Total of this phase.
    pub total: u32,
    /// Requests made by this sync so far.
    pub requests: u32,
}

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    /// HTTP requests made (retries inside the client not counted).
    pub requests: u32,
    /// Escrows the book did not have.
    pub new: u32,
    /// Known escrows rewritten.
    pub updated: u32,
    /// Status changes recorded in the history (new escrows excluded).
    pub status_changes: u32,
    /// The associated user this sync inferred from the escrows (see [`crate::roles`]) when it
    /// was given an unknown one; the caller stores it in the profile's connect facts. `None`
    /// when a user was given or the escrows do not tell.
    pub associated_user: Option<AssociatedUser>,
    /// Records this sync could not read (kept in [`Book::unreadable_records`]).
    pub unreadable: u32,
    /// Lists read to their end whose announced `total` disagrees with what was received.
    pub shortfalls: Vec<ListShortfall>,
}

/// A list whose `total` disagreed with what was read: shown as "N of M read".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListShortfall {
    /// The list, e.g. `GET /escrows?status=paid`.
    pub endpoint: String,
    /// Records received, readable or not.
    pub read: u64,
    /// The `total` the server announced.
    pub announced: u64,
}

/// The endpoint a list is read from, as stored with its unreadable records.
fn list_endpoint(status: Option<&ApiStatus>) -> String {
    match status {
        Some(s) => format!("GET /escrows?status={}", s.as_str()),
        None => "GET /escrows".into(),
    }
}

struct Run<'a, P> {
    book: &'a Book,
    client: &'a Client,
    progress: P,
    cancel: &'a AtomicBool,
    now: DateTime<Utc>,
    me: &'a AssociatedUser,
    report: SyncReport,
    /// Pages (batches) written to the book.
    pages_stored: u32,
}

/// Runs one sync. `cancel` is checked before every request ([`MerchantError::Cancelled`]).
/// `now` stamps the observations. The client's rate budget paces the (sequential) requests,
/// sent as [`dhmad_api::Priority::Background`].
/// Escrow roles are left unset; see [`sync_as`].
pub async fn sync(
    book: &Book,
    client: &Client,
    progress: impl Fn(SyncProgress),
    cancel: &AtomicBool,
    now: DateTime<Utc>,
) -> Result<SyncReport> {
    sync_as(
        book,
        client,
        &AssociatedUser::default(),
        progress,
        cancel,
        now,
    )
    .await
}

/// [`sync`], computing each escrow's role from the associated user. With an unknown user
/// (`AssociatedUser::default()`), the user is inferred after reading, from the book's escrows
/// (the lists only hold escrows where that user is a party), roles are filled from it and it is
/// returned in [`SyncReport::associated_user`]. Escrows whose role is unset get one either way.
pub async fn sync_as(
    book: &Book,
    client: &Client,
    me: &AssociatedUser,
    progress: impl Fn(SyncProgress),
    cancel: &AtomicBool,
    now: DateTime<Utc>,
) -> Result<SyncReport> {
    let full_done = book.sync_state()?.last_full_sync_at.is_some();
    book.write(|tx| tx.set_sync_value("cursor", Some("running")))?;
    // A first sync of a large book spends the whole request budget; as background work it
    // leaves the foreground reserve to a sale charged meanwhile.
    let client = &client.background();
    let mut run = Run {
        book,
        client,
        progress,
        cancel,
        now,
        me,
        report: SyncReport::default(),
        pages_stored: 0,
    };
    let outcome = run.all(full_done).await;
    // Finished, failed or cancelled: a sync that went through many pages filled the caches.
    if run.pages_stored >= BIG_SYNC_PAGES
        && let Err(e) = book.release_memory()
    {
        tracing::warn!("giving the book's memory back after a sync failed: {e}");
    }
    outcome?;
    Ok(std::mem::take(&mut run.report))
}

impl<P: Fn(SyncProgress)> Run<'_, P> {
    /// Every step of the sync; the report is in `self.report`.
    async fn all(&mut self, full_done: bool) -> Result<()> {
        self.read_new(full_done).await?;
        let mut seen = HashSet::new();
        for status in ACTIVE {
            self.read_active(status, &mut seen).await?;
        }
        self.read_changed(&seen).await?;
        drop(seen);
        let book = self.book;
        if self.me.is_unknown() {
            self.report.associated_user = infer(&book_parties(book)?);
        }
        fill_roles(
            book,
            self.report.associated_user.as_ref().unwrap_or(self.me),
        )?;
        let now = self.now;
        book.write(|tx| {
            let mut state = tx.sync_state()?;
            state.last_sync_at = Some(now);
            if state.last_full_sync_at.is_none() {
                state.last_full_sync_at = Some(now);
            }
            state.cursor = None;
            state.newest_known_created_at = newest_created(tx.conn())?;
            tx.set_sync_state(&state)
        })
    }

    async fn list(&mut self, status: Option<ApiStatus>, page: u32) -> Result<EscrowPage> {
        if self.cancel.load(Ordering::Relaxed) {
            return Err(MerchantError::Cancelled);
        }
        self.report.requests += 1;
        let q = ListEscrows {
            status,
            role: None,
            page: Some(page),
            limit: Some(PAGE),
        };
        Ok(self.client.escrows().list(&q).await?)
    }

    /// Stores a page's unreadable records, and counts them.
    fn set_aside(&mut self, endpoint: &str, bad: &[UnreadableRecord]) -> Result<()> {
        if bad.is_empty() {
            return Ok(());
        }
        for record in bad {
            tracing::warn!(endpoint, id = ?record.id, "an escrow could not be read; set aside");
        }
        let now = self.now;
        self.book.write(|tx| {
            for r in bad {
                tx.note_unreadable(endpoint, r.id.as_deref(), &r.raw, &r.reason, now)?;
            }
            Ok(())
        })?;
        let n = u32::try_from(bad.len()).unwrap_or(u32::MAX);
        self.report.unreadable = self.report.unreadable.saturating_add(n);
        Ok(())
    }

    /// After a list was read to its end: reports a `total` that disagrees, and forgets its
    /// id-less unreadable records that were not met again.
    fn finish_list(&mut self, endpoint: String, guard: &PageGuard) -> Result<()> {
        let now = self.now;
        self.book
            .write(|tx| tx.forget_unseen_unreadable(&endpoint, now))?;
        if let Some((read, announced)) = guard.summary().shortfall() {
            tracing::warn!(
                endpoint,
                read,
                announced,
                "the list's total disagrees with what was read"
            );
            self.report.shortfalls.push(ListShortfall {
                endpoint,
                read,
                announced,
            });
        }
        Ok(())
    }

    /// Stores a batch in one transaction; returns whether any id was already known.
    fn store(&mut self, batch: &[EscrowRecord]) -> Result<bool> {
        let now = self.now;
        let mut batch = batch.to_vec();
        let n = batch.len();
        for r in &mut batch {
            r.role = self.me.role_in(r);
        }
        let (known, changes) = self.book.write(|tx| {
            let mut known = 0u32;
            for r in &mut batch {
                if let Some(stored) = tx.escrow(&r.id)? {
                    known += 1;
                    // An unknown user must not erase a role learned earlier.
                    r.role = r.role.take().or(stored.role);
                }
            }
            let changes = tx.upsert_escrows(&batch, now, ChangeSource::Sync)?;
            tx.forget_unreadable(batch.iter().map(|r| r.id.as_str()))?;
            Ok((known, changes))
        })?;
        self.pages_stored += 1;
        let changed = changes.iter().filter(|c| c.old_status.is_some()).count();
        self.report.status_changes += u32::try_from(changed).unwrap_or(u32::MAX);
        self.report.updated += known;
        self.report.new += u32::try_from(n).unwrap_or(u32::MAX) - known;
        Ok(known > 0)
    }

    fn tick(&self, phase: SyncPhase, done: u32, total: u32) {
        (self.progress)(SyncProgress {
            phase,
            done,
            total,
            requests: self.report.requests,
        });
    }

    async fn read_new(&mut self, full_done: bool) -> Result<()> {
        let endpoint = list_endpoint(None);
        let mut guard = PageGuard::new(PAGE);
        loop {
            let page = guard.pages() + 1;
            let p = self.list(None, page).await?;
            let more = guard.after_page(&p)?;
            let met_known = self.store(&self.records(&p))?;
            self.set_aside(&endpoint, &p.unreadable)?;
            self.tick(SyncPhase::New, page, pages_known(&p, page));
            // An incremental sync stops at the first page with a known escrow: older ones are
            // terminal or refreshed by the active lists.
            if full_done && met_known {
                return Ok(());
            }
            if !more {
                return self.finish_list(endpoint, &guard);
            }
        }
    }

    async fn read_active(&mut self, status: ApiStatus, seen: &mut HashSet<String>) -> Result<()> {
        let endpoint = list_endpoint(Some(&status));
        let mut guard = PageGuard::new(PAGE);
        loop {
            let page = guard.pages() + 1;
            let p = self.list(Some(status.clone()), page).await?;
            let more = guard.after_page(&p)?;
            let batch = self.records(&p);
            seen.extend(batch.iter().map(|r| r.id.clone()));
            // An unreadable record of this list is still there: not "left the list".
            seen.extend(p.unreadable.iter().filter_map(|u| u.id.clone()));
            self.store(&batch)?;
            self.set_aside(&endpoint, &p.unreadable)?;
            self.tick(SyncPhase::Active, page, pages_known(&p, page));
            if !more {
                return self.finish_list(endpoint, &guard);
            }
        }
    }

    fn records(&self, page: &EscrowPage) -> Vec<EscrowRecord> {
        page.escrows
            .iter()
            .map(|e| escrow_record(e, self.now))
            .collect()
    }

    async fn read_changed(&mut self, seen: &HashSet<String>) -> Result<()> {
        let stale: Vec<String> = non_terminal_ids(self.book)?
            .into_iter()
            .filter(|id| !seen.contains(id))
            .collect();
        let total = u32::try_from(stale.len()).unwrap_or(u32::MAX);
        for (i, id) in stale.iter().enumerate() {
            if self.cancel.load(Ordering::Relaxed) {
                return Err(MerchantError::Cancelled);
            }
            self.report.requests += 1;
            match self.client.escrows().get(&EscrowId::new(id.clone())).await {
                Ok(e) => {
                    self.store(&[escrow_record(&e, self.now)])?;
                }
                Err(ApiError::Decode {
                    message, snippet, ..
                }) => {
                    let bad = UnreadableRecord {
                        id: Some(id.clone()),
                        reason: message,
                        raw: serde_json::Value::String(snippet),
                    };
                    self.set_aside("GET /escrows/:id", &[bad])?;
                }
                Err(e) => return Err(e.into()),
            }
            let done = u32::try_from(i + 1).unwrap_or(u32::MAX);
            self.tick(SyncPhase::Changed, done, total);
        }
        Ok(())
    }
}

/// The page count to show: the server's `pages` when it gave one, at least the pages read.
fn pages_known(page: &EscrowPage, read: u32) -> u32 {
    page.pagination.pages.unwrap_or(read).max(read)
}

/// Ids of the book's escrows that may still change.
pub(crate) fn non_terminal_ids(book: &Book) -> Result<Vec<String>> {
    book.read(|c| {
        let mut stmt = c.prepare_cached(
            "SELECT id FROM escrows WHERE status NOT IN ('completed', 'cancelled') ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    })
}

fn newest_created(c: &rusqlite::Connection) -> Result<Option<DateTime<Utc>>> {
    let ms: Option<i64> = c.query_row("SELECT max(created_at) FROM escrows", [], |r| r.get(0))?;
    Ok(ms.and_then(DateTime::from_timestamp_millis))
}
