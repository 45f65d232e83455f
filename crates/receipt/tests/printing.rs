//! Printing for real: to the virtual printer over loopback TCP, to a file standing for a USB
//! printer, and through a CUPS-like command; and the errors a cashier sees when it fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use receipt::escpos::{StreamError, encode};
use receipt::{
    Bitmap, Document, JobError, JobOptions, Language, Paper, PrintError, PrinterUri, RenderOptions,
    Renderer, SendSettings, VirtualPrinter, print_document, send,
};

fn receipt_bitmap() -> Bitmap {
    let options = RenderOptions {
        paper: Paper::Mm80,
        language: Language::Ar,
    };
    let document = Document::Sale(support::sale());
    Renderer::new().render(&document, options).unwrap()
}

fn settings() -> SendSettings {
    SendSettings {
        timeout: Duration::from_millis(500),
        ..SendSettings::default()
    }
}

#[test]
fn virtual_printer_decodes_what_was_rendered() {
    let folder = tempfile::tempdir().unwrap();
    let printer = VirtualPrinter::start(0, Some(folder.path().to_owned())).unwrap();
    let bitmap = receipt_bitmap();
    let cash = encode(&bitmap, JobOptions { drawer_kick: true });
    send(&printer.uri(), &cash, &settings()).unwrap();
    let card = encode(&bitmap, JobOptions::default());
    send(&printer.uri(), &card, &settings()).unwrap();

    let prints = printer.wait_for_jobs(2, Duration::from_secs(10));
    assert_eq!(prints.len(), 2);
    assert_eq!(prints[0].bitmap, bitmap);
    assert!(prints[0].drawer_kicked);
    assert!(!prints[1].drawer_kicked);
    let png = prints[0].png.as_ref().unwrap();
    assert_eq!(png, &folder.path().join("print-0001.png"));
    let saved = Bitmap::from_png(&std::fs::read(png).unwrap()).unwrap();
    assert_eq!(saved, bitmap);
    assert!(printer.rejected().is_empty());
}

#[test]
fn print_document_sends_the_rendered_receipt_and_returns_it() {
    let printer = VirtualPrinter::start(0, None).unwrap();
    let options = RenderOptions {
        paper: Paper::Mm58,
        language: Language::ArFr,
    };
    let document = Document::Sale(support::sale());
    let mut renderer = Renderer::new();
    let job = JobOptions { drawer_kick: true };
    let printed = print_document(
        &mut renderer,
        &document,
        options,
        job,
        &printer.uri(),
        &settings(),
    )
    .unwrap();
    let prints = printer.wait_for_jobs(1, Duration::from_secs(10));
    assert_eq!(prints.len(), 1);
    assert_eq!(prints[0].bitmap, printed);
    assert_eq!(printed, renderer.render(&document, options).unwrap());
    assert!(prints[0].drawer_kicked);

    let off = PrinterUri::parse("/dev/usb/lp97").unwrap();
    let error = print_document(&mut renderer, &document, options, job, &off, &settings());
    assert!(matches!(
        error,
        Err(JobError::Print(PrintError::NoDevice { .. }))
    ));
}

#[test]
fn virtual_printer_rejects_text_mode() {
    let printer = VirtualPrinter::start(0, None).unwrap();
    send(&printer.uri(), b"\x1b@Total 12.500\n\x1dV\x01", &settings()).unwrap();
    printer.wait_for_jobs(1, Duration::from_secs(10));
    assert!(printer.prints().is_empty());
    let rejected = printer.rejected();
    assert!(matches!(
        rejected.as_slice(),
        [StreamError::Unexpected { byte: b'T', .. }]
    ));
}

#[test]
fn prints_to_a_device_file() {
    let folder = tempfile::tempdir().unwrap();
    let device = folder.path().join("lp0");
    std::fs::write(&device, b"").unwrap();
    let stream = encode(&receipt_bitmap(), JobOptions::default());
    let uri = PrinterUri::parse(&format!("file://{}", device.display())).unwrap();
    send(&uri, &stream, &settings()).unwrap();
    assert_eq!(std::fs::read(&device).unwrap(), stream);
}

fn script(folder: &Path, body: &str) -> std::path::PathBuf {
    let path = folder.join("lp");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[test]
fn prints_through_a_cups_like_command() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("job");
    let args = folder.path().join("args");
    let body = format!("echo \"$@\" > {}\ncat > {}", args.display(), out.display());
    let settings = SendSettings {
        lp_command: script(folder.path(), &body),
        ..settings()
    };
    let stream = encode(&receipt_bitmap(), JobOptions::default());
    let uri = PrinterUri::parse("cups://Counter_58").unwrap();
    send(&uri, &stream, &settings).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), stream);
    let args = std::fs::read_to_string(&args).unwrap();
    assert_eq!(args.trim(), "-d Counter_58 -o raw");
}

#[test]
fn a_failing_or_missing_command_says_why() {
    let folder = tempfile::tempdir().unwrap();
    let body = "cat > /dev/null\necho 'lp: The printer or class does not exist.' >&2\nexit 1";
    let failing = SendSettings {
        lp_command: script(folder.path(), body),
        ..settings()
    };
    let uri = PrinterUri::parse("cups://Nowhere").unwrap();
    let error = send(&uri, b"\x1b@", &failing).unwrap_err();
    assert!(matches!(error, PrintError::LpFailed { .. }), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("printer or class does not exist")
    );

    let missing = SendSettings {
        lp_command: folder.path().join("no-such-lp"),
        ..settings()
    };
    let error = send(&uri, b"\x1b@", &missing).unwrap_err();
    assert!(matches!(error, PrintError::LpMissing { .. }), "{error:?}");
    assert!(error.to_string().contains("cups-client"));
}

#[test]
fn a_closed_port_is_refused_clearly() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let uri = PrinterUri::parse(&format!("tcp://127.0.0.1:{port}")).unwrap();
    let error = send(&uri, b"\x1b@", &settings()).unwrap_err();
    assert!(matches!(error, PrintError::Refused { .. }), "{error:?}");
    assert!(error.to_string().contains("switched on"));
}

#[test]
fn a_printer_that_stops_reading_times_out_in_bounded_time() {
    // Accepted by the kernel, never read: the socket buffers fill and the write waits.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let uri = PrinterUri::parse(&format!("tcp://127.0.0.1:{port}")).unwrap();
    let huge = vec![0u8; 64 * 1024 * 1024];
    let started = Instant::now();
    let error = send(&uri, &huge, &settings()).unwrap_err();
    assert!(matches!(error, PrintError::Timeout { .. }), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
    drop(listener);
}

#[test]
fn a_missing_device_says_plug_it_in() {
    let uri = PrinterUri::parse("/dev/usb/lp97").unwrap();
    let error = send(&uri, b"\x1b@", &settings()).unwrap_err();
    assert!(matches!(error, PrintError::NoDevice { .. }), "{error:?}");
    assert!(error.to_string().contains("plugged in"));
}

/// Root writes through file modes, so as root the file is also made immutable.
fn make_read_only(path: &Path) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let uid = std::process::Command::new("id").arg("-u").output().unwrap();
    if String::from_utf8_lossy(&uid.stdout).trim() == "0" {
        let status = std::process::Command::new("chattr")
            .arg("+i")
            .arg(path)
            .status()
            .unwrap();
        assert!(status.success(), "chattr +i is needed to test as root");
    }
}

#[test]
fn a_read_only_device_gives_the_group_and_udev_hint() {
    let folder = tempfile::tempdir().unwrap();
    let device = folder.path().join("lp0");
    std::fs::write(&device, b"").unwrap();
    make_read_only(&device);
    let uri = PrinterUri::Device(device.clone());
    let result = send(&uri, b"\x1b@", &settings());
    let _ = std::process::Command::new("chattr")
        .arg("-i")
        .arg(&device)
        .status();
    let error = result.unwrap_err();
    assert!(
        matches!(error, PrintError::DevicePermission { .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.contains("lp group") && message.contains("udev"),
        "{message}"
    );
}

#[test]
fn printer_addresses_parse() {
    let tcp = |host: &str, port| PrinterUri::Tcp {
        host: host.to_owned(),
        port,
    };
    assert_eq!(
        PrinterUri::parse("tcp://192.168.1.50"),
        Ok(tcp("192.168.1.50", 9100))
    );
    assert_eq!(
        PrinterUri::parse("tcp://printer.local:9101"),
        Ok(tcp("printer.local", 9101))
    );
    assert_eq!(PrinterUri::parse("tcp://[::1]:9100"), Ok(tcp("::1", 9100)));
    assert_eq!(
        PrinterUri::parse("/dev/usb/lp0"),
        Ok(PrinterUri::Device("/dev/usb/lp0".into()))
    );
    assert_eq!(
        PrinterUri::parse("file:///dev/usb/lp1"),
        Ok(PrinterUri::Device("/dev/usb/lp1".into()))
    );
    assert_eq!(
        PrinterUri::parse("cups://XP-58"),
        Ok(PrinterUri::Cups {
            queue: "XP-58".to_owned()
        })
    );
    for bad in [
        "tcp://",
        "tcp://host:port",
        "cups://a b",
        "lp0",
        "http://x",
        "file://rel",
    ] {
        let error = PrinterUri::parse(bad).unwrap_err();
        assert!(error.to_string().contains("tcp://HOST:PORT"), "{bad}");
    }
    assert_eq!(tcp("::1", 9100).to_string(), "tcp://[::1]:9100");
}
