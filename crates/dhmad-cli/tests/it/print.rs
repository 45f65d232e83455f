//! `dhmad print test`: the calibration page to a PNG, to the virtual printer over TCP, and the
//! errors of a printer that is off or an address that is wrong.

use std::process::{Command, Output};
use std::time::Duration;

use receipt::{Bitmap, VirtualPrinter};

use crate::{stderr_json, stdout_json};

fn dhmad_print(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dhmad"))
        .arg("print")
        .args(args)
        .output()
        .expect("dhmad runs")
}

#[test]
fn test_page_to_png_only() {
    let folder = tempfile::tempdir().unwrap();
    let png = folder.path().join("test.png");
    let png_arg = png.to_str().unwrap();
    let out = dhmad_print(&[
        "test",
        "--png",
        png_arg,
        "--width",
        "58",
        "--language",
        "ar",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bitmap = Bitmap::from_png(&std::fs::read(&png).unwrap()).unwrap();
    assert_eq!(bitmap.width(), 384);
    // The ruler's edge marks: the whole printable width is used.
    let column_has_ink = |x| (0..bitmap.height()).any(|y| bitmap.get(x, y));
    assert!(column_has_ink(0) && column_has_ink(383));
    let json = stdout_json(&out);
    assert_eq!(json["widthDots"], 384);
    assert_eq!(json["heightDots"], bitmap.height());
    assert_eq!(json["png"], png_arg);
    assert!(json.get("printer").is_none());
}

#[test]
fn test_page_to_a_network_printer_and_png() {
    let printer = VirtualPrinter::start(0, None).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let png = folder.path().join("test.png");
    let uri = printer.uri().to_string();
    let args = [
        "test",
        "--printer",
        &uri,
        "--width",
        "80",
        "--png",
        png.to_str().unwrap(),
    ];
    let out = dhmad_print(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let prints = printer.wait_for_jobs(1, Duration::from_secs(10));
    assert_eq!(prints.len(), 1);
    assert_eq!(prints[0].bitmap.width(), 576);
    assert!(!prints[0].drawer_kicked);
    let written = Bitmap::from_png(&std::fs::read(&png).unwrap()).unwrap();
    assert_eq!(prints[0].bitmap, written, "the PNG shows what was printed");
    assert_eq!(stdout_json(&out)["printer"], uri);
}

#[test]
fn a_printer_that_is_off_is_a_clear_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let out = dhmad_print(&["test", "--printer", &format!("tcp://127.0.0.1:{port}")]);
    assert_eq!(out.status.code(), Some(1));
    let error = stderr_json(&out);
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("refused the connection"), "{message}");
    assert_eq!(error["retry"], true);
}

#[test]
fn bad_arguments_are_usage_errors() {
    let cases: [&[&str]; 4] = [
        &["test"],
        &["test", "--printer", "lp0"],
        &["test", "--png", "x.png", "--width", "72"],
        &["test", "--png", "x.png", "--language", "de"],
    ];
    for args in cases {
        let out = dhmad_print(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    let out = dhmad_print(&["test", "--printer", "http://printer"]);
    let message = stderr_json(&out)["message"].as_str().unwrap().to_owned();
    assert!(message.contains("tcp://HOST:PORT"), "{message}");
}

/// `dhmad print receipt` and `print z` read the profile's book: a recorded cash sale prints to
/// the network printer (its reprint marked as a copy), the day's Z to a PNG, and a receipt that
/// does not exist is an error that prints nothing.
#[tokio::test]
async fn a_recorded_sale_and_the_z_print_from_the_book() {
    let printer = VirtualPrinter::start(0, None).unwrap();
    let uri = printer.uri().to_string();
    let shop = crate::day::Counter::new(&crate::day::closed_port());
    shop.ok(&["drawer", "open", "--float", "20"]).await;
    let sale = [
        "record",
        "--method",
        "cash",
        "--amount",
        "12.350",
        "--title",
        "Pain",
        "--tendered",
        "20",
    ];
    shop.ok(&sale).await;
    let receipt = [
        "print",
        "receipt",
        "1",
        "--printer",
        &uri,
        "--width",
        "80",
        "--language",
        "fr",
    ];
    let first = stdout_json(&shop.ok(&receipt).await);
    shop.ok(&receipt).await;
    let prints = printer.wait_for_jobs(2, Duration::from_secs(10));
    assert_eq!(prints.len(), 2, "refused: {:?}", printer.rejected());
    assert_eq!(first["heightDots"], prints[0].bitmap.height());
    assert!(
        prints[1].bitmap.height() > prints[0].bitmap.height(),
        "the reprint carries DUPLICATA"
    );
    assert!(
        !prints[0].drawer_kicked,
        "a print from the command line never opens the drawer"
    );

    shop.ok(&["drawer", "close", "--counted", "cash=32.350"])
        .await;
    let folder = tempfile::tempdir().unwrap();
    let png = folder.path().join("z.png");
    let z = [
        "print",
        "z",
        "1",
        "--png",
        png.to_str().unwrap(),
        "--language",
        "ar+fr",
    ];
    let out = stdout_json(&shop.ok(&z).await);
    let bitmap = Bitmap::from_png(&std::fs::read(&png).unwrap()).unwrap();
    assert_eq!(
        (out["widthDots"].as_u64(), bitmap.width()),
        (Some(384), 384)
    );
    assert!(
        bitmap.height() > 600,
        "every section of the Z: {}",
        bitmap.height()
    );

    let missing = shop
        .command(&["print", "receipt", "99", "--printer", &uri])
        .output()
        .await
        .unwrap();
    assert!(!missing.status.success());
    assert!(
        stderr_json(&missing)["message"]
            .as_str()
            .unwrap_or_default()
            .contains("no receipt 99"),
        "{}",
        String::from_utf8_lossy(&missing.stderr)
    );
    assert_eq!(printer.prints().len(), 2, "nothing more printed");
}
