//! A profile's settings, stored with the profile in the profiles file (never a key in here).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::day::CustomMethod;
use crate::print::PrintingSettings;

/// How a counter sale's escrow is created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "lowercase")]
pub enum SaleMode {
    /// `instant`: the merchant is the seller; delivering completes at once.
    #[default]
    Instant,
    /// `quick`: no contract; the buyer confirms after delivery.
    Quick,
}

impl SaleMode {
    /// The API's spelling (`instant` / `quick`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Instant => "instant",
            Self::Quick => "quick",
        }
    }

    /// Parses the API spelling.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "instant" => Some(Self::Instant),
            "quick" => Some(Self::Quick),
            _ => None,
        }
    }
}

/// UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Arabic (right-to-left).
    Ar,
    /// French.
    #[default]
    Fr,
    /// English.
    En,
}

impl Language {
    /// The language of the system's locale, decided here so the first screen, the demo shop and
    /// every new profile speak it: the first of `LANGUAGE` (a list), `LC_ALL`, `LC_MESSAGES`,
    /// `LANG` that names Arabic, French or English, then (macOS, Windows) the user's preferred
    /// languages in their order, else English. (The webview's own locale is no guide: it falls
    /// back to English when the C library lacks the system's locale.)
    pub fn of_system() -> Self {
        Self::from_tags(
            locale_var_tags(|name| std::env::var(name).ok()).chain(preferred_languages()),
        )
    }

    /// [`Language::of_system`] over the variables `var` reads (and nothing else).
    pub fn from_locale_vars(var: impl Fn(&str) -> Option<String>) -> Self {
        Self::from_tags(locale_var_tags(var))
    }

    /// The first of `tags` (`ar_TN.UTF-8`, `fr-FR`, `en`…) that names a language of the app.
    fn from_tags(tags: impl Iterator<Item = String>) -> Self {
        for tag in tags {
            let primary = tag.split(['_', '-', '.', '@']).next().unwrap_or_default();
            match primary.to_ascii_lowercase().as_str() {
                "ar" => return Language::Ar,
                "fr" => return Language::Fr,
                "en" => return Language::En,
                _ => {}
            }
        }
        Language::En
    }

    /// The BCP 47 tag the web page uses.
    pub const fn tag(self) -> &'static str {
        match self {
            Language::Ar => "ar",
            Language::Fr => "fr",
            Language::En => "en",
        }
    }
}

/// The POSIX locale variables' tags, in the C library's order of precedence for messages.
fn locale_var_tags(var: impl Fn(&str) -> Option<String>) -> impl Iterator<Item = String> {
    ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(var)
        .flat_map(|v| v.split(':').map(str::to_owned).collect::<Vec<_>>())
}

/// The user's preferred languages where the OS keeps them apart from the environment.
#[cfg(any(target_os = "macos", target_os = "windows"))]
fn preferred_languages() -> impl Iterator<Item = String> {
    sys_locale::get_locales()
}

/// Elsewhere the locale variables are the preference.
#[cfg(not(any(target_os = "macos", target_os = "windows")))]
fn preferred_languages() -> impl Iterator<Item = String> {
    std::iter::empty()
}

/// UI theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Light.
    Light,
    /// Dark.
    Dark,
    /// Follow the OS.
    #[default]
    System,
}

/// CSV field delimiter. The decimal separator follows it (see `export.rs`): `,` → `1234.500`,
/// `;` → `1234,500`, the pairing spreadsheets use in dot-decimal and comma-decimal locales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
pub enum CsvDelimiter {
    /// `,` with `.` decimals.
    #[default]
    #[serde(rename = ",")]
    Comma,
    /// `;` with `,` decimals.
    #[serde(rename = ";")]
    Semicolon,
}

impl CsvDelimiter {
    /// The delimiter byte.
    pub fn byte(self) -> u8 {
        match self {
            Self::Comma => b',',
            Self::Semicolon => b';',
        }
    }

    /// The decimal separator used for money with this delimiter.
    pub fn decimal_separator(self) -> char {
        match self {
            Self::Comma => '.',
            Self::Semicolon => ',',
        }
    }
}

/// The till of a shop with one counter.
pub const DEFAULT_TILL: &str = "1";

/// Per-profile settings. Unknown or missing fields fall back to the defaults, so an older or newer
/// profiles file still loads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// The redirect URL sent with checkout sessions; must be in the developer's allow-list.
    pub redirect_url: Option<String>,
    /// Default mode of a counter sale.
    pub default_sale_mode: SaleMode,
    /// Shop name printed on receipts.
    pub shop_name: String,
    /// Free text printed at the top of receipts (address, tax id, …).
    pub receipt_header: String,
    /// Titles offered when starting a sale.
    pub title_presets: Vec<String>,
    /// UI language.
    pub language: Language,
    /// UI theme.
    pub theme: Theme,
    /// Play a sound when a sale is paid.
    pub sound_on_paid: bool,
    /// CSV delimiter (and with it the decimal separator).
    pub csv_delimiter: CsvDelimiter,
    /// This machine's till: receipt numbers and drawers are per till.
    pub till_id: String,
    /// The cashier's name printed on the Z report (free text).
    pub cashier_name: String,
    /// Payment methods the merchant added.
    pub custom_methods: Vec<CustomMethod>,
    /// Whether wallet payments (D17, Flouci, Konnect, e-Dinar) are counted at close, for a shop
    /// that checks them against the wallet's statement.
    pub count_wallets_at_close: bool,
    /// The receipt printers and when they print.
    pub printing: PrintingSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            redirect_url: None,
            default_sale_mode: SaleMode::default(),
            shop_name: String::new(),
            receipt_header: String::new(),
            title_presets: Vec::new(),
            language: Language::default(),
            theme: Theme::default(),
            // A counter app: the sound is what tells the merchant the buyer has paid.
            sound_on_paid: true,
            csv_delimiter: CsvDelimiter::default(),
            till_id: DEFAULT_TILL.to_owned(),
            cashier_name: String::new(),
            custom_methods: Vec::new(),
            count_wallets_at_close: false,
            printing: PrintingSettings::default(),
        }
    }
}

/// Facts learned when the key was validated (`GET /me`, association probe). Informational: the
/// app shows them and refreshes them on the next connect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct ConnectFacts {
    /// `developer.email` from `GET /me`.
    pub developer_email: Option<String>,
    /// `developer.companyName` from `GET /me`.
    pub company_name: Option<String>,
    /// Email of the DHMAD user account the developer is associated with, when known.
    pub associated_user_email: Option<String>,
    /// The associated user's id, used to compute each escrow's role.
    pub associated_user_id: Option<String>,
    /// `apiKey.keyPrefix` (not secret: a few leading characters), to recognise the key.
    pub key_prefix: Option<String>,
    /// `apiKey.rateLimit` (requests per minute).
    pub rate_limit: Option<u32>,
    /// When these facts were learned (unix ms UTC).
    pub checked_at_ms: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_language_comes_from_the_locale_variables() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(
            Language::from_locale_vars(env(&[("LANG", "ar_TN.UTF-8")])),
            Language::Ar
        );
        assert_eq!(
            Language::from_locale_vars(env(&[("LANGUAGE", "de:fr"), ("LANG", "en_US.UTF-8")])),
            Language::Fr
        );
        assert_eq!(
            Language::from_locale_vars(env(&[("LC_ALL", "en_GB.UTF-8"), ("LANG", "fr_FR")])),
            Language::En
        );
        assert_eq!(
            Language::from_locale_vars(env(&[("LANG", "C.UTF-8")])),
            Language::En
        );
        assert_eq!(Language::from_locale_vars(env(&[])), Language::En);
    }

    #[test]
    fn the_first_preferred_language_the_app_speaks_wins_in_the_os_tag_form() {
        let tags = |list: &[&str]| {
            list.iter()
                .map(|t| (*t).to_owned())
                .collect::<Vec<_>>()
                .into_iter()
        };
        assert_eq!(
            Language::from_tags(tags(&["de-DE", "ar-TN", "fr-FR"])),
            Language::Ar
        );
        assert_eq!(Language::from_tags(tags(&["fr-CA", "en-US"])), Language::Fr);
        assert_eq!(Language::from_tags(tags(&["ja-JP"])), Language::En);
    }
}
