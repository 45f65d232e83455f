//! `--dialect`: the same state answered in each documented variant, read with raw HTTP.
//! Expectations are written out here from the documents (seed 001, contract §1.4), not derived
//! from the simulator's own transform.

use crate::common::*;
use chrono::DateTime;
use dhmad_sim::{Dialect, SimConfig};
use serde_json::{Value, json};

async fn sim(dialect: Dialect) -> Ctx {
    Ctx::with(SimConfig {
        rate_limit: None,
        dialect,
        ..SimConfig::default()
    })
    .await
}

/// The body, unwrapped from `{"data": …}` when the dialect envelopes (asserting it does).
fn body(d: Dialect, v: Value) -> Value {
    let enveloped = matches!(d, Dialect::DataEnvelope | Dialect::Mixed);
    let obj = v.as_object().unwrap();
    if enveloped {
        assert_eq!(obj.len(), 1, "only `data` at the top: {v}");
        v["data"].clone()
    } else {
        assert!(!obj.contains_key("data"), "no envelope: {v}");
        v
    }
}

async fn get(t: &Ctx, d: Dialect, path: &str) -> Value {
    let (s, v) = t.get(path).await;
    assert_eq!(s, 200, "{path}: {v}");
    body(d, v)
}

/// A 25.5 TND quick escrow paid by a registered buyer, with a pending cancellation request
/// (a populated user inside), plus an unsigned standard escrow. Returns (quick id, standard id,
/// the quick escrow as the control API wrote it: always plain).
async fn state(t: &Ctx, d: Dialect) -> (String, String, Value) {
    t.user("amine@x.tn", 100.0).await;
    let (s, v) = t
        .post("/escrows", json!({"title": "Lamp", "amount": 25.5, "buyerEmail": "amine@x.tn", "mode": "quick", "estimatedDeliveryDays": 2}))
        .await;
    assert_eq!(s, 201, "{v}");
    let quick = body(d, v)["escrow"]["id"].as_str().unwrap().to_owned();
    let (s, v) = t.post("/escrows", standard("amine@x.tn", 10.0)).await;
    assert_eq!(s, 201, "{v}");
    let std_id = body(d, v)["escrow"]["id"].as_str().unwrap().to_owned();
    let (s, v) = t
        .post(
            &format!("/escrows/{quick}/sessions"),
            json!({"action": "accept_pay", "targetUserEmail": "amine@x.tn", "redirectUrl": RETURN_URL}),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    let sid = body(d, v)["sessionId"].as_str().unwrap().to_owned();
    let (s, _) = t
        .sim_post(&format!("/sessions/{sid}/complete"), json!({}))
        .await;
    assert_eq!(s, 200);
    let (s, v) = t
        .post(
            &format!("/escrows/{quick}/sessions"),
            json!({"action": "request_cancellation", "targetUserEmail": "amine@x.tn", "redirectUrl": RETURN_URL}),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    let sid = body(d, v)["sessionId"].as_str().unwrap().to_owned();
    let (s, done) = t
        .sim_post(
            &format!("/sessions/{sid}/complete"),
            json!({"reason": "Wrong colour"}),
        )
        .await;
    assert_eq!(s, 200);
    (quick, std_id, done["escrow"].clone())
}

fn instant(v: &Value) -> i64 {
    DateTime::parse_from_rfc3339(v.as_str().unwrap())
        .unwrap()
        .timestamp_millis()
}

#[tokio::test]
async fn plain_is_the_default_and_has_numbers_z_times_and_no_envelope() {
    assert_eq!(SimConfig::default().dialect, Dialect::Plain);
    let d = Dialect::Plain;
    let t = sim(d).await;
    let (quick, _, _) = state(&t, d).await;
    let e = get(&t, d, &format!("/escrows/{quick}")).await["escrow"].clone();
    assert_eq!(e["amount"], json!(25.5));
    assert!(e["createdAt"].as_str().unwrap().ends_with('Z'), "{e}");
    assert!(
        e["buyer"].get("id").is_none(),
        "populated users carry `_id` only"
    );
    assert!(e.get("proofInfo").is_none(), "absent, not null: {e}");
    assert_eq!(get(&t, d, "/me").await["apiKey"]["metadata"], json!({}));
}

#[tokio::test]
async fn data_envelope_wraps_every_success_and_leaves_errors_alone() {
    let d = Dialect::DataEnvelope;
    let t = sim(d).await;
    let (quick, std_id, _) = state(&t, d).await;
    assert_eq!(
        get(&t, d, "/me").await["developer"]["email"],
        json!("dev@demo.dhmad.test")
    );
    assert!(get(&t, d, "/balance").await["balance"]["available"].is_number());
    let list = get(&t, d, "/escrows?limit=1").await;
    assert_eq!(list["escrows"].as_array().unwrap().len(), 1);
    assert_eq!(list["pagination"]["total"], json!(2));
    assert_eq!(
        get(&t, d, &format!("/escrows/{quick}")).await["escrow"]["id"],
        json!(quick)
    );
    let contract = get(&t, d, &format!("/escrows/{std_id}/contract")).await;
    assert!(contract["contract"]["terms"].is_string());
    // Errors keep their documented shapes (contract §1.5), outside any envelope.
    let (s, v) = t.get("/escrows/507f1f77bcf86cd799439011").await;
    assert_eq!((s, v), (404, json!({"error": "Escrow not found"})));
    let (s, v) = t
        .post(
            &format!("/escrows/{quick}/sessions"),
            json!({"action": "accept_pay", "targetUserEmail": "amine@x.tn", "redirectUrl": RETURN_URL}),
        )
        .await;
    assert_eq!(s, 400);
    assert_eq!(v["error"]["code"], json!("PAYMENT_ALREADY_DONE"));
}

#[tokio::test]
async fn nulls_stand_for_every_absent_optional_field() {
    let d = Dialect::Nulls;
    let t = sim(d).await;
    let (quick, std_id, _) = state(&t, d).await;
    let me = get(&t, d, "/me").await;
    assert_eq!(
        me["apiKey"]["metadata"],
        Value::Null,
        "the issue's `metadata: null`"
    );
    assert_eq!(me["apiKey"]["expiresAt"], Value::Null);
    let e = get(&t, d, &format!("/escrows/{quick}")).await["escrow"].clone();
    for key in [
        "fulfillmentPolicy",
        "proofInfo",
        "signatures",
        "disputeTicket",
        "deliveredAt",
        "deliveryRejections",
    ] {
        assert!(
            e.as_object().unwrap().contains_key(key),
            "{key} present: {e}"
        );
        assert_eq!(e[key], Value::Null, "{key}: {e}");
    }
    let requester = &e["cancellationRequest"]["requestedBy"];
    assert_eq!(requester["email"], Value::Null, "{e}");
    assert_eq!(e["cancellationRequest"]["acceptedBy"], Value::Null, "{e}");
    let s = get(&t, d, &format!("/escrows/{std_id}")).await["escrow"]["signatures"].clone();
    assert_eq!(
        s,
        json!({"sellerSigned": false, "sellerSignedAt": null, "buyerSigned": false,
               "buyerSignedAt": null, "isFullySigned": false, "signedAt": null})
    );
    // Values that are there are unchanged.
    assert_eq!(e["amount"], json!(25.5));
    assert_eq!(e["status"], json!("paid"));
}

#[tokio::test]
async fn ids_put_both_id_and_underscore_id_on_every_object() {
    let d = Dialect::Ids;
    let t = sim(d).await;
    let (quick, _, _) = state(&t, d).await;
    let me = get(&t, d, "/me").await;
    for o in [&me["apiKey"], &me["developer"]] {
        assert_eq!(o["id"], o["_id"], "{o}");
        assert!(o["id"].is_string());
    }
    let list = get(&t, d, "/escrows").await;
    for e in list["escrows"].as_array().unwrap() {
        assert_eq!(e["id"], e["_id"]);
        for who in ["seller", "buyer"] {
            assert!(e[who]["id"].is_string(), "{who}: {e}");
            assert_eq!(e[who]["id"], e[who]["_id"], "{who}");
        }
    }
    let e = get(&t, d, &format!("/escrows/{quick}")).await["escrow"].clone();
    let by = &e["cancellationRequest"]["requestedBy"];
    assert_eq!(
        (by["id"].clone(), by["_id"].clone()),
        (e["buyer"]["_id"].clone(), e["buyer"]["_id"].clone())
    );
    let (s, v) = t
        .post("/identity-verifications", json!({"email": "kyc@x.tn"}))
        .await;
    assert_eq!(s, 201, "{v}");
    let v = body(d, v);
    assert_eq!(v["id"], v["_id"]);
}

#[tokio::test]
async fn strings_write_money_as_decimals_and_times_at_plus_one_hour() {
    let d = Dialect::Strings;
    let t = sim(d).await;
    let (quick, _, plain) = state(&t, d).await;
    let e = get(&t, d, &format!("/escrows/{quick}")).await["escrow"].clone();
    assert_eq!(e["amount"], json!("25.500"));
    assert_eq!(e["amountTnd"], json!("25.500"));
    assert_eq!(e["escrowFee"], json!("1.275"), "5 % to the millime");
    assert_eq!(e["developerFee"], json!("0.000"));
    assert_eq!(
        e["developerFeePercentage"],
        json!(0),
        "a percentage is not money"
    );
    for key in ["createdAt", "paidAt", "updatedAt", "expiresAt"] {
        let text = e[key].as_str().unwrap();
        assert!(text.ends_with("+01:00"), "{key}: {text}");
        assert_eq!(
            instant(&e[key]),
            instant(&plain[key]),
            "{key}: same instant"
        );
    }
    let asked = &e["cancellationRequest"]["requestedAt"];
    assert_eq!(
        instant(asked),
        instant(&plain["cancellationRequest"]["requestedAt"])
    );
    let balance = get(&t, d, "/balance").await["balance"].clone();
    for key in ["available", "pending", "escrow"] {
        let text = balance[key].as_str().unwrap();
        assert_eq!(
            text.split('.').nth(1).map(str::len),
            Some(3),
            "{key}: {text}"
        );
    }
    let buyer = t.wallet("amine@x.tn").await;
    assert_eq!(buyer[2], json!(25.5), "the control API stays plain");
}

#[tokio::test]
async fn mixed_is_every_variant_at_once() {
    let d = Dialect::Mixed;
    let t = sim(d).await;
    let (quick, _, plain) = state(&t, d).await;
    let e = get(&t, d, &format!("/escrows/{quick}")).await["escrow"].clone();
    assert_eq!(e["amount"], json!("25.500"));
    assert_eq!(e["proofInfo"], Value::Null);
    assert_eq!(e["buyer"]["id"], e["buyer"]["_id"]);
    assert!(e["paidAt"].as_str().unwrap().ends_with("+01:00"));
    assert_eq!(instant(&e["paidAt"]), instant(&plain["paidAt"]));
    let list = get(&t, d, "/escrows").await;
    assert_eq!(list["pagination"]["total"], json!(2));
    assert_eq!(get(&t, d, "/me").await["apiKey"]["metadata"], Value::Null);
}

#[test]
fn dialect_names_parse_and_unknown_ones_are_refused() {
    for d in Dialect::ALL {
        assert_eq!(d.as_str().parse::<Dialect>(), Ok(d));
    }
    let err = "xml".parse::<Dialect>().unwrap_err();
    assert!(
        err.contains("plain, data-envelope, nulls, ids, strings, mixed"),
        "{err}"
    );
}
