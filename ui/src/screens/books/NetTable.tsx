import { useTranslation } from "react-i18next";
import type { PeriodRow } from "../../bindings/PeriodRow";
import { formatMoney } from "../../format";
import { useLocale } from "../../format/useLocale";
import { periodName, spansYears } from "./chartLabels";

/** The period's rows as a table: the chart's numbers for screen readers, exact figures, and print. */
export function NetTable({ rows, caption }: { rows: PeriodRow[]; caption: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = (m: number) => formatMoney(m, locale);
  const withYear = spansYears(rows);
  return (
    <table className="shop-table" data-testid="books-rows">
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
