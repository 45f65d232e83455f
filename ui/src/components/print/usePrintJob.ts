import { useCallback, useEffect, useRef, useState } from "react";
import type { PrintedView } from "../../bindings/PrintedView";
import { asCommandError, type CommandError } from "../../platform";

/** Where one print stands: not asked, on its way, printed, or failed with the printer's sentence. */
export type PrintState =
  | { phase: "idle" }
  | { phase: "printing" }
  | { phase: "printed"; printer: string }
  | { phase: "failed"; error: CommandError };

/** A print command to run (and run again on Retry). */
export type PrintCall = () => Promise<PrintedView>;

/** One print's state, how to start it, and a retry of the last one. */
export interface PrintJob {
  state: PrintState;
  run: (call: PrintCall) => void;
  retry: () => void;
}

type Subject = string | number | null;

const IDLE: PrintState = { phase: "idle" };

/**
 * Runs print commands and keeps the last one for Retry. The state belongs to `subject` (e.g. the
 * sale on screen): when another one comes, the previous print's status is no longer shown. Only
 * the newest call's answer counts, and nothing is set once the component is gone (a print can
 * outlive its screen).
 */
export function usePrintJob(subject: Subject = null): PrintJob {
  const [shown, setShown] = useState<{ subject: Subject; state: PrintState }>({ subject, state: IDLE });
  const subjectRef = useRef(subject);
  subjectRef.current = subject;
  const last = useRef<PrintCall | null>(null);
  const generation = useRef(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback((call: PrintCall) => {
    last.current = call;
    generation.current += 1;
    const mine = generation.current;
    const of = subjectRef.current;
    const settle = (state: PrintState) => {
      if (mounted.current && mine === generation.current) setShown({ subject: of, state });
    };
    setShown({ subject: of, state: { phase: "printing" } });
    call().then(
      (view) => settle({ phase: "printed", printer: view.printer }),
      (error: unknown) => settle({ phase: "failed", error: asCommandError(error) }),
    );
  }, []);

  const retry = useCallback(() => {
    if (last.current) run(last.current);
  }, [run]);

  return { state: shown.subject === subject ? shown.state : IDLE, run, retry };
}
