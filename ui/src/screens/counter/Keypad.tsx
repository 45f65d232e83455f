import { useTranslation } from "react-i18next";
import type { PadKey } from "./amount";

const ROWS: PadKey[][] = [
  ["7", "8", "9"],
  ["4", "5", "6"],
  ["1", "2", "3"],
  [".", "0", "00"],
];

interface KeypadProps {
  onKey: (key: PadKey) => void;
  /** The decimal separator shown on its key ("," in French and Arabic, "." in English). */
  separator: string;
  disabled?: boolean;
}

/** Large keys for a touch screen or a mouse; the keyboard works too (handled by the counter). */
export function Keypad({ onKey, separator, disabled = false }: KeypadProps) {
  const { t } = useTranslation();
  const testId = (key: PadKey) => (key === "." ? "keypad-key-decimal" : `keypad-key-${key}`);
  return (
    <div className="keypad" data-testid="keypad" dir="ltr">
      {ROWS.flat().map((key) => (
        <button
          key={key}
          type="button"
          className="keypad__key"
          data-testid={testId(key)}
          disabled={disabled}
          aria-label={key === "." ? t("counter.keypad.decimal") : undefined}
          onClick={() => onKey(key)}
        >
          {key === "." ? separator : key}
        </button>
      ))}
      <button
        type="button"
        className="keypad__key keypad__key--wide"
        data-testid="keypad-key-back"
        disabled={disabled}
        aria-label={t("counter.keypad.back")}
        onClick={() => onKey("back")}
      >
        ⌫
      </button>
      <button
        type="button"
        className="keypad__key keypad__key--wide"
        data-testid="keypad-key-clear"
        disabled={disabled}
        onClick={() => onKey("clear")}
      >
        {t("counter.keypad.clear")}
      </button>
    </div>
  );
}
