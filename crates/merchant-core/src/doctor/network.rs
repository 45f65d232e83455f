//! The checks that ask DHMAD: `GET /me`, `GET /balance` (association and balance), one page of
//! `GET /escrows`, and what the answers' headers showed (rate limit, clock).

use chrono::TimeDelta;
use dhmad_api::{ApiError, Client, ErrorKind, ListEscrows};

use super::{Check, CheckId};
use crate::connect::association_steps;

/// What the network checks found.
pub(super) struct Found {
    /// Account, association, balance, escrows and rate-limit lines.
    pub checks: Vec<Check>,
    /// Server clock minus ours, from the last answer's `Date`.
    pub skew: Option<TimeDelta>,
    /// At least one answer came back (even an error).
    pub answered: bool,
}

/// The lines after a first one that stopped the network checks.
pub(super) fn skipped_after(first: Check) -> Vec<Check> {
    let why = "not asked: the account check did not pass";
    vec![
        first,
        Check::skipped(CheckId::Association, why),
        Check::skipped(CheckId::Balance, why),
        Check::skipped(CheckId::Escrows, why),
        Check::skipped(CheckId::RateLimit, why),
        Check::skipped(CheckId::Clock, why),
    ]
}

/// Runs the requests in order; a failure skips what depends on it.
pub(super) async fn run(client: &Client) -> Found {
    let mut checks = vec![account(client).await];
    let account_ok = checks[0].status != super::CheckStatus::Fail;
    if account_ok {
        checks.extend(money_and_escrows(client).await);
        checks.push(rate_limit(client));
    } else {
        let mut rest = skipped_after(checks.remove(0));
        rest.pop(); // The clock line is decided by the caller, from whatever answered.
        checks = rest;
    }
    let seen = client.server_seen();
    Found {
        checks,
        skew: seen.date.map(|d| d.skew()),
        answered: seen.answers > 0,
    }
}

async fn account(client: &Client) -> Check {
    let me = match client.me().await {
        Ok(me) => me,
        Err(e) => return api_failure(CheckId::Account, "GET /me", &e),
    };
    let key_env = client.environment();
    if let Some(server) = &me.api_key.environment
        && server.as_str() != key_env.as_str()
    {
        return Check::fail(
            CheckId::Account,
            format!("this is a {key_env} key but DHMAD says it belongs to {server}"),
            format!(
                "Use a {key_env} key from https://developer.dhmad.tn/dashboard, or check the \
                 profile's API address."
            ),
        );
    }
    let email = me.developer.email.as_deref().unwrap_or("(no e-mail given)");
    let company = me
        .developer
        .company_name
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();
    let rate = me
        .api_key
        .rate_limit
        .map(|r| format!(", {r} requests per minute"))
        .unwrap_or_default();
    Check::ok(
        CheckId::Account,
        format!("the key belongs to developer {email}{company}, {key_env}{rate}"),
    )
}

/// Association and balance come from the same `GET /balance`; escrows are read only when the
/// account is associated (DHMAD refuses them otherwise, with the same 403).
async fn money_and_escrows(client: &Client) -> Vec<Check> {
    match client.balance().await {
        Ok(b) => vec![
            Check::ok(
                CheckId::Association,
                "the developer account acts for a DHMAD user account",
            ),
            Check::ok(
                CheckId::Balance,
                format!(
                    "available {} TND, pending {} TND, in escrow {} TND",
                    b.available, b.pending, b.escrow
                ),
            ),
            escrows(client).await,
        ],
        Err(e) if e.kind() == ErrorKind::NotAssociated => {
            let mut association = Check::fail(
                CheckId::Association,
                "the developer account is not associated with a DHMAD user account, so it \
                 cannot see balances or escrows",
                "Follow these steps, then check again:",
            );
            association.steps = association_steps();
            let why = "not asked: the account is not associated";
            vec![
                association,
                Check::skipped(CheckId::Balance, why),
                Check::skipped(CheckId::Escrows, why),
            ]
        }
        Err(e) => vec![
            Check::skipped(CheckId::Association, "unknown: GET /balance failed"),
            api_failure(CheckId::Balance, "GET /balance", &e),
            escrows(client).await,
        ],
    }
}

async fn escrows(client: &Client) -> Check {
    match client.escrows().list(&ListEscrows::default()).await {
        Ok(page) => Check::ok(
            CheckId::Escrows,
            format!(
                "the first page of escrows was read: {} escrow{}",
                page.escrows.len(),
                if page.escrows.len() == 1 { "" } else { "s" }
            ),
        ),
        Err(e) => api_failure(CheckId::Escrows, "GET /escrows", &e),
    }
}

fn rate_limit(client: &Client) -> Check {
    let state = client.rate_limit_state();
    let budget = format!("{} of {} requests left", state.remaining, state.limit);
    if !client.server_seen().rate_limit_headers {
        return Check::warn(
            CheckId::RateLimit,
            format!("DHMAD sent no X-RateLimit headers; the app's own budget: {budget}"),
            "Nothing to do: the app keeps under 100 requests a minute on its own.",
        );
    }
    if state.remaining == 0 {
        let when = state
            .reset
            .map(|r| format!(" until {}", r.format("%H:%M:%S UTC")))
            .unwrap_or_default();
        return Check::warn(
            CheckId::RateLimit,
            format!("X-RateLimit headers seen; the budget is spent{when}"),
            "Wait a minute before syncing or charging again; another program may be using the \
             same key.",
        );
    }
    Check::ok(
        CheckId::RateLimit,
        format!("X-RateLimit headers seen; {budget} this minute"),
    )
}

/// A failed request as a ✗ line with what to do for its kind of failure.
fn api_failure(id: CheckId, request: &str, e: &ApiError) -> Check {
    let advice = match e.kind() {
        ErrorKind::InvalidKey => {
            "DHMAD does not accept this key (wrong, expired, deactivated or of the other \
             environment): create a key at https://developer.dhmad.tn/dashboard and save it in \
             this profile."
        }
        ErrorKind::Transport | ErrorKind::Timeout => {
            "Check this computer's internet connection (and any proxy or firewall), then check \
             again."
        }
        ErrorKind::RateLimited { .. } => "Wait a minute, then check again.",
        ErrorKind::Server => "DHMAD is having trouble; try again in a few minutes.",
        ErrorKind::Decode | ErrorKind::Protocol => {
            "The answer could not be read: send this report to DHMAD support."
        }
        _ => "Send this report to DHMAD support.",
    };
    Check::fail(id, format!("{request} failed: {e}"), advice)
}
