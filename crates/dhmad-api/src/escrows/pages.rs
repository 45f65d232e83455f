//! `list_all`: every page of `GET /escrows` as a stream, guarded against a server that never ends.

use std::collections::VecDeque;

use futures::Stream;

use super::{Escrow, Escrows, ListEscrows, MAX_PAGE_LIMIT};
use crate::error::ApiError;
use crate::ids::EscrowId;

/// Hard cap on pages, whatever the server announces (1,000,000 escrows at 100 per page).
pub(crate) const MAX_PAGES: u32 = 10_000;

struct State {
    escrows: Escrows,
    filter: ListEscrows,
    next_page: Option<u32>,
    /// `pages` announced by the first response.
    announced_pages: Option<u32>,
    previous_ids: Vec<EscrowId>,
    buffer: VecDeque<Escrow>,
}

pub(crate) fn stream(
    escrows: Escrows,
    filter: ListEscrows,
) -> impl Stream<Item = Result<Escrow, ApiError>> + Send + 'static {
    let filter = ListEscrows {
        page: None,
        limit: Some(MAX_PAGE_LIMIT),
        ..filter
    };
    let state = State {
        escrows,
        filter,
        next_page: Some(1),
        announced_pages: None,
        previous_ids: Vec::new(),
        buffer: VecDeque::new(),
    };
    futures::stream::unfold(state, |mut state| async move {
        loop {
            if let Some(escrow) = state.buffer.pop_front() {
                return Some((Ok(escrow), state));
            }
            let page = state.next_page?;
            match fetch(&mut state, page).await {
                Ok(()) => {}
                Err(e) => {
                    state.next_page = None;
                    return Some((Err(e), state));
                }
            }
        }
    })
}

async fn fetch(state: &mut State, page: u32) -> Result<(), ApiError> {
    if page > MAX_PAGES {
        return Err(ApiError::Protocol(format!(
            "more than {MAX_PAGES} pages of escrows; stopped"
        )));
    }
    if let Some(announced) = state.announced_pages
        && page > announced
    {
        return Err(ApiError::Protocol(format!(
            "the server announced {announced} pages but page {} still had escrows; stopped",
            page - 1
        )));
    }
    let query = ListEscrows {
        page: Some(page),
        ..state.filter.clone()
    };
    let result = state.escrows.list(&query).await?;
    state.announced_pages.get_or_insert(result.pagination.pages);
    let ids: Vec<EscrowId> = result.escrows.iter().map(|e| e.id.clone()).collect();
    if !ids.is_empty() && ids == state.previous_ids {
        return Err(ApiError::Protocol(format!(
            "page {page} repeated the previous page; stopped"
        )));
    }
    let last = result.escrows.is_empty() || page >= result.pagination.pages;
    state.previous_ids = ids;
    state.buffer.extend(result.escrows);
    state.next_page = if last { None } else { Some(page + 1) };
    Ok(())
}
