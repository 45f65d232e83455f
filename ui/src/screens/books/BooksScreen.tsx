import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReportBy } from "../../bindings/ReportBy";
import type { PaymentMethod } from "../../bindings/PaymentMethod";
import type { ReportView } from "../../bindings/ReportView";
import { report } from "../../platform";
import { useShopSettings } from "../../components/shop/useShopSettings";
import "../../components/shop/shop.css";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { ExportPanel } from "./ExportPanel";
import { Figures } from "./Figures";
import type { HeldBucket } from "../../bindings/HeldBucket";
import { ComingToYou } from "../dashboard/Figures";
import { MethodFilter, MethodTotals } from "./MethodTotals";
import { NetChart } from "./NetChart";
import { isDay, PERIODS, periodRange, type DayRange, type PeriodKind } from "./period";
import { PeriodEscrows } from "./PeriodEscrows";

interface BooksScreenProps {
  /** Opens an escrow's detail (from the period's list). */
  onOpenEscrow?: (id: string) => void;
  /** Opens the escrow list on the sales behind a "Coming to you" figure. */
  onOpenHeld?: (bucket: HeldBucket) => void;
  now?: () => Date;
}

/** Bookkeeping: a period's totals, daily net, escrows, CSV export and a printable report. */
export function BooksScreen({ onOpenEscrow, onOpenHeld = () => {}, now = () => new Date() }: BooksScreenProps) {
  const { t } = useTranslation();
  const { settings } = useShopSettings();
  const [kind, setKind] = useState<PeriodKind>("month");
  const [custom, setCustom] = useState<DayRange>(() => periodRange("month", now()));
  const [by, setBy] = useState<ReportBy>("day");
  const [method, setMethod] = useState<PaymentMethod | "">("");
  const [view, setView] = useState<ReportView | null>(null);
  const [error, setError] = useState<unknown>(null);

  const range: DayRange = kind === "custom" ? custom : periodRange(kind, now());
  const valid = isDay(range.fromDay) && isDay(range.toDay) && range.fromDay <= range.toDay;

  const load = useCallback(() => {
    if (!valid) return;
    setView(null);
    setError(null);
    report({ fromDay: range.fromDay, toDay: range.toDay, by })
      .then(setView)
      .catch((e: unknown) => setError(e));
  }, [range.fromDay, range.toDay, by, valid]);
  useEffect(load, [load]);

  return (
    <div className="screen books" data-testid="books-screen">
      <h1>{t("books.heading")}</h1>
      <div className="books-controls no-print">
        <label className="field">
          <span>{t("books.periodLabel")}</span>
          <select data-testid="books-period" value={kind} onChange={(e) => setKind(e.target.value as PeriodKind)}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`books.periods.${p}`)}
              </option>
            ))}
          </select>
        </label>
        {kind === "custom" ? (
          <>
            <label className="field">
              <span>{t("books.from")}</span>
              <input
                type="date"
                data-testid="books-from"
                value={custom.fromDay}
                onChange={(e) => setCustom({ ...custom, fromDay: e.target.value })}
              />
            </label>
            <label className="field">
              <span>{t("books.to")}</span>
              <input
                type="date"
                data-testid="books-to"
                value={custom.toDay}
                onChange={(e) => setCustom({ ...custom, toDay: e.target.value })}
              />
            </label>
          </>
        ) : null}
        <label className="field">
          <span>{t("books.by")}</span>
          <select
            data-testid="books-by"
            value={by}
            onChange={(e) => setBy(e.target.value === "month" ? "month" : "day")}
          >
            <option value="day">{t("books.byDay")}</option>
            <option value="month">{t("books.byMonth")}</option>
          </select>
        </label>
        <button
          type="button"
          className="button"
          data-testid="books-print"
          disabled={!view}
          onClick={() => window.print()}
        >
          {t("books.print")}
        </button>
      </div>
      <p className="muted" data-testid="books-range">
        {t("books.range", { from: range.fromDay, to: range.toDay })}
      </p>
      {!valid ? <p className="field__error">{t("books.badRange")}</p> : null}
      {error !== null ? <ErrorNotice error={error} onRetry={load} /> : null}
      {valid && view === null && error === null ? <p className="muted">{t("books.loading")}</p> : null}
      {view ? (
        <div className="print-area">
          {view.totals.count === 0 ? (
            <p className="muted" data-testid="books-empty">
              {t("books.empty")}
            </p>
          ) : null}
          <Figures view={view} chart={<NetChart rows={view.rows} by={by} />} />
          <ComingToYou coming={view.comingToYou} onOpen={onOpenHeld} />
          <MethodFilter rows={view.byMethod} value={method} onChange={setMethod} />
          <MethodTotals rows={view.byMethod} only={method} />
        </div>
      ) : null}
      {valid ? (
        <ExportPanel
          range={range}
          methods={method === "" ? [] : [method]}
          defaultDelimiter={settings?.csvDelimiter ?? ","}
        />
      ) : null}
      {valid ? <PeriodEscrows range={range} onOpen={onOpenEscrow} /> : null}
    </div>
  );
}
