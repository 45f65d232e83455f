//! One span per request with method, path, status, duration and retries, one per attempt with its
//! budget wait and network time, and a line for each new connection's set-up; never the key.

use std::io::Write;
use std::sync::{Arc, Mutex};

use tracing::subscriber::DefaultGuard;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::format::FmtSpan;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::{HEX, client_for, fixture};

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Buffer {
    type Writer = Buffer;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl Buffer {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

/// This thread's logs down to debug, with the span events asked for, kept while the guard lives.
fn capture_logs(span_events: FmtSpan) -> (Buffer, DefaultGuard) {
    let buffer = Buffer::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(buffer.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::DEBUG)
        .with_span_events(span_events)
        .finish();
    (buffer, tracing::subscriber::set_default(subscriber))
}

#[tokio::test]
async fn the_request_span_records_its_fields_and_never_the_key() {
    let (buffer, _guard) = capture_logs(FmtSpan::CLOSE);

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(fixture("me")))
        .mount(&server)
        .await;
    client_for(&server).me().await.unwrap();

    let logs = buffer.text();
    let closes = |span: &str| {
        logs.lines()
            .filter(|l| l.contains(span) && l.contains("close"))
            .collect::<Vec<_>>()
    };
    let attempts = closes("dhmad_attempt");
    assert_eq!(attempts.len(), 2, "one span per attempt:\n{logs}");
    for attempt in attempts {
        for field in ["budget_wait_ms=", "network_ms="] {
            assert!(attempt.contains(field), "{field} missing in {attempt}");
        }
    }
    let close = *closes("dhmad_request")
        .iter()
        .find(|l| !l.contains("dhmad_attempt"))
        .expect(&logs);
    for field in [
        "method=GET",
        "path=/me",
        "status=200",
        "retries=1",
        "duration_ms=",
    ] {
        assert!(close.contains(field), "{field} missing in {close}");
    }
    assert!(!logs.contains(HEX), "the key leaked into the logs:\n{logs}");
}

#[tokio::test]
async fn a_new_connection_logs_its_set_up_in_the_request_that_waited_for_it() {
    let (buffer, _guard) = capture_logs(FmtSpan::NONE);

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(fixture("me")))
        .mount(&server)
        .await;
    let client = client_for(&server);
    client.me().await.unwrap();
    client.me().await.unwrap();

    let logs = buffer.text();
    let set_ups: Vec<_> = logs
        .lines()
        .filter(|l| l.contains("connection set up"))
        .collect();
    // The second request reuses the first one's connection.
    assert_eq!(set_ups.len(), 1, "one connection for two requests:\n{logs}");
    assert!(set_ups[0].contains("connect_ms="), "{}", set_ups[0]);
    assert!(
        set_ups[0].contains("dhmad_attempt"),
        "logged inside the attempt that waited for it: {}",
        set_ups[0]
    );
}
