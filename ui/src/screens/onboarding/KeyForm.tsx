import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { KeyEnvironment } from "../../bindings/KeyEnvironment";
import type { ProfileView } from "../../bindings/ProfileView";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { asCommandError, connectKey } from "../../platform";

interface KeyFormProps {
  environment: KeyEnvironment;
  /** The profile is connected and the merchant chose to continue. */
  onConnected: (profile: ProfileView) => void;
  /** Absent: no way back (the shop cannot open without its key). */
  onBack?: () => void;
  /** An existing profile asking for its key again: it keeps its name, settings and book. */
  profileId?: string;
}

/**
 * "Connect a sandbox/live key": key, allowed redirect URL, optional name; then who the key is.
 * With `profileId`, only the key of a shop that asks for it again.
 */
export function KeyForm({ environment, onConnected, onBack, profileId }: KeyFormProps) {
  const { t } = useTranslation();
  const [apiKey, setApiKey] = useState("");
  const [redirectUrl, setRedirectUrl] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [baseUrl, setBaseUrl] = useState("");
  const [proxyTrusted, setProxyTrusted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [connected, setConnected] = useState<ProfileView | null>(null);

  // A live key goes only to https://dhmad.tn unless the merchant vouches for the other address.
  const asksProxyTrust = environment === "live" && baseUrl.trim() !== "";
  const submit = async (sessionOnly: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const profile = await connectKey({
        environment,
        apiKey: apiKey.trim(),
        ...(redirectUrl.trim() ? { redirectUrl: redirectUrl.trim() } : {}),
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
        ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
        ...(asksProxyTrust && proxyTrusted ? { confirmProxy: true } : {}),
        ...(sessionOnly ? { sessionOnly: true } : {}),
        ...(profileId ? { profileId } : {}),
      });
      setConnected(profile);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(false);
  };

  if (connected) {
    return (
      <section className="card key-form" aria-labelledby="key-connected-title">
        <h1 id="key-connected-title">{t("connect.connectedTitle")}</h1>
        <dl className="facts">
          <dt>{t("connect.developerEmail")}</dt>
          <dd>{connected.developerEmail ?? t("common.none")}</dd>
          <dt>{t("connect.company")}</dt>
          <dd>{connected.companyName ?? t("common.none")}</dd>
          {connected.associatedUserEmail ? (
            <>
              <dt>{t("connect.associatedUser")}</dt>
              <dd>{connected.associatedUserEmail}</dd>
            </>
          ) : null}
        </dl>
        <button type="button" className="button button--primary" onClick={() => onConnected(connected)}>
          {t("common.continue")}
        </button>
      </section>
    );
  }

  const keychainMissing = error !== null && asCommandError(error).code === "keychainUnavailable";
  return (
    <form className="card key-form" onSubmit={onSubmit} aria-labelledby="key-form-title">
      <h1 id="key-form-title">{profileId ? t("connect.reenterTitle") : t(`connect.title.${environment}`)}</h1>
      {profileId ? <p className="muted">{t("connect.reenterHelp")}</p> : null}
      <label className="field">
        <span>{t("connect.apiKey")}</span>
        <input
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          value={apiKey}
          placeholder={t(`connect.apiKeyPlaceholder.${environment}`)}
          onChange={(e) => setApiKey(e.target.value)}
        />
      </label>
      {profileId ? null : (
        <>
          <div className="field">
            <label htmlFor="connect-redirect-url">{t("connect.redirectUrl")}</label>
            <input
              id="connect-redirect-url"
              type="url"
              value={redirectUrl}
              aria-describedby="connect-redirect-url-help"
              onChange={(e) => setRedirectUrl(e.target.value)}
            />
            <small id="connect-redirect-url-help">{t("connect.redirectUrlHelp")}</small>
          </div>
          <label className="field">
            <span>{t("connect.displayName")}</span>
            <input type="text" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          </label>
          <details className="advanced">
            <summary>{t("connect.advanced")}</summary>
            <label className="field">
              <span>{t("connect.baseUrl")}</span>
              <input
                type="url"
                value={baseUrl}
                placeholder={t("connect.baseUrlPlaceholder")}
                onChange={(e) => {
                  setBaseUrl(e.target.value);
                  setProxyTrusted(false);
                }}
              />
            </label>
            {asksProxyTrust ? (
              <label className="field field--check">
                <input type="checkbox" checked={proxyTrusted} onChange={(e) => setProxyTrusted(e.target.checked)} />
                <span>{t("connect.confirmProxy", { url: baseUrl.trim() })}</span>
              </label>
            ) : null}
          </details>
        </>
      )}
      {error !== null && keychainMissing ? (
        <div className="notice notice--warning" role="alert">
          <p>{t("connect.keychainMissing")}</p>
          <button type="button" className="button" disabled={busy} onClick={() => void submit(true)}>
            {t("connect.sessionOnly")}
          </button>
        </div>
      ) : null}
      {error !== null && !keychainMissing ? <ErrorNotice error={error} /> : null}
      <div className="row">
        <button type="submit" className="button button--primary" disabled={busy || apiKey.trim() === ""}>
          {busy ? t("connect.checking") : t("connect.submit")}
        </button>
        {onBack ? (
          <button type="button" className="button" onClick={onBack}>
            {t("common.back")}
          </button>
        ) : null}
      </div>
    </form>
  );
}
