//! Which origins the client trusts: where it may send the key (the base URL) and which checkout
//! links it may hand to a buyer. Everything is decided on the parsed URL, never on its text, so
//! `https://evil.example/.dhmad.tn/` or `http://127.0.0.1:1@evil.example/` cannot pass.

use url::{Host, Origin, Url};

use crate::error::ApiError;
use crate::key::Environment;

/// The only origin a live key is sent to without the merchant confirming a proxy.
pub const LIVE_ORIGIN: &str = "https://dhmad.tn";

/// `localhost`, `127.0.0.0/8` or `::1`: traffic that never leaves the machine.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

fn live_origin() -> Origin {
    Url::parse(LIVE_ORIGIN)
        .unwrap_or_else(|_| unreachable!("a static URL parses"))
        .origin()
}

fn has_credentials(url: &Url) -> bool {
    !url.username().is_empty() || url.password().is_some()
}

/// The base-URL rules, checked before any request: `https://` (plain `http://` only on
/// loopback), no credentials, query or fragment; and a live key only to `https://dhmad.tn`
/// unless the merchant confirmed that the other origin is a proxy they trust.
pub(crate) fn check_base_url(
    url: &Url,
    environment: Environment,
    proxy_confirmed: bool,
) -> Result<(), ApiError> {
    let refuse = |reason: &str| {
        Err(ApiError::UnsafeBaseUrl {
            url: url.to_string(),
            reason: reason.to_owned(),
        })
    };
    if url.cannot_be_a_base() || url.host().is_none() {
        return refuse("it is not a web address with a host");
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(url) => {}
        "http" => return refuse("it must start with https:// (plain http only on this machine)"),
        _ => return refuse("it must start with https://"),
    }
    if has_credentials(url) {
        return refuse("it must not contain a user name or password");
    }
    if url.query().is_some() || url.fragment().is_some() {
        return refuse("it must not contain a query (?) or a fragment (#)");
    }
    if environment == Environment::Live && url.origin() != live_origin() && !proxy_confirmed {
        return Err(ApiError::ProxyNotConfirmed {
            url: url.origin().ascii_serialization(),
        });
    }
    Ok(())
}

/// The origins a checkout link may have: the base URL's (DHMAD itself, the demo simulator, or a
/// proxy the merchant confirmed), the environment's official host, and `https://dhmad.tn`, where
/// the hosted pages live.
pub(crate) fn checkout_origins(base_url: &Url, environment: Environment) -> Vec<Origin> {
    let mut origins = vec![
        base_url.origin(),
        environment.default_base_url().origin(),
        live_origin(),
    ];
    origins.dedup();
    origins
}

/// Refuses a checkout link that would send the buyer anywhere but a trusted origin.
pub(crate) fn check_checkout_url(text: &str, trusted: &[Origin]) -> Result<(), ApiError> {
    let suspicious = |why: String| Err(ApiError::SuspiciousAnswer(why));
    let Ok(url) = Url::parse(text.trim()) else {
        return suspicious("the checkout link is not a web address".into());
    };
    if !matches!(url.scheme(), "http" | "https") || has_credentials(&url) {
        return suspicious(format!(
            "the checkout link has an unexpected form ({} URL)",
            url.scheme()
        ));
    }
    if !trusted.contains(&url.origin()) {
        return suspicious(format!(
            "the checkout link points to {}, which is not DHMAD",
            url.origin().ascii_serialization()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn base_url_needs_https_except_loopback() {
        for ok in [
            "https://dhmad.tn/api/v1",
            "https://sandbox.dhmad.tn/api/v1",
            "https://proxy.example/api/v1",
            "http://127.0.0.1:8080/api/v1",
            "http://[::1]:8080/api/v1",
            "http://localhost:3000/api/v1",
        ] {
            assert!(
                check_base_url(&url(ok), Environment::Sandbox, false).is_ok(),
                "{ok}"
            );
        }
        for bad in [
            "http://dhmad.tn/api/v1",
            "http://192.168.1.10/api/v1",
            "http://127.0.0.1.evil.example/api/v1",
            "ftp://dhmad.tn/api/v1",
            "https://user:pw@dhmad.tn/api/v1",
            "https://dhmad.tn/api/v1?x=1",
        ] {
            let err = check_base_url(&url(bad), Environment::Sandbox, false).unwrap_err();
            assert!(
                matches!(err, ApiError::UnsafeBaseUrl { .. }),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn live_key_goes_only_to_dhmad_unless_a_proxy_is_confirmed() {
        assert!(check_base_url(&url("https://dhmad.tn/api/v1"), Environment::Live, false).is_ok());
        for other in [
            "https://proxy.example/api/v1",
            "https://sandbox.dhmad.tn/api/v1",
            "https://dhmad.tn:8443/api/v1",
            "http://127.0.0.1:9/api/v1",
        ] {
            let err = check_base_url(&url(other), Environment::Live, false).unwrap_err();
            assert!(matches!(err, ApiError::ProxyNotConfirmed { .. }), "{other}");
            assert!(check_base_url(&url(other), Environment::Live, true).is_ok());
        }
    }

    #[test]
    fn checkout_links_must_be_on_a_trusted_origin() {
        let trusted = checkout_origins(&url("http://127.0.0.1:4010/api/v1"), Environment::Sandbox);
        for ok in [
            "http://127.0.0.1:4010/checkout/abc",
            "https://sandbox.dhmad.tn/checkout/abc",
            "https://dhmad.tn/checkout/abc",
        ] {
            assert!(check_checkout_url(ok, &trusted).is_ok(), "{ok}");
        }
        for bad in [
            "https://evil.example/checkout/abc",
            "https://evil.example/.dhmad.tn/checkout",
            "https://dhmad.tn.evil.example/checkout",
            "http://127.0.0.1:4011/checkout/abc",
            "http://dhmad.tn/checkout/abc",
            "https://x@dhmad.tn/checkout/abc",
            "javascript:alert(1)",
            "not a url",
        ] {
            let err = check_checkout_url(bad, &trusted).unwrap_err();
            assert!(matches!(err, ApiError::SuspiciousAnswer(_)), "{bad}");
        }
    }
}
