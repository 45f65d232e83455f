import { useTranslation } from "react-i18next";
import { describeError } from "../../errors/describe";
import type { PrintState } from "./usePrintJob";

/**
 * "Printing…", "Printed on …", or what went wrong with a Retry. A failed print is only about the
 * paper: the sale or report it was for is done, so this is the one place it shows.
 */
export function PrintStatus({ state, onRetry }: { state: PrintState; onRetry: () => void }) {
  const { t } = useTranslation();
  if (state.phase === "idle") return null;
  if (state.phase === "failed") {
    return (
      <div className="notice notice--error print-status" role="alert" data-testid="print-error">
        <p>{describeError(state.error, t).text}</p>
        <button type="button" className="button" data-testid="print-retry" onClick={onRetry}>
          {t("print.retry")}
        </button>
      </div>
    );
  }
  return (
    <p className="print-status muted" role="status" data-testid="print-status">
      {state.phase === "printing" ? t("print.printing") : t("print.printed", { printer: state.printer })}
    </p>
  );
}
