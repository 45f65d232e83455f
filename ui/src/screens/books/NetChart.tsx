import { useTranslation } from "react-i18next";
import type { PeriodRow } from "../../bindings/PeriodRow";
import type { ReportBy } from "../../bindings/ReportBy";
import { formatMoney } from "../../format";
import { useLocale } from "../../format/useLocale";

const WIDTH = 600;
const HEIGHT = 200;

/** A bar per row of the report (days, or months): its net, in plain SVG (the tallest bar fills the height). */
export function NetChart({ rows, by }: { rows: PeriodRow[]; by: ReportBy }) {
  const { t } = useTranslation();
  const locale = useLocale();
  // Pixel heights only: the money itself stays in integer millimes.
  const top = rows.reduce((m, r) => Math.max(m, r.totals.net), 0);
  const caption = by === "month" ? t("books.chartTitleMonth") : t("books.chartTitle");
  const slot = rows.length > 0 ? WIDTH / rows.length : WIDTH;
  return (
    <figure className="card">
      <figcaption>{caption}</figcaption>
      <svg
        className="books-chart"
        data-testid="books-chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={caption}
      >
        <line className="books-chart__axis" x1={0} y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} />
        {rows.map((row, i) => {
          const height = top > 0 && row.totals.net > 0 ? (row.totals.net / top) * (HEIGHT - 10) : 0;
          return (
            <rect
              key={row.period}
              x={i * slot + slot * 0.15}
              y={HEIGHT - height}
              width={slot * 0.7}
              height={height}
              data-testid="books-bar"
            >
              <title>{`${row.period} · ${formatMoney(row.totals.net, locale)}`}</title>
            </rect>
          );
        })}
      </svg>
    </figure>
  );
}
