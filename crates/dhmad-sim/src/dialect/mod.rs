//! Dialects: the same state answered in the variants the documents allow (seed 001's `{data}`
//! envelope, `null` for absent optional fields, both `_id` and `id`, money as decimal strings and
//! timestamps with an offset), so a client can be tried against each. One response-transform
//! layer over `/api/v1`; the handlers only ever write the plain style.

mod schema;
mod transform;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;

/// How `/api/v1` answers: the plain style, one documented variant, or all of them at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    /// The resource-keyed shapes of the endpoint pages: numbers, `Z` timestamps, absent optional
    /// fields left out.
    #[default]
    Plain,
    /// Every successful body inside `{"data": …}` (seed 001's general format).
    DataEnvelope,
    /// `null` for every optional field that is absent or empty.
    Nulls,
    /// Both `_id` and `id` on every object that carries an id, populated users included.
    Ids,
    /// Money as decimal strings (`"25.500"`), timestamps with a `+01:00` offset (same instant).
    Strings,
    /// All of the above at once.
    Mixed,
}

impl Dialect {
    /// Every dialect, plain first.
    pub const ALL: [Dialect; 6] = [
        Self::Plain,
        Self::DataEnvelope,
        Self::Nulls,
        Self::Ids,
        Self::Strings,
        Self::Mixed,
    ];

    /// The command-line name (`data-envelope`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Plain => "plain",
            Self::DataEnvelope => "data-envelope",
            Self::Nulls => "nulls",
            Self::Ids => "ids",
            Self::Strings => "strings",
            Self::Mixed => "mixed",
        }
    }

    pub(crate) fn envelope(self) -> bool {
        matches!(self, Self::DataEnvelope | Self::Mixed)
    }

    pub(crate) fn nulls(self) -> bool {
        matches!(self, Self::Nulls | Self::Mixed)
    }

    pub(crate) fn ids(self) -> bool {
        matches!(self, Self::Ids | Self::Mixed)
    }

    pub(crate) fn strings(self) -> bool {
        matches!(self, Self::Strings | Self::Mixed)
    }
}

impl std::fmt::Display for Dialect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Dialect {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|d| d.as_str()).collect();
                format!("unknown dialect `{s}`: use one of {}", names.join(", "))
            })
    }
}

/// Rewrites a successful JSON answer of `/api/v1` in the configured dialect. Error bodies keep
/// their documented shapes (contract §1.5): the variants are about successful bodies.
pub async fn layer(State(dialect): State<Dialect>, req: Request, next: Next) -> Response {
    if dialect == Dialect::Plain {
        return next.run(req).await;
    }
    let root = schema::root_for(req.method().as_str(), req.uri().path());
    let resp = next.run(req).await;
    if !resp.status().is_success() {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(mut value) = serde_json::from_slice(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    transform::apply(dialect, root, &mut value);
    let out = serde_json::to_vec(&value).unwrap_or_else(|_| bytes.to_vec());
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(out))
}
