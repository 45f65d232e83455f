//! Who may drive `/__sim`. The control API can reset the simulator, read the demo key and move
//! money, so:
//! - on a bind other than loopback (a phone on the shop's Wi-Fi reaches the simulator), every
//!   control request must carry the control token printed at start ([`CONTROL_TOKEN_HEADER`]);
//!   a request from a peer that is not loopback needs it whatever the bind;
//! - a control `POST` must say `Content-Type: application/json`, which a web page can only send
//!   after a CORS preflight the simulator never grants: a page the merchant visits cannot post a
//!   form to the simulator on their machine.

use std::net::IpAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::RngCore;

use crate::error::ApiError;
use crate::faults::Conn;

/// The header a control request carries the token in.
pub const CONTROL_TOKEN_HEADER: &str = "x-sim-control-token";

/// What the control API asks of a request; fixed at start.
#[derive(Clone)]
pub struct ControlAccess {
    bind_is_loopback: bool,
    token: Option<String>,
}

impl std::fmt::Debug for ControlAccess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ControlAccess")
            .field("bind_is_loopback", &self.bind_is_loopback)
            .field("token", &self.token.as_ref().map(|_| "<set>"))
            .finish()
    }
}

impl ControlAccess {
    /// Access for a simulator bound to `host` with the configured `token` (`None`: none set).
    pub fn new(host: &str, token: Option<String>) -> Self {
        Self {
            bind_is_loopback: host_is_loopback(host),
            token: token.filter(|t| !t.is_empty()),
        }
    }

    /// Checks one request from `peer` (`None` when the peer is unknown, treated as remote).
    pub fn check(
        &self,
        peer: Option<IpAddr>,
        method: &Method,
        headers: &HeaderMap,
    ) -> Result<(), ApiError> {
        let peer_is_loopback = peer.is_some_and(|ip| ip.to_canonical().is_loopback());
        let trusted_without_token = self.bind_is_loopback && peer_is_loopback;
        if !(trusted_without_token || self.token_matches(headers)) {
            return Err(ApiError::forbidden(
                "The simulator's control API needs the control token printed at start \
                 (header X-Sim-Control-Token)",
            ));
        }
        if method == Method::POST && !is_json(headers) {
            return Err(ApiError::std(
                415,
                "Unsupported Media Type",
                "Control requests must be sent as Content-Type: application/json",
            ));
        }
        Ok(())
    }

    fn token_matches(&self, headers: &HeaderMap) -> bool {
        let (Some(expected), Some(given)) = (&self.token, headers.get(CONTROL_TOKEN_HEADER)) else {
            return false;
        };
        constant_time_eq(expected.as_bytes(), given.as_bytes())
    }
}

/// A fresh control token: 32 random bytes as hex.
pub fn generate_token() -> String {
    let mut bytes = [0_u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// `localhost`, `127.x.y.z` and `::1` are loopback; every other host, `0.0.0.0` included, is not.
pub fn host_is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.to_canonical().is_loopback())
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"))
}

/// Compares without stopping at the first difference, so the answer time does not tell a
/// guesser how much of the token was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0_u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The middleware in front of every `/__sim` route.
pub async fn guard(State(access): State<ControlAccess>, request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<Conn>>()
        .map(|c| c.0.addr.ip());
    match access.check(peer, request.method(), request.headers()) {
        Ok(()) => next.run(request).await,
        Err(refused) => refused.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    const TOKEN: &str = "0123456789abcdef";

    fn headers(token: Option<&str>, content_type: Option<&str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        if let Some(t) = token {
            h.insert(CONTROL_TOKEN_HEADER, HeaderValue::from_str(t).unwrap());
        }
        if let Some(c) = content_type {
            h.insert(header::CONTENT_TYPE, HeaderValue::from_str(c).unwrap());
        }
        h
    }

    fn status(r: Result<(), ApiError>) -> u16 {
        r.map_or_else(|e| e.status, |()| 200)
    }

    #[test]
    fn a_peer_from_the_network_needs_the_token_even_on_a_loopback_bind() {
        let access = ControlAccess::new("127.0.0.1", Some(TOKEN.into()));
        let lan: IpAddr = "192.0.2.7".parse().unwrap();
        let get = Method::GET;
        assert_eq!(
            status(access.check(Some(lan), &get, &headers(None, None))),
            403
        );
        assert_eq!(
            status(access.check(Some(lan), &get, &headers(Some("wrong"), None))),
            403
        );
        assert_eq!(status(access.check(None, &get, &headers(None, None))), 403);
        assert_eq!(
            status(access.check(Some(lan), &get, &headers(Some(TOKEN), None))),
            200
        );
    }

    #[test]
    fn a_network_bind_without_a_token_refuses_everyone() {
        let access = ControlAccess::new("0.0.0.0", None);
        let local: IpAddr = "127.0.0.1".parse().unwrap();
        let any = headers(Some(""), Some("application/json"));
        assert_eq!(status(access.check(Some(local), &Method::GET, &any)), 403);
    }

    #[test]
    fn a_loopback_peer_of_a_loopback_bind_needs_no_token() {
        let access = ControlAccess::new("localhost", None);
        let mapped: IpAddr = "::ffff:127.0.0.1".parse().unwrap();
        assert_eq!(
            status(access.check(Some(mapped), &Method::GET, &headers(None, None))),
            200
        );
    }

    #[test]
    fn a_control_post_must_be_json() {
        let access = ControlAccess::new("127.0.0.1", None);
        let local: IpAddr = "::1".parse().unwrap();
        let post = Method::POST;
        for refused in [
            None,
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
        ] {
            assert_eq!(
                status(access.check(Some(local), &post, &headers(None, refused))),
                415
            );
        }
        let json = headers(None, Some("application/json; charset=utf-8"));
        assert_eq!(status(access.check(Some(local), &post, &json)), 200);
    }

    #[test]
    fn loopback_hosts_are_told_apart_from_network_ones() {
        for host in [
            "127.0.0.1",
            "127.3.2.1",
            "::1",
            "[::1]",
            "localhost",
            "LOCALHOST",
        ] {
            assert!(host_is_loopback(host), "{host}");
        }
        for host in ["0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "example.tn"] {
            assert!(!host_is_loopback(host), "{host}");
        }
    }

    #[test]
    fn generated_tokens_are_long_and_differ() {
        let (a, b) = (generate_token(), generate_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
    }
}
