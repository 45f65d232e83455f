import { useTranslation } from "react-i18next";
import type { MethodTotals as MethodTotalsRow } from "../../bindings/MethodTotals";
import type { PaymentMethod } from "../../bindings/PaymentMethod";
import { formatMoney } from "../../format";
import { useLocale } from "../../format/useLocale";
import { methodName } from "../day/MethodName";
import { useShopMethods } from "../day/useShopMethods";

/** Every way the shop was paid in the period: DHMAD escrows beside what the till recorded. */
export function MethodTotals({ rows, only }: { rows: readonly MethodTotalsRow[]; only: PaymentMethod | "" }) {
  const shown = only === "" ? rows : rows.filter((r) => r.method === only);
  return shown.length === 0 ? null : <MethodTable rows={shown} />;
}

/** "Every method" or one of them: what the by-method table and the CSV export hold. */
export function MethodFilter({
  rows,
  value,
  onChange,
}: {
  rows: readonly MethodTotalsRow[];
  value: PaymentMethod | "";
  onChange: (method: PaymentMethod | "") => void;
}) {
  const { t } = useTranslation();
  const methods = useShopMethods();
  if (rows.length < 2 && value === "") return null;
  return (
    <label className="field">
      <span>{t("day.byMethod.filter")}</span>
      <select
        data-testid="books-method-filter"
        value={value}
        onChange={(e) => onChange(rows.find((r) => r.method === e.target.value)?.method ?? "")}
      >
        <option value="">{t("day.byMethod.every")}</option>
        {rows.map((r) => (
          <option key={r.method} value={r.method}>
            {methodName(t, r.method, methods)}
          </option>
        ))}
      </select>
    </label>
  );
}

function MethodTable({ rows }: { rows: readonly MethodTotalsRow[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const methods = useShopMethods();
  const money = (m: number) => formatMoney(m, locale);
  const till = rows.filter((r) => r.method !== "dhmad").reduce((sum, r) => sum + r.net, 0);
  return (
    <section className="card" aria-labelledby="books-methods-title">
      <h2 id="books-methods-title">{t("day.byMethod.title")}</h2>
      <p className="figure__help">{t("day.byMethod.help")}</p>
      <table className="day-table" data-testid="books-methods">
        <thead>
          <tr>
            <th scope="col">{t("day.byMethod.method")}</th>
            <th scope="col">{t("day.byMethod.sales")}</th>
            <th scope="col">{t("day.byMethod.refunds")}</th>
            <th scope="col">{t("day.byMethod.net")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.method} data-testid={`books-method-${r.method}`}>
              <th scope="row">{methodName(t, r.method, methods)}</th>
              <td>{t("day.byMethod.figure", { count: r.salesCount, amount: money(r.sales) })}</td>
              <td>{t("day.byMethod.figure", { count: r.refundsCount, amount: money(r.refunds) })}</td>
              <td>{money(r.net)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("day.byMethod.tillTotal")}</th>
            <td colSpan={2} />
            <td data-testid="books-methods-till">{money(till)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
