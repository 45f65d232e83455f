import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProfilesView } from "../bindings/ProfilesView";

interface ProfileSwitcherProps {
  profiles: ProfilesView;
  onSwitch: (id: string) => void;
  onRemove: (id: string) => void;
  onAdd: () => void;
  /** A switch or removal is under way. */
  busy?: boolean;
}

/** Which profile is open; switch, remove (after a confirmation) or add one. */
export function ProfileSwitcher({ profiles, onSwitch, onRemove, onAdd, busy = false }: ProfileSwitcherProps) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const active = profiles.profiles.find((p) => p.id === profiles.activeId) ?? null;
  return (
    <div className="profile-switcher">
      <label className="field">
        <span>{t("profiles.label")}</span>
        <select
          value={profiles.activeId ?? ""}
          disabled={busy}
          // The sidebar is narrow: a long name is cut in the closed select, the tooltip has it all.
          title={active ? t("profiles.option", { name: active.displayName, environment: t(`profiles.environment.${active.environment}`) }) : undefined}
          onChange={(e) => {
            setConfirming(false);
            if (e.target.value) onSwitch(e.target.value);
          }}
        >
          {profiles.profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {t("profiles.option", { name: p.displayName, environment: t(`profiles.environment.${p.environment}`) })}
            </option>
          ))}
        </select>
      </label>
      {confirming && active ? (
        <div className="profile-switcher__confirm" role="alertdialog" aria-labelledby="remove-profile-text">
          <p id="remove-profile-text">
            {active.environment === "demo"
              ? t("profiles.confirmRemoveDemo", { name: active.displayName })
              : t("profiles.confirmRemove", { name: active.displayName })}
          </p>
          <div className="row">
            <button
              type="button"
              className="button button--danger"
              disabled={busy}
              onClick={() => {
                setConfirming(false);
                onRemove(active.id);
              }}
            >
              {t("profiles.removeConfirmed")}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t("common.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <div className="row">
          {active ? (
            <button type="button" className="button button--ghost" disabled={busy} onClick={() => setConfirming(true)}>
              {t("profiles.remove")}
            </button>
          ) : null}
          <button type="button" className="button button--ghost" disabled={busy} onClick={onAdd}>
            {t("profiles.add")}
          </button>
        </div>
      )}
    </div>
  );
}
