//! The TypeScript bindings of every type that crosses IPC, generated with ts-rs into
//! `ui/src/bindings/` and committed. The test below regenerates them into a temporary folder and
//! fails when the committed files differ (run with `DHMAD_UPDATE_BINDINGS=1` to rewrite them).

use std::path::Path;

use ts_rs::{Config, TS};

use crate::error::{CommandError, ErrorCode};
use crate::state::{AppInfo, EnvironmentKind, UiReady};
use crate::views::actions::{
    EscrowActionRequest, SessionRequest, ShareActionView, ShareRequest, ShareStatusEvent,
    ShareView, UpdateEscrowRequest,
};
use crate::views::books::{
    ChooseFileRequest, ExportProgressView, ExportRequest, ExportView, PeriodRow, ReportBy,
    ReportRequest, ReportView, StatusRow,
};
use crate::views::counter::{
    CounterSaleRequest, CounterSalesView, PastBuyerView, PastBuyersRequest, ReceiptView,
    SaleEventView, SaleRequestId, SaleView,
};
use crate::views::create::{
    CreateEscrowRequest, CreateOutcomeView, CreateReconcileRequest, FeePreviewRequest,
    FeePreviewView, PendingCreateView, ProofPolicyRequest,
};
use crate::views::dashboard::{
    BalanceView, DashboardView, NeedsActionView, ShortfallView, SyncStatusView, TotalsView,
    UnreadableView,
};
use crate::views::doctor::{
    CheckIdView, CheckStatusView, CheckView, ConnectionCheckView, UiErrorReport,
};
use crate::views::escrows::{
    EscrowDetailView, EscrowListRequest, EscrowPageView, EscrowRequest, EscrowRowView, EscrowSort,
    EscrowView, PartyView, SessionView, StatusChangeView,
};
use crate::views::kyc::{
    KycIdRequest, KycInviteOutcomeView, KycInviteRequest, KycInviteView, KycListRequest,
};
use crate::views::links::OpenLinkRequest;
use crate::views::profiles::{
    ConnectRequest, EnvironmentView, KeyEnvironment, ProfileRequest, ProfileView, ProfilesView,
    SettingsView,
};

/// Where the committed bindings live, relative to the repository root.
pub const BINDINGS_DIR: &str = "ui/src/bindings";

/// Writes the bindings of every IPC type (and what they reference) into `dir`.
///
/// 64-bit integers become `number`: the only ones we send are millimes and milliseconds, far
/// below 2^53, and the UI must do integer arithmetic on them without `bigint`.
pub fn export_all(dir: &Path) -> Result<(), ts_rs::ExportError> {
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    CommandError::export_all(&cfg)?;
    ErrorCode::export_all(&cfg)?;
    AppInfo::export_all(&cfg)?;
    EnvironmentKind::export_all(&cfg)?;
    UiReady::export_all(&cfg)?;
    OpenLinkRequest::export_all(&cfg)?;
    BalanceView::export_all(&cfg)?;
    CheckIdView::export_all(&cfg)?;
    CheckStatusView::export_all(&cfg)?;
    CheckView::export_all(&cfg)?;
    ConnectionCheckView::export_all(&cfg)?;
    UiErrorReport::export_all(&cfg)?;
    ChooseFileRequest::export_all(&cfg)?;
    ExportProgressView::export_all(&cfg)?;
    ExportRequest::export_all(&cfg)?;
    ExportView::export_all(&cfg)?;
    PeriodRow::export_all(&cfg)?;
    ReportBy::export_all(&cfg)?;
    ReportRequest::export_all(&cfg)?;
    ReportView::export_all(&cfg)?;
    StatusRow::export_all(&cfg)?;
    KycIdRequest::export_all(&cfg)?;
    KycInviteOutcomeView::export_all(&cfg)?;
    KycInviteRequest::export_all(&cfg)?;
    KycInviteView::export_all(&cfg)?;
    KycListRequest::export_all(&cfg)?;
    CounterSaleRequest::export_all(&cfg)?;
    CounterSalesView::export_all(&cfg)?;
    PastBuyerView::export_all(&cfg)?;
    PastBuyersRequest::export_all(&cfg)?;
    ReceiptView::export_all(&cfg)?;
    SaleEventView::export_all(&cfg)?;
    SaleRequestId::export_all(&cfg)?;
    SaleView::export_all(&cfg)?;
    EscrowActionRequest::export_all(&cfg)?;
    SessionRequest::export_all(&cfg)?;
    ShareActionView::export_all(&cfg)?;
    ShareRequest::export_all(&cfg)?;
    ShareStatusEvent::export_all(&cfg)?;
    ShareView::export_all(&cfg)?;
    UpdateEscrowRequest::export_all(&cfg)?;
    CreateEscrowRequest::export_all(&cfg)?;
    CreateOutcomeView::export_all(&cfg)?;
    CreateReconcileRequest::export_all(&cfg)?;
    PendingCreateView::export_all(&cfg)?;
    FeePreviewRequest::export_all(&cfg)?;
    FeePreviewView::export_all(&cfg)?;
    ProofPolicyRequest::export_all(&cfg)?;
    DashboardView::export_all(&cfg)?;
    NeedsActionView::export_all(&cfg)?;
    SyncStatusView::export_all(&cfg)?;
    ShortfallView::export_all(&cfg)?;
    UnreadableView::export_all(&cfg)?;
    TotalsView::export_all(&cfg)?;
    EscrowDetailView::export_all(&cfg)?;
    EscrowListRequest::export_all(&cfg)?;
    EscrowPageView::export_all(&cfg)?;
    EscrowRequest::export_all(&cfg)?;
    EscrowRowView::export_all(&cfg)?;
    EscrowSort::export_all(&cfg)?;
    EscrowView::export_all(&cfg)?;
    PartyView::export_all(&cfg)?;
    SessionView::export_all(&cfg)?;
    StatusChangeView::export_all(&cfg)?;
    ConnectRequest::export_all(&cfg)?;
    EnvironmentView::export_all(&cfg)?;
    KeyEnvironment::export_all(&cfg)?;
    ProfileRequest::export_all(&cfg)?;
    ProfileView::export_all(&cfg)?;
    ProfilesView::export_all(&cfg)?;
    SettingsView::export_all(&cfg)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    use super::*;

    /// Every `.ts` file under `dir`, by path relative to `dir`, with its contents.
    fn read_ts_files(dir: &Path) -> BTreeMap<PathBuf, String> {
        let mut files = BTreeMap::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(folder) = pending.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|e| e == "ts") {
                    let relative = path.strip_prefix(dir).unwrap().to_path_buf();
                    files.insert(relative, std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        files
    }

    #[test]
    fn committed_bindings_match_the_rust_types() {
        let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_DIR);
        if std::env::var("DHMAD_UPDATE_BINDINGS").is_ok_and(|v| v == "1") {
            std::fs::create_dir_all(&committed).unwrap();
            for old in read_ts_files(&committed).keys() {
                std::fs::remove_file(committed.join(old)).unwrap();
            }
            export_all(&committed).unwrap();
        }

        let fresh = tempfile::tempdir().unwrap();
        export_all(fresh.path()).unwrap();
        let expected = read_ts_files(fresh.path());
        let actual = if committed.is_dir() {
            read_ts_files(&committed)
        } else {
            BTreeMap::new()
        };
        assert!(
            expected == actual,
            "ui/src/bindings is out of date with the Rust types; regenerate with \
             `DHMAD_UPDATE_BINDINGS=1 cargo test -p dhmad-merchant --lib bindings` and commit.\n\
             expected files: {:?}\ncommitted files: {:?}",
            expected.keys().collect::<Vec<_>>(),
            actual.keys().collect::<Vec<_>>()
        );
    }
}
