//! Money converts exactly between JSON numbers and integer millimes.

use dhmad_api::{Balance, Escrow, MAX_ABS_MILLIMES, Money};
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
fn a_decimal_string_is_exact_to_the_millime() {
    let money: Money = serde_json::from_str("\"25.500\"").unwrap();
    assert_eq!(money.millimes(), 25_500);
    let money: Money = serde_json::from_str("\" -0.001 \"").unwrap();
    assert_eq!(money.millimes(), -1);
    let exact: Money = serde_json::from_str("25.5000").unwrap();
    assert_eq!(
        exact.millimes(),
        25_500,
        "trailing zeros are exact, not rounded"
    );
}

/// More than 3 decimals from the server is refused, never rounded: as a number, as a string.
#[test]
fn sub_millime_amounts_are_refused_not_rounded() {
    for input in [
        "25.5001",
        "\"25.5001\"",
        "0.0005",
        "-2.0015",
        "\"0.0004999\"",
    ] {
        let err = serde_json::from_str::<Money>(input).unwrap_err();
        assert!(
            err.to_string().contains("more than 3 decimals"),
            "{input}: {err}"
        );
    }
}

/// ±10¹² millimes is the largest amount; one millime beyond is refused at decode.
#[test]
fn amounts_beyond_ten_to_the_twelve_millimes_are_refused() {
    let max: Money = serde_json::from_str("1000000000").unwrap();
    assert_eq!(max.millimes(), MAX_ABS_MILLIMES);
    let min: Money = serde_json::from_str("\"-1000000000.000\"").unwrap();
    assert_eq!(min.millimes(), -MAX_ABS_MILLIMES);
    for input in [
        "1000000000.001",
        "-1000000000.001",
        "\"1000000001\"",
        "9007199254740994",
        "1e15",
    ] {
        let err = serde_json::from_str::<Money>(input).unwrap_err();
        assert!(err.to_string().contains("out of range"), "{input}: {err}");
    }
}

/// `null` on an optional amount is `None`; on a required one it is an error naming the field.
#[test]
fn a_null_amount_is_none_where_optional_and_named_where_required() {
    let escrow: Escrow =
        serde_json::from_str(r#"{"id":"e1","amount":null,"escrowFee":"1.500"}"#).unwrap();
    assert_eq!(escrow.amount, None);
    assert_eq!(escrow.escrow_fee, Some(Money::from_millimes(1_500)));
    let err = serde_json::from_str::<Balance>(r#"{"available":null,"pending":0,"escrow":0}"#)
        .unwrap_err();
    assert!(err.to_string().contains("null"), "{err}");
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
    fn every_millime_value_round_trips_through_json(millimes in -MAX_ABS_MILLIMES..=MAX_ABS_MILLIMES) {
        let money = Money::from_millimes(millimes);
        let text = serde_json::to_string(&money).unwrap();
        let back: Money = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(back, money);
        // The JSON text is the exact decimal, not a float artefact.
        let exact = money.to_decimal().normalize().to_string();
        prop_assert_eq!(text, exact);
    }
}
