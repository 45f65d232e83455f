//! Checkout business rules (contract §4.2–4.3): which action is allowed for which target, mode,
//! status and phase. Checked when a session is created and again when it is performed.

use crate::store::{Action, Escrow, Mode, Phase, RequestStatus, Role, Status, Store};
use serde_json::{Value, json};

/// A business-rule refusal (400). With a code it is one of the 18 documented codes of seed 003
/// (`{"error":{"code","type","message","user_message"}}`); without one it is a refusal the
/// documents give no code for, answered in the same object shape with `code` left out (README,
/// "Where the docs are silent").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The documented code, or `None` where seed 003 names none.
    pub code: Option<&'static str>,
    /// Developer-facing text.
    pub message: &'static str,
    /// End-user text.
    pub user_message: &'static str,
}

impl Rule {
    /// The error body: the documented business-rule object, without `code` when there is none.
    pub fn body(&self) -> Value {
        let mut error = json!({
            "type": "business_rule_violation",
            "message": self.message,
            "user_message": self.user_message,
        });
        if let (Some(code), Some(obj)) = (self.code, error.as_object_mut()) {
            obj.insert("code".into(), json!(code));
        }
        json!({ "error": error })
    }
}

/// The codes of seed 003's table (the whole list this endpoint returns), each with our texts
/// except the two documented pairs.
macro_rules! documented {
    ($($name:ident, $msg:literal, $user:literal;)*) => {
        $(
            #[doc = concat!("`", stringify!($name), "` (seed 003)")]
            pub const $name: Rule = Rule { code: Some(stringify!($name)), message: $msg, user_message: $user };
        )*
    };
}

/// Refusals the documents imply but give no code for: sent without a code.
macro_rules! uncoded {
    ($($name:ident, $msg:literal, $user:literal;)*) => {
        $(
            #[doc = concat!("No documented code: ", $msg)]
            pub const $name: Rule = Rule { code: None, message: $msg, user_message: $user };
        )*
    };
}

documented! {
    NO_REDIRECT_URLS_CONFIGURED, "Cannot create checkout session: no allowed redirect URLs are configured for this developer account. Add one in the developer dashboard settings.", "This application is not configured to use DHMAD checkout yet.";
    REDIRECT_URL_NOT_ALLOWED, "Cannot create checkout session: redirectUrl does not match any allowed redirect URL configured in developer settings.", "This application is not allowed to redirect here.";
    REDIRECT_URL_MUST_BE_HTTPS, "Cannot create checkout session: redirectUrl must use HTTPS (http://localhost is allowed for development).", "This application's return address is not secure.";
    INSTANT_ESCROW_NO_CONTRACT, "Cannot create checkout session: instant escrows have no contract to sign.", "This transaction has no contract to sign.";
    INSTANT_ESCROW_NO_COMPLETE_STEP, "Cannot create checkout session: instant escrows complete when the seller delivers; there is no complete step.", "This transaction completes automatically on delivery.";
    QUICK_ESCROW_NO_CONTRACT, "Cannot create checkout session: quick escrows have no contract to sign.", "This transaction has no contract to sign.";
    CONTRACT_ALREADY_SIGNED, "Cannot create checkout session: this signer has already signed the contract.", "This contract has already been signed.";
    PAYMENT_ALREADY_DONE, "Cannot create checkout session: payment has already been made for this escrow.", "Payment has already been completed for this transaction.";
    ESCROW_ALREADY_COMPLETED, "Cannot create checkout session: this escrow is already completed.", "This transaction is already completed.";
    DISPUTE_ALREADY_OPENED, "Cannot create checkout session: a dispute is already open for this escrow.", "A dispute is already open for this transaction.";
    CANCELLATION_REQUEST_INVALID_STATUS, "Cannot create checkout session: cancellation can only be requested for paid or delivered escrows.", "A cancellation cannot be requested for this transaction now.";
    CANCELLATION_REQUEST_BUYER_ONLY, "Cannot create checkout session: only the buyer can request a cancellation. Sellers use the cancel_escrow action.", "Only the buyer can request a cancellation.";
    CANCEL_ESCROW_INVALID_STATUS, "Cannot create checkout session: only paid or delivered escrows can be cancelled with cancel_escrow.", "This transaction cannot be cancelled now.";
    CANCEL_ESCROW_SELLER_ONLY, "Cannot create checkout session: only the seller can cancel the escrow directly. Buyers use the request_cancellation action.", "Only the seller can cancel this transaction directly.";
    CHECKOUT_TARGET_NOT_BUYER, "Cannot create checkout session: this action must be performed by the buyer; targetUserEmail is not the buyer.", "This step must be completed by the buyer.";
    CHECKOUT_TARGET_NOT_SELLER, "Cannot create checkout session: this action must be performed by the seller; targetUserEmail is not the seller.", "This step must be completed by the seller.";
    CANCELLATION_ALREADY_REQUESTED, "Cannot create checkout session: a cancellation has already been requested for this escrow.", "A cancellation has already been requested for this transaction.";
    NO_PENDING_CANCELLATION, "Cannot create checkout session: there is no pending cancellation request for this escrow.", "There is no cancellation request to answer.";
}

uncoded! {
    CONTRACT_NOT_FULLY_SIGNED, "Cannot create checkout session: both parties must sign the contract before the buyer can pay.", "The contract must be signed by both parties before payment.";
    NOT_DELIVERED_YET, "Cannot create checkout session: the escrow must be delivered before the buyer can confirm completion.", "The seller has not marked this order as delivered yet.";
    ESCROW_IS_CANCELLED, "Cannot create checkout session: this escrow is cancelled.", "This transaction has been cancelled.";
    CONTRACT_CLOSED, "Cannot create checkout session: the contract can only be signed while the escrow is pending.", "This contract can no longer be signed.";
    DISPUTE_NOT_POSSIBLE_NOW, "Cannot create checkout session: disputes can only be opened on paid or delivered escrows.", "A dispute cannot be opened for this transaction now.";
    TARGET_NOT_A_PARTY, "Cannot create checkout session: targetUserEmail is neither the buyer nor the seller of this escrow.", "You are not a party to this transaction.";
    NO_PROOF_REQUIRED, "Cannot create checkout session: this escrow does not require a purchase proof.", "This transaction does not use purchase proofs.";
    PROOF_STEP_NOT_NOW, "Cannot create checkout session: this proof action is not available in the current proof phase.", "This proof step is not available right now.";
}

/// Redirect URL rules (§4.5): HTTPS (or `http://localhost`), then exact allow-list match, where
/// an allow-listed `http://localhost` entry matches any port and path on localhost.
pub fn check_redirect(allowed: &[String], url: &str) -> Result<(), Rule> {
    if allowed.is_empty() {
        return Err(NO_REDIRECT_URLS_CONFIGURED);
    }
    let parsed = url::Url::parse(url).map_err(|_| REDIRECT_URL_NOT_ALLOWED)?;
    let is_localhost = parsed.scheme() == "http" && parsed.host_str() == Some("localhost");
    if parsed.scheme() != "https" && !is_localhost {
        return Err(REDIRECT_URL_MUST_BE_HTTPS);
    }
    let ok = allowed
        .iter()
        .any(|a| a == url || (is_localhost && a.trim_end_matches('/') == "http://localhost"));
    if ok {
        Ok(())
    } else {
        Err(REDIRECT_URL_NOT_ALLOWED)
    }
}

/// Paid or delivered: the funds are held, which disputes and cancellations act on (§3.6, §3.7).
fn live(e: &Escrow) -> bool {
    matches!(e.status, Status::Paid | Status::Delivered)
}

/// The target must be the buyer: the seller or a stranger gets `CHECKOUT_TARGET_NOT_BUYER`.
fn buyer(role: Option<Role>) -> Result<Role, Rule> {
    match role {
        Some(Role::Buyer) => Ok(Role::Buyer),
        _ => Err(CHECKOUT_TARGET_NOT_BUYER),
    }
}

/// The target must be the seller: the buyer or a stranger gets `CHECKOUT_TARGET_NOT_SELLER`.
fn seller(role: Option<Role>) -> Result<Role, Rule> {
    match role {
        Some(Role::Seller) => Ok(Role::Seller),
        _ => Err(CHECKOUT_TARGET_NOT_SELLER),
    }
}

/// Checks whether `action` may be performed on `e` by `target_email`; returns the target's role.
/// Refusals seed 003 names carry its code; the others (README) carry none.
pub fn check_action(
    store: &Store,
    e: &Escrow,
    action: Action,
    target_email: &str,
) -> Result<Role, Rule> {
    let role = store.role_of_email(e, target_email);
    match action {
        Action::SignContract => sign_contract(e, role),
        Action::AcceptPay => accept_pay(e, role),
        Action::Complete => complete(e, role),
        Action::Dispute => dispute(e, role),
        Action::RequestCancellation => request_cancellation(e, role),
        Action::RejectCancellation | Action::AcceptCancellation => answer_cancellation(e, role),
        Action::CancelEscrow => cancel_escrow(e, role),
        Action::SubmitProof => submit_proof(e, role),
        Action::ReviewProof => review_proof(e, role),
    }
}

/// `accept_pay` (§4.2): the buyer pays once, a pending escrow, after both signed the contract.
fn accept_pay(e: &Escrow, role: Option<Role>) -> Result<Role, Rule> {
    let role = buyer(role)?;
    match e.status {
        Status::Paid | Status::Delivered | Status::Completed => Err(PAYMENT_ALREADY_DONE),
        Status::Cancelled => Err(ESCROW_IS_CANCELLED),
        Status::Pending if e.contract.as_ref().is_some_and(|c| !c.fully_signed()) => {
            Err(CONTRACT_NOT_FULLY_SIGNED)
        }
        Status::Pending => Ok(role),
    }
}

/// `complete` (§4.2, §3.3): the buyer confirms a delivered escrow; instant ones complete on
/// delivery, so the mode's code comes before the target's.
fn complete(e: &Escrow, role: Option<Role>) -> Result<Role, Rule> {
    if e.mode == Mode::Instant {
        return Err(INSTANT_ESCROW_NO_COMPLETE_STEP);
    }
    let role = buyer(role)?;
    match e.status {
        Status::Completed => Err(ESCROW_ALREADY_COMPLETED),
        Status::Cancelled => Err(ESCROW_IS_CANCELLED),
        Status::Pending | Status::Paid => Err(NOT_DELIVERED_YET),
        Status::Delivered => Ok(role),
    }
}

/// `dispute` (§3.7): either party, once, while the funds are held (paid or delivered).
fn dispute(e: &Escrow, role: Option<Role>) -> Result<Role, Rule> {
    let role = role.ok_or(TARGET_NOT_A_PARTY)?;
    if e.dispute.is_some() {
        return Err(DISPUTE_ALREADY_OPENED);
    }
    if !live(e) {
        return Err(DISPUTE_NOT_POSSIBLE_NOW);
    }
    Ok(role)
}

/// `request_cancellation` (§3.6): the buyer asks once, while the funds are held; a seller is
/// told to use `cancel_escrow`.
fn request_cancellation(e: &Escrow, role: Option<Role>) -> Result<Role, Rule> {
    if role == Some(Role::Seller) {
        return Err(CANCELLATION_REQUEST_BUYER_ONLY);
    }
    let role = buyer(role)?;
    if e.cancellation.is_some() {
        return Err(CANCELLATION_ALREADY_REQUESTED);
    }
    if !live(e) {
        return Err(CANCELLATION_REQUEST_INVALID_STATUS);
    }
    Ok(role)
}

/// `accept_cancellation` / `reject_cancellation` (§3.6): the seller answers a pending request
/// on an escrow whose funds are still held.
fn answer_cancellation(e: &Escrow, role: Option<Role>) -> Result<Role, Rule> {
    let role = seller(role)?;
    let pending = e
        .cancellation
        .as_ref()
        .is_some_and(|c| c.status == RequestStatus::Pending);
    if !pending || !live(e) {
        return Err(NO_PENDING_CANCELLATION);
    }
    Ok(role)
}

/// `cancel_escrow` (§3.6): the seller cancels a paid or delivered escrow directly; a buyer is
/// told to request a cancellation.
fn cancel_escrow(e: &Escrow, role: Option<Role>) -> Result<Role, Rule> {
    if role == Some(Role::Buyer) {
        return Err(CANCEL_ESCROW_SELLER_ONLY);
    }
    let role = seller(role)?;
    if !live(e) {
        return Err(CANCEL_ESCROW_INVALID_STATUS);
    }
    Ok(role)
}

/// `submit_proof` (§3.5): the seller uploads while a proof is awaited or a correction asked.
fn submit_proof(e: &Escrow, role: Option<Role>) -> Result<Role, Rule> {
    let proof = proof_state(e)?;
    let role = seller(role)?;
    let phase = proof.map(|p| p.phase);
    if !matches!(
        phase,
        Some(Phase::WaitingSellerProof | Phase::CorrectionRequested)
    ) {
        return Err(PROOF_STEP_NOT_NOW);
    }
    Ok(role)
}

/// `review_proof` (§3.5): the buyer reviews a submitted proof.
fn review_proof(e: &Escrow, role: Option<Role>) -> Result<Role, Rule> {
    let proof = proof_state(e)?;
    let role = buyer(role)?;
    if proof.map(|p| p.phase) != Some(Phase::SubmittedWaitingBuyerReview) {
        return Err(PROOF_STEP_NOT_NOW);
    }
    Ok(role)
}

/// `sign_contract`: the mode's documented codes first (whoever the target), then the signer.
fn sign_contract(e: &Escrow, role: Option<Role>) -> Result<Role, Rule> {
    match e.mode {
        Mode::Quick => return Err(QUICK_ESCROW_NO_CONTRACT),
        Mode::Instant => return Err(INSTANT_ESCROW_NO_CONTRACT),
        Mode::Standard => {}
    }
    let role = role.ok_or(TARGET_NOT_A_PARTY)?;
    let c = e.contract.as_ref().ok_or(QUICK_ESCROW_NO_CONTRACT)?;
    let signed = match role {
        Role::Seller => c.seller_signed_at.is_some(),
        Role::Buyer => c.buyer_signed_at.is_some(),
    };
    if signed {
        return Err(CONTRACT_ALREADY_SIGNED);
    }
    match e.status {
        Status::Pending => Ok(role),
        Status::Cancelled => Err(ESCROW_IS_CANCELLED),
        _ => Err(CONTRACT_CLOSED),
    }
}

fn proof_state(e: &Escrow) -> Result<Option<&crate::store::Proof>, Rule> {
    if !e.needs_proof() {
        return Err(NO_PROOF_REQUIRED);
    }
    // Proof actions need a funded, still-open escrow.
    if e.status != Status::Paid {
        return Err(PROOF_STEP_NOT_NOW);
    }
    Ok(e.proof.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_rules() {
        let allowed = vec![
            "https://merchant.example/return".to_owned(),
            "http://localhost".to_owned(),
        ];
        assert_eq!(
            check_redirect(&allowed, "https://merchant.example/return"),
            Ok(())
        );
        assert_eq!(
            check_redirect(&allowed, "http://localhost:5173/cb?x=1"),
            Ok(())
        );
        assert_eq!(
            check_redirect(&allowed, "https://merchant.example/other"),
            Err(REDIRECT_URL_NOT_ALLOWED)
        );
        assert_eq!(
            check_redirect(&allowed, "http://merchant.example/return"),
            Err(REDIRECT_URL_MUST_BE_HTTPS)
        );
        assert_eq!(
            check_redirect(&[], "https://x.example"),
            Err(NO_REDIRECT_URLS_CONFIGURED)
        );
        let only_exact = vec!["http://localhost:3000/callback".to_owned()];
        assert_eq!(
            check_redirect(&only_exact, "http://localhost:3001/callback"),
            Err(REDIRECT_URL_NOT_ALLOWED)
        );
    }
}
