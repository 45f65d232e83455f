import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProfilesView } from "../../bindings/ProfilesView";
import type { CsvDelimiter } from "../../bindings/CsvDelimiter";
import type { Language } from "../../bindings/Language";
import type { SaleMode } from "../../bindings/SaleMode";
import type { Settings } from "../../bindings/Settings";
import type { Theme } from "../../bindings/Theme";
import { openLogFolder, removeProfile, switchProfile } from "../../platform";
import { useShopSettings } from "../../components/shop/useShopSettings";
import "../../components/shop/shop.css";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from "../../i18n";
import { applyLanguageChoice, applyThemeChoice } from "./applyPreferences";
import { ConnectionCheck } from "./ConnectionCheck";
import { PrintersSettings } from "./PrintersSettings";
import { printingProblem } from "./printers";
import { TillSettings } from "./TillSettings";
import { ProfilesSection } from "./ProfilesSection";

interface SettingsScreenProps {
  /** The profiles changed (switch or removal): the app reloads its screens. */
  onProfilesChanged?: (next: ProfilesView) => void;
}

/** Settings of the active profile, the profiles themselves, and the log folder. */
export function SettingsScreen({ onProfilesChanged }: SettingsScreenProps) {
  const { t, i18n } = useTranslation();
  const { all, setAll, settings, error: loadError, reload, save } = useShopSettings();
  const [draft, setDraft] = useState<Settings | null>(null);
  const [presets, setPresets] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (settings) {
      setDraft(settings);
      setPresets(settings.titlePresets.join("\n"));
    }
  }, [settings]);

  // The sidebar's language control saves at once: the draft follows, so saving it keeps that choice.
  useEffect(() => {
    const language = i18n.language;
    if (isLanguage(language)) setDraft((d) => (d && d.language !== language ? { ...d, language } : d));
  }, [i18n.language]);

  const change = (patch: Partial<Settings>) => {
    setSaved(false);
    setDraft((d) => (d ? { ...d, ...patch } : d));
  };

  const submit = () => {
    if (!draft) return;
    const titlePresets = [
      ...new Set(
        presets
          .split("\n")
          .map((p) => p.trim())
          .filter((p) => p !== ""),
      ),
    ];
    const redirectUrl = draft.redirectUrl?.trim() ? draft.redirectUrl.trim() : null;
    const printerProblem = printingProblem(draft.printing);
    if (printerProblem) {
      const userMessage = t(`settings.printers.errors.${printerProblem}`);
      setError({ code: "validation", message: `printers: ${printerProblem}`, userMessage });
      return;
    }
    setBusy(true);
    setError(null);
    save({ ...draft, redirectUrl, titlePresets })
      .then(() => setSaved(true))
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };

  const profileAction = (action: Promise<ProfilesView>) => {
    setBusy(true);
    setError(null);
    action
      .then((next) => {
        setAll(next);
        onProfilesChanged?.(next);
      })
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };

  if (loadError !== null) return <ErrorNotice error={loadError} onRetry={reload} />;
  if (!all || !draft) return <p className="muted">{t("settings.loading")}</p>;

  return (
    <div className="screen settings" data-testid="settings-screen">
      <h1>{t("settings.heading")}</h1>
      <ProfilesSection
        profiles={all}
        busy={busy}
        onSwitch={(id) => profileAction(switchProfile(id))}
        onRemove={(id) => profileAction(removeProfile(id))}
      />
      <form
        className="card settings-section"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <h2>{t("settings.shop")}</h2>
        <label className="field">
          <span>{t("settings.shopName")}</span>
          <input
            data-testid="settings-shop-name"
            value={draft.shopName}
            onChange={(e) => change({ shopName: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t("settings.receiptHeader")}</span>
          <textarea
            data-testid="settings-receipt-header"
            rows={3}
            value={draft.receiptHeader}
            onChange={(e) => change({ receiptHeader: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t("settings.redirectUrl")}</span>
          <input
            data-testid="settings-redirect"
            type="url"
            dir="ltr"
            value={draft.redirectUrl ?? ""}
            onChange={(e) => change({ redirectUrl: e.target.value })}
          />
          <small className="muted">{t("settings.redirectHelp")}</small>
        </label>
        <label className="field">
          <span>{t("settings.presets")}</span>
          <textarea
            data-testid="settings-presets"
            rows={4}
            value={presets}
            onChange={(e) => {
              setSaved(false);
              setPresets(e.target.value);
            }}
          />
          <small className="muted">{t("settings.presetsHelp")}</small>
        </label>
        <label className="field">
          <span>{t("settings.saleMode")}</span>
          <select
            data-testid="settings-sale-mode"
            value={draft.defaultSaleMode}
            onChange={(e) => change({ defaultSaleMode: e.target.value as SaleMode })}
          >
            <option value="instant">{t("settings.mode.instant")}</option>
            <option value="quick">{t("settings.mode.quick")}</option>
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            data-testid="settings-sound"
            checked={draft.soundOnPaid}
            onChange={(e) => change({ soundOnPaid: e.target.checked })}
          />
          <span>{t("settings.sound")}</span>
        </label>
        <label className="field">
          <span>{t("settings.delimiter")}</span>
          <select
            data-testid="settings-delimiter"
            value={draft.csvDelimiter}
            onChange={(e) => change({ csvDelimiter: e.target.value as CsvDelimiter })}
          >
            <option value=",">{t("books.delimiterComma")}</option>
            <option value=";">{t("books.delimiterSemicolon")}</option>
          </select>
        </label>

        <TillSettings draft={draft} change={change} />

        <PrintersSettings draft={draft} change={change} />

        <h2>{t("settings.display")}</h2>
        <label className="field">
          <span>{t("settings.language")}</span>
          <select
            data-testid="settings-language"
            value={draft.language}
            onChange={(e) => {
              change({ language: e.target.value as Language });
              applyLanguageChoice(i18n, e.target.value);
            }}
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("settings.theme")}</span>
          <select
            data-testid="settings-theme"
            value={draft.theme}
            onChange={(e) => {
              change({ theme: e.target.value as Theme });
              applyThemeChoice(e.target.value);
            }}
          >
            <option value="light">{t("settings.themes.light")}</option>
            <option value="dark">{t("settings.themes.dark")}</option>
            <option value="system">{t("settings.themes.system")}</option>
          </select>
        </label>
        <div className="notice__actions">
          <button type="submit" className="button button--primary" data-testid="settings-save" disabled={busy}>
            {t("settings.save")}
          </button>
          {saved ? (
            <span role="status" data-testid="settings-saved">
              {t("settings.saved")}
            </span>
          ) : null}
        </div>
      </form>
      {error !== null ? <ErrorNotice error={error} /> : null}
      <ConnectionCheck />
      <section className="card settings-section">
        <h2>{t("settings.support")}</h2>
        <button
          type="button"
          className="button"
          data-testid="settings-logs"
          onClick={() => void openLogFolder().catch((e: unknown) => setError(e))}
        >
          {t("settings.openLogs")}
        </button>
      </section>
    </div>
  );
}
