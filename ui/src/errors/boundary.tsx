import { Component, type ErrorInfo, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { reportUiError } from "../platform";
import { forgetFailedLoads } from "../shell/lazyScreen";

/** What a boundary caught, as a support ticket would want it. */
export interface CaughtError {
  area: string;
  message: string;
  stack?: string;
  componentStack?: string;
}

function caught(area: string, error: unknown, componentStack: string | null | undefined): CaughtError {
  const e = error instanceof Error ? error : new Error(String(error));
  return {
    area,
    message: e.message,
    ...(e.stack ? { stack: e.stack } : {}),
    ...(componentStack ? { componentStack } : {}),
  };
}

/** Sends the error to the app's log; a failure to log must not become a second error. */
function log(report: CaughtError): void {
  reportUiError(report).catch(() => {
    console.error("could not log a screen error", report);
  });
}

/** The text "Copy details" puts on the clipboard. */
export function detailsText(report: CaughtError): string {
  return [`area: ${report.area}`, `error: ${report.message}`, report.stack ?? "", report.componentStack ?? ""]
    .filter((line) => line.trim() !== "")
    .join("\n");
}

interface BoundaryProps {
  /** Which screen or list, for the log ("escrows", "books.rows"…). */
  area: string;
  /** What to draw instead of the children once they failed. */
  fallback: (report: CaughtError, reset: () => void) => ReactNode;
  children: ReactNode;
}

interface BoundaryState {
  failed: boolean;
  error: unknown;
  componentStack: string | null;
}

const HEALTHY: BoundaryState = { failed: false, error: null, componentStack: null };

/**
 * Catches a rendering failure of its children, logs it, and draws `fallback` in their place —
 * so one broken screen or row never blanks the window.
 */
export class Boundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = HEALTHY;

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { failed: true, error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.setState({ componentStack: info.componentStack ?? null });
    log(caught(this.props.area, error, info.componentStack));
  }

  private readonly reset = () => this.setState(HEALTHY);

  override render(): ReactNode {
    const { failed, error, componentStack } = this.state;
    if (!failed) return this.props.children;
    return this.props.fallback(caught(this.props.area, error, componentStack), this.reset);
  }
}

/** A screen that failed to draw: what happened, "Copy details" for support, and try again. */
export function ScreenErrorPanel({ report, onRetry }: { report: CaughtError; onRetry: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = () => {
    navigator.clipboard
      .writeText(detailsText(report))
      .then(() => setCopied(true))
      .catch(() => setCopied(false));
  };
  return (
    <div className="notice notice--error" role="alert" data-testid="screen-error">
      <p>{t("errors.screen.title")}</p>
      <p className="muted">{t("errors.screen.hint")}</p>
      {report.message ? (
        <pre className="screen-error__message" dir="ltr" data-testid="screen-error-message">
          {report.message}
        </pre>
      ) : null}
      <div className="notice__actions">
        <button type="button" className="button" data-testid="screen-error-copy" onClick={copy}>
          {t("errors.screen.copy")}
        </button>
        <button type="button" className="button" data-testid="screen-error-retry" onClick={onRetry}>
          {t("common.retry")}
        </button>
        {copied === true ? <span role="status">{t("errors.screen.copied")}</span> : null}
        {copied === false ? <span role="status">{t("errors.screen.copyFailed")}</span> : null}
      </div>
    </div>
  );
}

/** A boundary around one screen, showing [`ScreenErrorPanel`] when it fails. */
export function ScreenBoundary({ area, children }: { area: string; children: ReactNode }) {
  return (
    <Boundary
      area={area}
      fallback={(report, reset) => (
        <ScreenErrorPanel
          report={report}
          onRetry={() => {
            forgetFailedLoads(); // a screen whose code did not load loads again
            reset();
          }}
        />
      )}
    >
      {children}
    </Boundary>
  );
}

/** The words a list shows in place of a row that could not be drawn. */
export function RowErrorText() {
  const { t } = useTranslation();
  return <>{t("errors.row")}</>;
}
