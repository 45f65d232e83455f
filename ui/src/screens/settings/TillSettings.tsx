import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CustomMethod } from "../../bindings/CustomMethod";
import type { Settings } from "../../bindings/Settings";

interface TillSettingsProps {
  draft: Settings;
  change: (patch: Partial<Settings>) => void;
}

/**
 * The till of this computer, who works it, and the payment methods the merchant adds beside the
 * built-in ones. A new method is sent without a code; the app gives it one when saving, fixed for
 * good since its sales carry it.
 */
export function TillSettings({ draft, change }: TillSettingsProps) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [inDrawer, setInDrawer] = useState(false);
  const methods = draft.customMethods;
  const add = () => {
    const trimmed = name.trim();
    if (!trimmed || methods.some((m) => m.name === trimmed)) return;
    const method: CustomMethod = { slug: "", name: trimmed, inDrawer };
    change({ customMethods: [...methods, method] });
    setName("");
    setInDrawer(false);
  };
  return (
    <>
      <h2>{t("settings.till.title")}</h2>
      <label className="field">
        <span>{t("settings.till.id")}</span>
        <input data-testid="settings-till" value={draft.tillId} onChange={(e) => change({ tillId: e.target.value })} />
      </label>
      <label className="field">
        <span>{t("settings.till.cashier")}</span>
        <input value={draft.cashierName} onChange={(e) => change({ cashierName: e.target.value })} />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.countWalletsAtClose}
          onChange={(e) => change({ countWalletsAtClose: e.target.checked })}
        />
        <span>{t("settings.till.countWallets")}</span>
      </label>
      <h3>{t("settings.till.methods")}</h3>
      <ul className="unfinished" data-testid="settings-methods">
        {methods.map((m) => (
          <li key={m.slug || m.name} className="unfinished__item">
            <strong>{m.name}</strong>
            {m.inDrawer ? <span className="badge">{t("settings.till.inDrawer")}</span> : null}
            <button
              type="button"
              className="button button--ghost"
              onClick={() => change({ customMethods: methods.filter((other) => other !== m) })}
            >
              {t("settings.remove")}
            </button>
          </li>
        ))}
      </ul>
      <label className="field">
        <span>{t("settings.till.newMethod")}</span>
        <input data-testid="settings-method-name" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="check">
        <input type="checkbox" checked={inDrawer} onChange={(e) => setInDrawer(e.target.checked)} />
        <span>{t("settings.till.inDrawerHelp")}</span>
      </label>
      <button type="button" className="button" data-testid="settings-method-add" disabled={!name.trim()} onClick={add}>
        {t("settings.till.add")}
      </button>
    </>
  );
}
