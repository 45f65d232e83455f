//! Every contract fixture, rewritten in each answer style the documents allow (contract §1.4),
//! decodes over real HTTP to exactly what the plain fixture decodes to.
//!
//! The rewrites are written here, from the documents, independently of the simulator's own
//! dialects: the `{"data": …}` envelope of seed 001, `null` for every optional field left out,
//! `id`/`_id` both or only `_id`, money as decimal strings, timestamps with a `+01:00` offset,
//! and all of them at once.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, FixedOffset, SecondsFormat};
use dhmad_api::*;
use serde_json::{Map, Value, json};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::{client_for, fixture};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Plain,
    DataEnvelope,
    Nulls,
    BothIds,
    UnderscoreIds,
    Strings,
    Offsets,
    Mixed,
}

const DIALECTS: [Dialect; 7] = [
    Dialect::DataEnvelope,
    Dialect::Nulls,
    Dialect::BothIds,
    Dialect::UnderscoreIds,
    Dialect::Strings,
    Dialect::Offsets,
    Dialect::Mixed,
];

/// Keys that hold money (TND amounts) in the contract's objects.
const MONEY_KEYS: [&str; 7] = [
    "amount",
    "amountTnd",
    "escrowFee",
    "developerFee",
    "available",
    "pending",
    "escrow",
];

/// Optional keys of the contract's objects, set to `null` where a fixture leaves them out.
const OPTIONAL_KEYS: [&str; 24] = [
    "description",
    "currency",
    "amountTnd",
    "developerFee",
    "developerFeePercentage",
    "mode",
    "seller",
    "buyer",
    "sellerEmail",
    "buyerEmail",
    "expiresAt",
    "paidAt",
    "deliveredAt",
    "completedAt",
    "cancelledAt",
    "completionDeadline",
    "disputeTicket",
    "signatures",
    "deliveryRejections",
    "fulfillmentPolicy",
    "proofInfo",
    "firstName",
    "lastName",
    "external_user_id",
];

/// Keys whose empty value equals their default, so `null` must read the same.
const DEFAULTED_KEYS: [&str; 2] = ["metadata", "attachments"];

impl Dialect {
    fn rewrite(self, body: &Value) -> Value {
        let mut doc = body.clone();
        match self {
            Dialect::Plain => {}
            Dialect::DataEnvelope => doc = json!({ "data": doc }),
            Dialect::Nulls => walk(&mut doc, &mut add_nulls),
            Dialect::BothIds => walk(&mut doc, &mut |o| both_ids(o)),
            Dialect::UnderscoreIds => walk(&mut doc, &mut |o| underscore_ids(o)),
            Dialect::Strings => walk(&mut doc, &mut money_as_strings),
            Dialect::Offsets => walk(&mut doc, &mut offsets),
            Dialect::Mixed => {
                for d in [
                    Dialect::Nulls,
                    Dialect::BothIds,
                    Dialect::Strings,
                    Dialect::Offsets,
                    Dialect::DataEnvelope,
                ] {
                    doc = d.rewrite(&doc);
                }
            }
        }
        doc
    }
}

/// Applies `f` to every object of the document, the root included.
fn walk(value: &mut Value, f: &mut dyn FnMut(&mut Map<String, Value>)) {
    match value {
        Value::Object(map) => {
            f(map);
            for child in map.values_mut() {
                walk(child, f);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| walk(v, f)),
        _ => {}
    }
}

/// Only objects that are records (they have an id) get the record's optional keys.
fn add_nulls(o: &mut Map<String, Value>) {
    let is_record = o.contains_key("id") || o.contains_key("_id");
    if is_record {
        for key in OPTIONAL_KEYS {
            o.entry(key).or_insert(Value::Null);
        }
    }
    for key in DEFAULTED_KEYS {
        let empty = match o.get(key) {
            Some(Value::Object(m)) => m.is_empty(),
            Some(Value::Array(a)) => a.is_empty(),
            _ => false,
        };
        if empty {
            o.insert(key.into(), Value::Null);
        }
    }
    for flag in ["sellerSigned", "buyerSigned", "isFullySigned"] {
        if o.get(flag) == Some(&Value::Bool(false)) && o.contains_key("sellerSignedAt") {
            o.insert(flag.into(), Value::Null);
        }
    }
}

fn both_ids(o: &mut Map<String, Value>) {
    match (o.get("id").cloned(), o.get("_id").cloned()) {
        (Some(id), None) if id.is_string() => {
            o.insert("_id".into(), id);
        }
        (None, Some(id)) => {
            o.insert("id".into(), id);
        }
        _ => {}
    }
}

fn underscore_ids(o: &mut Map<String, Value>) {
    if let Some(id) = o.remove("id").filter(Value::is_string) {
        o.insert("_id".into(), id);
    }
}

fn money_as_strings(o: &mut Map<String, Value>) {
    for key in MONEY_KEYS {
        if let Some(Value::Number(n)) = o.get(key) {
            let money = Money::from_tnd_str(&n.to_string()).unwrap();
            o.insert(key.into(), Value::String(money.to_string()));
        }
    }
}

fn offsets(o: &mut Map<String, Value>) {
    let plus_one = FixedOffset::east_opt(3600).unwrap();
    for value in o.values_mut() {
        let Value::String(text) = value else { continue };
        if let Ok(t) = DateTime::parse_from_rfc3339(text) {
            // Alternate with and without fractions, as the documents' examples do.
            let format = if text.contains('.') {
                SecondsFormat::Secs
            } else {
                SecondsFormat::Millis
            };
            *value = Value::String(t.with_timezone(&plus_one).to_rfc3339_opts(format, false));
        }
    }
}

/// The body the mock server gives to every request until changed.
#[derive(Clone, Default)]
struct Answer(Arc<Mutex<Value>>);

impl Respond for Answer {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        ResponseTemplate::new(200).set_body_json(self.0.lock().unwrap().clone())
    }
}

/// Calls the endpoint whose example answer `name` is; the result rendered with `Debug`.
async fn call(client: &Client, name: &str) -> Result<String, ApiError> {
    let escrows = client.escrows();
    let id = EscrowId::new("507f1f77bcf86cd799439011");
    let shown = |v: &dyn std::fmt::Debug| format!("{v:?}");
    Ok(match name {
        "me" => shown(&client.me().await?),
        "balance" | "balance_fresh_sandbox" => shown(&client.balance().await?),
        "escrow_create" | "escrow_create_quickstart" => {
            let mut req = CreateEscrow::new("Rug", Money::from_millimes(12_345), "b@example.com");
            req.mode = Some(EscrowMode::Quick);
            req.estimated_delivery_days = Some(3);
            shown(&escrows.create(&req).await?)
        }
        "escrow_list" => shown(&escrows.list(&ListEscrows::default()).await?),
        "escrow_get" => shown(&escrows.get(&id).await?),
        "escrow_proof" => shown(&escrows.proof(&id).await?),
        "escrow_contract" => shown(&escrows.contract(&id).await?),
        "escrow_update" => {
            let req = UpdateEscrow {
                title: Some("New".into()),
                ..Default::default()
            };
            shown(&escrows.update(&id, &req).await?)
        }
        "escrow_deliver" | "escrow_deliver_instant" => shown(&escrows.deliver(&id).await?),
        "escrow_reject_delivery" => shown(&escrows.reject_delivery(&id, None).await?),
        "escrow_cancel" => shown(&escrows.cancel(&id).await?),
        "session_create" => {
            let req =
                CreateSession::new(SessionAction::AcceptPay, "b@example.com", "https://a.tn/x");
            shown(&client.sessions().create(&id, &req).await?)
        }
        "session_get" => shown(&client.sessions().get(&SessionId::new("s1")).await?),
        "identity_create" => shown(
            &client
                .identity()
                .create(&CreateVerification::new("s@example.com"))
                .await?,
        ),
        "identity_get" => shown(&client.identity().get(&VerificationId::new("v1")).await?),
        "identity_list" => shown(&client.identity().list_by_email("s@example.com").await?),
        other => panic!("no endpoint for {other}"),
    })
}

const FIXTURES: [&str; 19] = [
    "me",
    "balance",
    "balance_fresh_sandbox",
    "escrow_create",
    "escrow_create_quickstart",
    "escrow_list",
    "escrow_get",
    "escrow_proof",
    "escrow_contract",
    "escrow_update",
    "escrow_deliver",
    "escrow_deliver_instant",
    "escrow_reject_delivery",
    "escrow_cancel",
    "session_create",
    "session_get",
    "identity_create",
    "identity_get",
    "identity_list",
];

#[tokio::test]
async fn every_fixture_decodes_the_same_in_every_dialect() {
    let server = MockServer::start().await;
    let answer = Answer::default();
    Mock::given(wiremock::matchers::any())
        .respond_with(answer.clone())
        .mount(&server)
        .await;
    let client = client_for(&server);
    for dialect in DIALECTS {
        let mut changed = 0;
        for name in FIXTURES {
            let plain: Value = serde_json::from_str(&fixture(name)).unwrap();
            *answer.0.lock().unwrap() = Dialect::Plain.rewrite(&plain);
            let expected = call(&client, name)
                .await
                .unwrap_or_else(|e| panic!("{name} plain: {e}"));
            let rewritten = dialect.rewrite(&plain);
            changed += usize::from(rewritten != plain);
            *answer.0.lock().unwrap() = rewritten.clone();
            let got = call(&client, name)
                .await
                .unwrap_or_else(|e| panic!("{name} in {dialect:?}: {e}\n{rewritten:#}"));
            assert_eq!(got, expected, "{name} in {dialect:?}:\n{rewritten:#}");
        }
        assert!(changed >= 3, "{dialect:?} changed only {changed} fixtures");
    }
}

#[test]
fn the_rewrites_do_what_they_say() {
    let get: Value = serde_json::from_str(&fixture("escrow_get")).unwrap();
    let mixed = Dialect::Mixed.rewrite(&get);
    let escrow = &mixed["data"]["escrow"];
    assert_eq!(escrow["amount"], json!("1000.000"));
    assert_eq!(escrow["paidAt"], json!("2024-01-16T10:00:00.000+01:00"));
    assert_eq!(escrow["description"], Value::Null);
    assert_eq!(escrow["seller"]["id"], escrow["seller"]["_id"]);
    let under = Dialect::UnderscoreIds.rewrite(&get);
    assert!(under["escrow"].get("id").is_none() && under["escrow"]["_id"].is_string());
}
