//! The control API on a bind other than loopback: the simulator listens on every interface
//! (`0.0.0.0`) and the tests reach it through 127.0.0.1 only, so no traffic leaves the machine.
//! What a peer on the network would meet (a non-loopback peer address) is covered by the unit
//! tests of `control_access`.

use dhmad_sim::{SimConfig, Simulator};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const TOKEN_HEADER: &str = "x-sim-control-token";

async fn network_sim(token: Option<&str>) -> (Simulator, String) {
    let sim = Simulator::start(SimConfig {
        host: "0.0.0.0".into(),
        control_token: token.map(str::to_owned),
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let local = format!("http://127.0.0.1:{}", sim.addr().port());
    (sim, local)
}

async fn status_of(request: reqwest::RequestBuilder) -> (u16, Value) {
    let r = request.send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_network_bind_answers_403_to_control_requests_without_the_token() {
    let (sim, local) = network_sim(Some("s3cret-token")).await;
    let http = reqwest::Client::new();
    let demo = format!("{local}/__sim/demo");

    let (status, body) = status_of(http.get(&demo)).await;
    assert_eq!(status, 403, "{body}");
    assert!(!body.to_string().contains("sk_sandbox_"), "{body}");
    let (status, _) = status_of(http.get(&demo).header(TOKEN_HEADER, "wrong")).await;
    assert_eq!(status, 403);
    let reset = http.post(format!("{local}/__sim/reset")).json(&json!({}));
    assert_eq!(status_of(reset).await.0, 403);

    let (status, body) = status_of(http.get(&demo).header(TOKEN_HEADER, "s3cret-token")).await;
    assert_eq!(
        (status, body["apiKey"].clone()),
        (200, json!(sim.demo().api_key))
    );

    // The API itself is unchanged: the demo key works without the control token.
    let me = http
        .get(format!("{local}/api/v1/me"))
        .bearer_auth(sim.demo().api_key);
    assert_eq!(status_of(me).await.0, 200);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_network_bind_without_a_token_makes_one() {
    let (sim, local) = network_sim(None).await;
    let token = sim
        .control_token()
        .expect("a token is made for a network bind");
    assert_eq!(token.len(), 64);
    let (status, _) = status_of(
        reqwest::Client::new()
            .get(format!("{local}/__sim/clock"))
            .header(TOKEN_HEADER, &token),
    )
    .await;
    assert_eq!(status, 200);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_control_post_that_is_not_json_is_refused_and_changes_nothing() {
    let sim = Simulator::start(SimConfig::default()).await.unwrap();
    let http = reqwest::Client::new();
    // What a web page's form could send to the simulator on the merchant's machine.
    let form = http
        .post(format!("{}/__sim/clock/advance", sim.origin()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("seconds=3600");
    assert_eq!(status_of(form).await.0, 415);
    let (status, clock) = status_of(http.get(format!("{}/__sim/clock", sim.origin()))).await;
    assert_eq!((status, clock["offsetSeconds"].clone()), (200, json!(0)));
    sim.shutdown().await;
}

/// Runs the binary with `args` and returns its start-up lines (up to the checkout line).
fn start_lines(args: &[&str]) -> Vec<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dhmad-sim"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = Vec::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        let last = line.starts_with("checkout: ");
        lines.push(line);
        if last {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    lines
}

#[test]
fn the_binary_on_a_network_bind_prints_the_token_and_hides_the_key() {
    let lines = start_lines(&[
        "--host",
        "0.0.0.0",
        "--port",
        "0",
        "--control-token",
        "tok-1",
    ]);
    let text = lines.join("\n");
    assert!(lines.contains(&"control token: tok-1".to_owned()), "{text}");
    assert!(!text.contains("sk_sandbox_"), "{text}");
    assert!(text.contains("api key: (not printed"), "{text}");

    let lines = start_lines(&["--host", "0.0.0.0", "--port", "0", "--print-key"]);
    let text = lines.join("\n");
    assert!(text.contains("api key: sk_sandbox_"), "{text}");
    assert!(text.contains("control token: "), "{text}");
}

#[test]
fn the_binary_on_loopback_prints_the_key_and_no_token() {
    let text = start_lines(&["--port", "0"]).join("\n");
    assert!(text.contains("api key: sk_sandbox_"), "{text}");
    assert!(!text.contains("control token"), "{text}");
}
