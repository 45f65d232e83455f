//! A profile's settings, stored with the profile in the profiles file (never a key in here).

use serde::{Deserialize, Serialize};

use crate::day::CustomMethod;

/// How a counter sale's escrow is created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
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

/// UI theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
