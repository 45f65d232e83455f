import { useState } from "react";
import type { DirectAction } from "../../bindings/DirectAction";
import type { ShareActionView } from "../../bindings/ShareActionView";
import { useTranslation } from "react-i18next";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { type Millimes, millimesToDecimalString, parseDinarsToMillimes, toBigMillimes } from "../../format";
import { OpenedNotice, selfActionLabel } from "./SelfCheckout";

/** Actions done through the API with a button of their own (an update has its form). */
export type ApiAction = Exclude<DirectAction, "update">;
/** The update form's fields (amount in millimes). */
export interface EscrowUpdate {
  title?: string;
  description?: string;
  amount?: number;
}
/** A checkout link the escrow can get, with whom it is for. */
export type ShareOption = ShareActionView;

interface DetailActionsProps {
  /** What the API allows now (`update`, `deliver`, `rejectDelivery`, `cancel`). */
  apiActions: readonly DirectAction[];
  /** Checkout links allowed now (contract §4.2), the right party preselected. */
  shareActions: readonly ShareOption[];
  title: string;
  description: string | null;
  amountTnd: Millimes;
  onApiAction?: ((action: ApiAction, reason?: string) => Promise<unknown>) | undefined;
  onUpdate?: ((update: EscrowUpdate) => Promise<unknown>) | undefined;
  onShare?: ((option: ShareOption) => void) | undefined;
  /** The merchant's part in this escrow (`buyer`, `seller`, `creator`): links for it are their own. */
  role: string | null;
  /** Creates the merchant's own checkout page and opens it in the browser; resolves to its URL. */
  onOpenSelf?: ((option: ShareOption) => Promise<string>) | undefined;
}

const CONFIRMED: readonly ApiAction[] = ["cancel", "rejectDelivery"];

/** Only the buttons the escrow's mode and status allow; risky ones ask first. */
export function DetailActions(props: DetailActionsProps) {
  const { t } = useTranslation();
  const { apiActions, shareActions, onApiAction, onUpdate, onShare, role, onOpenSelf } = props;
  const [confirming, setConfirming] = useState<ApiAction | null>(null);
  const [reason, setReason] = useState("");
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [opened, setOpened] = useState<string | null>(null);

  const run = (work: Promise<unknown>) => {
    setBusy(true);
    setError(null);
    setOpened(null);
    work
      .then(() => {
        setConfirming(null);
        setEditing(false);
        setReason("");
      })
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  const api = (["deliver", "rejectDelivery", "cancel"] as const).filter((a) => apiActions.includes(a));
  const canUpdate = apiActions.includes("update") && onUpdate;
  if (api.length === 0 && !canUpdate && shareActions.length === 0) return null;

  return (
    <section className="card" aria-labelledby="actions-title">
      <h2 id="actions-title">{t("detail.actions.title")}</h2>
      {error !== null ? <ErrorNotice error={error} /> : null}
      <div className="row">
        {api.map((action) => (
          <button
            key={action}
            type="button"
            className={action === "deliver" ? "button button--primary" : "button"}
            data-testid={`action-${action}`}
            disabled={busy || !onApiAction}
            onClick={() => {
              if (CONFIRMED.includes(action)) setConfirming(action);
              else if (onApiAction) run(onApiAction(action));
            }}
          >
            {t(`detail.actions.${action}`)}
          </button>
        ))}
        {canUpdate ? (
          <button type="button" className="button" disabled={busy} onClick={() => setEditing(true)}>
            {t("detail.actions.update")}
          </button>
        ) : null}
        {shareActions.map((option) => {
          const own = option.party === role;
          const action = t(`share.action.${option.action}`, { defaultValue: option.action });
          let label = action;
          if (own) label = selfActionLabel(t, option.action);
          else if (option.targetEmail) label = t("detail.actions.shareFor", { action, email: option.targetEmail });
          return (
            <button
              key={`${option.action}-${option.party}-${option.targetEmail ?? ""}`}
              type="button"
              className="button"
              data-testid={own ? `open-${option.action}` : `share-${option.action}`}
              disabled={busy || !(own ? onOpenSelf : onShare)}
              onClick={() => {
                if (!own) onShare?.(option);
                else if (onOpenSelf) run(onOpenSelf(option).then(setOpened));
              }}
            >
              {label}
            </button>
          );
        })}
      </div>
      <OpenedNotice url={opened} />
      {confirming && onApiAction ? (
        <div className="confirm" role="alertdialog" aria-labelledby="confirm-text">
          <p id="confirm-text">{t(`detail.actions.confirm.${confirming}`)}</p>
          <label className="field">
            <span>{t("detail.actions.reason")}</span>
            <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <div className="row">
            <button
              type="button"
              className="button button--danger"
              disabled={busy}
              onClick={() => run(onApiAction(confirming, reason.trim() || undefined))}
            >
              {t(`detail.actions.confirmButton.${confirming}`)}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(null)}>
              {t("common.cancel")}
            </button>
          </div>
        </div>
      ) : null}
      {editing && onUpdate ? (
        <UpdateForm
          title={props.title}
          description={props.description}
          amountTnd={props.amountTnd}
          busy={busy}
          onCancel={() => setEditing(false)}
          onSave={(update) => run(onUpdate(update))}
        />
      ) : null}
    </section>
  );
}

interface UpdateFormProps {
  title: string;
  description: string | null;
  amountTnd: Millimes;
  busy: boolean;
  onSave: (update: EscrowUpdate) => void;
  onCancel: () => void;
}

/** Title, description and amount of a pending escrow; sends only what changed. */
function UpdateForm({ title, description, amountTnd, busy, onSave, onCancel }: UpdateFormProps) {
  const { t } = useTranslation();
  const [newTitle, setTitle] = useState(title);
  const [newDescription, setDescription] = useState(description ?? "");
  const [amount, setAmount] = useState(millimesToDecimalString(amountTnd));
  const millimes = parseDinarsToMillimes(amount);
  const titleError = newTitle.trim().length < 1 || newTitle.trim().length > 200;
  const amountError = millimes === null || millimes <= 0;
  const update: EscrowUpdate = {
    ...(newTitle.trim() !== title ? { title: newTitle.trim() } : {}),
    ...(newDescription !== (description ?? "") ? { description: newDescription } : {}),
    ...(millimes !== null && BigInt(millimes) !== toBigMillimes(amountTnd) ? { amount: millimes } : {}),
  };
  return (
    <form
      className="update-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(update);
      }}
    >
      <label className="field">
        <span>{t("newEscrow.title")}</span>
        <input value={newTitle} aria-invalid={titleError} onChange={(e) => setTitle(e.target.value)} />
      </label>
      {titleError ? <p className="field__error">{t("newEscrow.errors.title")}</p> : null}
      <label className="field">
        <span>{t("newEscrow.description")}</span>
        <textarea value={newDescription} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label className="field">
        <span>{t("newEscrow.amount")}</span>
        <input
          inputMode="decimal"
          value={amount}
          aria-invalid={amountError}
          onChange={(e) => setAmount(e.target.value)}
        />
      </label>
      {amountError ? <p className="field__error">{t("detail.actions.amountPositive")}</p> : null}
      <div className="row">
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || titleError || amountError || Object.keys(update).length === 0}
        >
          {t("detail.actions.save")}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
