//! The grammar of the shop's day commands (`drawer`, `record`, `refund`).

use clap::{Args, Subcommand};

use crate::key_value::parse_key_value;

#[derive(Debug, Subcommand)]
pub enum DrawerCommand {
    /// Open the till's drawer with a float (the cash put in for change).
    Open {
        /// The float in TND, e.g. 50.000.
        #[arg(long = "float")]
        float: String,
    },
    /// Cash paid into (--in) or out of (--out) the open drawer, with the reason.
    Move(MoveArgs),
    /// The X report: the open drawer's figures so far (nothing is stored).
    X {
        /// Print the report as JSON (amounts as exact decimal numbers in TND).
        #[arg(long)]
        json: bool,
    },
    /// Close the drawer: the Z report, numbered and chained to the previous one.
    Close(CloseArgs),
    /// Reprint Z report number N.
    Z {
        /// The Z number.
        number: i64,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Check every Z report and the entries they cover; exit 1 naming the first broken Z.
    Verify,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("direction").required(true).args(["cash_in", "cash_out"])))]
pub struct MoveArgs {
    /// Cash put into the drawer.
    #[arg(long = "in")]
    pub cash_in: bool,
    /// Cash taken out of the drawer.
    #[arg(long = "out")]
    pub cash_out: bool,
    /// The amount in TND.
    pub amount: String,
    /// Why (supplier paid in cash, change brought in, …).
    #[arg(long)]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct CloseArgs {
    /// A counted total, METHOD=AMOUNT (repeatable), e.g. cash=152.350 cheque=80.000.
    #[arg(long = "counted", value_parser = parse_key_value)]
    pub counted: Vec<(String, String)>,
    /// Cash counted by denomination, VALUE=HOW_MANY (repeatable), e.g. 20=3 0.500=4; the
    /// 5-dinar note and coin are 5n and 5c. Instead of --counted cash=….
    #[arg(long = "cash-piece", value_parser = parse_key_value, conflicts_with = "counted")]
    pub pieces: Vec<(String, String)>,
    /// The cashier counted without seeing the expected amounts.
    #[arg(long)]
    pub blind: bool,
    /// Who closes (default: the profile's cashier name, else who opened).
    #[arg(long)]
    pub cashier: Option<String>,
    /// Print the Z report as JSON (amounts as exact decimal numbers in TND).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RecordArgs {
    /// cash, card, d17, flouci, konnect, edinar, cheque, or a method added in the settings.
    #[arg(long)]
    pub method: String,
    /// Amount in TND, e.g. 12.500.
    #[arg(long)]
    pub amount: String,
    /// What was sold.
    #[arg(long)]
    pub title: String,
    /// Cheque number, wallet transaction id, terminal slip number, …
    #[arg(long)]
    pub reference: Option<String>,
    /// The customer.
    #[arg(long)]
    pub customer: Option<String>,
    /// Cash only: the amount the buyer handed over (the change is printed).
    #[arg(long)]
    pub tendered: Option<String>,
}

#[derive(Debug, Args)]
pub struct RefundArgs {
    /// The sale's receipt number.
    pub receipt_no: i64,
    /// How much in TND (default: all that is left to refund, a void).
    #[arg(long)]
    pub amount: Option<String>,
    /// Why.
    #[arg(long)]
    pub reason: String,
}
