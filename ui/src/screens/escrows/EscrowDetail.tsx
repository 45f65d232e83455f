import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { EscrowDetailView } from "../../bindings/EscrowDetailView";
import type { ShareStatusEvent } from "../../bindings/ShareStatusEvent";
import type { ShareView } from "../../bindings/ShareView";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { createShare, escrowDetail, openExternal, SHARE_STATUS_EVENT, subscribe, watchShare } from "../../platform";
import { type ApiAction, DetailActions, type EscrowUpdate, type ShareOption } from "./DetailActions";
import { Amounts, Deadlines, Paperwork, Parties, Sessions, Timeline } from "./DetailSections";
import { modeLabel, roleLabel, statusLabel } from "./labels";
import { NextStepSection } from "./NextStep";
import { RefundAdvice } from "./RefundAdvice";

interface EscrowDetailProps {
  id: string;
  onBack: () => void;
  onApiAction?: ((id: string, action: ApiAction, reason?: string) => Promise<unknown>) | undefined;
  onUpdate?: ((id: string, update: EscrowUpdate) => Promise<unknown>) | undefined;
  onShare?: ((id: string, option: ShareOption) => void) | undefined;
  /** Shows an existing checkout link again. */
  onShowSession?: ((sessionId: string) => void) | undefined;
  /** Bumped by the parent to reload (e.g. a watcher saw the escrow change). */
  refresh?: number;
}

/**
 * The merchant's own checkout page for `option` (a dispute, a cancellation, a signature…): created
 * as a shared link would be, then opened in the system browser.
 */
async function openOwnCheckout(escrowId: string, option: ShareOption): Promise<ShareView> {
  const share = await createShare({
    escrowId,
    action: option.action,
    ...(option.targetEmail ? { targetEmail: option.targetEmail } : {}),
  });
  await openExternal(share.session.url);
  return share;
}

/** Everything about one escrow, and the actions its mode and status allow. */
export function EscrowDetail({
  id,
  onBack,
  onApiAction,
  onUpdate,
  onShare,
  onShowSession,
  refresh = 0,
}: EscrowDetailProps) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<EscrowDetailView | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    setError(null);
    escrowDetail(id)
      .then(setDetail)
      .catch((e: unknown) => setError(e));
  }, [id]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refresh` is the parent's signal to read the escrow again.
  useEffect(load, [load, refresh]);
  // The merchant's own pages opened from here: when one is used in the browser, read the escrow again.
  const ownSessions = useRef(new Set<string>());
  useEffect(
    () =>
      subscribe<ShareStatusEvent>(SHARE_STATUS_EVENT, (event) => {
        if (ownSessions.current.has(event.sessionId)) load();
      }),
    [load],
  );
  const openSelf = (option: ShareOption) =>
    openOwnCheckout(id, option).then((share) => {
      const sessionId = share.session.sessionId;
      ownSessions.current.add(sessionId);
      // The backend watches the link and reports on the event; failing to start leaves it usable.
      watchShare(sessionId).catch((e: unknown) => setError(e));
      load(); // the new link joins the escrow's checkout links
      return share.session.url;
    });

  const back = (
    <button type="button" className="button button--ghost" onClick={onBack}>
      {t("detail.back")}
    </button>
  );
  if (detail === null) {
    return (
      <section className="screen" data-testid="escrow-detail" aria-busy={error === null}>
        {back}
        {error !== null ? <ErrorNotice error={error} onRetry={load} /> : <p className="muted">{t("common.loading")}</p>}
      </section>
    );
  }
  const { escrow } = detail;
  const r = escrow.row;
  const reloadAfter = (work: Promise<unknown>) => work.then(load);
  return (
    <section className="screen" data-testid="escrow-detail" data-escrow-id={r.id} data-status={r.status}>
      {back}
      <header className="detail-header">
        <h1>{r.title}</h1>
        <p className="detail-header__facts">
          <span className={`status status--${r.status}`} data-testid="escrow-status">
            {statusLabel(t, r.status)}
          </span>
          <span>{modeLabel(t, r.mode)}</span>
          <span>{t("detail.yourRole", { role: roleLabel(t, r.role) })}</span>
        </p>
        {escrow.description ? <p>{escrow.description}</p> : null}
      </header>
      {error !== null ? <ErrorNotice error={error} onRetry={load} /> : null}
      <NextStepSection escrow={escrow} />
      <DetailActions
        apiActions={detail.apiActions}
        shareActions={detail.shareActions}
        title={r.title}
        description={escrow.description}
        amountTnd={r.amountTnd}
        onApiAction={onApiAction ? (action, reason) => reloadAfter(onApiAction(r.id, action, reason)) : undefined}
        onUpdate={onUpdate ? (update) => reloadAfter(onUpdate(r.id, update)) : undefined}
        onShare={onShare ? (option) => onShare(r.id, option) : undefined}
        role={r.role}
        onOpenSelf={openSelf}
      />
      <RefundAdvice
        detail={detail}
        busy={false}
        onCancel={onApiAction ? () => reloadAfter(onApiAction(r.id, "cancel")) : undefined}
        onShare={onShare ? (option) => onShare(r.id, option) : undefined}
      />
      <div className="grid-2">
        <Parties escrow={escrow} />
        <Amounts escrow={escrow} />
      </div>
      <div className="grid-2">
        <Deadlines escrow={escrow} />
        <Paperwork
          escrow={escrow}
          onOpenContract={(url) => void openExternal(url).catch((e: unknown) => setError(e))}
        />
      </div>
      <Timeline history={detail.history} />
      <Sessions sessions={detail.sessions} onShow={onShowSession} />
    </section>
  );
}
