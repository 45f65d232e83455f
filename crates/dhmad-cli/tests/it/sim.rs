//! The book commands' harness: the real simulator in-process on 127.0.0.1:0, a temporary data
//! folder, and the built `dhmad` binary.

use std::process::{Output, Stdio};

use dhmad_sim::{SimConfig, Simulator};
use serde_json::{Value, json};
use tempfile::TempDir;

/// A simulator and a data folder for one test.
pub struct Shop {
    pub sim: Simulator,
    pub data: TempDir,
    pub http: reqwest::Client,
}

impl Shop {
    /// A simulator seeded with `history` past escrows of the demo merchant.
    pub async fn start(history: usize) -> Self {
        Self::start_with(SimConfig {
            history,
            ..SimConfig::default()
        })
        .await
    }

    /// A simulator with `config` (e.g. no rate limit, for tests that restart the CLI often).
    pub async fn start_with(config: SimConfig) -> Self {
        let sim = Simulator::start(config).await.expect("simulator starts");
        Shop {
            sim,
            data: tempfile::tempdir().expect("temp dir"),
            http: reqwest::Client::new(),
        }
    }

    /// `dhmad` with no key or base URL from the test's own environment and `--data-dir`.
    pub fn bare(&self) -> tokio::process::Command {
        let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_dhmad"));
        for var in ["DHMAD_API_KEY", "DHMAD_BASE_URL", "DHMAD_REDIRECT_URL"] {
            cmd.env_remove(var);
        }
        cmd.arg("--data-dir").arg(self.data.path());
        cmd.stdin(Stdio::null());
        cmd.kill_on_drop(true);
        cmd
    }

    /// `dhmad` for cron/CI: the demo key and base URL in the environment, no keychain.
    pub fn with_env_key(&self) -> tokio::process::Command {
        let mut cmd = self.bare();
        cmd.env("DHMAD_API_KEY", self.sim.demo().api_key)
            .env("DHMAD_BASE_URL", self.sim.base_url());
        cmd
    }

    /// Runs `dhmad ARGS` with the env key to the end.
    pub async fn run(&self, args: &[&str]) -> Output {
        self.with_env_key()
            .args(args)
            .output()
            .await
            .expect("dhmad runs")
    }

    /// `GET|POST|DELETE /__sim/...` → JSON.
    pub async fn control(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        let url = format!("{}/__sim/{path}", self.sim.origin());
        let mut req = self.http.request(method.clone(), &url);
        if method == reqwest::Method::POST {
            req = req.json(&body);
        }
        let res = req.send().await.expect("control API answers");
        assert!(
            res.status().is_success(),
            "{method} {url}: {}",
            res.status()
        );
        res.json().await.unwrap_or(Value::Null)
    }

    /// `/api/v1` requests the simulator logged since the last reset.
    pub async fn api_requests(&self) -> usize {
        let log = self
            .control(reqwest::Method::GET, "requests", Value::Null)
            .await;
        log["requests"]
            .as_array()
            .expect("requests array")
            .iter()
            .filter(|r| {
                r["path"]
                    .as_str()
                    .unwrap_or_default()
                    .starts_with("/api/v1")
            })
            .count()
    }

    /// Every escrow the simulator lists for the demo merchant, read straight from the API.
    pub async fn all_escrows(&self) -> Vec<Value> {
        let mut all = Vec::new();
        for page in 1.. {
            let url = format!("{}/escrows?page={page}&limit=100", self.sim.base_url());
            let body: Value = self
                .http
                .get(url)
                .bearer_auth(self.sim.demo().api_key)
                .send()
                .await
                .expect("list answers")
                .json()
                .await
                .expect("list is JSON");
            let escrows = body["escrows"].as_array().expect("escrows array").clone();
            if escrows.is_empty() {
                break;
            }
            all.extend(escrows);
            if page >= body["pagination"]["pages"].as_u64().unwrap_or(1) {
                break;
            }
        }
        all
    }

    /// The JSON body of an authenticated `GET {base_url}/{path}`, as the merchant's key sees it.
    async fn api_get(&self, path: &str) -> Value {
        self.http
            .get(format!("{}/{path}", self.sim.base_url()))
            .bearer_auth(self.sim.demo().api_key)
            .send()
            .await
            .expect("get answers")
            .json()
            .await
            .expect("the answer is JSON")
    }

    /// One escrow as the API returns it.
    pub async fn escrow(&self, id: &str) -> Value {
        self.api_get(&format!("escrows/{id}")).await["escrow"].clone()
    }

    /// The account's balance as the API returns it.
    pub async fn balance(&self) -> Value {
        self.api_get("balance").await["balance"].clone()
    }

    /// Registers a buyer with money in the wallet.
    pub async fn buyer(&self, email: &str) {
        self.control(
            reqwest::Method::POST,
            "users",
            json!({"email": email, "firstName": "Amine", "lastName": "Trabelsi", "balance": 500}),
        )
        .await;
    }
}

/// A JSON amount (e.g. `12.345` or `500`) in millimes, exactly.
pub fn millimes(amount: &Value) -> i64 {
    let text = amount.to_string();
    let (units, decimals) = text.split_once('.').unwrap_or((&text, ""));
    assert!(decimals.len() <= 3, "more than 3 decimals: {text}");
    let decimals = format!("{decimals:0<3}");
    units.parse::<i64>().expect("units") * 1000 + decimals.parse::<i64>().expect("decimals")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
