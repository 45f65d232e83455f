//! The printed names of what the book stores as codes: payment methods and the shop's header.

use receipt::{Label, Language, ShopHeader};

use crate::day::PaymentMethod;
use crate::settings::Settings;

/// A method as printed: the shop's own name for its methods, the brand for wallets, the word
/// in the receipt's language for cash, card and cheque.
pub fn method_name(method: &PaymentMethod, settings: &Settings, language: Language) -> String {
    let brand = |name: &str| name.to_owned();
    match method {
        PaymentMethod::Cash => language.inline(Label::Cash),
        PaymentMethod::Card => language.inline(Label::Card),
        PaymentMethod::Cheque => language.inline(Label::Cheque),
        PaymentMethod::Dhmad => brand("DHMAD"),
        PaymentMethod::D17 => brand("D17"),
        PaymentMethod::Flouci => brand("Flouci"),
        PaymentMethod::Konnect => brand("Konnect"),
        PaymentMethod::Edinar => brand("e-Dinar"),
        PaymentMethod::Custom(slug) => settings
            .custom_methods
            .iter()
            .find(|m| &m.slug == slug)
            .map_or_else(|| slug.clone(), |m| m.name.clone()),
    }
}

/// The shop's name and its header lines (address, phone, tax number), as set in Settings.
pub fn shop_header(settings: &Settings) -> ShopHeader {
    ShopHeader {
        name: settings.shop_name.trim().to_owned(),
        lines: settings
            .receipt_header
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
    }
}
