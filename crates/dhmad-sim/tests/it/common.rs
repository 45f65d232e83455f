//! Test harness: a simulator per test and small HTTP helpers returning (status, JSON).

use dhmad_sim::{SimConfig, Simulator};
use reqwest::{Client, Method};
use serde_json::{Value, json};

pub const MERCHANT: &str = "merchant@demo.dhmad.test";
pub const RETURN_URL: &str = "https://merchant.example/return";

pub struct Ctx {
    pub sim: Simulator,
    pub c: Client,
    pub key: String,
    pub base: String,
    pub origin: String,
}

impl Ctx {
    /// A simulator without rate limiting (tests make many calls).
    pub async fn new() -> Self {
        Self::with(SimConfig {
            rate_limit: None,
            ..SimConfig::default()
        })
        .await
    }

    pub async fn with(config: SimConfig) -> Self {
        let sim = Simulator::start(config).await.unwrap();
        let key = sim.demo().api_key;
        let base = sim.base_url();
        let origin = sim.origin();
        Self {
            sim,
            c: Client::new(),
            key,
            base,
            origin,
        }
    }

    pub async fn call_as(
        &self,
        key: Option<&str>,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut rb = self.c.request(method, format!("{}{path}", self.base));
        if let Some(k) = key {
            rb = rb.bearer_auth(k);
        }
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        let r = rb.send().await.unwrap();
        let status = r.status().as_u16();
        let text = r.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.call_as(Some(&self.key), Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.call_as(Some(&self.key), Method::POST, path, Some(body))
            .await
    }

    pub async fn put(&self, path: &str, body: Value) -> (u16, Value) {
        self.call_as(Some(&self.key), Method::PUT, path, Some(body))
            .await
    }

    pub async fn sim(&self, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut rb = self
            .c
            .request(method.clone(), format!("{}/__sim{path}", self.origin));
        // A control POST must be JSON (the simulator refuses anything else), even with no fields.
        match body {
            Some(b) => rb = rb.json(&b),
            None if method == Method::POST => rb = rb.json(&serde_json::json!({})),
            None => {}
        }
        let r = rb.send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn sim_post(&self, path: &str, body: Value) -> (u16, Value) {
        self.sim(Method::POST, path, Some(body)).await
    }

    /// Registers a user through the control API.
    pub async fn user(&self, email: &str, balance: f64) -> Value {
        let (s, v) = self.sim_post("/users", json!({"email": email, "firstName": "Test", "lastName": "User", "balance": balance})).await;
        assert_eq!(s, 201, "{v}");
        v
    }

    /// A second developer; returns its api key.
    pub async fn developer(&self, email: &str, assoc: Option<&str>) -> String {
        let mut body = json!({"email": email, "companyName": "Other Co"});
        if let Some(a) = assoc {
            body["associatedUserEmail"] = json!(a);
        }
        let (s, v) = self.sim_post("/developers", body).await;
        assert_eq!(s, 201, "{v}");
        v["apiKey"].as_str().unwrap().to_owned()
    }

    /// Creates an escrow and returns its id.
    pub async fn escrow(&self, body: Value) -> String {
        let (s, v) = self.post("/escrows", body).await;
        assert_eq!(s, 201, "{v}");
        v["escrow"]["id"].as_str().unwrap().to_owned()
    }

    pub async fn escrow_json(&self, id: &str) -> Value {
        let (s, v) = self.get(&format!("/escrows/{id}")).await;
        assert_eq!(s, 200, "{v}");
        v["escrow"].clone()
    }

    /// Opens a session and performs it through `/__sim`; returns the control response.
    pub async fn act(&self, id: &str, action: &str, target: &str, input: Value) -> Value {
        let sid = self.session(id, action, target).await;
        let (s, v) = self
            .sim_post(&format!("/sessions/{sid}/complete"), input)
            .await;
        assert_eq!(s, 200, "{action}: {v}");
        self.assert_invariant().await;
        v
    }

    pub async fn session(&self, id: &str, action: &str, target: &str) -> String {
        let (s, v) = self
            .post(
                &format!("/escrows/{id}/sessions"),
                json!({"action": action, "targetUserEmail": target, "redirectUrl": RETURN_URL}),
            )
            .await;
        assert_eq!(s, 201, "{action}: {v}");
        v["sessionId"].as_str().unwrap().to_owned()
    }

    pub async fn assert_invariant(&self) {
        let (_, b) = self.sim(Method::GET, "/balances", None).await;
        assert_eq!(b["invariantHolds"], json!(true), "{b}");
    }

    /// (available, pending, escrow) of a user, as JSON numbers.
    pub async fn wallet(&self, email: &str) -> Value {
        let (_, b) = self.sim(Method::GET, "/balances", None).await;
        let u = b["users"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["email"] == json!(email))
            .unwrap()
            .clone();
        json!([u["available"], u["pending"], u["escrow"]])
    }

    pub async fn advance(&self, seconds: i64) {
        let (s, _) = self
            .sim_post("/clock/advance", json!({"seconds": seconds}))
            .await;
        assert_eq!(s, 200);
    }
}

/// A standard escrow body sold by the merchant.
pub fn standard(buyer: &str, amount: f64) -> Value {
    json!({
        "title": "Website design",
        "amount": amount,
        "buyerEmail": buyer,
        "estimatedDeliveryDays": 7,
        "contractTerms": "Deliver a working website within 7 days.",
    })
}

/// A quick escrow body sold by the merchant.
pub fn quick(buyer: &str, amount: f64) -> Value {
    json!({"title": "Phone case", "amount": amount, "buyerEmail": buyer, "mode": "quick", "estimatedDeliveryDays": 2})
}
