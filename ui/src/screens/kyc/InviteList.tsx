import { useTranslation } from "react-i18next";
import type { KycInviteView } from "../../bindings/KycInviteView";
import { PrintAction } from "../../components/print/PrintButton";
import { formatDateTime } from "../../format";
import { useLocale } from "../../format/useLocale";
import { printKycSlip } from "../../platform";

const STATUSES = ["pending", "approved", "rejected"];

interface InviteListProps {
  invites: KycInviteView[];
  refreshing: string | null;
  onRefresh: (id: string) => void;
  /** A receipt printer is set up: each invite gets a slip to print. */
  canPrint?: boolean;
}

/** The invites with their status and whether the person linked a DHMAD account. */
export function InviteList({ invites, refreshing, onRefresh, canPrint = false }: InviteListProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <table className="shop-table">
      <thead>
        <tr>
          <th>{t("kyc.col.email")}</th>
          <th>{t("kyc.col.externalId")}</th>
          <th>{t("kyc.col.status")}</th>
          <th>{t("kyc.col.account")}</th>
          <th>{t("kyc.col.sent")}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {invites.map((invite) => (
          <tr key={invite.id} data-testid="kyc-row">
            <td dir="ltr">{invite.email}</td>
            <td>{invite.externalUserId ?? t("common.none")}</td>
            <td>
              <span className={`badge badge--${invite.status}`} data-testid="kyc-status">
                {STATUSES.includes(invite.status) ? t(`kyc.status.${invite.status}`) : invite.status}
              </span>
            </td>
            <td>{invite.linked ? t("kyc.linked") : t("kyc.notLinked")}</td>
            <td>{formatDateTime(invite.emailSentAt ?? invite.createdAt, locale)}</td>
            <td>
              <button
                type="button"
                className="button button--ghost"
                disabled={refreshing === invite.id}
                onClick={() => onRefresh(invite.id)}
              >
                {t("kyc.refresh")}
              </button>
              {canPrint ? (
                <PrintAction call={() => printKycSlip({ id: invite.id })} label={t("print.kyc")} testId="print-kyc" />
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
