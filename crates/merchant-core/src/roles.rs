//! Who the associated user is, when the profile does not know it.
//!
//! Neither `GET /me` nor `GET /balance` names the DHMAD user the developer account acts for, yet
//! each escrow's role (seller / buyer) depends on it. Decision: infer it from the escrows
//! themselves. `GET /escrows` only lists escrows where the associated user is the seller or the
//! buyer, so that user is the one party present in EVERY listed escrow. Matching is by user id
//! (every registered user carries one), else by e-mail. One escrow, or escrows that all share
//! the same two parties, cannot tell the two apart: at least two different counterparties are
//! needed, otherwise the answer is "unknown" and roles stay unset.
//!
//! A second, certain source: an escrow this app created without `sellerEmail` is sold by the
//! associated user ([`AssociatedUser::from_own_escrow`]).

use std::collections::HashSet;

use crate::book::{Book, EscrowRecord, EscrowRole};
use crate::error::Result;

/// The DHMAD user the developer account is associated with (settings' connect facts), to
/// compute each escrow's role. Both unknown: roles stay unset.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssociatedUser {
    /// The user's id.
    pub id: Option<String>,
    /// The user's e-mail.
    pub email: Option<String>,
}

/// One side of an escrow as far as identity goes: user id and/or lower-case e-mail.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Who {
    pub id: Option<String>,
    pub email: Option<String>,
}

impl Who {
    fn new(id: Option<&str>, email: Option<&str>) -> Who {
        Who {
            id: id.filter(|s| !s.is_empty()).map(str::to_owned),
            email: email
                .map(|e| e.trim().to_lowercase())
                .filter(|e| !e.is_empty()),
        }
    }

    /// A key that tells two users apart: the id, else the e-mail.
    fn key(&self) -> Option<String> {
        self.id
            .clone()
            .or_else(|| self.email.as_ref().map(|e| format!("email:{e}")))
    }
}

/// The two parties of one escrow.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Parties {
    pub seller: Who,
    pub buyer: Who,
}

impl Parties {
    pub(crate) fn of(r: &EscrowRecord) -> Parties {
        Parties {
            seller: Who::new(
                r.seller.as_ref().and_then(|p| p.id.as_deref()),
                r.seller_display_email(),
            ),
            buyer: Who::new(
                r.buyer.as_ref().and_then(|p| p.id.as_deref()),
                r.buyer_display_email(),
            ),
        }
    }
}

/// The one user present as seller or buyer in every escrow of `records`, when at least two
/// different counterparties make it unambiguous; `None` otherwise (see the module docs).
///
/// Give it only escrows where the associated user is a party (what `GET /escrows` lists): an
/// escrow created between two other people makes the answer `None`, never a wrong user.
pub fn infer_associated_user(records: &[EscrowRecord]) -> Option<AssociatedUser> {
    let parties: Vec<Parties> = records.iter().map(Parties::of).collect();
    infer(&parties)
}

pub(crate) fn infer(parties: &[Parties]) -> Option<AssociatedUser> {
    by(parties, |w| w.id.clone()).or_else(|| by(parties, |w| w.email.clone()))
}

/// Inference with one way of naming users (`ident`: id or e-mail).
fn by(parties: &[Parties], ident: impl Fn(&Who) -> Option<String>) -> Option<AssociatedUser> {
    let mut common: Option<HashSet<String>> = None;
    for p in parties {
        let here: HashSet<String> = [ident(&p.seller), ident(&p.buyer)]
            .into_iter()
            .flatten()
            .collect();
        common = Some(match common {
            None => here,
            Some(c) => c.intersection(&here).cloned().collect(),
        });
    }
    let common = common?;
    let mut it = common.into_iter();
    let me = it.next()?;
    if it.next().is_some() {
        return None;
    }
    let mut others = HashSet::new();
    let mut user = AssociatedUser::default();
    for p in parties {
        let (mine, other) = if ident(&p.seller).as_deref() == Some(me.as_str()) {
            (&p.seller, &p.buyer)
        } else {
            (&p.buyer, &p.seller)
        };
        user.id = user.id.or_else(|| mine.id.clone());
        user.email = user.email.or_else(|| mine.email.clone());
        // Two counterparties are enough: a big book would otherwise collect every buyer.
        if others.len() < 2
            && let Some(k) = other.key()
        {
            others.insert(k);
        }
    }
    (others.len() >= 2).then_some(user)
}

impl AssociatedUser {
    /// Seller / buyer when the user is that party, creator when neither, `None` when the user
    /// is unknown.
    pub fn role_in(&self, r: &EscrowRecord) -> Option<EscrowRole> {
        if self.is_unknown() {
            return None;
        }
        Some(role_of(self, &Parties::of(r)))
    }

    /// The seller of an escrow THIS APP created without `sellerEmail` (counter sale, instant
    /// mode): that seller is, by the API's rule, the associated user. `None` when the record
    /// names a third-party seller (`sellerEmail` set) or carries no seller id/e-mail.
    ///
    /// Do not use it on escrows read from lists: there `sellerEmail` is also empty when
    /// someone else's associated user sells to this merchant.
    pub fn from_own_escrow(r: &EscrowRecord) -> Option<AssociatedUser> {
        if r.seller_email.is_some() {
            return None;
        }
        let p = r.seller.as_ref()?;
        let who = Who::new(p.id.as_deref(), p.email.as_deref());
        (who.id.is_some() || who.email.is_some()).then_some(AssociatedUser {
            id: who.id,
            email: who.email,
        })
    }

    /// Whether neither the id nor the e-mail is known.
    pub fn is_unknown(&self) -> bool {
        self.id.is_none() && self.email.is_none()
    }
}

/// The parties of every escrow in the book whose role is not `creator` (an escrow this app
/// created between two other people says nothing about who the associated user is).
pub(crate) fn book_parties(book: &Book) -> Result<Vec<Parties>> {
    let rows = book.read(|c| parties_where(c, "role IS NULL OR role <> 'creator'"))?;
    Ok(rows.into_iter().map(|(_, p)| p).collect())
}

/// `(id, parties)` of the escrows matching `filter` (a constant SQL condition).
fn parties_where(c: &rusqlite::Connection, filter: &str) -> Result<Vec<(String, Parties)>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT id, seller_id, coalesce(seller_user_email, seller_email),
                buyer_id, coalesce(buyer_user_email, buyer_email)
         FROM escrows WHERE {filter}"
    ))?;
    let rows = stmt.query_map([], keyed_parties)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A row of `key, seller_id, seller e-mail, buyer_id, buyer e-mail` as the key and its parties.
fn keyed_parties<K: rusqlite::types::FromSql>(
    r: &rusqlite::Row<'_>,
) -> rusqlite::Result<(K, Parties)> {
    let who = |i: usize, e: usize| -> rusqlite::Result<Who> {
        let (id, email): (Option<String>, Option<String>) = (r.get(i)?, r.get(e)?);
        Ok(Who::new(id.as_deref(), email.as_deref()))
    };
    Ok((
        r.get(0)?,
        Parties {
            seller: who(1, 2)?,
            buyer: who(3, 4)?,
        },
    ))
}

/// Escrows whose role is set per read in [`fill_roles`]: after a first sync every escrow of the
/// book lacks one, and reading them all at once (100,000 ids and e-mails) raised the sync's peak
/// memory by tens of MiB, which the allocator then kept.
const ROLE_BATCH: i64 = 1_000;

/// Sets the role of every escrow whose role is unset, from `me`. Returns how many were set.
/// One transaction; the escrows are read [`ROLE_BATCH`] at a time, in rowid order.
pub(crate) fn fill_roles(book: &Book, me: &AssociatedUser) -> Result<u32> {
    if me.is_unknown() {
        return Ok(0);
    }
    book.write(|tx| {
        let c = tx.conn();
        let mut stmt = c.prepare_cached("UPDATE escrows SET role = ?2 WHERE rowid = ?1")?;
        let (mut n, mut after) = (0u32, i64::MIN);
        loop {
            let rows = unset_roles_after(c, after)?;
            let Some((last, _)) = rows.last() else {
                return Ok(n);
            };
            after = *last;
            for (rowid, p) in rows {
                stmt.execute(rusqlite::params![rowid, role_of(me, &p).as_str()])?;
                n += 1;
            }
        }
    })
}

/// `(rowid, parties)` of the next [`ROLE_BATCH`] escrows without a role after rowid `after`.
fn unset_roles_after(c: &rusqlite::Connection, after: i64) -> Result<Vec<(i64, Parties)>> {
    let mut stmt = c.prepare_cached(
        "SELECT rowid, seller_id, coalesce(seller_user_email, seller_email),
                buyer_id, coalesce(buyer_user_email, buyer_email)
         FROM escrows WHERE role IS NULL AND rowid > ?1 ORDER BY rowid LIMIT ?2",
    )?;
    let rows = stmt.query_map(rusqlite::params![after, ROLE_BATCH], keyed_parties)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// [`AssociatedUser::role_in`] on bare parties.
pub(crate) fn role_of(me: &AssociatedUser, p: &Parties) -> EscrowRole {
    let mine = Who::new(me.id.as_deref(), me.email.as_deref());
    let is_me = |w: &Who| {
        (mine.id.is_some() && w.id == mine.id) || (mine.email.is_some() && w.email == mine.email)
    };
    if is_me(&p.seller) {
        EscrowRole::Seller
    } else if is_me(&p.buyer) {
        EscrowRole::Buyer
    } else {
        EscrowRole::Creator
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(seller: (&str, &str), buyer: (&str, &str)) -> Parties {
        let w = |(id, mail): (&str, &str)| {
            Who::new(
                (!id.is_empty()).then_some(id),
                (!mail.is_empty()).then_some(mail),
            )
        };
        Parties {
            seller: w(seller),
            buyer: w(buyer),
        }
    }

    #[test]
    fn the_common_party_of_escrows_with_two_counterparties() {
        let me = ("u1", "Shop@Example.tn");
        let got = infer(&[p(me, ("u2", "a@x.tn")), p(("u3", "b@x.tn"), me)]).unwrap();
        assert_eq!(got.id.as_deref(), Some("u1"));
        assert_eq!(got.email.as_deref(), Some("shop@example.tn"));
    }

    #[test]
    fn one_escrow_or_one_counterparty_is_ambiguous() {
        let me = ("u1", "shop@example.tn");
        assert_eq!(infer(&[p(me, ("u2", "a@x.tn"))]), None);
        assert_eq!(
            infer(&[p(me, ("u2", "a@x.tn")), p(("u2", "a@x.tn"), me)]),
            None
        );
        assert_eq!(infer(&[]), None);
    }

    #[test]
    fn no_common_party_gives_none() {
        assert_eq!(
            infer(&[
                p(("u1", ""), ("u2", "")),
                p(("u3", ""), ("u4", "")),
                p(("u1", ""), ("u5", ""))
            ]),
            None
        );
    }

    #[test]
    fn falls_back_to_email_when_ids_are_missing() {
        let got = infer(&[
            p(("", "shop@x.tn"), ("", "a@x.tn")),
            p(("", "SHOP@x.tn"), ("u9", "b@x.tn")),
        ])
        .unwrap();
        assert_eq!(got.id, None);
        assert_eq!(got.email.as_deref(), Some("shop@x.tn"));
    }

    #[test]
    fn roles_from_bare_parties() {
        let me = AssociatedUser {
            id: Some("u1".into()),
            email: None,
        };
        assert_eq!(role_of(&me, &p(("u1", ""), ("u2", ""))), EscrowRole::Seller);
        assert_eq!(role_of(&me, &p(("u2", ""), ("u1", ""))), EscrowRole::Buyer);
        assert_eq!(
            role_of(&me, &p(("u2", ""), ("u3", ""))),
            EscrowRole::Creator
        );
    }
}
