//! "Needs action": every unfinished escrow with who must act next, derived from status, mode,
//! role and the side flags (signatures, proof phase, cancellation request, dispute).

use serde::Serialize;

use super::Book;
use super::model::{EscrowMode, EscrowRole, EscrowStatus};
use super::query::{EscrowRow, ROW_COLUMNS, row_from};
use crate::error::Result;

/// The next step of an unfinished escrow. "You" is the profile's associated user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum NextAction {
    /// A dispute ticket is open: DHMAD staff decide.
    DisputeOpen,
    /// The buyer asked to cancel; you (the seller) accept or refuse.
    CancellationRequestedYourAnswer,
    /// The buyer asked to cancel; the seller must answer.
    CancellationRequestedSellerMustAnswer,
    /// You must sign the contract.
    YouMustSign,
    /// The seller must sign the contract.
    SellerMustSign,
    /// The buyer must sign the contract.
    BuyerMustSign,
    /// You must pay.
    YouMustPay,
    /// The buyer must pay.
    BuyerMustPay,
    /// You must upload the purchase proof.
    ProofToUpload,
    /// The seller must upload the purchase proof.
    SellerMustUploadProof,
    /// You must review the seller's proof.
    YouMustReviewProof,
    /// The buyer must review the seller's proof.
    BuyerMustReviewProof,
    /// DHMAD is reviewing the proof.
    DhmadReviewingProof,
    /// You must deliver (then mark delivered).
    YouMustDeliver,
    /// The seller must deliver.
    SellerMustDeliver,
    /// You must confirm receipt.
    YouMustConfirm,
    /// The buyer must confirm receipt.
    BuyerMustConfirm,
}

impl NextAction {
    /// Stable code for the UI's translations.
    pub fn code(self) -> &'static str {
        match self {
            Self::DisputeOpen => "dispute_open",
            Self::CancellationRequestedYourAnswer => "cancellation_requested_your_answer",
            Self::CancellationRequestedSellerMustAnswer => {
                "cancellation_requested_seller_must_answer"
            }
            Self::YouMustSign => "you_must_sign",
            Self::SellerMustSign => "seller_must_sign",
            Self::BuyerMustSign => "buyer_must_sign",
            Self::YouMustPay => "you_must_pay",
            Self::BuyerMustPay => "buyer_must_pay",
            Self::ProofToUpload => "proof_to_upload",
            Self::SellerMustUploadProof => "seller_must_upload_proof",
            Self::YouMustReviewProof => "you_must_review_proof",
            Self::BuyerMustReviewProof => "buyer_must_review_proof",
            Self::DhmadReviewingProof => "dhmad_reviewing_proof",
            Self::YouMustDeliver => "you_must_deliver",
            Self::SellerMustDeliver => "seller_must_deliver",
            Self::YouMustConfirm => "you_must_confirm",
            Self::BuyerMustConfirm => "buyer_must_confirm",
        }
    }

    /// English text (the UI translates by [`NextAction::code`]).
    pub fn text(self) -> &'static str {
        match self {
            Self::DisputeOpen => "Dispute open — DHMAD is handling it",
            Self::CancellationRequestedYourAnswer => "Cancellation requested — your answer",
            Self::CancellationRequestedSellerMustAnswer => {
                "Cancellation requested — waiting for the seller"
            }
            Self::YouMustSign => "You must sign the contract",
            Self::SellerMustSign => "Seller must sign the contract",
            Self::BuyerMustSign => "Buyer must sign the contract",
            Self::YouMustPay => "You must pay",
            Self::BuyerMustPay => "Buyer must pay",
            Self::ProofToUpload => "Proof of purchase to upload",
            Self::SellerMustUploadProof => "Seller must upload the proof of purchase",
            Self::YouMustReviewProof => "You must review the proof of purchase",
            Self::BuyerMustReviewProof => "Buyer must review the proof of purchase",
            Self::DhmadReviewingProof => "DHMAD is reviewing the proof of purchase",
            Self::YouMustDeliver => "You must deliver",
            Self::SellerMustDeliver => "Seller must deliver",
            Self::YouMustConfirm => "You must confirm receipt",
            Self::BuyerMustConfirm => "Buyer must confirm receipt",
        }
    }

    /// Whether the profile's user is the one to act.
    pub fn is_your_turn(self) -> bool {
        matches!(
            self,
            Self::CancellationRequestedYourAnswer
                | Self::YouMustSign
                | Self::YouMustPay
                | Self::ProofToUpload
                | Self::YouMustReviewProof
                | Self::YouMustDeliver
                | Self::YouMustConfirm
        )
    }
}

/// An unfinished escrow and its next step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NeedsAction {
    /// The escrow.
    pub escrow: EscrowRow,
    /// Its next step.
    pub action: NextAction,
    /// `action.is_your_turn()`.
    pub your_turn: bool,
    /// `action.text()`.
    pub text: String,
}

/// What decides the next step, beyond the list row.
struct Flags {
    signatures: Option<serde_json::Value>,
    proof_info: Option<serde_json::Value>,
    cancellation: Option<serde_json::Value>,
    dispute_status: Option<String>,
}

impl Book {
    /// Every non-terminal escrow with its next step: your turn first, then the longest waiting.
    /// Standard escrows whose `signatures` the book does not know are treated as signed.
    pub fn needs_action(&self) -> Result<Vec<NeedsAction>> {
        let sql = format!(
            "SELECT {ROW_COLUMNS}, signatures_json, proof_info_json, cancellation_json,
                    dispute_status
             FROM escrows WHERE status NOT IN ('completed', 'cancelled')
             ORDER BY created_at, id"
        );
        let mut out = self.read(|c| {
            let mut stmt = c.prepare_cached(&sql)?;
            let rows = stmt.query_map([], |r| {
                let json = |i: usize| -> rusqlite::Result<Option<serde_json::Value>> {
                    let t: Option<String> = r.get(i)?;
                    Ok(t.and_then(|t| serde_json::from_str(&t).ok()))
                };
                let flags = Flags {
                    signatures: json(18)?,
                    proof_info: json(19)?,
                    cancellation: json(20)?,
                    dispute_status: r.get(21)?,
                };
                Ok((row_from(r)?, flags))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (escrow, flags) = row?;
                if let Some(action) = next_action(&escrow, &flags) {
                    out.push(NeedsAction {
                        escrow,
                        action,
                        your_turn: action.is_your_turn(),
                        text: action.text().to_owned(),
                    });
                }
            }
            Ok(out)
        })?;
        // Stable sort keeps the oldest-first order inside each group.
        out.sort_by_key(|n| !n.your_turn);
        Ok(out)
    }
}

fn flag(v: &Option<serde_json::Value>, key: &str) -> Option<bool> {
    v.as_ref()?.get(key)?.as_bool()
}

fn text<'a>(v: &'a Option<serde_json::Value>, key: &str) -> Option<&'a str> {
    v.as_ref()?.get(key)?.as_str()
}

fn next_action(e: &EscrowRow, f: &Flags) -> Option<NextAction> {
    use NextAction as A;
    let seller = e.role == Some(EscrowRole::Seller);
    let buyer = e.role == Some(EscrowRole::Buyer);
    let pick = |mine: bool, you: A, other: A| if mine { you } else { other };
    let dispute_open = e.dispute_open && f.dispute_status.as_deref().is_none_or(|s| s == "open");
    if e.status == EscrowStatus::Disputed || dispute_open {
        return Some(A::DisputeOpen);
    }
    let in_flight = matches!(e.status, EscrowStatus::Paid | EscrowStatus::Delivered);
    if in_flight && text(&f.cancellation, "status") == Some("pending") {
        return Some(pick(
            seller,
            A::CancellationRequestedYourAnswer,
            A::CancellationRequestedSellerMustAnswer,
        ));
    }
    match e.status {
        EscrowStatus::Pending => {
            if e.mode == Some(EscrowMode::Standard) && f.signatures.is_some() {
                if flag(&f.signatures, "sellerSigned") != Some(true) {
                    return Some(pick(seller, A::YouMustSign, A::SellerMustSign));
                }
                if flag(&f.signatures, "buyerSigned") != Some(true) {
                    return Some(pick(buyer, A::YouMustSign, A::BuyerMustSign));
                }
            }
            Some(pick(buyer, A::YouMustPay, A::BuyerMustPay))
        }
        EscrowStatus::Paid => Some(match text(&f.proof_info, "phase") {
            Some("waiting_seller_proof" | "correction_requested") => {
                pick(seller, A::ProofToUpload, A::SellerMustUploadProof)
            }
            Some("submitted_waiting_buyer_review") => {
                pick(buyer, A::YouMustReviewProof, A::BuyerMustReviewProof)
            }
            Some("needs_dhmad_review") => A::DhmadReviewingProof,
            _ => pick(seller, A::YouMustDeliver, A::SellerMustDeliver),
        }),
        EscrowStatus::Delivered => Some(pick(buyer, A::YouMustConfirm, A::BuyerMustConfirm)),
        // Terminal, or a status this build does not know: nothing we can say.
        _ => None,
    }
}
