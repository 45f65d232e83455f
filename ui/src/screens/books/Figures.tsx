import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ReportView } from "../../bindings/ReportView";
import { formatMoney } from "../../format";
import { useLocale } from "../../format/useLocale";
import { statusLabel } from "../escrows/labels";
import { NetTable } from "./NetTable";

interface FigureProps {
  label: string;
  value: string;
  /** A line under the figure, in small print. */
  detail?: string;
  testId?: string;
}

function Figure({ label, value, detail, testId }: FigureProps) {
  return (
    <div className="card">
      <div className="figure__label">{label}</div>
      <div className="figure__value" data-testid={testId}>
        {value}
      </div>
      {detail ? (
        <div className="figure__help" data-testid={testId ? `${testId}-detail` : undefined}>
          {detail}
        </div>
      ) : null}
    </div>
  );
}

/** The period's totals, the chart (`chart`), the rows by day or month, and the counts by status. */
export function Figures({ view, chart }: { view: ReportView; chart?: ReactNode }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = (m: number) => formatMoney(m, locale);
  const totals = view.totals;
  const byMonth = view.rows[0]?.period.length === 7;
  const rowsCaption = byMonth ? t("books.chartTitleMonth") : t("books.chartTitle");
  return (
    <>
      <div className="books-figures">
        <Figure label={t("books.gross")} value={money(totals.gross)} testId="books-total-gross" />
        <Figure label={t("books.escrowFee")} value={money(totals.escrowFee)} testId="books-total-fee" />
        <Figure label={t("books.developerFee")} value={money(totals.developerFee)} testId="books-total-dev-fee" />
        <Figure label={t("books.net")} value={money(totals.net)} testId="books-total-net" />
        <Figure
          label={t("books.counts")}
          value={String(totals.count)}
          detail={t("books.countsDetail", { completed: totals.completedCount, cancelled: totals.cancelledCount })}
          testId="books-total-count"
        />
      </div>
      {chart}
      <NetTable rows={view.rows} caption={rowsCaption} />
      <table className="shop-table" data-testid="books-by-status">
        <thead>
          <tr>
            <th>{t("books.status")}</th>
            <th className="num">{t("books.escrows")}</th>
            <th className="num">{t("books.gross")}</th>
            <th className="num">{t("books.net")}</th>
          </tr>
        </thead>
        <tbody>
          {view.byStatus.map((row) => (
            <tr key={row.status}>
              <td>{statusLabel(t, row.status)}</td>
              <td className="num">{row.totals.count}</td>
              <td className="num">{money(row.totals.gross)}</td>
              <td className="num">{money(row.totals.net)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
