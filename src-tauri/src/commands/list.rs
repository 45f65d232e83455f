// Every IPC command of the app, declared once: `module::name(argument: Type) -> Answer;`.
//
// This file is read twice. build.rs reads it for the names alone (each command becomes the ACL
// permission `allow-<name>`, granted through the `app-commands` set it writes). The shell reads
// it for the handler list, `COMMANDS`, and the typed TypeScript `invoke` signatures generated
// into ui/src/bindings/commands.ts. Adding a command is one line here plus its function in
// `commands::<module>`.

app_commands! {
    app::app_info() -> AppInfo;
    app::ui_ready() -> UiReady;
    profiles::profiles_list() -> ProfilesView;
    profiles::start_demo() -> ProfileView;
    profiles::connect_key(request: ConnectRequest) -> ProfileView;
    profiles::switch_profile(request: ProfileRequest) -> ProfilesView;
    profiles::remove_profile(request: ProfileRequest) -> ProfilesView;
    profiles::update_settings(settings: Settings) -> ProfileView;
    dashboard::dashboard() -> DashboardView;
    dashboard::sync_now() -> SyncStatusView;
    dashboard::sync_status() -> SyncStatusView;
    dashboard::refresh_balance() -> BalanceView;
    escrows::escrows_list(request: EscrowListRequest) -> EscrowPageView;
    escrows::escrow_detail(request: EscrowRequest) -> EscrowDetailView;
    create::create_escrow(request: CreateEscrowRequest) -> CreateOutcomeView;
    create::create_reconcile(request: CreateReconcileRequest) -> CreateOutcomeView;
    create::fee_preview(request: FeePreviewRequest) -> FeePreviewView;
    actions::escrow_action(request: EscrowActionRequest) -> EscrowView;
    actions::update_escrow(request: UpdateEscrowRequest) -> EscrowView;
    actions::create_share(request: ShareRequest) -> ShareView;
    actions::renew_share(request: SessionRequest) -> ShareView;
    actions::watch_share(request: SessionRequest) -> ShareView;
    counter::counter_start(request: CounterSaleRequest) -> SaleView;
    counter::counter_renew(request: SaleRequestId) -> SaleView;
    counter::counter_reconcile(request: SaleRequestId) -> SaleView;
    counter::counter_deliver(request: SaleRequestId) -> SaleView;
    counter::counter_cancel(request: SaleRequestId) -> SaleView;
    counter::counter_complete_link(request: SaleRequestId) -> ShareView;
    counter::counter_sales() -> CounterSalesView;
    counter::past_buyers(request: PastBuyersRequest) -> Vec<PastBuyerView>;
    counter::receipt(request: SaleRequestId) -> ReceiptView;
    kyc::kyc_invite(request: KycInviteRequest) -> KycInviteOutcomeView;
    kyc::kyc_list(request: KycListRequest) -> Vec<KycInviteView>;
    kyc::kyc_refresh(request: KycIdRequest) -> KycInviteView;
    books::report(request: ReportRequest) -> ReportView;
    books::choose_export_file(request: ChooseFileRequest) -> Option<String>;
    books::export_csv(request: ExportRequest) -> ExportView;
    windows::open_customer_display() -> ();
    windows::open_log_folder() -> ();
    windows::open_link(request: OpenLinkRequest) -> ();
    day::day_status() -> DayView;
    day::record_sale(request: RecordSaleRequest) -> RecordedView;
    day::refund_sale(request: RefundSaleRequest) -> RefundedView;
    day::drawer_open(request: DrawerOpenRequest) -> DayView;
    day::drawer_move(request: DrawerMoveRequest) -> DayView;
    day::drawer_close(request: DrawerCloseRequest) -> ZReportView;
    day::z_report(request: ZNumberRequest) -> Option<ZReportView>;
    day::z_csv(request: ZCsvRequest) -> ();
    print::print_receipt(request: PrintReceiptRequest) -> PrintedView;
    print::print_day_report(request: PrintReportRequest) -> PrintedView;
    print::print_kyc_slip(request: PrintKycRequest) -> PrintedView;
    print::print_test(request: PrintTestRequest) -> PrintedView;
    doctor::check_connection() -> ConnectionCheckView;
    doctor::report_ui_error(report: UiErrorReport) -> ();
}
