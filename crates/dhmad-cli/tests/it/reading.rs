//! Nothing is lost silently: `escrows list --all` warns on stderr when records cannot be read or
//! the server's total disagrees, and `sync --json` lists the unreadable records the book keeps
//! until a later sync reads them well (wiremock: answers the simulator never gives).

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::{KEY, dhmad, stdout_json};

fn escrow(i: usize) -> Value {
    json!({"id": format!("e{i:04}"), "title": "Sale", "amount": 10, "status": "completed",
           "createdAt": "2026-01-01T00:00:00Z"})
}

/// `GET /escrows`: the list (status-filtered when asked), 100 per page, with `total`.
#[derive(Clone)]
struct Lists {
    escrows: Arc<Mutex<Vec<Value>>>,
    total: Option<usize>,
}

impl Respond for Lists {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let query = |key: &str| {
            req.url
                .query_pairs()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.into_owned())
        };
        let status = query("status");
        let page: usize = query("page").and_then(|p| p.parse().ok()).unwrap_or(1);
        let all = self.escrows.lock().unwrap();
        let list: Vec<&Value> = all
            .iter()
            .filter(|e| status.as_deref().is_none_or(|s| e["status"] == s))
            .collect();
        let items: Vec<&Value> = list
            .iter()
            .skip((page - 1) * 100)
            .take(100)
            .copied()
            .collect();
        let total = self.total.unwrap_or(list.len());
        ResponseTemplate::new(200).set_body_json(json!({
            "escrows": items,
            "pagination": {"page": page, "limit": 100, "total": total},
        }))
    }
}

async fn serve(escrows: Vec<Value>, total: Option<usize>) -> (MockServer, Lists) {
    let server = MockServer::start().await;
    let lists = Lists {
        escrows: Arc::new(Mutex::new(escrows)),
        total,
    };
    Mock::given(method("GET"))
        .and(path("/api/v1/escrows"))
        .respond_with(lists.clone())
        .mount(&server)
        .await;
    (server, lists)
}

fn base(server: &MockServer) -> String {
    format!("{}/api/v1", server.uri())
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[tokio::test]
async fn list_all_warns_when_the_total_disagrees() {
    let (server, _) = serve((0..120).map(escrow).collect(), Some(1000)).await;
    let out = dhmad(&base(&server), &["escrows", "list", "--all"]).await;
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert_eq!(stdout_json(&out).as_array().unwrap().len(), 120);
    assert!(
        stderr(&out).contains("announced 1000 escrows but 120 were received"),
        "{}",
        stderr(&out)
    );
}

#[tokio::test]
async fn list_all_names_the_records_it_could_not_read() {
    let mut escrows: Vec<Value> = (0..3).map(escrow).collect();
    escrows[1]["amount"] = json!("10.0001");
    let (server, _) = serve(escrows, None).await;
    let out = dhmad(&base(&server), &["escrows", "list", "--all"]).await;
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let ids: Vec<Value> = stdout_json(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].clone())
        .collect();
    assert_eq!(ids, [json!("e0000"), json!("e0002")]);
    let err = stderr(&out);
    assert!(err.contains("1 escrow could not be read"), "{err}");
    assert!(
        err.contains("record e0001") && err.contains("more than 3 decimals"),
        "{err}"
    );
}

async fn sync_json(server: &MockServer, data: &tempfile::TempDir) -> Value {
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_dhmad"))
        .env_remove("DHMAD_BASE_URL")
        .env("DHMAD_API_KEY", KEY)
        .arg("--data-dir")
        .arg(data.path())
        .arg("--base-url")
        .arg(base(server))
        .args(["sync", "--json"])
        .output()
        .await
        .expect("dhmad runs");
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    stdout_json(&out)
}

#[tokio::test]
async fn sync_json_lists_an_unreadable_escrow_until_the_server_sends_it_well_formed() {
    let mut escrows: Vec<Value> = (0..3).map(escrow).collect();
    escrows[1]["amount"] = json!("10.0001");
    escrows[1]["buyerEmail"] = json!("amira@example.tn");
    let (server, lists) = serve(escrows, None).await;
    let data = tempfile::tempdir().unwrap();

    let report = sync_json(&server, &data).await;
    assert_eq!(report["new"], 2);
    let unreadable = report["unreadable"].as_array().unwrap();
    assert_eq!(unreadable.len(), 1, "{report:#}");
    assert_eq!(unreadable[0]["recordId"], "e0001");
    assert_eq!(unreadable[0]["endpoint"], "GET /escrows");
    let raw = unreadable[0]["raw"].as_str().unwrap();
    assert!(
        raw.contains("<redacted e-mail>") && !raw.contains("amira"),
        "{raw}"
    );

    lists.escrows.lock().unwrap()[1]["amount"] = json!(10);
    let report = sync_json(&server, &data).await;
    assert_eq!(report["unreadable"], json!([]), "{report:#}");
}
