//! Finding the escrow a create with a lost answer made: one path for the counter sale and the
//! New escrow form.
//!
//! Every escrow the app creates carries a short reference at the end of its title
//! (`Tapis · #K7F3QXM2`). When a create's outcome is unknown (no answer, a 5xx, an unreadable
//! 2xx), the app looks for that reference across the newest pages of `GET /escrows`, whatever
//! their status, and repeats with backoff for at least [`Patience::window`]: DHMAD may commit the
//! escrow seconds after the answer was lost. Only a complete search after the window that still
//! finds nothing means "not created". Nothing is matched by title, amount or time alone, so a
//! clock that is wrong by minutes changes nothing.

use std::time::Duration;

use chrono::{DateTime, Utc};
use dhmad_api::{ApiError, Client, Escrow, ListEscrows, PageGuard};
use futures::future::BoxFuture;
use uuid::Uuid;

use crate::error::{MerchantError, Result};

/// Longest escrow title (contract §2.3: 1–200 characters).
const MAX_TITLE_CHARS: usize = 200;
/// Escrows per page searched (the API's maximum, contract §1.8).
const PAGE_SIZE: u32 = 100;
/// Pages searched at most per look: the list is newest first, so an escrow created minutes ago is
/// on the first page unless a thousand others were created since.
const MAX_PAGES: u32 = 10;
/// How far this computer's clock may be wrong when deciding that a page is too old to hold the
/// escrow: a day, far beyond any clock that still passes TLS.
const CLOCK_MARGIN: chrono::Duration = chrono::Duration::days(1);
/// Letters of a reference: no 0/O or 1/I, so it reads aloud and types back without mistakes.
const ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// The short reference an escrow made by the app carries in its title, e.g. `K7F3QXM2`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference(String);

impl Reference {
    /// Characters in a reference: 40 random bits, so two among the thousand newest escrows
    /// share one about once in two million shops.
    pub const LEN: usize = 8;

    /// A new random reference.
    pub fn random() -> Self {
        Self::from_bytes(Uuid::new_v4().as_bytes())
    }

    /// The reference drawn from the first five bytes of `bytes` (tests pass fixed bytes).
    pub fn from_bytes(bytes: &[u8; 16]) -> Self {
        let bits = bytes[..5]
            .iter()
            .fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
        let text = (0..Self::LEN)
            .rev()
            .map(|i| char::from(ALPHABET[((bits >> (5 * i)) & 31) as usize]))
            .collect();
        Self(text)
    }

    /// A stored reference, if it is one.
    pub fn parse(text: &str) -> Option<Self> {
        let ok = text.len() == Self::LEN && text.bytes().all(|b| ALPHABET.contains(&b));
        ok.then(|| Self(text.to_owned()))
    }

    /// The reference itself, e.g. `K7F3QXM2`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `#K7F3QXM2`, as titles and receipts show it.
    pub fn tag(&self) -> String {
        format!("#{}", self.0)
    }

    /// `title · #K7F3QXM2`, the title shortened so the whole stays within 200 characters.
    pub fn title_with(&self, title: &str) -> String {
        let suffix = format!(" · {}", self.tag());
        let room = MAX_TITLE_CHARS - suffix.chars().count();
        let kept: String = title.trim().chars().take(room).collect();
        match kept.trim_end() {
            "" => self.tag(),
            base => format!("{base}{suffix}"),
        }
    }

    /// `title` ends with this reference's tag (the server may change case or spacing).
    pub fn is_in(&self, title: &str) -> bool {
        title.trim_end().to_ascii_uppercase().ends_with(&self.tag())
    }
}

impl std::fmt::Display for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.tag())
    }
}

/// A pause of the reconcile loop (the real one sleeps; tests may return at once).
pub type Sleep = fn(Duration) -> BoxFuture<'static, ()>;

/// How long and how often to look for a lost create's escrow.
#[derive(Debug, Clone, Copy)]
pub struct Patience {
    /// Looking goes on until the pauses add up to this; only then may the answer be "not
    /// created". Counting pauses, not the clock, keeps it at least this long in real time and lets
    /// tests pass a sleep that returns at once.
    pub window: Duration,
    /// The first pause; each next one doubles, up to `max_pause`.
    pub first_pause: Duration,
    /// The longest pause.
    pub max_pause: Duration,
    /// How to pause.
    pub sleep: Sleep,
}

impl Default for Patience {
    /// Two minutes: pauses of 1, 2, 4, 8 then 15 s, about a dozen looks.
    fn default() -> Self {
        Self {
            window: Duration::from_secs(120),
            first_pause: Duration::from_secs(1),
            max_pause: Duration::from_secs(15),
            sleep: real_sleep,
        }
    }
}

/// The real pause.
pub fn real_sleep(d: Duration) -> BoxFuture<'static, ()> {
    Box::pin(tokio::time::sleep(d))
}

/// What looking for a lost create's escrow found.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    /// DHMAD has it.
    Found(Box<Escrow>),
    /// A full search after the whole window found nothing: DHMAD did not create it.
    NotCreated,
}

/// What identifies the escrow a create made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted<'a> {
    /// The reference in its title.
    pub reference: &'a Reference,
    /// Its buyer: a reference shared by chance with another buyer's escrow is not a match.
    pub buyer_email: &'a str,
    /// When the create was sent, by this computer's clock.
    pub sent_at: DateTime<Utc>,
}

impl Wanted<'_> {
    fn matches(&self, e: &Escrow) -> bool {
        let title_ok = e.title.as_deref().is_some_and(|t| self.reference.is_in(t));
        let buyer_ok = e
            .buyer_email
            .as_deref()
            .is_none_or(|b| b.trim().eq_ignore_ascii_case(self.buyer_email.trim()));
        title_ok && buyer_ok
    }

    /// Whether an unreadable record's raw title carries the reference.
    fn in_raw(&self, raw: &serde_json::Value) -> bool {
        raw.get("title")
            .and_then(serde_json::Value::as_str)
            .is_some_and(|t| self.reference.is_in(t))
    }
}

/// Looks for the escrow `wanted` describes until it is found or the window has passed.
///
/// A failed look during the window is tried again; a failed last look leaves the outcome
/// unknown and is returned as the error (never "not created").
pub async fn find_created(
    client: &Client,
    wanted: &Wanted<'_>,
    patience: &Patience,
) -> Result<Lookup> {
    let mut waited = Duration::ZERO;
    let mut pause = patience.first_pause;
    loop {
        let window_over = waited >= patience.window;
        match search(client, wanted).await {
            Ok(Some(e)) => return Ok(Lookup::Found(Box::new(e))),
            Ok(None) if window_over => return Ok(Lookup::NotCreated),
            Err(e) if window_over => return Err(e),
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "looking for a lost create failed; trying again"),
        }
        (patience.sleep)(pause).await;
        waited += pause;
        pause = (pause * 2).min(patience.max_pause);
    }
}

/// One look through the newest pages of every status.
///
/// A record the client could not read but whose raw title carries the reference is the lost
/// escrow all the same: it is reported as an error (the sale stays "checking"), never as
/// "not created", so an unreadable answer can never lead to a second escrow.
async fn search(client: &Client, wanted: &Wanted<'_>) -> Result<Option<Escrow>> {
    let too_old = wanted.sent_at - CLOCK_MARGIN;
    let mut guard = PageGuard::with_max_pages(PAGE_SIZE, MAX_PAGES);
    for page in 1..=MAX_PAGES {
        let q = ListEscrows {
            status: None,
            role: None,
            page: Some(page),
            limit: Some(PAGE_SIZE),
        };
        let got = client.escrows().list(&q).await?;
        if let Some(e) = got.escrows.iter().find(|e| wanted.matches(e)) {
            return Ok(Some(e.clone()));
        }
        if let Some(bad) = got.unreadable.iter().find(|u| wanted.in_raw(&u.raw)) {
            return Err(MerchantError::Api(ApiError::Protocol(format!(
                "the escrow {} exists on DHMAD but could not be read: {}",
                wanted.reference, bad.reason
            ))));
        }
        let more = guard.after_page(&got)?;
        let older = got
            .escrows
            .last()
            .and_then(|e| e.created_at)
            .is_some_and(|c| c < too_old);
        if !more || older {
            break;
        }
    }
    Ok(None)
}

/// What the merchant reads once DHMAD clearly has no escrow for `reference`.
pub fn not_created_message(reference: &Reference, patience: &Patience) -> String {
    format!(
        "Not created: DHMAD has no escrow {reference} after checking for {} s. You can charge again.",
        patience.window.as_secs()
    )
}

/// The error a create that DHMAD clearly did not make ends with.
pub fn not_created(reference: &Reference, patience: &Patience) -> MerchantError {
    MerchantError::SaleFailed(not_created_message(reference, patience))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_use_the_unambiguous_alphabet_and_parse_back() {
        let r = Reference::from_bytes(&[0xff; 16]);
        assert_eq!(r.as_str(), "99999999");
        let r = Reference::from_bytes(&[0; 16]);
        assert_eq!(r.as_str(), "AAAAAAAA");
        let r = Reference::random();
        assert_eq!(Reference::parse(r.as_str()), Some(r.clone()));
        assert_eq!(
            Reference::parse("K7F3QXM0"),
            None,
            "0 is not in the alphabet"
        );
        assert_eq!(Reference::parse("K7F3QX"), None, "too short");
    }

    #[test]
    fn the_title_keeps_the_reference_within_200_characters() {
        let r = Reference::parse("K7F3QXM2").unwrap();
        assert_eq!(r.title_with("Tapis"), "Tapis · #K7F3QXM2");
        assert_eq!(r.title_with("   "), "#K7F3QXM2");
        let long = "ب".repeat(250);
        let titled = r.title_with(&long);
        assert_eq!(titled.chars().count(), 200);
        assert!(titled.ends_with(" · #K7F3QXM2"));
        assert!(r.is_in(&titled));
        assert!(r.is_in("tapis · #k7f3qxm2 "));
        assert!(!r.is_in("Tapis · #K7F3QXM3"));
        assert!(!r.is_in("#K7F3QXM2 Tapis"));
    }
}
