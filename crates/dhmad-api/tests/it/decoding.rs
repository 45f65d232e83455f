//! Bad input from the server, over real HTTP: random, truncated, wrong-typed, deeply nested and
//! oversized bodies, on success and error statuses, for six endpoints. Every answer must end as a
//! typed result — `Ok` only where the contract's forward-compatibility rules accept the value,
//! otherwise the error kind the status or the decoder implies — and never as a panic.
//!
//! Each property uses one runtime, one wiremock server and one client; the server's next answer
//! is set through [`Scripted`] so cases do not remount mocks.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use dhmad_api::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};
use dhmad_api::*;
use proptest::prelude::*;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::runtime::Runtime;

use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::{api_root, fixture, sandbox_key};

/// The (status, body) the mock server gives to every request until changed.
#[derive(Clone, Default)]
struct Scripted(Arc<Mutex<(u16, Vec<u8>)>>);

impl Respond for Scripted {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let (status, body) = self.0.lock().unwrap().clone();
        ResponseTemplate::new(status).set_body_raw(body, "application/json")
    }
}

/// The endpoints under test: four reads and two writes (writes answer 5xx differently).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Endpoint {
    Me,
    Balance,
    GetEscrow,
    ListEscrows,
    CreateEscrow,
    CreateSession,
}

const ENDPOINTS: [Endpoint; 6] = [
    Endpoint::Me,
    Endpoint::Balance,
    Endpoint::GetEscrow,
    Endpoint::ListEscrows,
    Endpoint::CreateEscrow,
    Endpoint::CreateSession,
];

impl Endpoint {
    /// The contract's example answer.
    fn fixture(self) -> &'static str {
        match self {
            Endpoint::Me => "me",
            Endpoint::Balance => "balance",
            Endpoint::GetEscrow => "escrow_get",
            Endpoint::ListEscrows => "escrow_list",
            Endpoint::CreateEscrow => "escrow_create",
            Endpoint::CreateSession => "session_create",
        }
    }

    fn is_write(self) -> bool {
        matches!(self, Endpoint::CreateEscrow | Endpoint::CreateSession)
    }

    /// Calls the endpoint; a success is rendered with `Debug` (enough to compare outcomes).
    async fn call(self, client: &Client) -> Result<String, ApiError> {
        let shown = |v: &dyn std::fmt::Debug| format!("{v:?}");
        Ok(match self {
            Endpoint::Me => shown(&client.me().await?),
            Endpoint::Balance => shown(&client.balance().await?),
            Endpoint::GetEscrow => shown(&client.escrows().get(&"e1".into()).await?),
            Endpoint::ListEscrows => shown(&client.escrows().list(&ListEscrows::default()).await?),
            Endpoint::CreateEscrow => {
                let mut req = CreateEscrow::new(
                    "Handmade rug",
                    Money::from_tnd_str("120.500").unwrap(),
                    "buyer@example.com",
                );
                req.mode = Some(EscrowMode::Quick);
                req.estimated_delivery_days = Some(3);
                shown(&client.escrows().create(&req).await?)
            }
            Endpoint::CreateSession => {
                let req = CreateSession::new(
                    SessionAction::AcceptPay,
                    "buyer@example.com",
                    "https://shop.tn/done",
                );
                shown(&client.sessions().create(&"e1".into(), &req).await?)
            }
        })
    }
}

/// One runtime, one server, one client for a whole property.
struct Harness {
    rt: Runtime,
    _server: MockServer,
    answer: Scripted,
    client: Client,
}

impl Harness {
    fn new() -> Self {
        Self::with_limit(DEFAULT_MAX_RESPONSE_BYTES)
    }

    fn with_limit(limit: usize) -> Self {
        let rt = Runtime::new().unwrap();
        let server = rt.block_on(MockServer::start());
        let answer = Scripted::default();
        rt.block_on(
            Mock::given(wiremock::matchers::any())
                .respond_with(answer.clone())
                .mount(&server),
        );
        let client = Client::builder(sandbox_key())
            .base_url(api_root(&server.uri()))
            // One answer per call: no retry of 5xx, no wait after 429, no local budget in the way.
            .retry(RetryConfig {
                max_retries: 0,
                initial_backoff: Duration::from_millis(1),
                max_backoff: Duration::from_millis(1),
            })
            .rate_limit(RateLimitConfig {
                requests_per_window: u32::MAX,
                max_429_retries: 0,
                ..RateLimitConfig::default()
            })
            .timeout(Duration::from_secs(10))
            .max_response_bytes(limit)
            .build()
            .unwrap();
        Harness {
            rt,
            _server: server,
            answer,
            client,
        }
    }

    fn call(&self, endpoint: Endpoint, status: u16, body: &[u8]) -> Result<String, ApiError> {
        *self.answer.0.lock().unwrap() = (status, body.to_vec());
        self.rt.block_on(endpoint.call(&self.client))
    }
}

/// The kind of an unreadable 2xx answer: a decode error for a read; for a write, an unknown
/// outcome (the server accepted it, so it may have been applied, and it is never re-sent).
fn unreadable_kind(endpoint: Endpoint) -> ErrorKind {
    if endpoint.is_write() {
        ErrorKind::OutcomeUnknown
    } else {
        ErrorKind::Decode
    }
}

/// Asserts a 2xx answer was refused as unreadable: for a read, a decode error with the status
/// and the body's start; for a write, an unknown outcome that says the answer could not be read.
fn assert_decode_error(
    endpoint: Endpoint,
    result: Result<String, ApiError>,
    body: &[u8],
    what: &str,
) {
    let err = match result {
        Ok(v) => panic!("{what}: decoded garbage as {v}"),
        Err(e) => e,
    };
    assert_eq!(err.kind(), unreadable_kind(endpoint), "{what}: {err}");
    if endpoint.is_write() {
        assert!(
            err.to_string().contains("could not be read"),
            "{what}: {err}"
        );
        return;
    }
    assert_eq!(err.status(), Some(200), "{what}");
    let ApiError::Decode { snippet, .. } = &err else {
        panic!("{what}: not a Decode error: {err:?}")
    };
    let expected: String = String::from_utf8_lossy(body).chars().take(200).collect();
    assert_eq!(snippet, &expected, "{what}: snippet");
}

/// The kind an error status maps to for `endpoint` (a write's 5xx is "outcome unknown").
fn kind_for(endpoint: Endpoint, status: u16) -> ErrorKind {
    match status {
        401 => ErrorKind::InvalidKey,
        403 => ErrorKind::NoAccess,
        404 => ErrorKind::NotFound,
        400 | 422 => ErrorKind::Validation,
        409 => ErrorKind::Conflict,
        429 => ErrorKind::RateLimited { reset: None },
        500..=599 if endpoint.is_write() => ErrorKind::OutcomeUnknown,
        500..=599 => ErrorKind::Server,
        _ => ErrorKind::Unexpected,
    }
}

/// What `user_message` must be: the string at `error.user_message`, `user_message` or
/// `userMessage` of a JSON object body, and nothing when the value there is not a string.
fn expected_user_message(body: &[u8]) -> Option<String> {
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) else {
        return None;
    };
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_owned);
    let nested = match map.get("error") {
        Some(Value::Object(obj)) => text(obj.get("user_message")),
        _ => None,
    };
    nested
        .or_else(|| text(map.get("user_message")))
        .or_else(|| text(map.get("userMessage")))
}

/// Every node of a JSON document below the root, as JSON-pointer paths.
fn pointers(value: &Value, prefix: &str, out: &mut Vec<String>) {
    let children: Vec<(String, &Value)> = match value {
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| (k.replace('~', "~0").replace('/', "~1"), v))
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => return,
    };
    for (key, child) in children {
        let path = format!("{prefix}/{key}");
        out.push(path.clone());
        pointers(child, &path, out);
    }
}

/// Values of every JSON type and some that look right but are not (bad dates, bad amounts).
fn wrong_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(json!(true)),
        Just(json!("abc")),
        Just(json!("")),
        Just(json!("12,500")),
        Just(json!("2024-13-45T99:99:99Z")),
        Just(json!("yesterday")),
        Just(json!(-1)),
        Just(json!(1.5)),
        Just(json!(18_446_744_073_709_551_615_u64)),
        Just(json!(1e300)),
        Just(json!([])),
        Just(json!([1, "a", null])),
        Just(json!({})),
        Just(json!({"id": 5, "status": []})),
        any::<i64>().prop_map(Value::from),
        "\\PC{0,20}".prop_map(Value::from),
    ]
}

/// Arbitrary JSON values, nested a few levels.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("escrow".to_owned()),
                    Just("balance".to_owned()),
                    Just("error".to_owned()),
                    Just("user_message".to_owned()),
                    Just("message".to_owned()),
                    "[a-z]{1,6}",
                ],
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn endpoint() -> impl Strategy<Value = Endpoint> {
    (0..ENDPOINTS.len()).prop_map(|i| ENDPOINTS[i])
}

const ERROR_STATUSES: [u16; 9] = [400, 401, 403, 404, 409, 422, 429, 500, 502];

const ERROR_FIXTURES: [&str; 8] = [
    "error_400_standard",
    "error_400_details",
    "error_400_business_payment_done",
    "error_401_invalid_key",
    "error_403_not_your_escrow",
    "error_404_escrow",
    "error_409_identity_conflict",
    "error_429_retry_after",
];

/// Error bodies: random bytes, truncated real error bodies, real ones with a node replaced by a
/// wrong type, and the business-rule shape with arbitrary values in every field.
fn error_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        (0..ERROR_FIXTURES.len(), any::<prop::sample::Index>()).prop_map(|(i, cut)| {
            let text = fixture(ERROR_FIXTURES[i]).into_bytes();
            text[..cut.index(text.len())].to_vec()
        }),
        (
            0..ERROR_FIXTURES.len(),
            any::<prop::sample::Index>(),
            wrong_value()
        )
            .prop_map(|(i, at, value)| {
                let mut doc: Value = serde_json::from_str(&fixture(ERROR_FIXTURES[i])).unwrap();
                let mut paths = Vec::new();
                pointers(&doc, "", &mut paths);
                if !paths.is_empty() {
                    *doc.pointer_mut(&paths[at.index(paths.len())]).unwrap() = value;
                }
                serde_json::to_vec(&doc).unwrap()
            }),
        (any_json(), any_json(), any_json(), any_json(), any_json()).prop_map(
            |(code, kind, message, user, top)| {
                serde_json::to_vec(&json!({
                    "error": {"code": code, "type": kind, "message": message, "user_message": user},
                    "userMessage": top,
                }))
                .unwrap()
            }
        ),
        (any_json(), any_json()).prop_map(|(error, user)| {
            serde_json::to_vec(&json!({"error": error, "user_message": user})).unwrap()
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Random bytes as a 200 body: not JSON → a decode error carrying the body's start.
    #[test]
    fn random_bytes_as_a_success_body_are_a_decode_error(
        endpoint in endpoint(),
        body in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        static H: OnceLock<Harness> = OnceLock::new();
        let h = H.get_or_init(Harness::new);
        {
            let result = h.call(endpoint, 200, &body);
            if !matches!(serde_json::from_slice::<Value>(&body), Ok(Value::Object(_))) {
                assert_decode_error(endpoint, result, &body, &format!("{endpoint:?}"));
            }
        }
    }

    /// Arbitrary JSON as a 200 body: a non-object is a decode error; an object either decodes
    /// (every field it lacks is optional) or is a decode error — nothing else, no panic.
    #[test]
    fn arbitrary_json_as_a_success_body_is_typed(endpoint in endpoint(), doc in any_json()) {
        static H: OnceLock<Harness> = OnceLock::new();
        let h = H.get_or_init(Harness::new);
        {
            let body = serde_json::to_vec(&doc).unwrap();
            let result = h.call(endpoint, 200, &body);
            if doc.is_object() {
                if let Err(e) = result {
                    assert_eq!(e.kind(), unreadable_kind(endpoint), "{endpoint:?} {doc}: {e}");
                }
            } else {
                assert_decode_error(endpoint, result, &body, &format!("{endpoint:?} {doc}"));
            }
        }
    }

    /// A real answer with one node (anywhere) replaced by a value of another type: it decodes
    /// the same as decoding that body directly would, or fails as a decode error.
    #[test]
    fn a_node_of_the_wrong_type_decodes_or_is_a_decode_error(
        endpoint in endpoint(),
        at in any::<prop::sample::Index>(),
        value in wrong_value(),
    ) {
        static H: OnceLock<Harness> = OnceLock::new();
        let h = H.get_or_init(Harness::new);
        {
            let mut doc: Value = serde_json::from_str(&fixture(endpoint.fixture())).unwrap();
            let mut paths = Vec::new();
            pointers(&doc, "", &mut paths);
            let path = &paths[at.index(paths.len())];
            *doc.pointer_mut(path).unwrap() = value.clone();
            let body = serde_json::to_vec(&doc).unwrap();
            match h.call(endpoint, 200, &body) {
                Ok(_) => {}
                // A checkout link that is not a DHMAD address is refused as suspicious.
                Err(e) if path == "/url" && e.kind() == ErrorKind::SuspiciousAnswer => {}
                Err(e) => {
                    assert_eq!(e.kind(), unreadable_kind(endpoint), "{endpoint:?} {path}={value}: {e}");
                    if !endpoint.is_write() {
                        assert_eq!(e.status(), Some(200));
                    }
                }
            }
        }
    }

    /// Error statuses with random, truncated or wrong-typed bodies: the kind follows the status,
    /// the server error keeps the status, and `user_message` is only ever a string from the body.
    #[test]
    fn error_statuses_give_their_kind_whatever_the_body(
        endpoint in endpoint(),
        status in prop::sample::select(ERROR_STATUSES.to_vec()),
        body in error_body(),
    ) {
        static H: OnceLock<Harness> = OnceLock::new();
        let h = H.get_or_init(Harness::new);
        {
            let err = h.call(endpoint, status, &body).unwrap_err();
            let mut expected = kind_for(endpoint, status);
            let server = err.server().unwrap();
            let says_not_associated = [&server.message, &server.error].iter().any(|m| {
                m.as_deref().is_some_and(|m| m.contains("must be associated with a user account"))
            });
            if status == 403 && says_not_associated {
                expected = ErrorKind::NotAssociated;
            }
            assert_eq!(err.kind(), expected, "{endpoint:?} {status}: {err}");
            assert_eq!(err.server().map(|s| s.status), Some(status), "{endpoint:?} {status}");
            assert_eq!(
                err.user_message().map(str::to_owned),
                expected_user_message(&body),
                "{endpoint:?} {status} {}",
                String::from_utf8_lossy(&body)
            );
        }
    }
}

/// Every cut of every real answer (and the empty body) is refused as a decode error.
#[test]
fn a_success_body_cut_at_every_point_is_a_decode_error() {
    let h = Harness::new();
    for endpoint in ENDPOINTS {
        let text = fixture(endpoint.fixture());
        let body = text.trim_end().as_bytes();
        for cut in 0..body.len() {
            let part = &body[..cut];
            assert_decode_error(
                endpoint,
                h.call(endpoint, 200, part),
                part,
                &format!("{endpoint:?} cut at {cut}"),
            );
        }
        h.call(endpoint, 200, body)
            .unwrap_or_else(|e| panic!("{endpoint:?} whole fixture: {e}"));
    }
}

/// A JSON array where the answer's object belongs: serde's derived structs would read it field by
/// field (`[["x"]]` as an escrow whose id is "x"); the client refuses it before decoding. Found
/// by `arbitrary_json_as_a_success_body_is_typed`.
#[test]
fn a_top_level_array_is_not_an_answer() {
    let h = Harness::new();
    for endpoint in ENDPOINTS {
        for body in [
            &b"[[\"d<x/y\"]]"[..],
            b" [1, 2, 3]",
            b"[{\"id\":\"65f1a2b3c4d5e6f7a8b9c0d1\"}]",
        ] {
            assert_decode_error(
                endpoint,
                h.call(endpoint, 200, body),
                body,
                &format!("{endpoint:?}"),
            );
        }
    }
}

/// Wrong types where the model is strict: a decode error, never a made-up value.
#[test]
fn wrong_types_of_typed_fields_are_decode_errors() {
    let h = Harness::new();
    let cases: &[(Endpoint, &str, Value)] = &[
        (Endpoint::Balance, "/balance/available", json!("abc")),
        (Endpoint::Balance, "/balance/available", Value::Null),
        (Endpoint::Balance, "/balance/pending", json!([])),
        (Endpoint::Balance, "/balance/escrow", json!({})),
        (Endpoint::Balance, "/balance/escrow", json!(true)),
        // (A 3-element array would decode: serde's derived structs accept the sequence form.)
        (Endpoint::Balance, "/balance", json!([1, 2])),
        (Endpoint::Balance, "/balance", Value::Null),
        (Endpoint::GetEscrow, "/escrow/amount", json!("abc")),
        (Endpoint::GetEscrow, "/escrow/amount", json!("12,500")),
        (Endpoint::GetEscrow, "/escrow/amount", json!([1000])),
        (
            Endpoint::GetEscrow,
            "/escrow/escrowFee",
            json!({"value": 50}),
        ),
        (Endpoint::GetEscrow, "/escrow/status", json!(3)),
        (Endpoint::GetEscrow, "/escrow/mode", json!(["standard"])),
        (Endpoint::GetEscrow, "/escrow/createdAt", json!("yesterday")),
        (
            Endpoint::GetEscrow,
            "/escrow/createdAt",
            json!("2024-13-45T99:99:99Z"),
        ),
        (Endpoint::GetEscrow, "/escrow/paidAt", json!(1_705_395_600)),
        (Endpoint::GetEscrow, "/escrow/id", json!(42)),
        (Endpoint::GetEscrow, "/escrow/id", json!({"oid": "x"})),
        (
            Endpoint::GetEscrow,
            "/escrow/estimatedDeliveryDays",
            json!(-1),
        ),
        (
            Endpoint::GetEscrow,
            "/escrow/estimatedDeliveryDays",
            json!(1.5),
        ),
        (
            Endpoint::GetEscrow,
            "/escrow/estimatedDeliveryDays",
            json!("7"),
        ),
        (
            Endpoint::GetEscrow,
            "/escrow/estimatedDeliveryDays",
            json!(4_294_967_296_u64),
        ),
        (Endpoint::GetEscrow, "/escrow/title", json!(12)),
        (Endpoint::GetEscrow, "/escrow/seller", json!(12)),
        (
            Endpoint::GetEscrow,
            "/escrow/signatures/sellerSigned",
            json!("yes"),
        ),
        (
            Endpoint::GetEscrow,
            "/escrow",
            json!("507f1f77bcf86cd799439011"),
        ),
        (Endpoint::ListEscrows, "/escrows", json!({})),
        (Endpoint::ListEscrows, "/escrows", json!("none")),
        (Endpoint::ListEscrows, "/pagination", json!("page one")),
        (Endpoint::Me, "/apiKey", Value::Null),
        (Endpoint::Me, "/apiKey/id", json!(7)),
        (Endpoint::Me, "/apiKey/isActive", json!("true")),
        (Endpoint::Me, "/apiKey/rateLimit", json!("100")),
        (Endpoint::Me, "/developer", json!([])),
    ];
    for (endpoint, path, value) in cases {
        let mut doc: Value = serde_json::from_str(&fixture(endpoint.fixture())).unwrap();
        *doc.pointer_mut(path)
            .unwrap_or_else(|| panic!("{endpoint:?}: no {path}")) = value.clone();
        let body = serde_json::to_vec(&doc).unwrap();
        assert_decode_error(
            *endpoint,
            h.call(*endpoint, 200, &body),
            &body,
            &format!("{endpoint:?} {path} = {value}"),
        );
    }
}

/// The forward-compatibility rules of the client: an unknown status is kept as `Unknown`, an
/// optional field set to null is absent, and a missing id with `_id` present still decodes.
#[test]
fn tolerated_values_decode_as_the_contract_says() {
    let h = Harness::new();
    let get = |path: &str, value: Value| {
        let mut doc: Value = serde_json::from_str(&fixture("escrow_get")).unwrap();
        *doc.pointer_mut(path).unwrap() = value;
        let body = serde_json::to_vec(&doc).unwrap();
        *h.answer.0.lock().unwrap() = (200, body);
        h.rt.block_on(h.client.escrows().get(&"e1".into())).unwrap()
    };
    let escrow = get("/escrow/status", json!("teleported"));
    assert_eq!(
        escrow.status,
        Some(EscrowStatus::Unknown("teleported".into()))
    );
    assert_eq!(get("/escrow/amount", Value::Null).amount, None);
    assert_eq!(
        get("/escrow/amount", json!("1000.500")).amount,
        Some(Money::from_millimes(1_000_500))
    );
    assert_eq!(
        get("/escrow/id", Value::Null).id.as_str(),
        "507f1f77bcf86cd799439011"
    );
    // Pagination only informs (lists are read until a short page): odd values are dropped.
    let list = |path: &str, value: Value| {
        let mut doc: Value = serde_json::from_str(&fixture("escrow_list")).unwrap();
        *doc.pointer_mut(path).unwrap() = value;
        *h.answer.0.lock().unwrap() = (200, serde_json::to_vec(&doc).unwrap());
        h.rt.block_on(h.client.escrows().list(&ListEscrows::default()))
            .unwrap()
    };
    assert_eq!(
        list("/pagination/page", json!("1")).pagination.page,
        Some(1)
    );
    assert_eq!(list("/pagination/total", json!(-5)).pagination.total, None);
    assert_eq!(
        list("/pagination", Value::Null).pagination,
        Pagination::default()
    );
}

/// A required value that is null is a decode error that names the field; an optional or
/// defaulted one that is null reads as absent (`GET /me` with `"metadata": null`).
#[test]
fn a_required_null_names_its_field_and_an_optional_null_is_absent() {
    let h = Harness::new();
    let with = |endpoint: Endpoint, path: &str| {
        let mut doc: Value = serde_json::from_str(&fixture(endpoint.fixture())).unwrap();
        *doc.pointer_mut(path).unwrap() = Value::Null;
        serde_json::to_vec(&doc).unwrap()
    };
    let me = h.call(Endpoint::Me, 200, &with(Endpoint::Me, "/apiKey/metadata"));
    assert!(me.unwrap().contains("metadata: {}"));
    let cases = [
        (
            Endpoint::Balance,
            "/balance/available",
            "`balance.available`",
        ),
        (Endpoint::Me, "/developer/id", "`developer`"),
        (Endpoint::Me, "/developer", "`developer`"),
        (Endpoint::GetEscrow, "/escrow/_id", "`escrow`"),
        (Endpoint::CreateSession, "/url", "`url`"),
    ];
    for (endpoint, path, named) in cases {
        let mut body = with(endpoint, path);
        if path == "/escrow/_id" {
            body = with_both_null(&body);
        }
        let err = h.call(endpoint, 200, &body).unwrap_err();
        assert_eq!(err.kind(), unreadable_kind(endpoint), "{path}: {err}");
        assert!(err.to_string().contains(named), "{path}: {err}");
    }
}

fn with_both_null(body: &[u8]) -> Vec<u8> {
    let mut doc: Value = serde_json::from_slice(body).unwrap();
    doc["escrow"]["id"] = Value::Null;
    serde_json::to_vec(&doc).unwrap()
}

/// 100,000 nested arrays: serde_json's depth limit turns it into an error, not a stack
/// overflow — as the whole body, inside an ignored field, and as an error body.
#[test]
fn deeply_nested_json_is_an_error_not_a_stack_overflow() {
    let h = Harness::new();
    let depth = 100_000;
    let nest = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    for endpoint in ENDPOINTS {
        assert_decode_error(
            endpoint,
            h.call(endpoint, 200, nest.as_bytes()),
            nest.as_bytes(),
            &format!("{endpoint:?} bare"),
        );
    }
    // An unknown field is skipped without recursion, so even this deep it is just ignored.
    let hidden =
        format!("{{\"balance\":{{\"available\":1,\"pending\":2,\"escrow\":3,\"extra\":{nest}}}}}");
    let balance = h.call(Endpoint::Balance, 200, hidden.as_bytes()).unwrap();
    assert_eq!(
        balance,
        "Balance { available: Money(1000), pending: Money(2000), escrow: Money(3000) }"
    );
    let deep_known = format!("{{\"balance\":{{\"available\":1,\"pending\":2,\"escrow\":{nest}}}}}");
    assert_decode_error(
        Endpoint::Balance,
        h.call(Endpoint::Balance, 200, deep_known.as_bytes()),
        deep_known.as_bytes(),
        "nested in a known field",
    );
    let objects = format!("{}{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    assert_decode_error(
        Endpoint::GetEscrow,
        h.call(Endpoint::GetEscrow, 200, objects.as_bytes()),
        objects.as_bytes(),
        "nested objects",
    );
    let error_body = format!("{{\"error\":\"Bad Request\",\"message\":{nest}}}");
    let err = h
        .call(Endpoint::CreateEscrow, 400, error_body.as_bytes())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert_eq!(err.user_message(), None);
}

/// A body exactly at the cap is read; one byte more is `ResponseTooLarge` (kind `Decode`) on a
/// 2xx, and on an error status the status still decides the kind.
#[test]
fn the_body_cap_is_exact() {
    let limit = 4096;
    let h = Harness::with_limit(limit);
    let balance = fixture("balance");
    let padded = |len: usize| format!("{balance:<len$}").into_bytes();
    let endpoint = Endpoint::Balance;
    let at = padded(limit);
    assert_eq!(at.len(), limit);
    assert!(
        h.call(endpoint, 200, &at).is_ok(),
        "a body of exactly the cap"
    );
    let over = padded(limit + 1);
    let err = h.call(endpoint, 200, &over).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.status(), Some(200));
    let ApiError::ResponseTooLarge {
        status,
        limit: said,
        method,
        path,
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!((*status, *said), (200, limit));
    assert_eq!((method.as_str(), path.as_str()), ("GET", "/balance"));
    let big = vec![b' '; limit * 3];
    // A write's answer too large to read may still mean the escrow was made.
    let created = h.call(Endpoint::CreateEscrow, 201, &big).unwrap_err();
    assert_eq!(created.kind(), ErrorKind::OutcomeUnknown, "{created:?}");
    for status in ERROR_STATUSES {
        for endpoint in [Endpoint::GetEscrow, Endpoint::CreateEscrow] {
            let err = h.call(endpoint, status, &big).unwrap_err();
            assert_eq!(
                err.kind(),
                kind_for(endpoint, status),
                "{endpoint:?} {status}"
            );
            assert_eq!(err.server().map(|s| s.status), Some(status));
            assert!(
                err.message().contains("larger than 4096 bytes"),
                "{}",
                err.message()
            );
        }
    }
}

/// A raw server that answers 200 with `head_extra` headers and then streams `[` until the
/// client hangs up (or 256 MiB); returns its address and the count of bytes it managed to send.
async fn endless_server(head_extra: &'static str) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let sent = Arc::new(AtomicUsize::new(0));
    let counter = sent.clone();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 4096];
        let _ = socket.read(&mut request).await;
        let head = format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{head_extra}\r\n");
        if socket.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let chunk = vec![b'['; 64 * 1024];
        while counter.load(Ordering::SeqCst) < 256 * 1024 * 1024 {
            if socket.write_all(&chunk).await.is_err() {
                return;
            }
            counter.fetch_add(chunk.len(), Ordering::SeqCst);
        }
    });
    (format!("http://{addr}"), sent)
}

/// An endless body — with no `Content-Length`, or with one that lies — stops at the default cap
/// while streaming: the client hangs up instead of buffering the rest.
#[tokio::test]
async fn an_endless_body_stops_at_the_default_cap() {
    for head in ["Connection: close\r\n", "Content-Length: 1073741824\r\n"] {
        let (uri, sent) = endless_server(head).await;
        let client = Client::builder(sandbox_key())
            .base_url(api_root(&uri))
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap();
        let err = client.balance().await.unwrap_err();
        let ApiError::ResponseTooLarge { status, limit, .. } = &err else {
            panic!("{head}: {err:?}")
        };
        assert_eq!((*status, *limit), (200, DEFAULT_MAX_RESPONSE_BYTES));
        // Let the server notice the hang-up, then check it was not drained to the end.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let total = sent.load(Ordering::SeqCst);
        assert!(
            total < DEFAULT_MAX_RESPONSE_BYTES + 16 * 1024 * 1024,
            "{head}: the server sent {total} bytes"
        );
    }
}

/// A `Content-Length` shorter than the body: only that many bytes are read, so the JSON is cut
/// and refused as a decode error, not read past its announced end.
#[tokio::test]
async fn a_short_content_length_is_a_decode_error() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 4096];
        let _ = socket.read(&mut request).await;
        let body = fixture("balance");
        let answer = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n{body}"
        );
        let _ = socket.write_all(answer.as_bytes()).await;
    });
    let client = Client::builder(sandbox_key())
        .base_url(api_root(&format!("http://{addr}")))
        .retry(crate::fast_retry())
        .build()
        .unwrap();
    let err = client.balance().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
    let ApiError::Decode { snippet, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(snippet, &fixture("balance")[..20]);
}

/// A replaced transport that buffers a huge body itself is still refused by the client's check.
#[derive(Debug)]
struct HugeBody;

impl Transport for HugeBody {
    fn send(&self, _request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async {
            Ok(HttpResponse {
                status: reqwest::StatusCode::OK,
                headers: reqwest::header::HeaderMap::new(),
                body: bytes::Bytes::from(vec![b' '; 2048]),
            })
        })
    }
}

#[tokio::test]
async fn a_custom_transport_is_held_to_the_cap() {
    let client = Client::builder(sandbox_key())
        .transport(Arc::new(HugeBody))
        .max_response_bytes(1024)
        .build()
        .unwrap();
    let err = client.me().await.unwrap_err();
    assert!(
        matches!(
            err,
            ApiError::ResponseTooLarge {
                status: 200,
                limit: 1024,
                ..
            }
        ),
        "{err:?}"
    );
}
