//! What a book record says about an escrow's parties, signatures and proof, read the same way
//! by the direct-call rules ([`super::rules`]) and the checkout-session rules
//! ([`super::checkout_rules`]); and the local refusal both give.

use serde::Serialize;

use crate::book::EscrowRecord;
use crate::error::MerchantError;

/// Who acts: the party who calls (API actions) or who is targeted (checkout sessions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum Side {
    /// The seller.
    Seller,
    /// The buyer.
    Buyer,
    /// Either party (update and cancel of a pending escrow; the API judges access).
    Either,
}

/// That party's e-mail as the book knows it.
pub(crate) fn email_of(r: &EscrowRecord, side: Side) -> Option<&str> {
    match side {
        Side::Seller => r.seller_display_email(),
        Side::Buyer => r.buyer_display_email(),
        Side::Either => None,
    }
}

/// Quick Escrow with Proof: a fulfilment policy or a proof state.
pub(crate) fn is_proof_escrow(r: &EscrowRecord) -> bool {
    r.fulfillment_policy.is_some() || r.proof_info.is_some()
}

/// `proofInfo.phase`, when known.
pub(crate) fn proof_phase(r: &EscrowRecord) -> Option<&str> {
    r.proof_info.as_ref()?.get("phase")?.as_str()
}

/// Whether that party has signed the contract (`signatures.sellerSigned` / `buyerSigned`).
pub(crate) fn signed(r: &EscrowRecord, side: Side) -> bool {
    let key = match side {
        Side::Seller => "sellerSigned",
        Side::Buyer => "buyerSigned",
        Side::Either => "isFullySigned",
    };
    r.signatures
        .as_ref()
        .and_then(|s| s.get(key))
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false)
}

/// A local refusal ([`MerchantError::NotAllowed`]).
pub(crate) fn no(rule: &'static str, message: impl Into<String>) -> MerchantError {
    MerchantError::not_allowed(rule, message)
}
