//! The secret API key, its environment, and how it is sent.

use std::fmt;

use url::Url;

use crate::error::ApiError;

const LIVE_PREFIX: &str = "sk_live_";
const SANDBOX_PREFIX: &str = "sk_sandbox_";
const SECRET_LEN: usize = 64;

/// Where a key belongs, read from its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// `sk_live_…` keys, `https://dhmad.tn/api/v1`.
    Live,
    /// `sk_sandbox_…` keys, `https://sandbox.dhmad.tn/api/v1`.
    Sandbox,
}

impl Environment {
    /// The default versioned API root of this environment.
    pub fn default_base_url(self) -> Url {
        let text = match self {
            Environment::Live => "https://dhmad.tn/api/v1",
            Environment::Sandbox => "https://sandbox.dhmad.tn/api/v1",
        };
        Url::parse(text).unwrap_or_else(|_| unreachable!("static base URLs parse"))
    }

    /// `"live"` or `"sandbox"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Live => "live",
            Environment::Sandbox => "sandbox",
        }
    }
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which header carries the key. Both are accepted by DHMAD.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthScheme {
    /// `Authorization: Bearer sk_…` (default).
    #[default]
    Bearer,
    /// `X-API-Key: sk_…`.
    XApiKey,
}

/// A validated secret API key. `Debug` and `Display` print `<redacted>`; it is not `Serialize`.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey {
    secret: String,
    environment: Environment,
}

impl ApiKey {
    /// Checks the shape `sk_live_` / `sk_sandbox_` + 64 hex characters (surrounding whitespace,
    /// e.g. a trailing newline from a file, is ignored). The error says what is wrong without
    /// echoing the key.
    pub fn parse(raw: &str) -> Result<Self, ApiError> {
        let key = raw.trim();
        let (environment, rest) = if let Some(rest) = key.strip_prefix(LIVE_PREFIX) {
            (Environment::Live, rest)
        } else if let Some(rest) = key.strip_prefix(SANDBOX_PREFIX) {
            (Environment::Sandbox, rest)
        } else if key.is_empty() {
            return Err(ApiError::InvalidKeyFormat("the API key is empty".into()));
        } else {
            return Err(ApiError::InvalidKeyFormat(
                "the API key must start with sk_live_ or sk_sandbox_".into(),
            ));
        };
        if let Some(pos) = rest.chars().position(|c| !c.is_ascii_hexdigit()) {
            return Err(ApiError::InvalidKeyFormat(format!(
                "the API key has a non-hexadecimal character at position {} after the prefix",
                pos + 1
            )));
        }
        if rest.len() != SECRET_LEN {
            return Err(ApiError::InvalidKeyFormat(format!(
                "the API key must have {SECRET_LEN} hexadecimal characters after the prefix, found {}",
                rest.len()
            )));
        }
        Ok(ApiKey {
            secret: key.to_owned(),
            environment,
        })
    }

    /// The environment named by the prefix.
    pub fn environment(&self) -> Environment {
        self.environment
    }

    /// The key itself, for building the auth header. Never log it.
    pub fn expose_secret(&self) -> &str {
        &self.secret
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl std::str::FromStr for ApiKey {
    type Err = ApiError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ApiKey::parse(s)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const HEX: &str = "0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef";

    #[test]
    fn environment_from_prefix() {
        let live = ApiKey::parse(&format!("sk_live_{HEX}")).unwrap();
        assert_eq!(live.environment(), Environment::Live);
        let sb = ApiKey::parse(&format!(" sk_sandbox_{HEX}\n")).unwrap();
        assert_eq!(sb.environment(), Environment::Sandbox);
        assert_eq!(sb.expose_secret(), format!("sk_sandbox_{HEX}"));
    }

    #[test]
    fn redacted_everywhere() {
        let key = ApiKey::parse(&format!("sk_live_{HEX}")).unwrap();
        assert!(!format!("{key:?}").contains(HEX));
        assert_eq!(key.to_string(), "<redacted>");
    }

    #[test]
    fn bad_shapes_name_the_problem_without_echoing() {
        let cases = [
            ("", "empty"),
            (&*format!("pk_live_{HEX}"), "must start with"),
            (&*format!("sk_live_{}", &HEX[..63]), "found 63"),
            (&*format!("sk_live_{}z", &HEX[..63]), "position 64"),
        ];
        for (raw, expected) in cases {
            let err = ApiKey::parse(raw).unwrap_err().to_string();
            assert!(err.contains(expected), "{raw:?} -> {err}");
            assert!(!err.contains("0123456789abcdef"), "key echoed: {err}");
        }
    }
}
