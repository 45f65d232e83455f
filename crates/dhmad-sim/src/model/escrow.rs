//! JSON shapes of escrows, contracts and proofs, camelCase exactly as the contract (§2.3–2.7).

use crate::clock::{iso, iso_opt};
use crate::store::{Escrow, Phase, Proof, Store};
use serde_json::{Map, Value, json};

/// A 1×1 transparent PNG: the simulator's stand-in for a drawn signature.
pub const SIGNATURE_IMAGE: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

/// Keys and values of the rare parts, in the object's order.
pub type RareParts = Vec<(&'static str, Value)>;

/// The parts of the escrow object that are often null/empty (dispute, signatures, rejections,
/// cancellation request, proof policy and state).
pub fn rare_parts(store: &Store, i: usize, origin: &str) -> RareParts {
    let e = &store.escrows[i];
    let mut parts: RareParts = Vec::with_capacity(8);
    let mut put = |k: &'static str, v: Value| parts.push((k, v));
    put(
        "disputeTicketId",
        json!(e.dispute.as_ref().map(|d| d.ticket_id.clone())),
    );
    put(
        "disputeTicket",
        e.dispute.as_ref().map_or(Value::Null, |d| {
            json!({
                "ticketNumber": d.ticket_number,
                "type": "dispute",
                "subject": d.subject,
                "status": "open",
                "createdAt": iso(d.created_at),
                "previewReason": d.reason,
            })
        }),
    );
    put("signatures", signatures(e));
    put("deliveryRejections", Value::Array(e.delivery_rejections.iter().map(|r| {
        let mut o = json!({ "rejectedAt": iso(r.rejected_at), "previousDeliveredAt": iso_opt(r.previous_delivered_at) });
        if let (Some(reason), Some(obj)) = (&r.reason, o.as_object_mut()) {
            obj.insert("reason".into(), json!(reason));
        }
        o
    }).collect()));
    put("cancellationRequest", cancellation_json(store, e));
    if let Some(p) = &e.policy {
        let mut policy = json!({
            "type": "purchase_proof_required",
            "proofUploadDeadlineHours": p.upload_hours,
            "buyerReviewDeadlineHours": p.review_hours,
        });
        if let (Some(types), Some(obj)) = (&p.allowed_proof_types, policy.as_object_mut()) {
            obj.insert("allowedProofTypes".into(), json!(types));
        }
        put("fulfillmentPolicy", policy);
        put("proofInfo", proof_json(store, i, origin, false));
    }
    parts
}

fn signatures(e: &Escrow) -> Value {
    let Some(c) = &e.contract else {
        return Value::Null;
    };
    let mut m = Map::new();
    m.insert("sellerSigned".into(), json!(c.seller_signed_at.is_some()));
    if let Some(t) = c.seller_signed_at {
        m.insert("sellerSignedAt".into(), json!(iso(t)));
    }
    m.insert("buyerSigned".into(), json!(c.buyer_signed_at.is_some()));
    if let Some(t) = c.buyer_signed_at {
        m.insert("buyerSignedAt".into(), json!(iso(t)));
    }
    m.insert("isFullySigned".into(), json!(c.fully_signed()));
    if let Some(t) = c.signed_at() {
        m.insert("signedAt".into(), json!(iso(t)));
    }
    Value::Object(m)
}

/// `cancellationRequest` `{requestedBy, reason, status, requestedAt, acceptedBy|rejectedBy?}`.
pub fn cancellation_json(store: &Store, e: &Escrow) -> Value {
    let Some(c) = &e.cancellation else {
        return Value::Null;
    };
    let who = |u: usize| {
        let user = &store.users[u];
        json!({ "_id": user.id, "firstName": user.first_name, "lastName": user.last_name })
    };
    let mut o = json!({
        "requestedBy": who(c.requested_by),
        "reason": c.reason,
        "status": c.status.as_str(),
        "requestedAt": iso(c.requested_at),
    });
    if let (Some(by), Some(obj)) = (c.decided_by, o.as_object_mut()) {
        let key = if c.status == crate::store::RequestStatus::Accepted {
            "acceptedBy"
        } else {
            "rejectedBy"
        };
        obj.insert(key.into(), who(by));
    }
    o
}

/// Summary in the create response: `{id, pdfUrl, sellerSigned, buyerSigned, isFullySigned}`.
pub fn contract_summary(e: &Escrow) -> Value {
    e.contract.as_ref().map_or(Value::Null, |c| {
        json!({
            "id": c.id,
            "pdfUrl": null,
            "sellerSigned": c.seller_signed_at.is_some(),
            "buyerSigned": c.buyer_signed_at.is_some(),
            "isFullySigned": c.fully_signed(),
        })
    })
}

/// Full contract (`GET /escrows/:id/contract`).
pub fn contract_json(e: &Escrow) -> Value {
    let Some(c) = &e.contract else {
        return Value::Null;
    };
    let sig = |t: Option<i64>| {
        t.map_or(
            Value::Null,
            |t| json!({ "signedAt": iso(t), "signatureImage": SIGNATURE_IMAGE }),
        )
    };
    json!({
        "id": c.id,
        "escrow": e.id,
        "terms": c.terms,
        "language": "en",
        "pdfUrl": null,
        "sellerSignature": sig(c.seller_signed_at),
        "buyerSignature": sig(c.buyer_signed_at),
        "isFullySigned": c.fully_signed(),
        "pdfVersions": [],
        "createdAt": iso(c.created_at),
        "updatedAt": iso(c.updated_at),
    })
}

fn submission_json(origin: &str, escrow_id: &str, n: usize, s: &crate::store::Submission) -> Value {
    let attachments: Vec<Value> = s
        .attachments
        .iter()
        .enumerate()
        .map(|(k, a)| {
            json!({
                "mimeType": a.mime_type,
                "viewUrl": format!("{origin}/escrow-proof/{escrow_id}/{n}/{k}"),
            })
        })
        .collect();
    let mut o = json!({ "submittedAt": iso(s.submitted_at), "attachments": attachments });
    if let (Some(note), Some(obj)) = (&s.note, o.as_object_mut()) {
        obj.insert("note".into(), json!(note));
    }
    o
}

/// Proof state; `full` adds submissions, latest submission and suggested checkout actions.
pub fn proof_json(store: &Store, i: usize, origin: &str, full: bool) -> Value {
    let e = &store.escrows[i];
    let empty = Proof {
        phase: Phase::WaitingSellerProof,
        correction_rounds: 0,
        upload_deadline: None,
        review_deadline: None,
        submissions: Vec::new(),
    };
    let p = e.proof.as_ref().unwrap_or(&empty);
    let mut o = json!({
        "phase": e.proof.as_ref().map(|p| p.phase.as_str()),
        "correctionRounds": p.correction_rounds,
        "uploadDeadline": iso_opt(p.upload_deadline),
        "reviewDeadline": iso_opt(p.review_deadline),
        "submissionCount": p.submissions.len(),
    });
    if !full {
        return o;
    }
    let subs: Vec<Value> = p
        .submissions
        .iter()
        .enumerate()
        .map(|(n, s)| submission_json(origin, &e.id, n, s))
        .collect();
    let latest = subs.last().cloned().unwrap_or(Value::Null);
    let open = e.status == crate::store::Status::Paid;
    let actions = match e.proof.as_ref().map(|p| p.phase) {
        Some(Phase::WaitingSellerProof | Phase::CorrectionRequested) if open => vec![json!({
            "action": "submit_proof",
            "targetUserEmail": store.seller_email(e),
            "description": "Create a checkout session with this action and redirect the seller to DHMAD to upload the purchase proof.",
        })],
        Some(Phase::SubmittedWaitingBuyerReview) if open => vec![json!({
            "action": "review_proof",
            "targetUserEmail": store.buyer_email(e),
            "description": "Create a checkout session with this action and redirect the buyer to DHMAD to accept the proof or request corrections.",
        })],
        _ => Vec::new(),
    };
    if let Some(obj) = o.as_object_mut() {
        obj.insert("submissions".into(), Value::Array(subs));
        obj.insert("latestSubmission".into(), latest);
        obj.insert("checkoutActions".into(), Value::Array(actions));
    }
    o
}
