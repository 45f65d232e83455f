//! The app's `#[tauri::command]`s, one file per area, each declared once in `list.rs`: the
//! handler list, [`COMMANDS`], the ACL permissions (build.rs) and the TypeScript signatures
//! ([`typescript`]) all come from that one list.

pub mod actions;
pub mod app;
pub mod books;
pub mod counter;
pub mod create;
pub mod dashboard;
pub mod day;
pub mod doctor;
pub mod escrows;
pub mod kyc;
pub mod print;
pub mod profiles;
pub mod typescript;
pub mod windows;

use crate::about::{AppInfo, UiReady};
use crate::print::{
    PrintKycRequest, PrintReceiptRequest, PrintReportRequest, PrintTestRequest, PrintedView,
};
use crate::views::actions::{
    EscrowActionRequest, SessionRequest, ShareRequest, ShareView, UpdateEscrowRequest,
};
use crate::views::books::{
    ChooseFileRequest, ExportRequest, ExportView, ReportRequest, ReportView,
};
use crate::views::counter::{
    CounterSaleRequest, CounterSalesView, PastBuyerView, PastBuyersRequest, ReceiptView,
    SaleRequestId, SaleView,
};
use crate::views::create::{
    CreateEscrowRequest, CreateOutcomeView, CreateReconcileRequest, FeePreviewRequest,
    FeePreviewView,
};
use crate::views::dashboard::{BalanceView, DashboardView, SyncStatusView};
use crate::views::day::{
    DayView, DrawerCloseRequest, DrawerMoveRequest, DrawerOpenRequest, RecordSaleRequest,
    RecordedView, RefundSaleRequest, RefundedView, ZCsvRequest, ZNumberRequest, ZReportView,
};
use crate::views::doctor::{ConnectionCheckView, UiErrorReport};
use crate::views::escrows::{
    EscrowDetailView, EscrowListRequest, EscrowPageView, EscrowRequest, EscrowView,
};
use crate::views::kyc::{
    KycIdRequest, KycInviteOutcomeView, KycInviteRequest, KycInviteView, KycListRequest,
};
use crate::views::links::OpenLinkRequest;
use crate::views::profiles::{ConnectRequest, ProfileRequest, ProfileView, ProfilesView};
use merchant_core::Settings;

/// Expands the command list into the shell's three views of it.
macro_rules! app_commands {
    ($($module:ident :: $name:ident ( $($arg:ident : $arg_ty:ty)? ) -> $answer:ty ;)*) => {
        /// Every `#[tauri::command]` the app registers, in snake_case as the UI invokes them.
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        /// The IPC handler of every command, for `Builder::invoke_handler`.
        pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($module::$name),*]
        }

        /// Each command's TypeScript signature, from the Rust types it takes and answers.
        // `($($arg_ty)?)` is the argument's type, or `()` for a command without one.
        #[allow(unused_parens)]
        pub fn signatures(cfg: &ts_rs::Config) -> Vec<typescript::Signature> {
            vec![$(typescript::Signature::of::<($($arg_ty)?), $answer>(
                cfg,
                stringify!($name),
                &[$(stringify!($arg))?],
            )),*]
        }

        /// Exports the TypeScript of every type a command takes or answers (and what they use).
        #[allow(unused_parens)]
        pub fn export_types(cfg: &ts_rs::Config) -> Result<(), ts_rs::ExportError> {
            $(typescript::Signature::export::<($($arg_ty)?), $answer>(cfg)?;)*
            Ok(())
        }
    };
}

include!("list.rs");
