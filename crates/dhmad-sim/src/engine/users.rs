//! Registration: a user signs up (control API, or at the hosted checkout) and inherits the
//! escrows and identity verifications waiting for their email.

use super::events::DomainEvent;
use crate::clock::Millis;
use crate::store::{Kyc, Store, User};

/// Profile of a new user.
#[derive(Debug, Clone, Default)]
pub struct NewUser {
    /// Email (lowercased on insert).
    pub email: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// KYC status.
    pub kyc: Option<Kyc>,
    /// Starting available balance, millimes.
    pub balance: i64,
}

/// Names guessed from an email's local part (`amine.trabelsi@…` → Amine Trabelsi).
pub fn names_from_email(email: &str) -> (String, String) {
    let local = email.split('@').next().unwrap_or_default();
    let mut parts = local
        .split(['.', '_', '-', '+'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            c.next().map_or_else(String::new, |f| {
                f.to_uppercase().collect::<String>() + c.as_str()
            })
        });
    let first = parts.next().unwrap_or_else(|| "User".to_owned());
    let last = parts.collect::<Vec<_>>().join(" ");
    (first, last)
}

/// Registers a user (email verified) and links what waits for them.
pub fn register(store: &mut Store, n: NewUser, now: Millis) -> (usize, Vec<DomainEvent>) {
    let email = n.email.trim().to_ascii_lowercase();
    let id = store.new_id(now);
    let u = store.insert_user(User {
        id,
        email: email.clone(),
        first_name: n.first_name,
        last_name: n.last_name,
        email_verified: true,
        kyc: n.kyc,
        available: n.balance,
        pending: 0,
        escrow: 0,
        created_at: now,
    });
    store.link_waiting_escrows(u);
    (u, link_verifications(store, u, now))
}

/// Attaches every identity verification for the user's email; an approved one approves the user.
pub fn link_verifications(store: &mut Store, u: usize, now: Millis) -> Vec<DomainEvent> {
    let email = store.users[u].email.clone();
    let mut events = Vec::new();
    for dev in 0..store.developers.len() {
        let Some(list) = store
            .idx
            .verifs_by_dev_email
            .get(&(dev, email.clone()))
            .cloned()
        else {
            continue;
        };
        for v in list {
            let rec = &mut store.verifications[v];
            if rec.linked_user.is_some() {
                continue;
            }
            rec.linked_user = Some(u);
            rec.linked_at = Some(now);
            rec.updated_at = now;
            let approved = rec.kyc_status == Kyc::Approved;
            events.push(DomainEvent::IdentityLinked {
                verification: rec.id.clone(),
            });
            if approved {
                store.users[u].kyc = Some(Kyc::Approved);
            }
        }
    }
    events
}
