//! What the hosted page shows, copied out of the store under the read lock so rendering never
//! holds it.

use crate::clock::Millis;
use crate::engine::rules::check_action;
use crate::store::{Action, Attachment, Currency, Escrow, Mode, Role, SessionStatus, Store};

/// A party as displayed: name when registered, email always (when known).
#[derive(Debug, Clone, Default)]
pub struct Party {
    /// `First Last` of a registered user.
    pub name: Option<String>,
    /// Email (registered or invited).
    pub email: Option<String>,
}

/// The latest proof submission, for `review_proof`.
#[derive(Debug, Clone)]
pub struct ProofShown {
    /// Upload time.
    pub submitted_at: Millis,
    /// Seller's note.
    pub note: Option<String>,
    /// Files with their placeholder view URLs.
    pub files: Vec<(Attachment, String)>,
}

/// Everything the page needs about one pending session.
#[derive(Debug, Clone)]
pub struct View {
    /// Session id (UUID).
    pub session_id: String,
    /// The action to perform.
    pub action: Action,
    /// Who is "signed in".
    pub target_email: String,
    /// Their role, if they are a party.
    pub target_role: Option<Role>,
    /// Session end.
    pub expires_at: Millis,
    /// Escrow id.
    pub escrow_id: String,
    /// Escrow title.
    pub title: String,
    /// Mode.
    pub mode: Mode,
    /// Face currency.
    pub currency: Currency,
    /// Face amount, thousandths.
    pub amount: i64,
    /// Locked rate × 1000.
    pub fx_rate: i64,
    /// Ledger amount, millimes.
    pub amount_tnd: i64,
    /// DHMAD fee, millimes.
    pub escrow_fee: i64,
    /// App fee, millimes.
    pub developer_fee: i64,
    /// App fee percentage × 1000.
    pub developer_fee_pct: i64,
    /// Creating application.
    pub app_name: String,
    /// Seller.
    pub seller: Party,
    /// Buyer.
    pub buyer: Party,
    /// Contract terms (standard).
    pub terms: Option<String>,
    /// The target's available balance, when registered.
    pub wallet: Option<i64>,
    /// Pending cancellation: requester name and reason.
    pub cancellation: Option<(String, Option<String>)>,
    /// Latest proof submission.
    pub proof: Option<ProofShown>,
    /// Proof upload deadline and correction rounds so far.
    pub proof_deadline: Option<Millis>,
    /// Corrections requested so far.
    pub correction_rounds: u32,
    /// Why the action is no longer possible (user message), if so.
    pub refused: Option<&'static str>,
}

/// A session that can no longer be used, or none at all.
#[derive(Debug, Clone)]
pub enum Lookup {
    /// Pending: show the action.
    Open(Box<View>),
    /// Expired, completed or cancelled; the redirect URL with that status.
    Closed(SessionStatus, String),
    /// No such session.
    Unknown,
}

fn party(store: &Store, user: Option<usize>, email: Option<String>) -> Party {
    match user {
        Some(u) => {
            let user = &store.users[u];
            Party {
                name: Some(format!("{} {}", user.first_name, user.last_name)),
                email: Some(user.email.clone()),
            }
        }
        None => Party { name: None, email },
    }
}

/// Reads the session `id` at `now` (a pending session past its end counts as expired).
pub fn lookup(store: &Store, id: &str, now: Millis, origin: &str) -> Lookup {
    let Some(&s) = store.idx.session_by_id.get(id) else {
        return Lookup::Unknown;
    };
    let session = &store.sessions[s];
    let mut status = session.status;
    if status == SessionStatus::Pending && session.expires_at <= now {
        status = SessionStatus::Expired;
    }
    if status != SessionStatus::Pending {
        let url = crate::engine::session::redirect_with(
            &session.redirect_url,
            &session.id,
            status.as_str(),
        );
        return Lookup::Closed(status, url);
    }
    let e = &store.escrows[session.escrow];
    Lookup::Open(Box::new(View {
        session_id: session.id.clone(),
        action: session.action,
        target_email: session.target_email.clone(),
        target_role: store.role_of_email(e, &session.target_email),
        expires_at: session.expires_at,
        escrow_id: e.id.clone(),
        title: e.title.clone(),
        mode: e.mode,
        currency: e.currency,
        amount: e.amount,
        fx_rate: e.fx_rate,
        amount_tnd: e.amount_tnd,
        escrow_fee: e.escrow_fee,
        developer_fee: e.developer_fee,
        developer_fee_pct: e.developer_fee_pct,
        app_name: e.app_name.clone(),
        seller: party(store, e.seller, store.seller_email(e)),
        buyer: party(store, e.buyer, Some(store.buyer_email(e))),
        terms: e.contract.as_ref().map(|c| c.terms.clone()),
        wallet: store
            .user_by_email(&session.target_email)
            .map(|u| store.users[u].available),
        cancellation: pending_cancellation(store, e),
        proof: latest_proof(e, origin),
        proof_deadline: e.proof.as_ref().and_then(|p| p.upload_deadline),
        correction_rounds: e.proof.as_ref().map_or(0, |p| p.correction_rounds),
        refused: check_action(store, e, session.action, &session.target_email)
            .err()
            .map(|r| r.user_message),
    }))
}

/// The pending cancellation request the seller answers: who asked and why (§3.6).
fn pending_cancellation(store: &Store, e: &Escrow) -> Option<(String, Option<String>)> {
    let c = e
        .cancellation
        .as_ref()
        .filter(|c| c.status == crate::store::RequestStatus::Pending)?;
    let u = &store.users[c.requested_by];
    Some((
        format!("{} {}", u.first_name, u.last_name),
        c.reason.clone(),
    ))
}

/// The latest proof submission the buyer reviews, with its files' view URLs (§3.5).
fn latest_proof(e: &Escrow, origin: &str) -> Option<ProofShown> {
    let p = e.proof.as_ref()?;
    let n = p.submissions.len().checked_sub(1)?;
    let sub = &p.submissions[n];
    Some(ProofShown {
        submitted_at: sub.submitted_at,
        note: sub.note.clone(),
        files: sub
            .attachments
            .iter()
            .enumerate()
            .map(|(k, a)| (a.clone(), format!("{origin}/escrow-proof/{}/{n}/{k}", e.id)))
            .collect(),
    })
}
