//! Which links the app opens in the system browser. Decided on the PARSED URL, never by a glob
//! on its text: a pattern like `https://*.dhmad.tn/*` is also matched by
//! `https://evil.example/.dhmad.tn/`, and `http://127.0.0.1:*` by `http://127.0.0.1:1@evil.example/`.

use dhmad_api::Url;

/// DHMAD's own domain: it and its subdomains serve the checkout, KYC and dashboard pages.
const DHMAD_DOMAIN: &str = "dhmad.tn";

/// Why a link is not opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("this link is not opened because {0}")]
pub struct LinkRefused(pub String);

/// Checks `raw` and returns the URL to open: `https://` on `dhmad.tn` or a subdomain of it, the
/// running demo simulator's exact origin (`demo_origin`, e.g. `http://127.0.0.1:41234`), or a
/// `mailto:` address (sharing a link by e-mail). Nothing else: no other host, no `file:`, no
/// credentials in the address.
pub fn check_external_url(raw: &str, demo_origin: Option<&str>) -> Result<Url, LinkRefused> {
    let refuse = |why: &str| Err(LinkRefused(why.to_owned()));
    let Ok(url) = Url::parse(raw.trim()) else {
        return refuse("it is not a web address");
    };
    if url.scheme() == "mailto" {
        return Ok(url);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return refuse("it hides a user name or password in the address");
    }
    let demo = demo_origin
        .and_then(|o| Url::parse(o).ok())
        .map(|u| u.origin());
    if demo.is_some_and(|d| d == url.origin()) {
        return Ok(url);
    }
    if url.scheme() != "https" {
        return refuse("only secure (https) DHMAD pages are opened");
    }
    if !url.domain().is_some_and(is_dhmad_domain) || url.port().is_some() {
        return refuse("it does not lead to DHMAD (dhmad.tn)");
    }
    Ok(url)
}

fn is_dhmad_domain(name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == DHMAD_DOMAIN
        || name
            .strip_suffix(DHMAD_DOMAIN)
            .is_some_and(|sub| sub.ends_with('.') && sub.len() > 1)
}

/// An escrow's page on DHMAD, for the receipt's QR code and link: the `url` DHMAD gave with the
/// escrow (§2.3) when it leads to DHMAD (or the running demo's simulator), else the page on the
/// API's own origin (`https://dhmad.tn` live, the sandbox's or the simulator's otherwise). A
/// receipt's code is scanned by the buyer: it never leads anywhere else.
pub fn escrow_page(escrow_id: &str, given: Option<&str>, api_origin: &str) -> String {
    given
        .filter(|u| check_external_url(u, Some(api_origin)).is_ok())
        .map_or_else(
            || {
                format!(
                    "{}/dashboard/escrow/{escrow_id}",
                    api_origin.trim_end_matches('/')
                )
            },
            str::to_owned,
        )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const DEMO: &str = "http://127.0.0.1:41234";

    #[test]
    fn crafted_urls_are_refused() {
        for bad in [
            "https://evil.example/.dhmad.tn/",
            "https://evil.example/?.dhmad.tn/",
            "https://evil.example/#.dhmad.tn/",
            "http://127.0.0.1:1@evil.example/",
            "https://dhmad.tn@evil.example/",
            "https://user:pw@dhmad.tn/checkout/1",
            "file:///etc/passwd",
            "file://dhmad.tn/etc/passwd",
            "http://dhmad.tn/checkout/1",
            "https://dhmad.tn.evil.example/",
            "https://evildhmad.tn/",
            "https://.dhmad.tn/",
            "https://dhmad.tn:8443/",
            "http://127.0.0.1:41235/checkout/1",
            "https://127.0.0.1:41234/checkout/1",
            "http://localhost:41234/checkout/1",
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "not a url",
            "",
        ] {
            assert!(
                check_external_url(bad, Some(DEMO)).is_err(),
                "{bad} was allowed"
            );
        }
    }

    #[test]
    fn dhmad_pages_the_demo_and_mail_are_opened() {
        for good in [
            "https://dhmad.tn/checkout/550e8400",
            "https://DHMAD.tn/dashboard",
            "https://sandbox.dhmad.tn/checkout/1",
            "https://developer.dhmad.tn/dashboard",
            "https://cdn.dhmad.tn/escrow-proof/x.jpg",
            "http://127.0.0.1:41234/checkout/1",
            "mailto:buyer@example.com?subject=Pay",
        ] {
            let url = check_external_url(good, Some(DEMO)).unwrap();
            assert_eq!(
                url.as_str().to_lowercase(),
                Url::parse(good).unwrap().as_str().to_lowercase()
            );
        }
    }

    #[test]
    fn the_simulator_is_allowed_only_while_it_runs() {
        assert!(check_external_url("http://127.0.0.1:41234/checkout/1", None).is_err());
    }
}
