import { useTranslation } from "react-i18next";
import type { ProfilesView } from "../bindings/ProfilesView";

interface ProfileSwitcherProps {
  profiles: ProfilesView;
  onSwitch: (id: string) => void;
  onAdd: () => void;
  /** A switch or removal is under way. */
  busy?: boolean;
}

/** Which profile is open; switch or add one. (Removing one is in Settings.) */
export function ProfileSwitcher({ profiles, onSwitch, onAdd, busy = false }: ProfileSwitcherProps) {
  const { t } = useTranslation();
  const active = profiles.profiles.find((p) => p.id === profiles.activeId) ?? null;
  return (
    <div className="profile-switcher">
      <label className="field">
        <span>{t("profiles.label")}</span>
        <select
          value={profiles.activeId ?? ""}
          disabled={busy}
          // The sidebar is narrow: a long name is cut in the closed select, the tooltip has it all.
          title={active?.displayName}
          onChange={(e) => {
            if (e.target.value) onSwitch(e.target.value);
          }}
        >
          {profiles.profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {profiles.profiles.some((other) => other.id !== p.id && other.displayName === p.displayName)
                ? `${p.displayName} · ${t(`profiles.environment.${p.environment}`)}`
                : p.displayName}
            </option>
          ))}
        </select>
      </label>
      {active ? (
        // On its own line: beside the name in the narrow select it was cut off (Arabic above all).
        <span className="badge profile-switcher__environment" data-testid="profile-environment">
          {t(`profiles.environment.${active.environment}`)}
        </span>
      ) : null}
      <button type="button" className="button button--ghost" disabled={busy} onClick={onAdd}>
        {t("profiles.add")}
      </button>
    </div>
  );
}
