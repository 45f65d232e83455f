import { useTranslation } from "react-i18next";
import { isLanguage, switchLanguage, type Language, LANGUAGE_NAMES, LANGUAGES } from "../i18n";
import { type Theme, useTheme } from "./theme";

interface PreferencesProps {
  /** The merchant picked a language (the app saves it into the active profile, if any). */
  onLanguageChange?: ((language: Language) => void) | undefined;
}

/** Language and theme controls, always reachable (also before any profile exists). */
export function Preferences({ onLanguageChange }: PreferencesProps) {
  const { t, i18n } = useTranslation();
  const [{ theme }, setTheme] = useTheme();
  const next: Theme = theme === "dark" ? "light" : "dark";
  return (
    <div className="preferences">
      <label className="preferences__language">
        <span>{t("language.label")}</span>
        <select
          value={i18n.language}
          onChange={(e) => {
            const language = e.target.value;
            if (!isLanguage(language)) return;
            switchLanguage(i18n, language);
            onLanguageChange?.(language);
          }}
        >
          {LANGUAGES.map((language) => (
            <option key={language} value={language} lang={language}>
              {LANGUAGE_NAMES[language]}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button button--ghost" onClick={() => setTheme(next)}>
        {next === "dark" ? t("theme.toDark") : t("theme.toLight")}
      </button>
    </div>
  );
}
