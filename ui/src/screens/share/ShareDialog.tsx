import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ShareView } from "../../bindings/ShareView";
import { qrSource } from "../../components/shop/Qr";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { formatDateTime } from "../../format";
import { useLocale } from "../../format/useLocale";
import { openExternal } from "../../platform";
import { statusLabel } from "../escrows/labels";

const ACTIONS = [
  "sign_contract",
  "accept_pay",
  "complete",
  "dispute",
  "request_cancellation",
  "cancel_escrow",
  "reject_cancellation",
  "accept_cancellation",
  "submit_proof",
  "review_proof",
] as const;

interface ShareDialogProps {
  share: ShareView;
  /** The link's live status (`pending`, `completed`, `expired`, `cancelled`). */
  status: string;
  /** The escrow's status once the link was used. */
  escrowStatus: string | null;
  escrowTitle?: string | undefined;
  onRenew: () => void;
  renewing?: boolean;
  /** A renew or watch failure. */
  error?: unknown;
  onClose: () => void;
}

/** A checkout link to hand over: URL, large QR, copy, open, e-mail, and its live status. */
export function ShareDialog({
  share,
  status,
  escrowStatus,
  escrowTitle,
  onRenew,
  renewing = false,
  error = null,
  onClose,
}: ShareDialogProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [copied, setCopied] = useState<"no" | "yes" | "failed">("no");
  const [openError, setOpenError] = useState<unknown>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const s = share.session;
  const known = (ACTIONS as readonly string[]).includes(s.action);
  const action = known ? t(`share.action.${s.action}`) : s.action;

  useEffect(() => closeRef.current?.focus(), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a renewed link has not been copied yet.
  useEffect(() => setCopied("no"), [s.url]);

  const copy = () => {
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(s.url))
      .then(() => setCopied("yes"))
      .catch(() => setCopied("failed"));
  };
  const open = (url: string) => {
    setOpenError(null);
    openExternal(url).catch((e: unknown) => setOpenError(e));
  };
  const mail = () => {
    const subject = t("share.mail.subject", { title: escrowTitle ?? action });
    const body = t("share.mail.body", { action, url: s.url, until: formatDateTime(s.expiresAt, locale) });
    open(
      `mailto:${encodeURIComponent(s.targetEmail)}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`,
    );
  };

  let line: string;
  if (status === "completed")
    line = escrowStatus
      ? t("share.status.completedWith", { status: statusLabel(t, escrowStatus) })
      : t("share.status.completed");
  else if (status === "expired") line = t("share.status.expired");
  else if (status === "cancelled") line = t("share.status.cancelled");
  else line = t("share.status.waiting", { email: s.targetEmail, action });
  const renewable = status === "expired" || status === "cancelled";

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog share-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="share-title"
        data-testid="share-dialog"
        data-session-id={s.sessionId}
        onKeyDown={(e) => {
          if (e.key === "Escape") onClose();
        }}
      >
        <h2 id="share-title">{t("share.title", { action })}</h2>
        <p className="muted">{t("share.forWhom", { email: s.targetEmail })}</p>
        <img
          className="share-dialog__qr"
          src={qrSource(share.qrSvg)}
          alt={t("share.qrAlt", { action })}
          data-testid="share-qr"
          width={280}
          height={280}
        />
        <label className="field">
          <span>{t("share.url")}</span>
          <input
            type="text"
            readOnly
            value={s.url}
            data-testid="share-url"
            dir="ltr"
            onFocus={(e) => e.target.select()}
          />
        </label>
        <p className="muted">{t("share.validUntil", { when: formatDateTime(s.expiresAt, locale) })}</p>
        <div className="row">
          <button type="button" className="button" onClick={copy}>
            {copied === "yes" ? t("share.copied") : t("share.copy")}
          </button>
          <button type="button" className="button" onClick={() => open(s.url)}>
            {t("share.open")}
          </button>
          <button type="button" className="button" onClick={mail}>
            {t("share.email")}
          </button>
        </div>
        {copied === "failed" ? <p className="field__error">{t("share.copyFailed")}</p> : null}
        {openError !== null ? <ErrorNotice error={openError} /> : null}
        <p
          className={`share-dialog__status share-dialog__status--${status}`}
          role="status"
          data-testid="share-status"
          data-status={status}
        >
          {line}
        </p>
        {error !== null ? <ErrorNotice error={error} /> : null}
        <div className="row">
          {renewable ? (
            <button type="button" className="button button--primary" disabled={renewing} onClick={onRenew}>
              {t("share.renew")}
            </button>
          ) : null}
          <button type="button" className="button" ref={closeRef} onClick={onClose} data-testid="share-close">
            {t("common.close")}
          </button>
        </div>
      </div>
    </div>
  );
}
