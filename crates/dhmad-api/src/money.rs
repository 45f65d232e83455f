//! Exact money: integer millimes (1 TND = 1000 millimes), converted exactly at the JSON edge.
//!
//! DHMAD sends amounts as JSON numbers in TND (`1000.00`, `12.345`). They are never held as `f64`
//! here: a JSON float arrives as the `f64` nearest the written decimal, and Rust's shortest
//! round-trip formatting gives back exactly that decimal (for every decimal of up to 15 significant
//! digits), which `rust_decimal` then parses exactly.
//!
//! Amounts are exact or refused: a value with more than 3 significant decimals (`25.5001`), or
//! beyond ±10¹² millimes ([`MAX_ABS_MILLIMES`]), is an error — from the server (a decode error
//! naming the field) and from local input alike — never a rounded guess. A server sending
//! sub-millime amounts would otherwise have them silently changed in the merchant's books.
//!
//! **Rounding rule** (the only one in this crate): a *computed* amount, [`Money::percent_of`] (a
//! fee estimate), is rounded to the millime half away from zero (`0.0005` → `0.001`).

use std::fmt;
use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Millimes per TND.
const SCALE: i64 = 1000;
/// The largest amount accepted, in millimes either side of zero: one billion TND, far above any
/// real escrow and far below 2^53, so an amount always crosses IPC and JSON exactly.
pub const MAX_ABS_MILLIMES: i64 = 1_000_000_000_000;

/// An amount in thousandths of its currency unit (millimes for TND).
///
/// Face amounts in USD/EUR use the same type: the unit is then a thousandth of a dollar/euro.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

/// Why a text or number is not a valid amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Not a decimal number.
    #[error("not a decimal number: {0:?}")]
    NotANumber(String),
    /// Beyond ±10¹² millimes ([`MAX_ABS_MILLIMES`]).
    #[error("amount out of range (more than 1,000,000,000 TND either side of zero)")]
    OutOfRange,
    /// Finer than a millime (more than 3 decimals); never rounded silently.
    #[error("more than 3 decimals (finer than a millime): {0}")]
    TooPrecise(String),
}

impl Money {
    /// Zero.
    pub const ZERO: Money = Money(0);

    /// From integer millimes.
    pub const fn from_millimes(millimes: i64) -> Self {
        Money(millimes)
    }

    /// From whole TND; `None` when it overflows.
    pub fn from_tnd(tnd: i64) -> Option<Self> {
        tnd.checked_mul(SCALE).map(Money)
    }

    /// The amount in millimes.
    pub const fn millimes(self) -> i64 {
        self.0
    }

    /// Parses a decimal text such as `"12.345"`, `"5"`, `"1e9"`, exactly (see the module).
    ///
    /// ```
    /// # use dhmad_api::Money;
    /// assert_eq!(Money::from_tnd_str("12.345").unwrap().millimes(), 12_345);
    /// ```
    pub fn from_tnd_str(text: &str) -> Result<Self, MoneyError> {
        let decimal = parse_decimal(text)?;
        Self::from_decimal(decimal)
    }

    /// From an exact decimal amount in TND: more than 3 decimals (`12.3456`) or beyond
    /// ±10¹² millimes is an error (trailing zeros such as `25.5000` are exact and accepted).
    pub fn from_decimal(tnd: Decimal) -> Result<Self, MoneyError> {
        let exact = tnd.normalize();
        if exact.scale() > 3 {
            return Err(MoneyError::TooPrecise(exact.to_string()));
        }
        Self::from_millime_decimal(exact)
    }

    fn from_millime_decimal(tnd: Decimal) -> Result<Self, MoneyError> {
        tnd.checked_mul(Decimal::from(SCALE))
            .and_then(|m| m.to_i64())
            .filter(|m| m.checked_abs().is_some_and(|a| a <= MAX_ABS_MILLIMES))
            .map(Money)
            .ok_or(MoneyError::OutOfRange)
    }

    /// The exact decimal value in TND.
    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 3)
    }

    /// `self + other`, `None` on overflow.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// `self - other`, `None` on overflow.
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    /// `percent`% of this amount, rounded to the millime half away from zero.
    ///
    /// ```
    /// # use dhmad_api::Money;
    /// # use rust_decimal::Decimal;
    /// let fee = Money::from_tnd(500).unwrap().percent_of(Decimal::from(5)).unwrap();
    /// assert_eq!(fee, Money::from_tnd(25).unwrap());
    /// ```
    pub fn percent_of(self, percent: Decimal) -> Option<Money> {
        let value = self
            .to_decimal()
            .checked_mul(percent)?
            .checked_div(Decimal::from(100))?
            .round_dp_with_strategy(3, RoundingStrategy::MidpointAwayFromZero);
        Money::from_millime_decimal(value).ok()
    }

    /// True when the amount is above zero.
    pub fn is_positive(self) -> bool {
        self.0 > 0
    }
}

/// Parses decimal text, plain or scientific (`"1e9"`).
pub(crate) fn parse_decimal(text: &str) -> Result<Decimal, MoneyError> {
    let t = text.trim();
    let parsed = if t.contains(['e', 'E']) {
        Decimal::from_scientific(t)
    } else {
        Decimal::from_str(t)
    };
    parsed.map_err(|_| MoneyError::NotANumber(text.to_owned()))
}

/// The exact decimal a JSON float was written as (shortest round-trip formatting).
pub(crate) fn decimal_from_f64(value: f64) -> Result<Decimal, MoneyError> {
    if !value.is_finite() {
        return Err(MoneyError::NotANumber(value.to_string()));
    }
    // `Display` for f64 never uses an exponent, so this is plain decimal text.
    Decimal::from_str(&format!("{value}")).map_err(|_| MoneyError::OutOfRange)
}

impl fmt::Display for Money {
    /// Always three decimals: `12.345`, `5.000`, `-0.010`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:03}", abs / 1000, abs % 1000)
    }
}

impl FromStr for Money {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Money::from_tnd_str(s)
    }
}

impl Serialize for Money {
    /// A whole amount as a JSON integer; otherwise `millimes / 1000.0`, whose shortest formatting
    /// is exactly the 3-decimal value (IEEE division is correctly rounded).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0 % SCALE == 0 {
            serializer.serialize_i64(self.0 / SCALE)
        } else {
            #[allow(clippy::cast_precision_loss)] // |millimes| < 2^53 for every real amount
            serializer.serialize_f64(self.0 as f64 / SCALE as f64)
        }
    }
}

/// Shared visitor logic for decimal numbers that may arrive as integers, floats or strings.
pub(crate) struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number (JSON number or numeric string)")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        decimal_from_f64(v).map_err(E::custom)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_decimal(v).map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let decimal = deserializer.deserialize_any(DecimalVisitor)?;
        Money::from_decimal(decimal).map_err(de::Error::custom)
    }
}

/// A percentage such as `developerFeePercentage` (`5`, `2.5`), exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Percentage(pub Decimal);

impl Percentage {
    /// From a whole percent.
    pub fn from_int(p: i64) -> Self {
        Percentage(Decimal::from(p))
    }
}

impl fmt::Display for Percentage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.normalize())
    }
}

impl FromStr for Percentage {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_decimal(s).map(Percentage)
    }
}

impl Serialize for Percentage {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let d = self.0.normalize();
        if d.scale() == 0
            && let Some(i) = d.to_i64()
        {
            return serializer.serialize_i64(i);
        }
        // Shortest formatting of the nearest f64 writes back the same short decimal.
        match d.to_f64() {
            Some(f) => serializer.serialize_f64(f),
            None => serializer.serialize_str(&d.to_string()),
        }
    }
}

impl<'de> Deserialize<'de> for Percentage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DecimalVisitor).map(Percentage)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn display_always_three_decimals() {
        assert_eq!(Money::from_millimes(12_345).to_string(), "12.345");
        assert_eq!(Money::from_millimes(5_000).to_string(), "5.000");
        assert_eq!(Money::from_millimes(-10).to_string(), "-0.010");
    }

    #[test]
    fn sub_millime_text_is_refused_and_a_computed_fee_rounds_half_away_from_zero() {
        for text in ["0.0005", "-0.0005", "1.2344"] {
            assert!(
                matches!(Money::from_tnd_str(text), Err(MoneyError::TooPrecise(_))),
                "{text}"
            );
        }
        assert_eq!(Money::from_tnd_str("25.5000").unwrap().millimes(), 25_500);
        let fee = Money::from_millimes(1)
            .percent_of(Decimal::from(50))
            .unwrap();
        assert_eq!(fee.millimes(), 1, "0.0005 TND rounds up to one millime");
    }

    #[test]
    fn rejects_garbage_and_overflow() {
        assert!(matches!(
            Money::from_tnd_str("abc"),
            Err(MoneyError::NotANumber(_))
        ));
        assert_eq!(Money::from_tnd_str("1e20"), Err(MoneyError::OutOfRange));
        assert_eq!(
            Money::from_tnd_str("1000000000").unwrap().millimes(),
            MAX_ABS_MILLIMES
        );
        assert_eq!(
            Money::from_tnd_str("-1000000000.001"),
            Err(MoneyError::OutOfRange)
        );
        assert!(serde_json::from_str::<Money>("1e300").is_err());
        assert!(serde_json::from_str::<Money>("true").is_err());
    }

    #[test]
    fn checked_arithmetic() {
        let a = Money::from_millimes(i64::MAX);
        assert_eq!(a.checked_add(Money::from_millimes(1)), None);
        assert_eq!(
            Money::from_millimes(5).checked_sub(Money::from_millimes(7)),
            Some(Money::from_millimes(-2))
        );
    }

    #[test]
    fn percentage_json() {
        let p: Percentage = serde_json::from_str("2.5").unwrap();
        assert_eq!(serde_json::to_string(&p).unwrap(), "2.5");
        let p: Percentage = serde_json::from_str("5").unwrap();
        assert_eq!(serde_json::to_string(&p).unwrap(), "5");
    }
}
