//! The simulator's state and its indexes.
//!
//! Entities live in `Vec`s addressed by index; string ids map to indexes. Listing uses a
//! per-(user, role, status) ordered index so a page costs O(page), never a scan of all escrows.

mod deadlines;
mod types;
mod webhook;

pub use deadlines::{Deadlines, Due};
pub use types::*;
pub use webhook::{EVENT_TYPES, Webhook};

use crate::clock::Millis;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// Money and FX settings that the engine applies.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Settings {
    /// Platform fee percentage × 1000 (5 % = 5000).
    pub fee_pct: i64,
    /// TND per USD × 1000.
    pub usd_rate: i64,
    /// TND per EUR × 1000.
    pub eur_rate: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            fee_pct: 5000,
            usd_rate: 3100,
            eur_rate: 3350,
        }
    }
}

/// Ordering key of an escrow in the listing index: creation time, then insertion order.
pub type ListKey = (Millis, usize);

/// Lookup tables rebuilt from the entities (never persisted).
#[derive(Debug, Default)]
pub struct Indexes {
    /// Email → user.
    pub user_by_email: HashMap<String, usize>,
    /// Id → user.
    pub user_by_id: HashMap<String, usize>,
    /// Id → developer.
    pub dev_by_id: HashMap<String, usize>,
    /// Developer token → developer.
    pub dev_by_token: HashMap<String, usize>,
    /// Secret → API key.
    pub key_by_secret: HashMap<String, usize>,
    /// Id → escrow.
    pub escrow_by_id: HashMap<String, usize>,
    /// Id → session.
    pub session_by_id: HashMap<String, usize>,
    /// Id → verification.
    pub verif_by_id: HashMap<String, usize>,
    /// (developer, email) → verifications, oldest first.
    pub verifs_by_dev_email: HashMap<(usize, String), Vec<usize>>,
    /// (user, role, status or all) → escrows ordered by creation.
    pub listing: HashMap<(usize, Role, Option<Status>), BTreeSet<ListKey>>,
    /// Email of an unregistered party → escrows waiting for that user.
    pub unlinked: HashMap<String, Vec<usize>>,
    /// Developer → associated user's developer (a user has at most one developer).
    pub dev_by_user: HashMap<usize, usize>,
}

/// Everything the simulator knows.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Store {
    /// Fees and FX.
    pub settings: Settings,
    /// Registered users.
    pub users: Vec<User>,
    /// Developer accounts.
    pub developers: Vec<Developer>,
    /// API keys.
    pub keys: Vec<ApiKey>,
    /// Escrows, in creation order.
    pub escrows: Vec<Escrow>,
    /// Checkout sessions.
    pub sessions: Vec<Session>,
    /// Identity verifications.
    pub verifications: Vec<Verification>,
    /// Webhook endpoints (absent from state files written before webhooks existed).
    #[serde(default)]
    pub webhooks: Vec<Webhook>,
    /// Id counter (makes ids unique).
    pub id_counter: u64,
    /// Salt mixed into ids (from the seed).
    pub id_salt: u64,
    /// Dispute tickets issued.
    pub ticket_counter: u64,
    /// Platform fees collected, millimes.
    pub platform_fees: i64,
    /// Inline top-ups made at checkout, millimes.
    pub topped_up: i64,
    /// Balances users started with, millimes.
    pub initial_total: i64,
    /// Lookup tables.
    #[serde(skip)]
    pub idx: Indexes,
    /// Due times of sessions and proof deadlines.
    #[serde(skip)]
    pub deadlines: Deadlines,
}

impl Store {
    /// An empty store with the given settings and id salt.
    pub fn new(settings: Settings, id_salt: u64) -> Self {
        Self {
            settings,
            id_salt,
            ..Self::default()
        }
    }

    /// A fresh 24-hex ObjectId-like id: 4 bytes of time, 3 of salt, 5 of counter.
    pub fn new_id(&mut self, now: Millis) -> String {
        self.id_counter += 1;
        let secs = u32::try_from((now / 1000).max(0)).unwrap_or(u32::MAX);
        format!(
            "{secs:08x}{:06x}{:010x}",
            self.id_salt & 0xff_ffff,
            self.id_counter
        )
    }

    /// The escrow index for an id.
    pub fn escrow_idx(&self, id: &str) -> Option<usize> {
        self.idx.escrow_by_id.get(id).copied()
    }

    /// The user index for an email (case-insensitive).
    pub fn user_by_email(&self, email: &str) -> Option<usize> {
        self.idx
            .user_by_email
            .get(&email.to_ascii_lowercase())
            .copied()
    }

    /// The seller's email: the registered user's, else the invited address.
    pub fn seller_email(&self, e: &Escrow) -> Option<String> {
        e.seller
            .map(|u| self.users[u].email.clone())
            .or_else(|| e.seller_email.clone())
    }

    /// The buyer's email.
    pub fn buyer_email(&self, e: &Escrow) -> String {
        e.buyer
            .map_or_else(|| e.buyer_email.clone(), |u| self.users[u].email.clone())
    }

    /// Which role (if any) an email has in an escrow.
    pub fn role_of_email(&self, e: &Escrow, email: &str) -> Option<Role> {
        let email = email.to_ascii_lowercase();
        if self.buyer_email(e) == email {
            Some(Role::Buyer)
        } else if self.seller_email(e).as_deref() == Some(email.as_str()) {
            Some(Role::Seller)
        } else {
            None
        }
    }

    /// Adds a user and indexes it.
    pub fn insert_user(&mut self, user: User) -> usize {
        let i = self.users.len();
        self.initial_total += user.available + user.pending + user.escrow;
        self.idx.user_by_email.insert(user.email.clone(), i);
        self.idx.user_by_id.insert(user.id.clone(), i);
        self.users.push(user);
        i
    }

    /// Adds a developer and indexes it.
    pub fn insert_developer(&mut self, dev: Developer) -> usize {
        let i = self.developers.len();
        self.idx.dev_by_id.insert(dev.id.clone(), i);
        self.idx.dev_by_token.insert(dev.token.clone(), i);
        if let Some(u) = dev.user {
            self.idx.dev_by_user.insert(u, i);
        }
        self.developers.push(dev);
        i
    }

    /// Adds an API key and indexes it.
    pub fn insert_key(&mut self, key: ApiKey) -> usize {
        let i = self.keys.len();
        self.idx.key_by_secret.insert(key.secret.clone(), i);
        self.keys.push(key);
        i
    }

    /// Adds an escrow and indexes it (listing for registered parties, waiting list otherwise).
    pub fn insert_escrow(&mut self, e: Escrow) -> usize {
        let i = self.escrows.len();
        self.idx.escrow_by_id.insert(e.id.clone(), i);
        self.escrows.push(e);
        self.index_escrow(i);
        i
    }

    fn index_escrow(&mut self, i: usize) {
        let e = &self.escrows[i];
        let key = (e.created_at, i);
        let status = e.status;
        for role in [Role::Seller, Role::Buyer] {
            match e.party(role) {
                Some(u) => {
                    for s in [None, Some(status)] {
                        self.idx
                            .listing
                            .entry((u, role, s))
                            .or_default()
                            .insert(key);
                    }
                }
                None => {
                    let email = match role {
                        Role::Seller => e.seller_email.clone(),
                        Role::Buyer => Some(e.buyer_email.clone()),
                    };
                    if let Some(email) = email {
                        self.idx.unlinked.entry(email).or_default().push(i);
                    }
                }
            }
        }
    }

    /// Moves an escrow between status indexes after its status changed from `old`.
    pub fn reindex_status(&mut self, i: usize, old: Status) {
        let e = &self.escrows[i];
        let key = (e.created_at, i);
        let new = e.status;
        if old == new {
            return;
        }
        for role in [Role::Seller, Role::Buyer] {
            if let Some(u) = e.party(role) {
                if let Some(set) = self.idx.listing.get_mut(&(u, role, Some(old))) {
                    set.remove(&key);
                }
                self.idx
                    .listing
                    .entry((u, role, Some(new)))
                    .or_default()
                    .insert(key);
            }
        }
    }

    /// Links escrows waiting for `email` to the newly registered user `u`.
    pub fn link_waiting_escrows(&mut self, u: usize) {
        let email = self.users[u].email.clone();
        let Some(list) = self.idx.unlinked.remove(&email) else {
            return;
        };
        for i in list {
            let e = &mut self.escrows[i];
            let mut linked = None;
            if e.buyer.is_none() && e.buyer_email == email {
                e.buyer = Some(u);
                linked = Some(Role::Buyer);
            } else if e.seller.is_none() && e.seller_email.as_deref() == Some(email.as_str()) {
                e.seller = Some(u);
                linked = Some(Role::Seller);
            }
            if let Some(role) = linked {
                let key = (e.created_at, i);
                let status = e.status;
                for s in [None, Some(status)] {
                    self.idx
                        .listing
                        .entry((u, role, s))
                        .or_default()
                        .insert(key);
                }
            }
        }
    }

    /// Adds a session and indexes it.
    pub fn insert_session(&mut self, s: Session) -> usize {
        let i = self.sessions.len();
        self.idx.session_by_id.insert(s.id.clone(), i);
        if s.status == SessionStatus::Pending {
            self.deadlines.add(s.expires_at, Due::Session(i));
        }
        self.sessions.push(s);
        i
    }

    /// Adds a verification and indexes it.
    pub fn insert_verification(&mut self, v: Verification) -> usize {
        let i = self.verifications.len();
        self.idx.verif_by_id.insert(v.id.clone(), i);
        self.idx
            .verifs_by_dev_email
            .entry((v.developer, v.email.clone()))
            .or_default()
            .push(i);
        self.verifications.push(v);
        i
    }

    /// Rebuilds every index and deadline from the entities (after loading from disk).
    pub fn rebuild_indexes(&mut self) {
        self.idx = Indexes::default();
        self.deadlines = Deadlines::default();
        for (i, u) in self.users.iter().enumerate() {
            self.idx.user_by_email.insert(u.email.clone(), i);
            self.idx.user_by_id.insert(u.id.clone(), i);
        }
        for (i, d) in self.developers.iter().enumerate() {
            self.idx.dev_by_id.insert(d.id.clone(), i);
            self.idx.dev_by_token.insert(d.token.clone(), i);
            if let Some(u) = d.user {
                self.idx.dev_by_user.insert(u, i);
            }
        }
        for (i, k) in self.keys.iter().enumerate() {
            self.idx.key_by_secret.insert(k.secret.clone(), i);
        }
        for i in 0..self.escrows.len() {
            self.idx.escrow_by_id.insert(self.escrows[i].id.clone(), i);
            self.index_escrow(i);
            self.deadlines.schedule_proof(i, &self.escrows[i]);
        }
        for (i, s) in self.sessions.iter().enumerate() {
            self.idx.session_by_id.insert(s.id.clone(), i);
            if s.status == SessionStatus::Pending {
                self.deadlines.add(s.expires_at, Due::Session(i));
            }
        }
        for (i, v) in self.verifications.iter().enumerate() {
            self.idx.verif_by_id.insert(v.id.clone(), i);
            self.idx
                .verifs_by_dev_email
                .entry((v.developer, v.email.clone()))
                .or_default()
                .push(i);
        }
    }

    /// Sum of every wallet bucket plus platform fees.
    pub fn total_money(&self) -> i64 {
        self.users
            .iter()
            .map(|u| u.available + u.pending + u.escrow)
            .sum::<i64>()
            + self.platform_fees
    }

    /// Money is neither created nor lost: Σ balances + fees = initial balances + top-ups.
    pub fn invariant_holds(&self) -> bool {
        self.total_money() == self.initial_total + self.topped_up
    }
}
