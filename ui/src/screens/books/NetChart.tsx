import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { PeriodRow } from "../../bindings/PeriodRow";
import type { ReportBy } from "../../bindings/ReportBy";
import { formatMoney } from "../../format";
import { useLocale } from "../../format/useLocale";
import { highest, labelStep, periodName, spansYears, textWidth } from "./chartLabels";

const WIDTH = 600;
const HEIGHT = 240;
/** Room above the tallest bar for its value. */
const BAR_TOP = 18;
/** The axis; the period labels sit under it. */
const BASE = 212;

interface Bar {
  row: PeriodRow;
  x: number;
  height: number;
  label: string | null;
  value: string | null;
}

/** Each row's bar: where it stands (first period on the right in RTL), and which texts fit. */
function layout(rows: PeriodRow[], locale: string, rtl: boolean): Bar[] {
  const top = rows.reduce((m, r) => Math.max(m, r.totals.net), 0);
  const slot = rows.length > 0 ? WIDTH / rows.length : WIDTH;
  const withYear = spansYears(rows);
  const names = rows.map((r) => periodName(r.period, locale, withYear));
  const step = labelStep(slot, Math.max(0, ...names.map((n) => textWidth(n.length))));
  return rows.map((row, i) => {
    // Pixel heights only: the money itself stays in integer millimes.
    const height = top > 0 && row.totals.net > 0 ? (row.totals.net / top) * (BASE - BAR_TOP) : 0;
    const value = formatMoney(row.totals.net, locale);
    return {
      row,
      x: rtl ? WIDTH - (i + 1) * slot : i * slot,
      height,
      label: i % step === 0 ? (names[i] ?? null) : null,
      value: row.totals.net !== 0 && textWidth(value.length) <= slot ? value : null,
    };
  });
}

/** What a screen reader hears for the chart: its title, how many periods, and the best one. */
function summary(t: TFunction, rows: PeriodRow[], by: ReportBy, title: string, locale: string): string {
  const best = highest(rows);
  if (best === null) return t("books.chartEmpty", { title });
  return t(by === "month" ? "books.chartSummaryMonths" : "books.chartSummaryDays", {
    title,
    count: rows.length,
    amount: formatMoney(best.totals.net, locale),
    period: periodName(best.period, locale, spansYears(rows)),
  });
}

/**
 * A bar per row of the report (days, or months): its net, its period under it and its value above
 * it where there is room, in plain SVG (the tallest bar fills the height). The same numbers are
 * in the period table beside it ({@link NetTable}), for screen readers and exact figures.
 */
export function NetChart({ rows, by }: { rows: PeriodRow[]; by: ReportBy }) {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const title = by === "month" ? t("books.chartTitleMonth") : t("books.chartTitle");
  const slot = rows.length > 0 ? WIDTH / rows.length : WIDTH;
  const bars = layout(rows, locale, i18n.dir() === "rtl");
  return (
    <figure className="card">
      <figcaption>{title}</figcaption>
      <svg
        className="books-chart"
        data-testid="books-chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={summary(t, rows, by, title, locale)}
      >
        <line className="books-chart__axis" x1={0} y1={BASE - 0.5} x2={WIDTH} y2={BASE - 0.5} />
        {bars.map((bar) => (
          <g key={bar.row.period} data-testid="books-bar-group" data-x={bar.x}>
            <rect
              x={bar.x + slot * 0.15}
              y={BASE - bar.height}
              width={slot * 0.7}
              height={bar.height}
              data-testid="books-bar"
            >
              <title>{`${periodName(bar.row.period, locale, true)} · ${formatMoney(bar.row.totals.net, locale)}`}</title>
            </rect>
            {bar.value !== null ? (
              <text
                className="books-chart__value"
                x={bar.x + slot / 2}
                y={BASE - bar.height - 5}
                data-testid="books-value"
              >
                {bar.value}
              </text>
            ) : null}
            {bar.label !== null ? (
              <text className="books-chart__label" x={bar.x + slot / 2} y={HEIGHT - 8} data-testid="books-label">
                {bar.label}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
    </figure>
  );
}
