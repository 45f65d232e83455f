//! Money converts exactly between JSON numbers and integer millimes.

use dhmad_api::Money;
use proptest::prelude::*;

#[test]
fn edge_values_round_trip_exactly() {
    // (JSON text in, millimes, JSON text out)
    let table = [
        ("0.001", 1, "0.001"),
        ("5", 5_000, "5"),
        ("5.000", 5_000, "5"),
        ("12.345", 12_345, "12.345"),
        ("999999.999", 999_999_999, "999999.999"),
        ("1e9", 1_000_000_000_000, "1000000000"),
        ("1000000000", 1_000_000_000_000, "1000000000"),
        ("1000.00", 1_000_000, "1000"),
        ("1500.50", 1_500_500, "1500.5"),
        ("0.1", 100, "0.1"),
        ("0", 0, "0"),
        ("\"12.345\"", 12_345, "12.345"),
    ];
    for (input, millimes, output) in table {
        let money: Money = serde_json::from_str(input).unwrap();
        assert_eq!(money.millimes(), millimes, "decoding {input}");
        assert_eq!(
            serde_json::to_string(&money).unwrap(),
            output,
            "encoding {input}"
        );
        let again: Money = serde_json::from_str(output).unwrap();
        assert_eq!(again, money, "re-decoding {output}");
    }
}

#[test]
fn more_than_three_decimals_round_half_away_from_zero() {
    let cases = [
        ("0.0005", 1),
        ("0.0004999", 0),
        ("2.0015", 2_002),
        ("-2.0015", -2_002),
    ];
    for (input, millimes) in cases {
        let money: Money = serde_json::from_str(input).unwrap();
        assert_eq!(money.millimes(), millimes, "{input}");
    }
}

#[test]
fn display_and_parse() {
    let m = Money::from_tnd_str("12.345").unwrap();
    assert_eq!(m.to_string(), "12.345");
    assert_eq!(Money::from_tnd_str("5").unwrap().to_string(), "5.000");
    assert!(Money::from_tnd_str("12,345").is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]
    #[test]
    fn every_millime_value_round_trips_through_json(millimes in 0i64..1_000_000_000_000_000) {
        let money = Money::from_millimes(millimes);
        let text = serde_json::to_string(&money).unwrap();
        let back: Money = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(back, money);
        // The JSON text is the exact decimal, not a float artefact.
        let exact = money.to_decimal().normalize().to_string();
        prop_assert_eq!(text, exact);
    }
}
