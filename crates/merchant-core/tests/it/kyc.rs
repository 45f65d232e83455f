//! KYC invites against dhmad-sim (sandbox: approved at once, no e-mail).

use chrono::{Duration, Utc};
use merchant_core::book::{KycInviteRecord, KycStatus};
use merchant_core::{ErrorCode, invite, invites_by_email, refresh_invite};

use crate::actions::{REDIRECT, setup};

#[tokio::test]
async fn invite_is_approved_at_once_then_listed_and_refreshed() {
    let t = setup().await;
    t.sim.reset_requests().await;
    let out = invite(
        &t.api,
        &t.book,
        " Nour.Seller@Example.TN ",
        Some("seller_42"),
        Some(REDIRECT),
        Utc::now(),
    )
    .await
    .unwrap();
    assert!(!out.existing);
    assert_eq!(out.invite.email, "nour.seller@example.tn");
    assert_eq!(out.invite.kyc_status, KycStatus::Approved);
    assert_eq!(out.invite.external_user_id.as_deref(), Some("seller_42"));
    assert_eq!(out.invite.verification_email_sent, Some(false));
    assert_eq!(t.book.invite(&out.invite.id).unwrap().unwrap(), out.invite);
    assert_eq!(t.sim.requests().await.len(), 1);

    // A second invite returns the same record (200), not a new one.
    let again = invite(
        &t.api,
        &t.book,
        "nour.seller@example.tn",
        None,
        None,
        Utc::now(),
    )
    .await
    .unwrap();
    assert!(again.existing);
    assert_eq!(again.invite.id, out.invite.id);
    assert!(again.message.is_some());

    let listed = invites_by_email(&t.api, &t.book, "NOUR.seller@example.tn", Utc::now())
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, out.invite.id);
    assert_eq!(
        t.book
            .invites_for_email("nour.seller@example.tn")
            .unwrap()
            .len(),
        1
    );
    let fresh = refresh_invite(&t.api, &t.book, &out.invite.id, Utc::now())
        .await
        .unwrap();
    assert_eq!(fresh.kyc_status, KycStatus::Approved);
}

#[tokio::test]
async fn resend_within_five_minutes_is_refused_locally() {
    let t = setup().await;
    let now = Utc::now();
    let sent = now - Duration::minutes(2);
    // A pending invite as production leaves it (the sandbox approves at once).
    t.book
        .upsert_invite(&KycInviteRecord {
            id: "6655abc1234567890abcdef1".into(),
            email: "pending@example.tn".into(),
            external_user_id: None,
            kyc_status: KycStatus::Pending,
            didit_session_status: Some("in_progress".into()),
            needs_admin_review: Some(false),
            claim_status: None,
            linked_user_id: None,
            linked_at: None,
            verification_email_sent: Some(true),
            verification_email_sent_at: Some(sent),
            created_at: sent,
            updated_at: None,
            expires_at: None,
            raw_json: None,
        })
        .unwrap();
    t.sim.reset_requests().await;
    let err = invite(&t.api, &t.book, "pending@example.tn", None, None, now)
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotAllowed);
    assert_eq!(err.rule(), Some("KYC_RESEND_TOO_SOON"));
    let allowed = (sent + Duration::minutes(5)).format("%H:%M:%S").to_string();
    assert!(err.to_string().contains(&allowed), "{err}");
    assert!(t.sim.requests().await.is_empty());

    // Five minutes after the last e-mail the invite goes out again.
    invite(
        &t.api,
        &t.book,
        "pending@example.tn",
        None,
        None,
        sent + Duration::minutes(5),
    )
    .await
    .unwrap();
    assert_eq!(t.sim.requests().await.len(), 1);
}

#[tokio::test]
async fn server_refusal_of_an_invite_is_reported() {
    let t = setup().await;
    let err = invite(
        &t.api,
        &t.book,
        "x@blocked.dhmad.test",
        None,
        None,
        Utc::now(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::ApiRefused, "{err}");
    assert!(
        err.to_string()
            .contains("not allowed for this email domain"),
        "{err}"
    );
    assert!(
        t.book
            .invites_for_email("x@blocked.dhmad.test")
            .unwrap()
            .is_empty()
    );
}
