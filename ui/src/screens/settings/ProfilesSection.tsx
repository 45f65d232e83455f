import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProfilesView } from "../../bindings/ProfilesView";

interface ProfilesSectionProps {
  profiles: ProfilesView;
  busy: boolean;
  onSwitch: (id: string) => void;
  onRemove: (id: string) => void;
}

/**
 * The profiles (keys): switch to one, or remove one after a confirmation that names it and says
 * its book is deleted. Removal lives here only, away from the sidebar every screen shows.
 */
export function ProfilesSection({ profiles, busy, onSwitch, onRemove }: ProfilesSectionProps) {
  const { t } = useTranslation();
  const [confirm, setConfirm] = useState<string | null>(null);
  return (
    <section className="card settings-section" data-testid="settings-profiles">
      <h2>{t("settings.profiles")}</h2>
      <ul className="unfinished">
        {profiles.profiles.map((p) => (
          <li key={p.id} className="unfinished__item" data-testid="settings-profile">
            <strong>{p.displayName}</strong>
            <span className="badge">{t(`settings.env.${p.environment}`)}</span>
            {p.id === profiles.activeId ? <span className="muted">{t("settings.active")}</span> : null}
            {p.id !== profiles.activeId ? (
              <button type="button" className="button" disabled={busy} onClick={() => onSwitch(p.id)}>
                {t("settings.switch")}
              </button>
            ) : null}
            {confirm === p.id ? (
              <div className="profile-remove" role="alertdialog" aria-labelledby={`remove-${p.id}`}>
                <p id={`remove-${p.id}`}>
                  {p.environment === "demo"
                    ? t("settings.removeConfirmDemo", { name: p.displayName })
                    : t("settings.removeConfirm", { name: p.displayName })}
                </p>
                <button
                  type="button"
                  className="button button--danger"
                  disabled={busy}
                  data-testid="settings-remove-confirm"
                  onClick={() => {
                    setConfirm(null);
                    onRemove(p.id);
                  }}
                >
                  {t("settings.removeYes")}
                </button>
                <button type="button" className="button button--ghost" onClick={() => setConfirm(null)}>
                  {t("settings.removeNo")}
                </button>
              </div>
            ) : (
              <button type="button" className="button button--ghost" disabled={busy} onClick={() => setConfirm(p.id)}>
                {t("settings.remove")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
