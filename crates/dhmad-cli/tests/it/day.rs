//! The shop's day from the command line: `dhmad record`, `refund` and `drawer …` on the local
//! book, with DHMAD unreachable, killed mid-run, and the Z chain checked by `drawer verify`.

use std::collections::BTreeSet;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Output;

use merchant_core::{ProfileId, Profiles};
use rusqlite::Connection;
use serde_json::Value;

use crate::{KEY, stderr_json, stdout_json};

/// A data folder and the base URL every command is given.
pub(crate) struct Counter {
    data: tempfile::TempDir,
    base: String,
}

impl Counter {
    pub(crate) fn new(base: &str) -> Self {
        Self {
            data: tempfile::tempdir().unwrap(),
            base: base.to_owned(),
        }
    }

    pub(crate) fn command(&self, args: &[&str]) -> tokio::process::Command {
        let mut c = tokio::process::Command::new(env!("CARGO_BIN_EXE_dhmad"));
        c.env_remove("DHMAD_BASE_URL")
            .env("DHMAD_API_KEY", KEY)
            .arg("--data-dir")
            .arg(self.data.path())
            .arg("--base-url")
            .arg(&self.base)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        c
    }

    pub(crate) async fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().await.unwrap()
    }

    /// Runs and expects success; gives stdout as JSON when it is JSON.
    pub(crate) async fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args).await;
        assert!(
            out.status.success(),
            "dhmad {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    pub(crate) fn book_path(&self) -> PathBuf {
        Profiles::load(self.data.path())
            .unwrap()
            .book_path(&ProfileId::new("env").unwrap())
    }
}

/// A loopback port nothing listens on.
pub(crate) fn closed_port() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}/api/v1")
}

/// A JSON amount (exact decimal TND) in millimes, read from its text.
fn millimes(v: &Value) -> i64 {
    assert!(v.is_number(), "{v} is not a number");
    millimes_of(&v.to_string())
}

fn millimes_of(text: &str) -> i64 {
    let (int, dec) = text.split_once('.').unwrap_or((text, ""));
    assert!(dec.len() <= 3, "{text} has more than 3 decimals");
    int.parse::<i64>().unwrap() * 1000 + format!("{dec:0<3}").parse::<i64>().unwrap()
}

#[tokio::test]
async fn record_and_the_drawer_work_with_dhmad_unreachable_and_send_nothing() {
    // A listener that never accepts: any connection attempt would wait in its backlog.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let watched = format!("http://{}/api/v1", listener.local_addr().unwrap());
    for base in [closed_port(), watched] {
        let shop = Counter::new(&base);
        shop.ok(&["drawer", "open", "--float", "50.000"]).await;
        let sale = shop
            .ok(&[
                "record",
                "--method",
                "cash",
                "--amount",
                "12.350",
                "--title",
                "Bread",
                "--tendered",
                "20",
            ])
            .await;
        let sale = stdout_json(&sale);
        assert_eq!(
            (sale["receiptNo"].as_i64(), millimes(&sale["change"])),
            (Some(1), 7_650)
        );
        shop.ok(&[
            "record",
            "--method",
            "d17",
            "--amount",
            "8",
            "--title",
            "Dates",
            "--reference",
            "TX-9",
        ])
        .await;
        shop.ok(&[
            "refund",
            "1",
            "--amount",
            "2.350",
            "--reason",
            "one loaf back",
        ])
        .await;
        shop.ok(&["drawer", "move", "--out", "5.000", "--reason", "supplier"])
            .await;
        let x = stdout_json(&shop.ok(&["drawer", "x", "--json"]).await);
        assert_eq!(
            millimes(&x["byMethod"]["cash"]["expected"]),
            50_000 + 12_350 - 2_350 - 5_000
        );
        let z = stdout_json(
            &shop
                .ok(&["drawer", "close", "--counted", "cash=55.000", "--json"])
                .await,
        );
        assert_eq!(millimes(&z["byMethod"]["cash"]["difference"]), 0);
        shop.ok(&["drawer", "verify"]).await;
    }
    assert!(
        matches!(listener.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "a day's command tried to reach DHMAD"
    );
}

#[tokio::test]
async fn drawer_close_json_has_exactly_the_z_fields_and_adds_up_every_method() {
    let shop = Counter::new(&closed_port());
    shop.ok(&["drawer", "open", "--float", "20"]).await;
    let sales = [
        ("cash", "10.005"),
        ("card", "33.100"),
        ("d17", "7.250"),
        ("flouci", "1.001"),
        ("konnect", "99.999"),
        ("edinar", "4.500"),
        ("cheque", "120.000"),
        ("cash", "0.995"),
        ("card", "6.900"),
    ];
    for (method, amount) in sales {
        shop.ok(&[
            "record", "--method", method, "--amount", amount, "--title", "item",
        ])
        .await;
    }
    shop.ok(&["refund", "2", "--reason", "void"]).await;
    shop.ok(&["drawer", "move", "--in", "3.000", "--reason", "change"])
        .await;
    let out = shop
        .ok(&[
            "drawer",
            "close",
            "--counted",
            "cash=34",
            "--counted",
            "cheque=120",
            "--blind",
            "--cashier",
            "Amel",
            "--json",
        ])
        .await;
    let z = stdout_json(&out);
    let keys: BTreeSet<&str> = z.as_object().unwrap().keys().map(String::as_str).collect();
    let want: BTreeSet<&str> = [
        "number",
        "hash",
        "previousHash",
        "openedAt",
        "closedAt",
        "till",
        "cashier",
        "float",
        "byMethod",
        "paidIn",
        "paidOut",
        "receipts",
        "blind",
        "dhmad",
    ]
    .into_iter()
    .collect();
    assert_eq!(keys, want);
    for line in z["byMethod"].as_object().unwrap().values() {
        let keys: BTreeSet<&str> = line
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            ["counted", "difference", "expected", "refunds", "sales"]
                .into_iter()
                .collect()
        );
    }
    let dhmad: BTreeSet<&str> = z["dhmad"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        dhmad,
        ["cancelled", "held", "paidToday", "releasedToday"]
            .into_iter()
            .collect()
    );
    let mut by_method = std::collections::BTreeMap::<&str, i64>::new();
    for (method, amount) in sales {
        *by_method.entry(method).or_default() += millimes_of(amount);
    }
    for (method, total) in &by_method {
        assert_eq!(
            millimes(&z["byMethod"][method]["sales"]),
            *total,
            "{method}"
        );
    }
    assert_eq!(
        millimes(&z["byMethod"]["cash"]["expected"]),
        20_000 + 11_000 + 3_000
    );
    assert_eq!(millimes(&z["byMethod"]["cash"]["difference"]), 0);
    assert_eq!(millimes(&z["byMethod"]["card"]["refunds"]), 33_100);
    assert_eq!(z["byMethod"]["d17"]["counted"], Value::Null);
    assert_eq!(
        z["receipts"],
        serde_json::json!({"first": 1, "last": 10, "count": 10})
    );
    assert_eq!(
        (
            z["blind"].as_bool(),
            z["cashier"].as_str(),
            z["number"].as_i64()
        ),
        (Some(true), Some("Amel"), Some(1))
    );
    let reprint = stdout_json(&shop.ok(&["drawer", "z", "1", "--json"]).await);
    assert_eq!(reprint, z);
}

#[tokio::test]
async fn verify_names_the_first_broken_z_of_thirty_days_and_exits_1() {
    let shop = Counter::new(&closed_port());
    for day in 0..30 {
        shop.ok(&["drawer", "open", "--float", "10"]).await;
        let amount = format!("{}.250", day + 1);
        shop.ok(&[
            "record", "--method", "cash", "--amount", &amount, "--title", "day",
        ])
        .await;
        shop.ok(&["drawer", "close", "--counted", "cash=1"]).await;
    }
    let clean = shop.ok(&["drawer", "verify"]).await;
    assert!(String::from_utf8_lossy(&clean.stdout).contains("30 Z reports checked"));

    let c = Connection::open(shop.book_path()).unwrap();
    c.execute("DROP TRIGGER day_entries_no_update", []).unwrap();
    c.execute(
        "UPDATE day_entries SET amount_millimes = 1000 WHERE amount_millimes = 17250",
        [],
    )
    .unwrap();
    let broken = shop.run(&["drawer", "verify"]).await;
    assert_eq!(broken.status.code(), Some(1));
    let err = stderr_json(&broken);
    assert_eq!(err["brokenZ"], 17, "{err}");
    assert!(err["message"].as_str().unwrap().contains("Z 17"), "{err}");

    c.execute(
        "UPDATE day_entries SET amount_millimes = 17250 WHERE amount_millimes = 1000",
        [],
    )
    .unwrap();
    shop.ok(&["drawer", "verify"]).await;
    c.execute("DROP TRIGGER z_reports_no_update", []).unwrap();
    c.execute(
        "UPDATE z_reports SET content = replace(content, '\"paidIn\":0', '\"paidIn\":5000') WHERE number = 9",
        [],
    )
    .unwrap();
    let broken = shop.run(&["drawer", "verify"]).await;
    assert_eq!(broken.status.code(), Some(1));
    assert_eq!(stderr_json(&broken)["brokenZ"], 9);
}

#[tokio::test]
async fn close_counts_cash_by_tunisian_notes_and_coins_and_refuses_other_pieces() {
    let shop = Counter::new(&closed_port());
    shop.ok(&["drawer", "open", "--float", "0"]).await;
    shop.ok(&[
        "record", "--method", "cash", "--amount", "32.700", "--title", "Huile",
    ])
    .await;
    let bad = shop.run(&["drawer", "close", "--cash-piece", "3=1"]).await;
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr_json(&bad)["message"]
            .as_str()
            .unwrap()
            .contains("not a Tunisian note or coin")
    );
    let pieces = ["20=1", "5n=1", "5c=1", "2=1", "0.5=1", "0.2=1", "0.005=0"];
    let mut args = vec!["drawer", "close", "--json"];
    for p in &pieces {
        args.extend(["--cash-piece", p]);
    }
    let z = stdout_json(&shop.ok(&args).await);
    let cash = &z["byMethod"]["cash"];
    assert_eq!(
        (millimes(&cash["counted"]), millimes(&cash["expected"])),
        (32_700, 32_700)
    );
    assert_eq!(millimes(&cash["difference"]), 0);
}
