//! Reading every page of `GET /escrows`: the guard both `list_all` and merchant-core's sync use,
//! and the `list_all` stream.
//!
//! A list ends with a page shorter than the limit (unreadable records count as received) or an
//! empty one — never because `pages` or `total` say so: a server that omits them, or whose count
//! lags behind, must not make the client stop early and lose escrows silently. What `total`
//! announced is kept only to report a disagreement ("120 of 1000 read").

use std::collections::{HashSet, VecDeque};

use futures::Stream;
use serde::Serialize;

use super::{Escrow, EscrowPage, Escrows, ListEscrows, MAX_PAGE_LIMIT};
use crate::decode::UnreadableRecord;
use crate::error::ApiError;

/// Hard cap on pages, whatever the server sends (1,000,000 escrows at 100 per page).
pub const MAX_PAGES: u32 = 10_000;

/// Follows a paginated read page by page and says when it is over.
#[derive(Debug, Clone)]
pub struct PageGuard {
    limit: u32,
    max_pages: u32,
    pages: u32,
    received: u64,
    announced_total: Option<u64>,
    seen: HashSet<String>,
}

/// How a list read went: what was received against what the server announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListSummary {
    /// Records received, readable or not.
    pub received: u64,
    /// The `total` of the last page that had one.
    pub announced_total: Option<u64>,
}

impl ListSummary {
    /// `Some((received, announced))` when the server's `total` disagrees with what was read.
    pub fn shortfall(&self) -> Option<(u64, u64)> {
        self.announced_total
            .filter(|total| *total != self.received)
            .map(|total| (self.received, total))
    }
}

impl PageGuard {
    /// A guard for pages requested with `limit` records each.
    pub fn new(limit: u32) -> Self {
        Self::with_max_pages(limit, MAX_PAGES)
    }

    /// A guard that refuses to go past `max_pages` pages.
    pub fn with_max_pages(limit: u32, max_pages: u32) -> Self {
        PageGuard {
            limit: limit.max(1),
            max_pages,
            pages: 0,
            received: 0,
            announced_total: None,
            seen: HashSet::new(),
        }
    }

    /// Takes the page just read; `Ok(true)` when the next page must be read. A full page that
    /// brings nothing new (a server repeating pages) or a read past the cap is
    /// [`ApiError::Protocol`]: an error, never an endless loop.
    pub fn after_page(&mut self, page: &EscrowPage) -> Result<bool, ApiError> {
        self.pages += 1;
        let count = page.received();
        self.received += count as u64;
        if let Some(total) = page.pagination.total {
            self.announced_total = Some(total);
        }
        let fresh = self.remember(page);
        // A server may serve fewer per page than asked; it then says so in `limit`.
        let limit = page
            .pagination
            .limit
            .filter(|l| *l > 0)
            .map_or(self.limit, |l| l.min(self.limit));
        let full = count > 0 && count >= limit as usize;
        if !full {
            return Ok(false);
        }
        if fresh == 0 {
            return Err(ApiError::Protocol(format!(
                "page {} repeated escrows already read; stopped",
                self.pages
            )));
        }
        if self.pages >= self.max_pages {
            return Err(ApiError::Protocol(format!(
                "more than {} pages of escrows; stopped",
                self.max_pages
            )));
        }
        Ok(true)
    }

    /// Pages taken so far.
    pub fn pages(&self) -> u32 {
        self.pages
    }

    /// What was read against what was announced.
    pub fn summary(&self) -> ListSummary {
        ListSummary {
            received: self.received,
            announced_total: self.announced_total,
        }
    }

    /// Records the page's identities; returns how many were not seen before.
    fn remember(&mut self, page: &EscrowPage) -> usize {
        let ids =
            page.escrows
                .iter()
                .map(|e| format!("id:{}", e.id))
                .chain(page.unreadable.iter().map(|u| match &u.id {
                    Some(id) => format!("id:{id}"),
                    None => format!("raw:{}", u.raw),
                }));
        ids.filter(|key| self.seen.insert(key.clone())).count()
    }
}

/// One item of [`Escrows::list_all`].
#[derive(Debug, Clone, PartialEq)]
pub enum Listed {
    /// A readable escrow.
    Escrow(Box<Escrow>),
    /// A record that could not be read (set aside, not dropped).
    Unreadable(UnreadableRecord),
    /// The last item: received against announced.
    End(ListSummary),
}

/// Every escrow of a filter, read to the end: see [`Escrows::read_all`].
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AllEscrows {
    /// Readable escrows, newest first.
    pub escrows: Vec<Escrow>,
    /// Records that could not be read.
    pub unreadable: Vec<UnreadableRecord>,
    /// Received against announced.
    pub summary: ListSummary,
}

struct State {
    escrows: Escrows,
    filter: ListEscrows,
    next_page: Option<u32>,
    guard: PageGuard,
    buffer: VecDeque<Listed>,
}

pub(crate) fn stream(
    escrows: Escrows,
    filter: ListEscrows,
) -> impl Stream<Item = Result<Listed, ApiError>> + Send + 'static {
    let filter = ListEscrows {
        page: None,
        limit: Some(MAX_PAGE_LIMIT),
        ..filter
    };
    let state = State {
        escrows,
        filter,
        next_page: Some(1),
        guard: PageGuard::new(MAX_PAGE_LIMIT),
        buffer: VecDeque::new(),
    };
    futures::stream::unfold(state, |mut state| async move {
        loop {
            if let Some(item) = state.buffer.pop_front() {
                return Some((Ok(item), state));
            }
            let page = state.next_page?;
            if let Err(e) = fetch(&mut state, page).await {
                state.next_page = None;
                return Some((Err(e), state));
            }
        }
    })
}

async fn fetch(state: &mut State, page: u32) -> Result<(), ApiError> {
    let query = ListEscrows {
        page: Some(page),
        ..state.filter.clone()
    };
    let result = state.escrows.list(&query).await?;
    let more = state.guard.after_page(&result)?;
    let EscrowPage {
        escrows,
        unreadable,
        ..
    } = result;
    state
        .buffer
        .extend(escrows.into_iter().map(|e| Listed::Escrow(Box::new(e))));
    state
        .buffer
        .extend(unreadable.into_iter().map(Listed::Unreadable));
    if more {
        state.next_page = Some(page + 1);
    } else {
        state.next_page = None;
        state.buffer.push_back(Listed::End(state.guard.summary()));
    }
    Ok(())
}
