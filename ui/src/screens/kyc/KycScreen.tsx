import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { KycInviteOutcomeView } from "../../bindings/KycInviteOutcomeView";
import type { KycInviteView } from "../../bindings/KycInviteView";
import { kycInvite, kycList, kycRefresh } from "../../platform";
import "../../components/shop/shop.css";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { formatDateTime } from "../../format";
import { useLocale } from "../../format/useLocale";
import { asCommandError } from "../../platform";
import { EMAIL } from "../counter/SaleEntry";
import { resendAllowedAt } from "./cooldown";
import { InviteList } from "./InviteList";
import { hasPrinter } from "../../components/print/printing";
import { useShopSettings } from "../../components/shop/useShopSettings";

/** Invite people to verify their identity with DHMAD, and follow their invites. */
export function KycScreen({ now = Date.now }: { now?: () => number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const canPrint = hasPrinter(useShopSettings().settings);
  const [email, setEmail] = useState("");
  const [externalId, setExternalId] = useState("");
  const [redirectUrl, setRedirectUrl] = useState("");
  const [search, setSearch] = useState("");
  const [invites, setInvites] = useState<KycInviteView[] | null>(null);
  const [listError, setListError] = useState<unknown>(null);
  const [inviteError, setInviteError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<KycInviteOutcomeView | null>(null);
  const [busy, setBusy] = useState(false);
  const [refreshing, setRefreshing] = useState<string | null>(null);
  const [waitUntil, setWaitUntil] = useState<Date | null>(null);

  const load = useCallback((searched?: string) => {
    setListError(null);
    setInvites(null);
    kycList(searched?.trim() || undefined)
      .then(setInvites)
      .catch((e: unknown) => setListError(e));
  }, []);
  useEffect(() => load(), [load]);

  const upsert = (invite: KycInviteView) =>
    setInvites((list) => (list ? [invite, ...list.filter((i) => i.id !== invite.id)] : [invite]));

  const invite = () => {
    if (busy || !EMAIL.test(email.trim())) return;
    const blocked = resendAllowedAt(invites ?? [], email, now());
    setBusy(true);
    setInviteError(null);
    setOutcome(null);
    setWaitUntil(null);
    kycInvite({
      email: email.trim(),
      ...(externalId.trim() ? { externalId: externalId.trim() } : {}),
      ...(redirectUrl.trim() ? { redirectUrl: redirectUrl.trim() } : {}),
    })
      .then((done) => {
        setOutcome(done);
        upsert(done.invite);
      })
      .catch((e: unknown) => {
        setInviteError(e);
        // The resend rule: say until when, from what the book knows.
        if (asCommandError(e).code === "conflict")
          setWaitUntil(blocked ?? resendAllowedAt(invites ?? [], email, now()));
      })
      .finally(() => setBusy(false));
  };

  const refresh = (id: string) => {
    setRefreshing(id);
    kycRefresh(id)
      .then(upsert)
      .catch((e: unknown) => setListError(e))
      .finally(() => setRefreshing(null));
  };

  return (
    <div className="screen kyc" data-testid="kyc-screen">
      <h1>{t("kyc.heading")}</h1>
      <p className="muted">{t("kyc.intro")}</p>
      <form
        className="card kyc-form"
        onSubmit={(e) => {
          e.preventDefault();
          invite();
        }}
      >
        <label className="field">
          <span>{t("kyc.email")}</span>
          <input
            data-testid="kyc-email"
            type="email"
            dir="ltr"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t("kyc.externalId")}</span>
          <input data-testid="kyc-external-id" value={externalId} onChange={(e) => setExternalId(e.target.value)} />
        </label>
        <label className="field field--grow">
          <span>{t("kyc.redirectUrl")}</span>
          <input
            data-testid="kyc-redirect"
            type="url"
            dir="ltr"
            placeholder={t("kyc.redirectDefault")}
            value={redirectUrl}
            onChange={(e) => setRedirectUrl(e.target.value)}
          />
        </label>
        <button
          type="submit"
          className="button button--primary"
          data-testid="kyc-invite"
          disabled={busy || !EMAIL.test(email.trim())}
        >
          {busy ? t("kyc.inviting") : t("kyc.invite")}
        </button>
      </form>
      <p className="muted">{t("kyc.cooldownRule")}</p>
      {outcome ? (
        <div className="notice" role="status" data-testid="kyc-outcome">
          <p>
            {outcome.existing
              ? t("kyc.resent", { email: outcome.invite.email })
              : outcome.invite.status === "approved"
                ? t("kyc.approvedAtOnce", { email: outcome.invite.email })
                : t("kyc.sent", { email: outcome.invite.email })}
          </p>
          {outcome.message ? <p className="muted">{outcome.message}</p> : null}
        </div>
      ) : null}
      {inviteError !== null ? <ErrorNotice error={inviteError} /> : null}
      {waitUntil ? (
        <p className="notice notice--warning" data-testid="kyc-cooldown">
          {t("kyc.cooldownUntil", { time: formatDateTime(waitUntil, locale) })}
        </p>
      ) : null}

      <form
        className="kyc-form"
        onSubmit={(e) => {
          e.preventDefault();
          load(search);
        }}
      >
        <label className="field">
          <span>{t("kyc.search")}</span>
          <input
            data-testid="kyc-search"
            type="search"
            dir="ltr"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </label>
        <button type="submit" className="button">
          {t("kyc.searchButton")}
        </button>
        {search.trim() !== "" ? (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => {
              setSearch("");
              load();
            }}
          >
            {t("kyc.showAll")}
          </button>
        ) : null}
      </form>
      {listError !== null ? <ErrorNotice error={listError} onRetry={() => load(search)} /> : null}
      {invites === null && listError === null ? <p className="muted">{t("kyc.loading")}</p> : null}
      {invites !== null && invites.length === 0 ? (
        <p className="muted" data-testid="kyc-empty">
          {t("kyc.empty")}
        </p>
      ) : null}
      {invites !== null && invites.length > 0 ? (
        <InviteList invites={invites} refreshing={refreshing} onRefresh={refresh} canPrint={canPrint} />
      ) : null}
    </div>
  );
}
