//! One span per request with method, path, status, duration and retries, and one per attempt
//! with its budget wait and network time; never the key.

use std::io::Write;
use std::sync::{Arc, Mutex};

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

#[tokio::test]
async fn the_request_span_records_its_fields_and_never_the_key() {
    let buffer = Buffer::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(buffer.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::DEBUG)
        .with_span_events(FmtSpan::CLOSE)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

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

    let logs = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
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
