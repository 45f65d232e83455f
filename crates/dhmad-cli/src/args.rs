//! The command line's grammar (clap). Parsing errors exit with status 2 (clap's usage status).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

pub use crate::day_args::{CloseArgs, DrawerCommand, MoveArgs, RecordArgs, RefundArgs};
use crate::key_value::parse_key_value;
pub use crate::print::PrintCommand;

/// dhmad — the DHMAD API from the command line, for scripts and support.
///
/// Successful calls print the resource as JSON on stdout, with the API's field names and exact
/// amounts. Errors print one JSON object on stderr: {"status","code","message","userMessage"}.
/// Exit status: 0 success, 1 API or network error, 2 usage error (including a request the API's
/// rules would refuse, checked before sending), 3 outcome unknown (a write may have been applied).
#[derive(Debug, Parser)]
#[command(name = "dhmad", version, about, long_about = None)]
pub struct Cli {
    /// The API's versioned root, e.g. http://127.0.0.1:8080/api/v1 for the simulator.
    /// Default: chosen by the key (sk_live_ → https://dhmad.tn/api/v1, sk_sandbox_ → sandbox).
    #[arg(long, env = "DHMAD_BASE_URL", global = true)]
    pub base_url: Option<String>,

    /// Confirm that --base-url, although it is not https://dhmad.tn, is a proxy you trust with
    /// your LIVE key. Without it a live key is only ever sent to https://dhmad.tn. `login` saves
    /// the confirmation with the profile, for that address only.
    #[arg(long, global = true)]
    pub confirm_proxy: bool,

    /// The API key. Prefer the DHMAD_API_KEY environment variable: arguments are visible to
    /// other users of the machine.
    #[arg(long, env = "DHMAD_API_KEY", hide_env_values = true, global = true)]
    pub api_key: Option<String>,

    /// Send the key as `X-API-Key` instead of `Authorization: Bearer` (API commands; the book
    /// commands always use `Authorization: Bearer`).
    #[arg(long, global = true)]
    pub x_api_key: bool,

    /// Log requests to stderr (method, path, status, duration; never the key).
    #[arg(long, short, global = true)]
    pub verbose: bool,

    /// Where profiles and local books live (book commands). Default: the app's data folder.
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// The profile the book commands use. Default: the active profile (with DHMAD_API_KEY: a
    /// profile named "env"; for login: the active profile if its environment is the key's,
    /// else "sandbox" or "live").
    #[arg(long, global = true, value_name = "ID")]
    pub profile: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The API key and its developer account (GET /me).
    Me,
    /// The associated user's balance (GET /balance).
    Balance,
    /// Escrows: list, get, proof, contract, create, update, deliver, reject-delivery, cancel.
    #[command(subcommand)]
    Escrows(EscrowsCommand),
    /// Checkout sessions: create, get.
    #[command(subcommand)]
    Sessions(SessionsCommand),
    /// Identity verifications (pre-account KYC): create, get, list.
    #[command(subcommand)]
    Kyc(KycCommand),
    /// Print on a thermal receipt printer (ESC/POS raster), or render to a PNG.
    #[command(subcommand)]
    Print(PrintCommand),
    #[command(flatten)]
    Book(BookCommand),
}

/// The commands over merchant-core: profiles, the OS keychain and the local book.
#[derive(Debug, Subcommand)]
pub enum BookCommand {
    /// Validate a key read from stdin and store it in the OS keychain under a profile.
    Login(LoginArgs),
    /// Bring the profile's local book up to date with the fewest requests.
    Sync(SyncArgs),
    /// Totals of the local book for a period (Africa/Tunis days, both ends included).
    Report(ReportArgs),
    /// Write the book's escrows of a period to a CSV file.
    Export(ExportArgs),
    /// A counter sale: create the escrow and its checkout link, show the QR, wait until paid.
    Sale(SaleArgs),
    /// Check the profile's connection to DHMAD, one line per check with what to do; exit 1
    /// when a check fails. The key is never printed, so the output can go to support.
    Doctor(DoctorArgs),
    /// The cash drawer of the profile's till: open, move cash, X report, close (Z), reprint a
    /// Z, verify the Z chain. Local only: nothing is sent to DHMAD.
    #[command(subcommand)]
    Drawer(DrawerCommand),
    /// Record a sale paid outside DHMAD (cash, card terminal, wallet, cheque, custom method)
    /// with the next receipt number. Local only. `dhmad sale` is the DHMAD QR sale.
    Record(RecordArgs),
    /// Refund (part of) a recorded sale by its receipt number, as a new linked entry.
    Refund(RefundArgs),
}

#[derive(Debug, Subcommand)]
pub enum EscrowsCommand {
    /// One page of escrows, newest first; --all prints one JSON array of every escrow.
    List(ListArgs),
    /// One escrow.
    Get { id: String },
    /// The proof files of a quick escrow with proof.
    Proof { id: String },
    /// The contract of a standard escrow.
    Contract { id: String },
    /// Create an escrow (validated with the API's rules before sending).
    Create(CreateArgs),
    /// Update a pending escrow.
    Update(UpdateArgs),
    /// Mark a paid escrow delivered (seller).
    Deliver { id: String },
    /// Reject a delivery (buyer).
    RejectDelivery {
        id: String,
        /// Why the delivery is rejected.
        #[arg(long)]
        reason: Option<String>,
    },
    /// Cancel a pending escrow.
    Cancel { id: String },
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// pending, paid, delivered, completed or cancelled.
    #[arg(long)]
    pub status: Option<String>,
    /// seller or buyer.
    #[arg(long, value_enum)]
    pub role: Option<RoleArg>,
    /// Page number (from 1).
    #[arg(long, conflicts_with = "all")]
    pub page: Option<u32>,
    /// Escrows per page (1–100).
    #[arg(long)]
    pub limit: Option<u32>,
    /// Every page, printed as one JSON array.
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Seller,
    Buyer,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ModeArg {
    Standard,
    Quick,
    Instant,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
#[value(rename_all = "UPPER")]
pub enum CurrencyArg {
    Tnd,
    Usd,
    Eur,
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Title (1–200 characters).
    #[arg(long)]
    pub title: String,
    /// Amount in the currency, e.g. 12.345.
    #[arg(long)]
    pub amount: String,
    /// The buyer's e-mail.
    #[arg(long)]
    pub buyer_email: String,
    /// The seller's e-mail; omitted, your associated user sells (required omitted for instant).
    #[arg(long)]
    pub seller_email: Option<String>,
    /// standard (contract), quick, or instant.
    #[arg(long, value_enum)]
    pub mode: Option<ModeArg>,
    /// TND (default), USD or EUR.
    #[arg(long, value_enum, ignore_case = true)]
    pub currency: Option<CurrencyArg>,
    /// Estimated delivery in days (required for standard and quick).
    #[arg(long)]
    pub delivery_days: Option<u32>,
    /// Contract terms (standard only, up to 10,000 characters).
    #[arg(long)]
    pub terms: Option<String>,
    /// Sign the contract as seller with the dashboard signature (standard, you are the seller).
    #[arg(long)]
    pub auto_sign: bool,
    /// Developer fee percentage 0–25 (third-party sellers only).
    #[arg(long)]
    pub developer_fee: Option<String>,
    /// Quick escrow with proof: the seller must upload a purchase proof.
    #[arg(long)]
    pub proof_required: bool,
    /// Hours the seller has to upload the proof (6–72, default 24).
    #[arg(long, requires = "proof_required")]
    pub proof_upload_hours: Option<u32>,
    /// Hours the buyer has to review the proof (6–72).
    #[arg(long, requires = "proof_required")]
    pub proof_review_hours: Option<u32>,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    pub id: String,
    #[arg(long)]
    pub title: Option<String>,
    /// New amount in TND.
    #[arg(long)]
    pub amount: Option<String>,
    /// Description (up to 2,000 characters).
    #[arg(long)]
    pub description: Option<String>,
    #[arg(long)]
    pub delivery_days: Option<u32>,
}

#[derive(Debug, Subcommand)]
pub enum SessionsCommand {
    /// Create a checkout session for an escrow action.
    Create(CreateSessionArgs),
    /// A checkout session's status.
    Get { session_id: String },
}

#[derive(Debug, Args)]
pub struct CreateSessionArgs {
    pub escrow_id: String,
    /// sign_contract, accept_pay, complete, dispute, request_cancellation, reject_cancellation,
    /// accept_cancellation, cancel_escrow, submit_proof or review_proof.
    #[arg(long)]
    pub action: String,
    /// E-mail of the user who performs the action.
    #[arg(long)]
    pub target: String,
    /// Where DHMAD sends the user back (must be in your allowed redirect URLs).
    #[arg(long)]
    pub redirect_url: String,
    /// key=value, repeatable (values up to 500 characters).
    #[arg(long = "metadata", value_parser = parse_key_value)]
    pub metadata: Vec<(String, String)>,
}

#[derive(Debug, Subcommand)]
pub enum KycCommand {
    /// Invite a person to verify their identity.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        external_id: Option<String>,
        #[arg(long)]
        redirect_url: Option<String>,
    },
    /// One verification.
    Get { id: String },
    /// Your verifications for an e-mail (newest first, at most 20).
    List {
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Read the API key from stdin (required: a key in the arguments is visible to other users).
    #[arg(long, required = true)]
    pub key_stdin: bool,
    /// Name shown for the profile. Default: the developer's company.
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum ByArg {
    #[default]
    Day,
    Month,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// First day, YYYY-MM-DD (included).
    #[arg(long)]
    pub from: NaiveDate,
    /// Last day, YYYY-MM-DD (included).
    #[arg(long)]
    pub to: NaiveDate,
    /// One row per day or per month.
    #[arg(long, value_enum, default_value_t)]
    pub by: ByArg,
    /// Print the report as JSON (money in integer millimes).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DelimiterArg {
    /// `,` with `.` decimals.
    #[value(name = ",")]
    Comma,
    /// `;` with `,` decimals.
    #[value(name = ";")]
    Semicolon,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// First day, YYYY-MM-DD (included).
    #[arg(long)]
    pub from: NaiveDate,
    /// Last day, YYYY-MM-DD (included).
    #[arg(long)]
    pub to: NaiveDate,
    /// The CSV file to write (replaced only once complete).
    #[arg(long)]
    pub out: PathBuf,
    /// Field delimiter. Default: the profile's setting (`,`).
    #[arg(long, value_enum)]
    pub delimiter: Option<DelimiterArg>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SaleModeArg {
    Instant,
    Quick,
}

#[derive(Debug, Args)]
pub struct SaleArgs {
    /// Amount in TND, e.g. 12.500.
    #[arg(long)]
    pub amount: String,
    /// Escrow title.
    #[arg(long)]
    pub title: String,
    /// The buyer's e-mail.
    #[arg(long)]
    pub buyer_email: String,
    /// instant (you deliver at once) or quick (the buyer confirms). Default: the profile's setting.
    #[arg(long, value_enum)]
    pub mode: Option<SaleModeArg>,
    /// Where DHMAD sends the buyer back (in your allowed redirect URLs). Default: the
    /// profile's setting.
    #[arg(long, env = "DHMAD_REDIRECT_URL")]
    pub redirect_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Print the report as JSON (for support).
    #[arg(long)]
    pub json: bool,
    /// Check this redirect URL instead of the profile's setting.
    #[arg(long, env = "DHMAD_REDIRECT_URL")]
    pub redirect_url: Option<String>,
}
