import { useTranslation } from "react-i18next";
import type { DayReport } from "../../bindings/DayReport";
import type { MethodView } from "../../bindings/MethodView";
import { formatDateTime, formatMoney } from "../../format";
import { useLocale } from "../../format/useLocale";
import { methodLines, methodName } from "./MethodName";

interface ReportTableProps {
  report: DayReport;
  methods: readonly MethodView[];
  /** An X report before a blind count: the expected amounts stay hidden. */
  hideExpected?: boolean;
}

/** An X or Z report: by method, the drawer's moves, the receipts, and DHMAD money apart. */
export function ReportTable({ report, methods, hideExpected = false }: ReportTableProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = (m: number | null) => (m === null ? "—" : formatMoney(m, locale));
  const lines = methodLines(report.byMethod);
  const receipts = report.receipts;
  const d = report.dhmad;
  return (
    <div className="day-report" data-testid="day-report">
      <p className="muted">
        {t("day.report.period", {
          from: formatDateTime(report.openedAt, locale),
          to: formatDateTime(report.closedAt, locale),
          till: report.till,
        })}
        {report.cashier ? ` · ${t("day.report.cashier", { name: report.cashier })}` : null}
      </p>
      <table className="day-table">
        <caption>{t("day.report.byMethod")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("day.report.method")}</th>
            <th scope="col">{t("day.report.sales")}</th>
            <th scope="col">{t("day.report.refunds")}</th>
            {hideExpected ? null : <th scope="col">{t("day.report.expected")}</th>}
            <th scope="col">{t("day.report.counted")}</th>
            <th scope="col">{t("day.report.difference")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map(([code, line]) => (
            <tr key={code} data-testid={`day-line-${code}`}>
              <th scope="row">{methodName(t, code, methods)}</th>
              <td>{money(line.sales)}</td>
              <td>{money(line.refunds)}</td>
              {hideExpected ? null : <td>{money(line.expected)}</td>}
              <td>{money(line.counted)}</td>
              <td>{money(line.difference)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="facts">
        <dt>{t("day.report.float")}</dt>
        <dd>{money(report.float)}</dd>
        <dt>{t("day.report.paidIn")}</dt>
        <dd>{money(report.paidIn)}</dd>
        <dt>{t("day.report.paidOut")}</dt>
        <dd>{money(report.paidOut)}</dd>
        <dt>{t("day.report.receipts")}</dt>
        <dd data-testid="day-receipts">
          {receipts.first === null
            ? t("day.report.noReceipt")
            : t("day.report.receiptRange", {
                first: receipts.first,
                last: receipts.last,
                count: receipts.count,
              })}
        </dd>
      </dl>
      <h3>{t("day.report.dhmad")}</h3>
      <p className="figure__help">{t("day.report.dhmadHelp")}</p>
      <dl className="facts" data-testid="day-dhmad">
        <dt>{t("day.report.dhmadPaid")}</dt>
        <dd data-testid="day-dhmad-paid">
          {t("day.report.figure", { count: d.paidToday.count, amount: money(d.paidToday.amount) })}
        </dd>
        <dt>{t("day.report.dhmadReleased")}</dt>
        <dd>{t("day.report.figure", { count: d.releasedToday.count, amount: money(d.releasedToday.amount) })}</dd>
        <dt>{t("day.report.dhmadHeld")}</dt>
        <dd>{t("day.report.figure", { count: d.held.count, amount: money(d.held.amount) })}</dd>
        <dt>{t("day.report.dhmadCancelled")}</dt>
        <dd>{t("day.report.figure", { count: d.cancelled.count, amount: money(d.cancelled.amount) })}</dd>
      </dl>
    </div>
  );
}
