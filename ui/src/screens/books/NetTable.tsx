import { useTranslation } from "react-i18next";
import type { PeriodRow } from "../../bindings/PeriodRow";
import { formatMoney } from "../../format";
import { useLocale } from "../../format/useLocale";
import { periodName, spansYears } from "./chartLabels";

/** The chart's numbers as a table, for screen readers and for reading exact figures. */
export function NetTable({ id, rows, caption }: { id: string; rows: PeriodRow[]; caption: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = (m: number) => formatMoney(m, locale);
  const withYear = spansYears(rows);
  return (
    <table id={id} className="shop-table" data-testid="books-chart-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("books.period")}</th>
          <th scope="col" className="num">
            {t("books.escrows")}
          </th>
          <th scope="col" className="num">
            {t("books.gross")}
          </th>
          <th scope="col" className="num">
            {t("books.escrowFee")}
          </th>
          <th scope="col" className="num">
            {t("books.developerFee")}
          </th>
          <th scope="col" className="num">
            {t("books.net")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.period}>
            <th scope="row">{periodName(row.period, locale, withYear)}</th>
            <td className="num">{row.totals.count}</td>
            <td className="num">{money(row.totals.gross)}</td>
            <td className="num">{money(row.totals.escrowFee)}</td>
            <td className="num">{money(row.totals.developerFee)}</td>
            <td className="num">{money(row.totals.net)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
