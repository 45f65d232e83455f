//! The hosted checkout page: rendering per action, escaping, submits, redirects, refusals.

use crate::common::*;
use reqwest::Client;
use reqwest::redirect::Policy;
use serde_json::{Value, json};

const BANNER: &str =
    "Sandbox environment — for testing only. Data and transactions are not production.";

fn no_redirect() -> Client {
    Client::builder().redirect(Policy::none()).build().unwrap()
}

/// GET the page: (status, content type, CSP, html).
async fn page(t: &Ctx, sid: &str) -> (u16, String, String, String) {
    let r = no_redirect()
        .get(format!("{}/checkout/{sid}", t.origin))
        .send()
        .await
        .unwrap();
    let h = |n: &str| {
        r.headers()
            .get(n)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    let (ct, csp) = (h("content-type"), h("content-security-policy"));
    (r.status().as_u16(), ct, csp, r.text().await.unwrap())
}

/// POST a urlencoded form: (status, Location, html).
async fn submit(t: &Ctx, sid: &str, form: &[(&str, &str)]) -> (u16, String, String) {
    let r = no_redirect()
        .post(format!("{}/checkout/{sid}", t.origin))
        .form(form)
        .send()
        .await
        .unwrap();
    let loc = r
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (r.status().as_u16(), loc, r.text().await.unwrap())
}

/// POST a multipart form built by hand (fields, then one file part).
async fn submit_multipart(
    t: &Ctx,
    sid: &str,
    fields: &[(&str, &str)],
    file: (&str, &str, &[u8]),
) -> (u16, String, String) {
    let boundary = "----dhmadsimtestboundary7MA4YWxk";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    let (name, mime, bytes) = file;
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: {mime}\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let r = no_redirect()
        .post(format!("{}/checkout/{sid}", t.origin))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    let loc = r
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (r.status().as_u16(), loc, r.text().await.unwrap())
}

async fn session_status(t: &Ctx, sid: &str) -> Value {
    let (s, v) = t.get(&format!("/sessions/{sid}")).await;
    assert_eq!(s, 200, "{v}");
    v["session"]["status"].clone()
}

/// A quick escrow sold by a third party (so an app fee applies), buyer registered with 50 TND.
async fn third_party_escrow(t: &Ctx, title: &str) -> String {
    t.user("seller@shop.tn", 0.0).await;
    t.user("buyer@x.tn", 50.0).await;
    t.escrow(json!({"title": title, "amount": 200, "buyerEmail": "buyer@x.tn", "sellerEmail": "seller@shop.tn",
        "mode": "quick", "estimatedDeliveryDays": 2, "developerFeePercentage": 2}))
        .await
}

#[tokio::test]
async fn pay_page_shows_money_and_parties_then_pays_and_redirects() {
    let t = Ctx::new().await;
    let id = third_party_escrow(&t, "Phone case").await;
    let sid = t.session(&id, "accept_pay", "buyer@x.tn").await;
    let (status, ct, csp, html) = page(&t, &sid).await;
    assert_eq!(status, 200);
    assert_eq!(ct, "text/html; charset=utf-8");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    for needle in [
        BANNER,
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">",
        "Accept and pay",
        "Phone case",
        "200.000 TND",
        "10.000 TND", // DHMAD fee, 5 %
        "App fee (2 %)",
        "4.000 TND",   // app fee
        "186.000 TND", // seller receives
        "seller@shop.tn",
        "buyer@x.tn",
        "Your wallet has 50.000 TND available.",
        "tops up your wallet inline",
        ">Pay 200.000 TND</button>",
        ">Cancel and go back</button>",
        &format!("action=\"/checkout/{sid}\""),
    ] {
        assert!(html.contains(needle), "missing {needle:?} in {html}");
    }
    assert!(!html.contains("<script"), "no script on the page");

    let (status, loc, _) = submit(&t, &sid, &[("op", "perform")]).await;
    assert_eq!(status, 303);
    assert_eq!(
        loc,
        format!("{RETURN_URL}?session_id={sid}&status=completed")
    );
    assert_eq!(t.escrow_json(&id).await["status"], json!("paid"));
    assert_eq!(session_status(&t, &sid).await, json!("completed"));
    // 150 TND topped up inline, 200 held in escrow.
    assert_eq!(t.wallet("buyer@x.tn").await, json!([0, 0, 200]));
    t.assert_invariant().await;

    // The session is single-use.
    let (status, _, _, html) = page(&t, &sid).await;
    assert_eq!(status, 410);
    assert!(html.contains("already been used"), "{html}");
    let (status, loc, _) = submit(&t, &sid, &[("op", "perform")]).await;
    assert_eq!((status, loc.as_str()), (410, ""));
    assert_eq!(t.wallet("buyer@x.tn").await, json!([0, 0, 200]));
}

#[tokio::test]
async fn redirect_merges_with_an_existing_query() {
    let t = Ctx::new().await;
    t.user("buyer@x.tn", 500.0).await;
    let id = t.escrow(quick("buyer@x.tn", 20.0)).await;
    let (s, v) = t
        .post(
            &format!("/escrows/{id}/sessions"),
            json!({"action": "accept_pay", "targetUserEmail": "buyer@x.tn", "redirectUrl": "http://localhost:3000/cb?order=42&lang=fr"}),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    let sid = v["sessionId"].as_str().unwrap();
    let (status, loc, _) = submit(&t, sid, &[("op", "perform")]).await;
    assert_eq!(status, 303);
    assert_eq!(
        loc,
        format!("http://localhost:3000/cb?order=42&lang=fr&session_id={sid}&status=completed")
    );
}

#[tokio::test]
async fn values_are_escaped() {
    let t = Ctx::new().await;
    t.user("buyer@x.tn", 500.0).await;
    let mut body = quick("buyer@x.tn", 20.0);
    body["title"] = json!("<script>alert(\"x\")</script> & 'co'");
    let id = t.escrow(body).await;
    let sid = t.session(&id, "accept_pay", "buyer@x.tn").await;
    let (status, _, _, html) = page(&t, &sid).await;
    assert_eq!(status, 200);
    assert!(!html.contains("<script"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;"),
        "{html}"
    );
}

#[tokio::test]
async fn expired_unknown_and_abandoned_sessions() {
    let t = Ctx::new().await;
    t.user("buyer@x.tn", 500.0).await;
    let id = t.escrow(quick("buyer@x.tn", 20.0)).await;
    let sid = t.session(&id, "accept_pay", "buyer@x.tn").await;
    t.advance(30 * 60 + 1).await;
    let (status, _, _, html) = page(&t, &sid).await;
    assert_eq!(status, 410);
    assert!(html.contains("This checkout link has expired."), "{html}");
    assert!(html.contains(BANNER));
    let (status, _, _) = submit(&t, &sid, &[("op", "perform")]).await;
    assert_eq!(status, 410);
    assert_eq!(t.escrow_json(&id).await["status"], json!("pending"));
    assert_eq!(session_status(&t, &sid).await, json!("expired"));

    let (status, _, _, html) = page(&t, "6d3f1a52-0000-4000-8000-000000000000").await;
    assert_eq!(status, 404);
    assert!(html.contains("Checkout not found"));

    let sid = t.session(&id, "accept_pay", "buyer@x.tn").await;
    let (status, loc, _) = submit(&t, &sid, &[("op", "abandon")]).await;
    assert_eq!(status, 303);
    assert_eq!(
        loc,
        format!("{RETURN_URL}?session_id={sid}&status=cancelled")
    );
    assert_eq!(session_status(&t, &sid).await, json!("cancelled"));
    assert_eq!(t.escrow_json(&id).await["status"], json!("pending"));
}

#[tokio::test]
async fn refusal_at_submit_shows_the_user_message_and_changes_nothing() {
    let t = Ctx::new().await;
    t.user("buyer@x.tn", 500.0).await;
    let id = t.escrow(quick("buyer@x.tn", 20.0)).await;
    let first = t.session(&id, "accept_pay", "buyer@x.tn").await;
    let second = t.session(&id, "accept_pay", "buyer@x.tn").await;
    let (status, _, _) = submit(&t, &first, &[("op", "perform")]).await;
    assert_eq!(status, 303);
    let before = t.wallet("buyer@x.tn").await;
    let msg = "Payment has already been completed for this transaction.";
    let (status, _, _, html) = page(&t, &second).await;
    assert_eq!(status, 400);
    assert!(html.contains(msg), "{html}");
    assert!(!html.contains(">Pay "), "no pay button when refused");
    let (status, loc, html) = submit(&t, &second, &[("op", "perform")]).await;
    assert_eq!((status, loc.as_str()), (400, ""));
    assert!(html.contains(msg), "{html}");
    assert_eq!(t.wallet("buyer@x.tn").await, before);
    assert_eq!(session_status(&t, &second).await, json!("pending"));
}

#[tokio::test]
async fn sign_contract_needs_the_agreement_box() {
    let t = Ctx::new().await;
    t.user("buyer@x.tn", 500.0).await;
    let id = t.escrow(standard("buyer@x.tn", 1500.0)).await;
    let sid = t.session(&id, "sign_contract", "buyer@x.tn").await;
    let (status, _, _, html) = page(&t, &sid).await;
    assert_eq!(status, 200);
    for needle in [
        "Sign the contract",
        "Deliver a working website within 7 days.",
        "name=\"agree\"",
        ">Sign contract</button>",
        "1,500.000 TND",
        "75.000 TND",
    ] {
        assert!(html.contains(needle), "missing {needle:?}");
    }
    let (status, _, html) = submit(&t, &sid, &[("op", "perform")]).await;
    assert_eq!(status, 400);
    assert!(html.contains("Please confirm that you agree to the contract."));
    let (status, _, _) = submit(&t, &sid, &[("op", "perform"), ("agree", "yes")]).await;
    assert_eq!(status, 303);
    let (_, c) = t.get(&format!("/escrows/{id}/contract")).await;
    assert!(
        c["contract"]["buyerSignature"]["signedAt"].is_string(),
        "{c}"
    );
}

#[tokio::test]
async fn dispute_cancellation_and_complete_forms() {
    let t = Ctx::new().await;
    t.user("buyer@x.tn", 500.0).await;
    let id = t.escrow(quick("buyer@x.tn", 100.0)).await;
    t.act(&id, "accept_pay", "buyer@x.tn", json!({})).await;

    // Dispute: reason required.
    let sid = t.session(&id, "dispute", "buyer@x.tn").await;
    let (_, _, _, html) = page(&t, &sid).await;
    assert!(html.contains("<textarea id=\"reason\" name=\"reason\" required"));
    assert!(html.contains(">Open dispute</button>"));
    let (status, _, html) = submit(&t, &sid, &[("op", "perform"), ("reason", "  ")]).await;
    assert_eq!(status, 400);
    assert!(html.contains("Please give a reason."));
    let (status, _, _) = submit(&t, &sid, &[("op", "perform"), ("reason", "Wrong colour")]).await;
    assert_eq!(status, 303);
    let e = t.escrow_json(&id).await;
    assert_eq!(e["disputeTicket"]["previewReason"], json!("Wrong colour"));

    // Buyer requests cancellation, seller sees the reason and may accept or reject.
    let sid = t.session(&id, "request_cancellation", "buyer@x.tn").await;
    let (_, _, _, html) = page(&t, &sid).await;
    assert!(html.contains(">Request cancellation</button>"));
    let (status, _, _) = submit(
        &t,
        &sid,
        &[("op", "perform"), ("reason", "Found it cheaper")],
    )
    .await;
    assert_eq!(status, 303);
    let reject = t.session(&id, "reject_cancellation", MERCHANT).await;
    let (_, _, _, html) = page(&t, &reject).await;
    assert!(html.contains("Found it cheaper"));
    assert!(html.contains(">Reject cancellation request</button>"));
    let accept = t.session(&id, "accept_cancellation", MERCHANT).await;
    let (_, _, _, html) = page(&t, &accept).await;
    assert!(html.contains(">Accept cancellation and refund</button>"));
    assert!(html.contains("refunded 100.000 TND in full"));
    let (status, _, _) = submit(&t, &accept, &[("op", "perform")]).await;
    assert_eq!(status, 303);
    let e = t.escrow_json(&id).await;
    assert_eq!(
        (
            e["status"].clone(),
            e["cancellationRequest"]["status"].clone()
        ),
        (json!("cancelled"), json!("accepted"))
    );
    assert_eq!(t.wallet("buyer@x.tn").await, json!([500, 0, 0]));

    // Complete and cancel_escrow pages on a delivered escrow.
    let id = t.escrow(quick("buyer@x.tn", 100.0)).await;
    t.act(&id, "accept_pay", "buyer@x.tn", json!({})).await;
    let (s, v) = t.post(&format!("/escrows/{id}/deliver"), json!({})).await;
    assert_eq!(s, 200, "{v}");
    let cancel = t.session(&id, "cancel_escrow", MERCHANT).await;
    let (_, _, _, html) = page(&t, &cancel).await;
    assert!(html.contains(">Cancel escrow and refund the buyer</button>"));
    let sid = t.session(&id, "complete", "buyer@x.tn").await;
    let (_, _, _, html) = page(&t, &sid).await;
    assert!(html.contains(">Confirm completion</button>"));
    let (status, _, _) = submit(&t, &sid, &[("op", "perform")]).await;
    assert_eq!(status, 303);
    assert_eq!(t.escrow_json(&id).await["status"], json!("completed"));
    t.assert_invariant().await;
}

#[tokio::test]
async fn proof_upload_by_multipart_then_review() {
    let t = Ctx::new().await;
    t.user("buyer@x.tn", 500.0).await;
    let mut body = quick("buyer@x.tn", 100.0);
    body["fulfillmentPolicy"] =
        json!({"type": "purchase_proof_required", "proofUploadDeadlineHours": 12});
    let id = t.escrow(body).await;
    t.act(&id, "accept_pay", "buyer@x.tn", json!({})).await;
    let sid = t.session(&id, "submit_proof", MERCHANT).await;
    let (_, _, _, html) = page(&t, &sid).await;
    for needle in [
        "enctype=\"multipart/form-data\"",
        "type=\"file\" name=\"file\" required",
        "name=\"note\"",
        ">Upload proof</button>",
    ] {
        assert!(html.contains(needle), "missing {needle:?}");
    }
    // No file chosen: the browser still sends an empty part.
    let (status, _, html) = submit_multipart(
        &t,
        &sid,
        &[("op", "perform")],
        ("", "application/octet-stream", b""),
    )
    .await;
    assert_eq!(status, 400);
    assert!(html.contains("Choose a file to upload."));
    // Over 5 MB.
    let big = vec![7u8; 5 * 1024 * 1024 + 1];
    let (status, _, html) = submit_multipart(
        &t,
        &sid,
        &[("op", "perform")],
        ("big.bin", "application/octet-stream", &big),
    )
    .await;
    assert_eq!(status, 413);
    assert!(html.contains("larger than 5 MB"));

    let file = vec![0xffu8; 3000];
    let (status, loc, _) = submit_multipart(
        &t,
        &sid,
        &[("op", "perform"), ("note", "Receipt from the mall")],
        ("receipt.jpg", "image/jpeg", &file),
    )
    .await;
    assert_eq!(status, 303);
    assert!(loc.ends_with("&status=completed"), "{loc}");
    let (_, p) = t.get(&format!("/escrows/{id}/proof")).await;
    let latest = &p["proof"]["latestSubmission"];
    assert_eq!(latest["note"], json!("Receipt from the mall"));
    assert_eq!(latest["attachments"][0]["mimeType"], json!("image/jpeg"));
    let (_, raw) = t
        .sim(reqwest::Method::GET, &format!("/state/escrows/{id}"), None)
        .await;
    let a = &raw["proof"]["submissions"][0]["attachments"][0];
    assert_eq!(
        (a["name"].clone(), a["size"].clone()),
        (json!("receipt.jpg"), json!(3000))
    );

    let rid = t.session(&id, "review_proof", "buyer@x.tn").await;
    let (_, _, _, html) = page(&t, &rid).await;
    for needle in [
        "Review the purchase proof",
        "receipt.jpg",
        "image/jpeg, 2 KB",
        "Receipt from the mall",
        ">Accept proof</button>",
        "value=\"correct\"",
        ">Ask for corrections</button>",
    ] {
        assert!(html.contains(needle), "missing {needle:?}");
    }
    let (status, _, html) = submit(&t, &rid, &[("op", "perform"), ("decision", "correct")]).await;
    assert_eq!(status, 400);
    assert!(html.contains("Please give a reason."));
    let (status, _, _) = submit(
        &t,
        &rid,
        &[
            ("op", "perform"),
            ("decision", "correct"),
            ("reason", "Blurry"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (_, p) = t.get(&format!("/escrows/{id}/proof")).await;
    assert_eq!(
        (
            p["proof"]["phase"].clone(),
            p["proof"]["correctionRounds"].clone()
        ),
        (json!("correction_requested"), json!(1))
    );
}
