//! The shop's receipt printers, as the merchant sets them up once in Settings.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{MerchantError, Result};

/// The paper roll's width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
pub enum PaperWidth {
    /// 58 mm: the small printers most counters have.
    #[default]
    #[serde(rename = "58")]
    Mm58,
    /// 80 mm.
    #[serde(rename = "80")]
    Mm80,
}

impl PaperWidth {
    pub fn paper(self) -> receipt::Paper {
        match self {
            Self::Mm58 => receipt::Paper::Mm58,
            Self::Mm80 => receipt::Paper::Mm80,
        }
    }

    /// From the width in millimetres (58 or 80).
    pub fn from_millimetres(mm: u32) -> Option<Self> {
        match mm {
            58 => Some(Self::Mm58),
            80 => Some(Self::Mm80),
            _ => None,
        }
    }
}

/// The language receipts print in; `ar+fr` prints every label in Arabic and French.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
pub enum ReceiptLanguage {
    #[serde(rename = "en")]
    En,
    #[serde(rename = "fr")]
    Fr,
    #[serde(rename = "ar")]
    Ar,
    /// What most Tunisian receipts carry.
    #[default]
    #[serde(rename = "ar+fr")]
    ArFr,
}

impl ReceiptLanguage {
    pub fn language(self) -> receipt::Language {
        match self {
            Self::En => receipt::Language::En,
            Self::Fr => receipt::Language::Fr,
            Self::Ar => receipt::Language::Ar,
            Self::ArFr => receipt::Language::ArFr,
        }
    }

    /// Parses `en`, `fr`, `ar` or `ar+fr`.
    pub fn parse(code: &str) -> Option<Self> {
        Some(match receipt::Language::parse(code)? {
            receipt::Language::En => Self::En,
            receipt::Language::Fr => Self::Fr,
            receipt::Language::Ar => Self::Ar,
            receipt::Language::ArFr => Self::ArFr,
        })
    }
}

/// One printer the shop has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrinterSetting {
    /// What the cashier calls it ("Counter", "Kitchen"…); unique in the shop.
    pub name: String,
    /// `tcp://HOST[:PORT]`, a device such as `/dev/usb/lp0`, or `cups://QUEUE`.
    pub uri: String,
    pub paper: PaperWidth,
}

impl PrinterSetting {
    /// The parsed address; a mistyped one is the merchant's to fix in Settings.
    pub fn address(&self) -> Result<receipt::PrinterUri> {
        receipt::PrinterUri::parse(&self.uri)
            .map_err(|e| MerchantError::InvalidInput(e.to_string()))
    }
}

/// Printing, as set up in Settings.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct PrintingSettings {
    pub printers: Vec<PrinterSetting>,
    /// The name of the printer receipts go to (none: the first one).
    pub default_printer: Option<String>,
    /// Print the receipt by itself when a sale is paid (DHMAD) or recorded (other methods).
    pub auto_print: bool,
    /// Open the cash drawer (wired to the printer) with a cash sale's receipt.
    pub kick_drawer_on_cash: bool,
    pub language: ReceiptLanguage,
}

/// The sentence shown when a print is asked for and no printer is set up.
pub const NO_PRINTER: &str = "Add a receipt printer in Settings first.";

impl PrintingSettings {
    /// The printer named `name`, else the default one, else the first one.
    pub fn printer(&self, name: Option<&str>) -> Result<&PrinterSetting> {
        let wanted = name.or(self.default_printer.as_deref());
        let found = match wanted {
            Some(n) => self.printers.iter().find(|p| p.name == n),
            None => None,
        };
        found
            .or_else(|| name.is_none().then(|| self.printers.first()).flatten())
            .ok_or_else(|| match name {
                Some(n) => MerchantError::NotFound(format!("no printer named {n:?}")),
                None => MerchantError::InvalidInput(NO_PRINTER.to_owned()),
            })
    }

    /// Checks what the merchant typed: a name and a valid address for each printer, no name
    /// twice, a default that exists.
    pub fn validate(&self) -> Result<()> {
        let mut names = std::collections::HashSet::new();
        for p in &self.printers {
            if p.name.trim().is_empty() {
                return Err(MerchantError::InvalidInput("a printer needs a name".into()));
            }
            if !names.insert(p.name.trim()) {
                return Err(MerchantError::InvalidInput(format!(
                    "two printers are named {:?}",
                    p.name
                )));
            }
            p.address()?;
        }
        match &self.default_printer {
            Some(d) if !self.printers.iter().any(|p| &p.name == d) => {
                Err(MerchantError::InvalidInput(format!(
                    "the default printer {d:?} is not in the list"
                )))
            }
            _ => Ok(()),
        }
    }
}
