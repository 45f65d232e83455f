//! Amounts as integer millimes (1 TND = 1000 millimes), printed exactly: never through a float.

/// `12500` → `"12.500"`, `-500` → `"-0.500"`.
pub fn format_millimes(millimes: i64) -> String {
    let sign = if millimes < 0 { "-" } else { "" };
    let magnitude = millimes.unsigned_abs();
    format!("{sign}{}.{:03}", magnitude / 1000, magnitude % 1000)
}

#[cfg(test)]
mod tests {
    use super::format_millimes;

    #[test]
    fn formats_three_decimals_exactly() {
        assert_eq!(format_millimes(12_500), "12.500");
        assert_eq!(format_millimes(0), "0.000");
        assert_eq!(format_millimes(7), "0.007");
        assert_eq!(format_millimes(-500), "-0.500");
        assert_eq!(format_millimes(i64::MIN), "-9223372036854775.808");
    }
}
