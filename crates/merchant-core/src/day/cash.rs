//! Tunisian money for counting the drawer, and the change to give back.
//!
//! Denominations in circulation (Banque Centrale de Tunisie): notes of 50, 20, 10 and 5 dinars;
//! coins of 5, 2 and 1 dinars and of 500, 200, 100, 50, 20, 10 and 5 millimes. The 5-dinar note
//! and the 5-dinar coin both circulate, so both are listed; 1- and 2-millime coins are no longer
//! used at the counter and are left out.

use serde::{Deserialize, Serialize};

use crate::error::{MerchantError, Result};

/// A note or coin, by its value in millimes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Denomination {
    /// 50 TND note.
    Note50,
    /// 20 TND note.
    Note20,
    /// 10 TND note.
    Note10,
    /// 5 TND note.
    Note5,
    /// 5 TND coin.
    Coin5,
    /// 2 TND coin.
    Coin2,
    /// 1 TND coin.
    Coin1,
    /// 500 millimes coin.
    Coin500m,
    /// 200 millimes coin.
    Coin200m,
    /// 100 millimes coin.
    Coin100m,
    /// 50 millimes coin.
    Coin50m,
    /// 20 millimes coin.
    Coin20m,
    /// 10 millimes coin.
    Coin10m,
    /// 5 millimes coin.
    Coin5m,
}

impl Denomination {
    /// Every denomination, largest first (the order of a counting sheet).
    pub const ALL: [Denomination; 14] = [
        Self::Note50,
        Self::Note20,
        Self::Note10,
        Self::Note5,
        Self::Coin5,
        Self::Coin2,
        Self::Coin1,
        Self::Coin500m,
        Self::Coin200m,
        Self::Coin100m,
        Self::Coin50m,
        Self::Coin20m,
        Self::Coin10m,
        Self::Coin5m,
    ];

    /// Its value in millimes.
    pub fn millimes(self) -> i64 {
        match self {
            Self::Note50 => 50_000,
            Self::Note20 => 20_000,
            Self::Note10 => 10_000,
            Self::Note5 | Self::Coin5 => 5_000,
            Self::Coin2 => 2_000,
            Self::Coin1 => 1_000,
            Self::Coin500m => 500,
            Self::Coin200m => 200,
            Self::Coin100m => 100,
            Self::Coin50m => 50,
            Self::Coin20m => 20,
            Self::Coin10m => 10,
            Self::Coin5m => 5,
        }
    }

    /// A banknote (5 TND is both a note and a coin).
    pub fn is_note(self) -> bool {
        matches!(
            self,
            Self::Note50 | Self::Note20 | Self::Note10 | Self::Note5
        )
    }
}

/// How a counted amount was entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Counted {
    /// One total, in millimes.
    Total(i64),
    /// So many of each note and coin (cash only).
    Pieces(Vec<(Denomination, u32)>),
}

impl Counted {
    /// The counted total in millimes; a negative total is refused.
    pub fn millimes(&self) -> Result<i64> {
        let total = match self {
            Self::Total(m) => *m,
            Self::Pieces(pieces) => pieces.iter().try_fold(0_i64, |sum, (d, n)| {
                d.millimes()
                    .checked_mul(i64::from(*n))
                    .and_then(|v| sum.checked_add(v))
                    .ok_or_else(|| MerchantError::InvalidInput("the count is too large".into()))
            })?,
        };
        if total < 0 {
            return Err(MerchantError::InvalidInput(
                "a counted amount cannot be negative".into(),
            ));
        }
        Ok(total)
    }
}

/// The change to give back when `tendered` is handed over for `amount` (millimes). Less than
/// the amount is refused: the sale is not paid.
pub fn change_due(amount: i64, tendered: i64) -> Result<i64> {
    if tendered < amount {
        return Err(MerchantError::InvalidInput(format!(
            "the amount tendered ({}) is less than the amount due ({}): {} more is needed",
            crate::export::money(tendered, '.'),
            crate::export::money(amount, '.'),
            crate::export::money(amount.saturating_sub(tendered), '.'),
        )));
    }
    Ok(tendered - amount)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_add_up_to_the_millime() {
        let pieces = Counted::Pieces(vec![
            (Denomination::Note50, 2),
            (Denomination::Note5, 1),
            (Denomination::Coin5, 1),
            (Denomination::Coin200m, 3),
            (Denomination::Coin5m, 1),
        ]);
        assert_eq!(pieces.millimes().unwrap(), 110_605);
        assert!(Counted::Total(-1).millimes().is_err());
    }

    #[test]
    fn change_is_tendered_minus_due_and_short_payment_is_refused() {
        assert_eq!(change_due(12_350, 20_000).unwrap(), 7_650);
        assert_eq!(change_due(12_350, 12_350).unwrap(), 0);
        let err = change_due(12_350, 10_000).unwrap_err().to_string();
        assert!(err.contains("2.350 more"), "{err}");
    }
}
