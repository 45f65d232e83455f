//! Local request validation: a request that breaks a documented rule is refused before sending,
//! with every field problem listed.

use std::collections::BTreeMap;
use std::fmt;

use url::Url;

/// One field problem.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    /// The API field name (e.g. `contractTerms`).
    pub field: String,
    /// What is wrong.
    pub message: String,
}

/// Every problem found in a request.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[serde(transparent)]
pub struct ValidationErrors(Vec<FieldError>);

impl ValidationErrors {
    /// Records a problem.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    /// Iterates the problems in the order found.
    pub fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }

    /// True when no problem was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The problem recorded for `field`, if any.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.message.as_str())
    }

    /// `Ok(())` when empty, else `Err(self)`.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}: {}", e.field, e.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Character count (not bytes), as the API counts.
pub(crate) fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// A sanity check, not RFC 5322: one `@`, something before it, a dot inside the domain, no spaces.
pub(crate) fn check_email(errors: &mut ValidationErrors, field: &str, email: &str) {
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if !valid {
        errors.add(field, "must be an e-mail address like name@example.com");
    }
}

/// Redirect URLs: HTTPS, or `http://localhost[:port]` for development (contract §4.5).
pub(crate) fn check_redirect_url(errors: &mut ValidationErrors, field: &str, url: &str) {
    match Url::parse(url) {
        Ok(u) if u.scheme() == "https" && u.host_str().is_some() => {}
        Ok(u) if u.scheme() == "http" && u.host_str() == Some("localhost") => {}
        Ok(_) => errors.add(
            field,
            "must be an https:// URL (http:// only for localhost)",
        ),
        Err(_) => errors.add(field, "must be an absolute URL"),
    }
}

/// What is wrong with `url` as a redirect URL under the API's rules (contract §4.5), if
/// anything — for checking a setting before any session is created.
pub fn redirect_url_problem(url: &str) -> Option<String> {
    let mut errors = ValidationErrors::default();
    check_redirect_url(&mut errors, "redirectUrl", url);
    errors.iter().next().map(|e| e.message.clone())
}

/// Metadata: string values of at most 500 characters each.
pub(crate) fn check_metadata(
    errors: &mut ValidationErrors,
    field: &str,
    metadata: Option<&BTreeMap<String, String>>,
) {
    for (key, value) in metadata.into_iter().flatten() {
        if char_len(value) > 500 {
            errors.add(&format!("{field}.{key}"), "must be at most 500 characters");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in ["a@b.tn", "first.last+tag@sub.example.com"] {
            let mut e = ValidationErrors::default();
            check_email(&mut e, "email", ok);
            assert!(e.is_empty(), "{ok}");
        }
        for bad in [
            "", "a", "a@b", "@b.tn", "a@@b.tn", "a b@c.tn", "a@b.", "a@.tn",
        ] {
            let mut e = ValidationErrors::default();
            check_email(&mut e, "email", bad);
            assert!(e.get("email").is_some(), "{bad}");
        }
    }

    #[test]
    fn redirect_urls() {
        for ok in [
            "https://shop.tn/cb",
            "http://localhost:3000/callback",
            "http://localhost/x",
        ] {
            let mut e = ValidationErrors::default();
            check_redirect_url(&mut e, "redirectUrl", ok);
            assert!(e.is_empty(), "{ok}");
        }
        for bad in [
            "http://shop.tn/cb",
            "ftp://localhost/x",
            "shop.tn",
            "http://localhost.evil.tn/",
        ] {
            let mut e = ValidationErrors::default();
            check_redirect_url(&mut e, "redirectUrl", bad);
            assert!(e.get("redirectUrl").is_some(), "{bad}");
        }
    }
}
