//! Payment methods at the counter, and which of them are counted when the drawer closes.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{MerchantError, Result};

/// How a buyer paid. Serialises as one lower-case string: `"cash"`, `"d17"`, … or a custom
/// method's slug.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PaymentMethod {
    /// A DHMAD escrow paid through its QR / checkout link (the counter sale).
    Dhmad,
    /// Cash, into the drawer.
    Cash,
    /// A bank's card terminal.
    Card,
    /// La Poste's D17 wallet.
    D17,
    /// Flouci wallet.
    Flouci,
    /// Konnect wallet.
    Konnect,
    /// e-Dinar card / wallet.
    Edinar,
    /// Cheque, kept in the drawer until banked.
    Cheque,
    /// A method the merchant added in the settings, by its slug.
    Custom(String),
}

/// The built-in methods, in the order a method picker shows them.
pub const BUILT_IN: [PaymentMethod; 8] = [
    PaymentMethod::Dhmad,
    PaymentMethod::Cash,
    PaymentMethod::Card,
    PaymentMethod::D17,
    PaymentMethod::Flouci,
    PaymentMethod::Konnect,
    PaymentMethod::Edinar,
    PaymentMethod::Cheque,
];

impl PaymentMethod {
    /// The stored spelling.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Dhmad => "dhmad",
            Self::Cash => "cash",
            Self::Card => "card",
            Self::D17 => "d17",
            Self::Flouci => "flouci",
            Self::Konnect => "konnect",
            Self::Edinar => "edinar",
            Self::Cheque => "cheque",
            Self::Custom(slug) => slug,
        }
    }

    /// Reads a stored or typed spelling: a built-in name, else a custom slug (checked against
    /// the settings where it matters, see [`CustomMethod`]).
    pub fn parse(text: &str) -> Result<Self> {
        let text = text.trim().to_ascii_lowercase();
        if let Some(found) = BUILT_IN.iter().find(|m| m.as_str() == text) {
            return Ok(found.clone());
        }
        if is_slug(&text) {
            Ok(Self::Custom(text))
        } else {
            Err(MerchantError::InvalidInput(format!(
                "`{text}` is not a payment method (cash, card, d17, flouci, konnect, edinar, \
                 cheque, or a method added in the settings)"
            )))
        }
    }

    /// One of the wallets (D17, Flouci, Konnect, e-Dinar).
    pub fn is_wallet(&self) -> bool {
        matches!(
            self,
            Self::D17 | Self::Flouci | Self::Konnect | Self::Edinar
        )
    }
}

impl fmt::Display for PaymentMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for PaymentMethod {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for PaymentMethod {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

// The built-in methods, or a custom method's slug.
dhmad_api::string_enum_ts!(
    PaymentMethod,
    [" How a buyer paid: a built-in method, or a custom method's slug."],
    [
        "dhmad", "cash", "card", "d17", "flouci", "konnect", "edinar", "cheque"
    ]
);

/// A slug: 1–40 of `a-z`, `0-9` and `-`, not starting or ending with `-`.
fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 40
        && !text.starts_with('-')
        && !text.ends_with('-')
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A method the merchant added (meal vouchers, a bank transfer, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomMethod {
    /// Stable identifier stored with each sale; never changes once sales use it.
    pub slug: String,
    /// Name shown to the merchant (any script).
    pub name: String,
    /// Whether what it brings is kept in the drawer (then it is counted at close).
    pub in_drawer: bool,
}

impl CustomMethod {
    /// A new method named `name`, with a slug made from it that no built-in method nor any of
    /// `existing` uses (`meal-vouchers`, `method-2` for a name with no Latin letters, …).
    pub fn new(name: &str, in_drawer: bool, existing: &[CustomMethod]) -> Result<Self> {
        let name = name.trim();
        if name.is_empty() {
            return Err(MerchantError::InvalidInput(
                "a payment method needs a name".into(),
            ));
        }
        let base = slug_of(name);
        let taken = |slug: &str| {
            BUILT_IN.iter().any(|m| m.as_str() == slug) || existing.iter().any(|m| m.slug == slug)
        };
        let mut slug = if base.is_empty() {
            "method".to_owned()
        } else {
            base.clone()
        };
        let mut n = 2;
        while taken(&slug) || !is_slug(&slug) {
            let stem = if base.is_empty() { "method" } else { &base };
            slug = format!("{stem}-{n}");
            n += 1;
        }
        Ok(Self {
            slug,
            name: name.to_owned(),
            in_drawer,
        })
    }

    /// The method this entry stands for.
    pub fn method(&self) -> PaymentMethod {
        PaymentMethod::Custom(self.slug.clone())
    }
}

fn slug_of(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    slug.chars()
        .take(30)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_typescript_union_names_every_built_in_method() {
        use ts_rs::TS;
        let union = PaymentMethod::inline(&ts_rs::Config::new());
        let known: Vec<String> = BUILT_IN
            .iter()
            .map(|m| format!("\"{}\"", m.as_str()))
            .collect();
        assert_eq!(union, format!("{} | UnknownValue", known.join(" | ")));
    }

    #[test]
    fn methods_read_back_from_their_spelling() {
        for m in BUILT_IN {
            assert_eq!(PaymentMethod::parse(m.as_str()).unwrap(), m);
        }
        assert_eq!(
            PaymentMethod::parse("Meal-Vouchers").unwrap(),
            PaymentMethod::Custom("meal-vouchers".into())
        );
        assert!(PaymentMethod::parse("tickets restaurant").is_err());
    }

    #[test]
    fn custom_slugs_are_unique_and_never_a_built_in_name() {
        let first = CustomMethod::new("Tickets Restaurant", true, &[]).unwrap();
        assert_eq!(first.slug, "tickets-restaurant");
        let second =
            CustomMethod::new("tickets restaurant!", false, std::slice::from_ref(&first)).unwrap();
        assert_eq!(second.slug, "tickets-restaurant-2");
        assert_eq!(CustomMethod::new("Cash", true, &[]).unwrap().slug, "cash-2");
        assert_eq!(
            CustomMethod::new("تحويل", false, &[]).unwrap().slug,
            "method"
        );
    }
}
