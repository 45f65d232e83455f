import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { EscrowMode } from "../../bindings/EscrowMode";
import type { EscrowRole } from "../../bindings/EscrowRole";
import type { EscrowStatus } from "../../bindings/EscrowStatus";
import type { HeldBucket } from "../../bindings/HeldBucket";
import { parseDinarsToMillimes } from "../../format";
import { MODES, modeLabel, ROLES, roleLabel, STATUSES, statusLabel } from "./labels";

/** What the filter bar decides (amounts already in millimes). */
export interface FilterValues {
  text: string;
  statuses: EscrowStatus[];
  modes: EscrowMode[];
  /** `""`: any role. */
  role: EscrowRole | "";
  fromDay: string;
  toDay: string;
  amountMin: number | null;
  amountMax: number | null;
  /** Only the sales behind one "Coming to you" figure of the dashboard. */
  held: HeldBucket | null;
}

export const NO_FILTERS: FilterValues = {
  text: "",
  statuses: [],
  modes: [],
  role: "",
  fromDay: "",
  toDay: "",
  amountMin: null,
  amountMax: null,
  held: null,
};

/** How long typing must pause before the search runs. */
export const SEARCH_DEBOUNCE_MS = 300;

function toggle<T extends string>(list: T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

interface FiltersProps {
  value: FilterValues;
  onChange: (next: FilterValues) => void;
}

/** Search (debounced), statuses, modes, role, day range and amount range (TND). */
export function Filters({ value, onChange }: FiltersProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(value.text);
  const [min, setMin] = useState("");
  const [max, setMax] = useState("");

  useEffect(() => {
    if (text === value.text) return;
    const timer = setTimeout(() => onChange({ ...value, text }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);

  const amount = (raw: string, key: "amountMin" | "amountMax") => {
    const parsed = raw.trim() === "" ? null : parseDinarsToMillimes(raw);
    if (raw.trim() === "" || parsed !== null) onChange({ ...value, [key]: parsed });
  };
  const minInvalid = min.trim() !== "" && parseDinarsToMillimes(min) === null;
  const maxInvalid = max.trim() !== "" && parseDinarsToMillimes(max) === null;

  return (
    // biome-ignore lint/a11y/useSemanticElements: the <search> element is newer than some WebKitGTK releases merchants run.
    <div className="card filters" role="search">
      <label className="field filters__search">
        <span>{t("escrows.filters.search")}</span>
        <input
          type="search"
          value={text}
          placeholder={t("escrows.filters.searchPlaceholder")}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <fieldset className="filters__group">
        <legend>{t("escrows.filters.status")}</legend>
        {STATUSES.map((s) => (
          <label key={s} className="check">
            <input
              type="checkbox"
              checked={value.statuses.includes(s)}
              onChange={() => onChange({ ...value, statuses: toggle(value.statuses, s) })}
            />
            {statusLabel(t, s)}
          </label>
        ))}
      </fieldset>
      <fieldset className="filters__group">
        <legend>{t("escrows.filters.mode")}</legend>
        {MODES.map((m) => (
          <label key={m} className="check">
            <input
              type="checkbox"
              checked={value.modes.includes(m)}
              onChange={() => onChange({ ...value, modes: toggle(value.modes, m) })}
            />
            {modeLabel(t, m)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t("escrows.filters.role")}</span>
        <select
          value={value.role}
          onChange={(e) => onChange({ ...value, role: ROLES.find((r) => r === e.target.value) ?? "" })}
        >
          <option value="">{t("escrows.filters.anyRole")}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleLabel(t, r)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("escrows.filters.fromDay")}</span>
        <input type="date" value={value.fromDay} onChange={(e) => onChange({ ...value, fromDay: e.target.value })} />
      </label>
      <label className="field">
        <span>{t("escrows.filters.toDay")}</span>
        <input type="date" value={value.toDay} onChange={(e) => onChange({ ...value, toDay: e.target.value })} />
      </label>
      <label className="field">
        <span>{t("escrows.filters.amountMin")}</span>
        <input
          inputMode="decimal"
          value={min}
          aria-invalid={minInvalid}
          onChange={(e) => {
            setMin(e.target.value);
            amount(e.target.value, "amountMin");
          }}
        />
      </label>
      <label className="field">
        <span>{t("escrows.filters.amountMax")}</span>
        <input
          inputMode="decimal"
          value={max}
          aria-invalid={maxInvalid}
          onChange={(e) => {
            setMax(e.target.value);
            amount(e.target.value, "amountMax");
          }}
        />
      </label>
      {minInvalid || maxInvalid ? <p className="field__error">{t("escrows.filters.amountInvalid")}</p> : null}
    </div>
  );
}
