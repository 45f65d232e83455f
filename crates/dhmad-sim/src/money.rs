//! Money at the JSON edge: integer millimes inside, exact decimal numbers outside.
//!
//! 1 TND = 1000 millimes. Input numbers are read through their shortest round-trip decimal text
//! (what the client wrote), so `12.345` becomes exactly 12 345 millimes; more than three decimals
//! is refused rather than rounded.

use serde_json::{Number, Value};

/// Largest accepted amount, in millimes (1 000 000 000 TND): keeps every product far from overflow.
pub const MAX_MILLIMES: i64 = 1_000_000_000_000;

/// Why a JSON value is not an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    /// Not a JSON number (or not finite).
    NotANumber,
    /// More than three decimals.
    TooPrecise,
    /// Above [`MAX_MILLIMES`].
    TooLarge,
}

/// Converts a JSON number to thousandths (millimes for TND), exactly.
pub fn parse_thousandths(v: &Value) -> Result<i64, AmountError> {
    let Value::Number(n) = v else {
        return Err(AmountError::NotANumber);
    };
    if let Some(i) = n.as_i64() {
        return i
            .checked_mul(1000)
            .filter(|m| m.abs() <= MAX_MILLIMES)
            .ok_or(AmountError::TooLarge);
    }
    let f = n.as_f64().ok_or(AmountError::NotANumber)?;
    if !f.is_finite() {
        return Err(AmountError::NotANumber);
    }
    if f.abs() > (MAX_MILLIMES / 1000) as f64 {
        return Err(AmountError::TooLarge);
    }
    // Rust's Display for f64 is the shortest text that round-trips, never in exponent form.
    let text = format!("{}", f.abs());
    let (int_part, frac_part) = text.split_once('.').unwrap_or((text.as_str(), ""));
    if frac_part.len() > 3 {
        return Err(AmountError::TooPrecise);
    }
    let int: i64 = int_part.parse().map_err(|_| AmountError::NotANumber)?;
    let mut frac: i64 = 0;
    for (i, c) in frac_part.chars().chain("000".chars()).take(3).enumerate() {
        let d = i64::from(c.to_digit(10).ok_or(AmountError::NotANumber)?);
        frac += d * 10_i64.pow(2 - i as u32);
    }
    let m = int * 1000 + frac;
    Ok(if f < 0.0 { -m } else { m })
}

/// Renders thousandths as a JSON number: integers stay integers, others the shortest exact decimal.
pub fn to_json(thousandths: i64) -> Value {
    if thousandths % 1000 == 0 {
        return Value::Number(Number::from(thousandths / 1000));
    }
    // A value with at most 3 decimals and |v| < 2^53/1000 formats back exactly (shortest repr).
    Number::from_f64(thousandths as f64 / 1000.0).map_or(Value::Null, Value::Number)
}

/// `amount × rate / 1000` (rate in thousandths) rounded to the unit, half away from zero.
pub fn mul_thousandths(amount: i64, rate_thousandths: i64) -> i64 {
    div_round(i128::from(amount) * i128::from(rate_thousandths), 1000)
}

/// Percentage of an amount; `pct_thousandths` is the percentage × 1000 (5 % = 5000).
pub fn percent_of(amount: i64, pct_thousandths: i64) -> i64 {
    div_round(i128::from(amount) * i128::from(pct_thousandths), 100_000)
}

fn div_round(num: i128, den: i128) -> i64 {
    let q = num / den;
    let r = num % den;
    let q = if 2 * r.abs() >= den {
        q + num.signum()
    } else {
        q
    };
    i64::try_from(q).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_exactly() {
        assert_eq!(parse_thousandths(&json!(12.345)), Ok(12_345));
        assert_eq!(parse_thousandths(&json!(0.01)), Ok(10));
        assert_eq!(parse_thousandths(&json!(500)), Ok(500_000));
        assert_eq!(parse_thousandths(&json!(1.1)), Ok(1_100));
        assert_eq!(parse_thousandths(&json!(-2.5)), Ok(-2_500));
        assert_eq!(
            parse_thousandths(&json!(1.2345)),
            Err(AmountError::TooPrecise)
        );
        assert_eq!(parse_thousandths(&json!("5")), Err(AmountError::NotANumber));
    }

    #[test]
    fn renders_shortest() {
        assert_eq!(to_json(12_345).to_string(), "12.345");
        assert_eq!(to_json(500_000).to_string(), "500");
        assert_eq!(to_json(10).to_string(), "0.01");
        assert_eq!(to_json(1_100).to_string(), "1.1");
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(percent_of(10, 5000), 1); // 0.5 millime → 1
        assert_eq!(percent_of(500_000, 5000), 25_000);
        assert_eq!(percent_of(12_345, 5000), 617); // 617.25
        assert_eq!(mul_thousandths(10_000, 3100), 31_000);
        assert_eq!(mul_thousandths(1, 3350), 3); // 3.35 → 3
    }
}
