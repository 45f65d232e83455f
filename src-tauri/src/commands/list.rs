// Every IPC command of the app, declared once: `name(argument: Type) -> Answer;`.
//
// This file is read twice. build.rs reads it for the names alone (each command becomes the ACL
// permission `allow-<name>`, granted through the `app-commands` set it writes). The shell reads
// it for the commands themselves, the handler list, `COMMANDS`, and the typed TypeScript `invoke`
// signatures generated into ui/src/bindings/commands.ts.
//
// A use case is the `App` method of the same name, and its line here is all the shell needs.
// Only what needs the shell itself (a window, a dialog, the file manager) is written by hand, in
// `commands::<module>`.

app_commands! {
    app {
        app_info() -> AppInfo;
        ui_ready(marks: PageMarks) -> UiReady;
        profiles_list() -> ProfilesView;
        start_demo() -> ProfileView;
        connect_key(request: ConnectRequest) -> ProfileView;
        switch_profile(request: ProfileRequest) -> ProfilesView;
        remove_profile(request: ProfileRequest) -> ProfilesView;
        update_settings(settings: Settings) -> ProfileView;
        dashboard() -> DashboardView;
        sync_now() -> SyncStatusView;
        sync_status() -> SyncStatusView;
        refresh_balance() -> BalanceView;
        escrows_list(request: EscrowListRequest) -> EscrowPageView;
        escrow_detail(request: EscrowRequest) -> EscrowDetailView;
        create_escrow(request: CreateEscrowRequest) -> CreateOutcomeView;
        create_reconcile(request: CreateReconcileRequest) -> CreateOutcomeView;
        fee_preview(request: FeePreviewRequest) -> FeePreviewView;
        escrow_action(request: EscrowActionRequest) -> EscrowView;
        update_escrow(request: UpdateEscrowRequest) -> EscrowView;
        create_share(request: ShareRequest) -> ShareView;
        renew_share(request: SessionRequest) -> ShareView;
        watch_share(request: SessionRequest) -> ShareView;
        counter_start(request: CounterSaleRequest) -> SaleView;
        counter_renew(request: SaleRequestId) -> SaleView;
        counter_reconcile(request: SaleRequestId) -> SaleView;
        counter_deliver(request: SaleRequestId) -> SaleView;
        counter_cancel(request: SaleRequestId) -> SaleView;
        counter_complete_link(request: SaleRequestId) -> ShareView;
        counter_sales() -> CounterSalesView;
        past_buyers(request: PastBuyersRequest) -> Vec<PastBuyerView>;
        receipt(request: SaleRequestId) -> ReceiptView;
        kyc_invite(request: KycInviteRequest) -> KycInviteOutcomeView;
        kyc_list(request: KycListRequest) -> Vec<KycInviteView>;
        kyc_refresh(request: KycIdRequest) -> KycInviteView;
        report(request: ReportRequest) -> ReportView;
        export_csv(request: ExportRequest) -> ExportView;
        open_link(request: OpenLinkRequest) -> ();
        day_status() -> DayView;
        record_sale(request: RecordSaleRequest) -> RecordedView;
        refund_sale(request: RefundSaleRequest) -> RefundedView;
        drawer_open(request: DrawerOpenRequest) -> DayView;
        drawer_move(request: DrawerMoveRequest) -> DayView;
        drawer_close(request: DrawerCloseRequest) -> ZReport;
        z_report(request: ZNumberRequest) -> Option<ZReport>;
        z_csv(request: ZCsvRequest) -> ();
        print_receipt(request: PrintReceiptRequest) -> PrintedView;
        print_day_report(request: PrintReportRequest) -> PrintedView;
        print_kyc_slip(request: PrintKycRequest) -> PrintedView;
        print_test(request: PrintTestRequest) -> PrintedView;
        check_connection() -> ConnectionCheckView;
        report_ui_error(report: UiErrorReport) -> ();
    }
    shell {
        desktop::choose_export_file(request: ChooseFileRequest) -> Option<String>;
        desktop::open_customer_display() -> ();
        desktop::open_log_folder() -> ();
    }
}
