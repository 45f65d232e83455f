//! Helpers to run flows against an in-process dhmad-sim.

use dhmad_api::Client;
use dhmad_sim::{SimConfig, Simulator};
use serde_json::{Value, json};

pub struct Sim {
    pub sim: Simulator,
    pub http: reqwest::Client,
}

impl Sim {
    pub async fn start(history: usize) -> Sim {
        Self::start_with(history, None).await
    }

    /// With the sim's rate limit (requests per minute) on.
    pub async fn start_with(history: usize, rate_limit: Option<u32>) -> Sim {
        let sim = Simulator::start(SimConfig {
            history,
            rate_limit,
            ..SimConfig::default()
        })
        .await
        .unwrap();
        Sim {
            sim,
            http: reqwest::Client::new(),
        }
    }

    pub fn client(&self) -> Client {
        self.client_for(&self.sim.demo().api_key)
    }

    pub fn client_for(&self, key: &str) -> Client {
        // Confirmed as a proxy so a live key can reach the simulator and be refused by it.
        Client::builder(key)
            .base_url(self.sim.base_url().parse().unwrap())
            .confirm_proxy(true)
            .build()
            .unwrap()
    }

    fn ctl(&self, path: &str) -> String {
        format!("{}/__sim{path}", self.sim.origin())
    }

    pub async fn post(&self, path: &str, body: Value) -> Value {
        let r = self
            .http
            .post(self.ctl(path))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = r.status();
        let v: Value = r.json().await.unwrap_or(Value::Null);
        assert!(status.is_success(), "{path}: {status} {v}");
        v
    }

    pub async fn delete(&self, path: &str) {
        let r = self.http.delete(self.ctl(path)).send().await.unwrap();
        assert!(r.status().is_success());
    }

    /// Resets the request log.
    pub async fn reset_requests(&self) {
        self.delete("/requests").await;
    }

    /// The API requests logged since the last reset (control calls excluded).
    pub async fn requests(&self) -> Vec<Value> {
        let v: Value = self
            .http
            .get(self.ctl("/requests"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        v["requests"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["path"].as_str().unwrap_or("").starts_with("/api/v1"))
            .cloned()
            .collect()
    }

    pub async fn complete_session(&self, session_id: &str) -> Value {
        self.post(&format!("/sessions/{session_id}/complete"), json!({}))
            .await
    }
}
