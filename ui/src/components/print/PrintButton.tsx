import "../shop/shop.css";
import { PrintStatus } from "./PrintStatus";
import { type PrintCall, type PrintJob, usePrintJob } from "./usePrintJob";

interface PrintButtonProps {
  /** The job whose state is shown (lifted when something else, e.g. auto-print, also prints). */
  job: PrintJob;
  /** What to print. */
  call: PrintCall;
  label: string;
  testId: string;
  primary?: boolean;
}

/** A button that prints on the receipt printer, with the print's status beside it. */
export function PrintButton({ job, call, label, testId, primary = false }: PrintButtonProps) {
  return (
    <span className="print-button no-print">
      <button
        type="button"
        className={primary ? "button button--primary" : "button"}
        data-testid={testId}
        disabled={job.state.phase === "printing"}
        onClick={() => job.run(call)}
      >
        {label}
      </button>
      <PrintStatus state={job.state} onRetry={job.retry} />
    </span>
  );
}

/** {@link PrintButton} with its own job. */
export function PrintAction(props: Omit<PrintButtonProps, "job">) {
  const job = usePrintJob();
  return <PrintButton job={job} {...props} />;
}
