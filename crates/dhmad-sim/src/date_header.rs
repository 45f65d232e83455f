//! Every answer carries a `Date` header from the simulator's own clock, so a simulator whose
//! clock was moved (`/__sim/clock/advance`, `--clock-start`) looks like a server whose clock is
//! off — what a client's clock-skew check must notice. Without this layer hyper would stamp the
//! machine's real time.

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::header::DATE;
use axum::middleware::Next;
use axum::response::Response;
use chrono::{TimeZone, Utc};

use crate::clock::Millis;
use crate::state::AppState;

/// Middleware: sets `Date` to the simulated now.
pub async fn sim_date(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    if let Ok(value) = HeaderValue::from_str(&http_date(st.now())) {
        resp.headers_mut().insert(DATE, value);
    }
    resp
}

/// RFC 9110 IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn http_date(ms: Millis) -> String {
    Utc.timestamp_millis_opt(ms)
        .single()
        .unwrap_or_default()
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imf_fixdate() {
        assert_eq!(http_date(784_111_777_000), "Sun, 06 Nov 1994 08:49:37 GMT");
    }
}
