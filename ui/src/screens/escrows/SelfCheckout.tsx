import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

/** The checkout actions a merchant can be the target of (contract §4.2). */
const SELF_ACTIONS = [
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

/** What a checkout action does for the merchant when the link is their own ("Open the dispute form"). */
export function selfActionLabel(t: TFunction, action: string): string {
  if ((SELF_ACTIONS as readonly string[]).includes(action)) return t(`detail.actions.self.${action}`);
  return t("detail.actions.self.other", { action: t(`share.action.${action}`, { defaultValue: action }) });
}

/**
 * Says the merchant's own checkout page was opened in the browser, with its link to copy in case
 * the browser did not come up. The status line stays mounted so screen readers announce the change.
 */
export function OpenedNotice({ url }: { url: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      <p role="status" data-testid="self-opened">
        {url !== null ? t("detail.actions.opened") : null}
      </p>
      {url !== null ? (
        <label className="field">
          <span>{t("detail.actions.openedLink")}</span>
          <input type="text" readOnly value={url} dir="ltr" onFocus={(e) => e.target.select()} />
        </label>
      ) : null}
    </>
  );
}
