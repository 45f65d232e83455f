import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CsvDelimiter } from "../../bindings/CsvDelimiter";
import type { ExportProgressView } from "../../bindings/ExportProgressView";
import type { ExportView } from "../../bindings/ExportView";
import type { PaymentMethod } from "../../bindings/PaymentMethod";
import { exportCsv, onExportProgress } from "../../platform";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { saveFile } from "../../platform/commands";
import type { DayRange } from "./period";

interface ExportPanelProps {
  range: DayRange;
  /** Only these payment methods (empty: every one). */
  methods?: readonly PaymentMethod[];
  /** The profile's delimiter (settings), the choice's starting value. */
  defaultDelimiter: CsvDelimiter;
}

/** Export CSV: the system save dialog, the delimiter, progress for large books. */
export function ExportPanel({ range, methods = [], defaultDelimiter }: ExportPanelProps) {
  const { t } = useTranslation();
  const [delimiter, setDelimiter] = useState<CsvDelimiter>(defaultDelimiter);
  const [progress, setProgress] = useState<ExportProgressView | null>(null);
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState<ExportView | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => setDelimiter(defaultDelimiter), [defaultDelimiter]);
  useEffect(() => onExportProgress(setProgress), []);

  const run = async () => {
    setError(null);
    setDone(null);
    try {
      const path = await saveFile(`dhmad-${range.fromDay}-${range.toDay}.csv`, t("books.csvFiles"), ["csv"]);
      if (!path) return; // the merchant closed the dialog
      setRunning(true);
      setProgress(null);
      setDone(await exportCsv({ ...range, path, delimiter, ...(methods.length > 0 ? { methods: [...methods] } : {}) }));
    } catch (e) {
      setError(e);
    } finally {
      setRunning(false);
    }
  };

  return (
    <section className="card books-controls no-print">
      <label className="field">
        <span>{t("books.delimiter")}</span>
        <select
          data-testid="books-delimiter"
          value={delimiter}
          onChange={(e) => setDelimiter(e.target.value === ";" ? ";" : ",")}
        >
          <option value=",">{t("books.delimiterComma")}</option>
          <option value=";">{t("books.delimiterSemicolon")}</option>
        </select>
      </label>
      <button
        type="button"
        className="button button--primary"
        data-testid="books-export"
        disabled={running}
        onClick={() => void run()}
      >
        {running ? t("books.exporting") : t("books.export")}
      </button>
      {running && progress && progress.total > 0 ? (
        <label className="field">
          <span>{t("books.progress", { done: progress.done, total: progress.total })}</span>
          <progress
            className="progress"
            data-testid="books-export-progress"
            value={progress.done}
            max={progress.total}
          />
        </label>
      ) : null}
      {done ? (
        <p role="status" data-testid="books-export-done">
          {t("books.exported", { rows: done.rows, path: done.path })}
        </p>
      ) : null}
      {error !== null ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
