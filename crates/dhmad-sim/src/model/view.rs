//! Borrowed, directly serialisable escrow view: the hot read paths (`GET /escrows/:id`,
//! `GET /escrows`) serialise straight to bytes instead of building a `serde_json::Value`.

use crate::clock::Millis;
use crate::store::{Escrow, Store};
use chrono::{Datelike, TimeZone, Timelike, Utc};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

/// Millimes rendered like [`crate::money::to_json`]: integer TND as integers, else the decimal.
#[derive(Debug, Clone, Copy)]
pub struct Tnd(pub i64);

impl Serialize for Tnd {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % 1000 == 0 {
            s.serialize_i64(self.0 / 1000)
        } else {
            s.serialize_f64(self.0 as f64 / 1000.0)
        }
    }
}

/// An instant rendered as `YYYY-MM-DDTHH:MM:SS.mmmZ` (or `null`).
#[derive(Debug, Clone, Copy)]
pub struct Iso(pub Option<Millis>);

impl Serialize for Iso {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Some(ms) = self.0 else {
            return s.serialize_none();
        };
        let Some(t) = Utc.timestamp_millis_opt(ms).single() else {
            return s.serialize_none();
        };
        let text = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
            ms.rem_euclid(1000)
        );
        s.serialize_str(&text)
    }
}

struct UserRef<'a>(&'a Store, Option<usize>);

impl Serialize for UserRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Some(u) = self.1 else {
            return s.serialize_none();
        };
        let user = &self.0.users[u];
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("_id", &user.id)?;
        m.serialize_entry("email", &user.email)?;
        m.serialize_entry("firstName", &user.first_name)?;
        m.serialize_entry("lastName", &user.last_name)?;
        m.end()
    }
}

/// The full escrow object, serialised straight to bytes on the hot read paths.
#[derive(Debug, Clone, Copy)]
pub struct EscrowView<'a> {
    /// The store.
    pub store: &'a Store,
    /// Escrow index.
    pub index: usize,
    /// Origin for proof URLs.
    pub origin: &'a str,
}

impl std::fmt::Debug for UserRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UserRef")
    }
}

impl Serialize for EscrowView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let st = self.store;
        let e: &Escrow = &st.escrows[self.index];
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &e.id)?;
        m.serialize_entry("_id", &e.id)?;
        m.serialize_entry("title", &e.title)?;
        m.serialize_entry("description", &e.description)?;
        m.serialize_entry("amount", &Tnd(e.amount))?;
        m.serialize_entry("currency", e.currency.as_str())?;
        m.serialize_entry("amountTnd", &Tnd(e.amount_tnd))?;
        m.serialize_entry("escrowFee", &Tnd(e.escrow_fee))?;
        m.serialize_entry("developerFee", &Tnd(e.developer_fee))?;
        m.serialize_entry("developerFeePercentage", &Tnd(e.developer_fee_pct))?;
        m.serialize_entry("status", e.status.as_str())?;
        m.serialize_entry("mode", e.mode.as_str())?;
        m.serialize_entry("seller", &UserRef(st, e.seller))?;
        m.serialize_entry("sellerEmail", &e.seller_email)?;
        m.serialize_entry("buyer", &UserRef(st, e.buyer))?;
        m.serialize_entry("buyerEmail", &e.buyer_email)?;
        m.serialize_entry("estimatedDeliveryDays", &e.estimated_delivery_days)?;
        m.serialize_entry("expiresAt", &Iso(Some(e.expires_at)))?;
        m.serialize_entry("paidAt", &Iso(e.paid_at))?;
        m.serialize_entry("deliveredAt", &Iso(e.delivered_at))?;
        m.serialize_entry("completionDeadline", &Iso(e.completion_deadline))?;
        m.serialize_entry("completedAt", &Iso(e.completed_at))?;
        m.serialize_entry("cancelledAt", &Iso(e.cancelled_at))?;
        m.serialize_entry("createdAt", &Iso(Some(e.created_at)))?;
        m.serialize_entry("updatedAt", &Iso(Some(e.updated_at)))?;
        m.serialize_entry("createdViaThirdParty", &true)?;
        m.serialize_entry("createdByApplicationName", &e.app_name)?;
        // The rarely-present parts reuse the Value builders (cheap when absent).
        let rest = super::escrow::rare_parts(st, self.index, self.origin);
        for (k, v) in rest {
            m.serialize_entry(k, &v)?;
        }
        m.end()
    }
}

/// The full escrow object as a `Value` (a superset of every documented example), for the
/// answers and events that embed it in a larger body.
pub fn escrow_json(store: &Store, i: usize, origin: &str) -> Value {
    serde_json::to_value(EscrowView {
        store,
        index: i,
        origin,
    })
    .unwrap_or(Value::Null)
}
