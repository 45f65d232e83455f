//! Money across IPC. Amounts are integer millimes; JavaScript holds an integer exactly only up to
//! 2^53 − 1, so a larger one (a corrupt or hostile record, a sum of many huge ones) crosses as
//! the same integer in a decimal string. The UI formats both exactly and never does float math.

use serde::Serializer;

/// The largest magnitude a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_IN_JS: u64 = (1 << 53) - 1;

/// `serialize_with` for millimes: a JSON number when JavaScript can hold it exactly, else a
/// decimal string (`"9007199254740994"`). The TypeScript type is `number | string`.
pub(crate) fn millimes<S: Serializer>(value: &i64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.unsigned_abs() <= MAX_SAFE_IN_JS {
        serializer.serialize_i64(*value)
    } else {
        serializer.collect_str(value)
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    #[derive(Serialize)]
    struct Amount(#[serde(serialize_with = "super::millimes")] i64);

    fn json(v: i64) -> String {
        serde_json::to_string(&Amount(v)).unwrap()
    }

    #[test]
    fn exact_numbers_stay_numbers_and_larger_ones_become_strings() {
        assert_eq!(json(12_500), "12500");
        assert_eq!(json(9_007_199_254_740_991), "9007199254740991");
        assert_eq!(json(-9_007_199_254_740_991), "-9007199254740991");
        assert_eq!(json(9_007_199_254_740_994), "\"9007199254740994\"");
        assert_eq!(json(-9_007_199_254_740_994), "\"-9007199254740994\"");
        assert_eq!(json(i64::MIN), "\"-9223372036854775808\"");
    }
}

#[cfg(test)]
mod row_tests {
    use merchant_core::book::{EscrowMode, EscrowRole, EscrowStatus};

    use crate::views::escrows::EscrowRowView;

    #[test]
    fn an_escrow_row_beyond_two_to_the_53_crosses_ipc_exactly() {
        let huge = (1_i64 << 53) + 2;
        let row = EscrowRowView {
            id: "e1".into(),
            title: "Huge".into(),
            status: EscrowStatus::Pending,
            mode: Some(EscrowMode::Quick),
            role: Some(EscrowRole::Seller),
            amount: huge,
            currency: "TND".into(),
            amount_tnd: huge,
            escrow_fee: 1_500,
            developer_fee: 0,
            net: huge - 1_500,
            buyer_email: None,
            seller_email: None,
            created_at: "2026-12-04T10:00:00.000Z".into(),
            dispute_open: false,
        };
        let json = serde_json::to_value(&row).unwrap();
        assert_eq!(json["amount"], "9007199254740994");
        assert_eq!(json["amountTnd"], "9007199254740994");
        // Less the fee it is back within JavaScript's exact range, so a number again.
        assert_eq!(json["net"], 9_007_199_254_739_494_i64);
        assert_eq!(json["escrowFee"], 1500);
    }
}
