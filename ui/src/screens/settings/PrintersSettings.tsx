import { type KeyboardEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PaperWidth } from "../../bindings/PaperWidth";
import type { PrinterSetting } from "../../bindings/PrinterSetting";
import type { PrintingSettings } from "../../bindings/PrintingSettings";
import type { ReceiptLanguage } from "../../bindings/ReceiptLanguage";
import type { Settings } from "../../bindings/Settings";
import { PrintStatus } from "../../components/print/PrintStatus";
import { usePrintJob } from "../../components/print/usePrintJob";
import { printTest } from "../../platform";
import { defaultPrinterName, isPrinterUri, type PrinterProblem, printerProblem, withoutPrinter } from "./printers";

interface PrintersSettingsProps {
  draft: Settings;
  change: (patch: Partial<Settings>) => void;
}

/** The receipt languages, in the order offered (the label keys drop the `+`). */
const LANGUAGES: ReadonlyArray<[ReceiptLanguage, string]> = [
  ["ar", "ar"],
  ["fr", "fr"],
  ["en", "en"],
  ["ar+fr", "arFr"],
];

function isPaper(value: string): value is PaperWidth {
  return value === "58" || value === "80";
}

function isReceiptLanguage(value: string): value is ReceiptLanguage {
  return LANGUAGES.some(([code]) => code === value);
}

/**
 * Settings → Printers: the thermal receipt printers, which one is the default, a test print of a
 * printer before adding it, and what prints by itself. Saved with the other settings.
 */
export function PrintersSettings({ draft, change }: PrintersSettingsProps) {
  const { t } = useTranslation();
  const printing = draft.printing;
  const setPrinting = (patch: Partial<PrintingSettings>) => change({ printing: { ...printing, ...patch } });
  const [name, setName] = useState("");
  const [uri, setUri] = useState("");
  const [paper, setPaper] = useState<PaperWidth>("80");
  const [problem, setProblem] = useState<PrinterProblem | null>(null);
  const test = usePrintJob(`${uri.trim()} ${paper}`);
  const candidate: PrinterSetting = { name: name.trim(), uri: uri.trim(), paper };

  const add = () => {
    const found = printerProblem(candidate, printing.printers);
    setProblem(found);
    if (found) return;
    setPrinting({ printers: [...printing.printers, candidate] });
    setName("");
    setUri("");
  };
  const testPrint = () => {
    if (!isPrinterUri(candidate.uri)) {
      setProblem("uriInvalid");
      return;
    }
    setProblem(null);
    const printer = { ...candidate, name: candidate.name || candidate.uri };
    test.run(() => printTest({ printer, language: printing.language }));
  };
  // Enter in the new printer's fields adds it, instead of saving the whole settings form.
  const addOnEnter = (e: KeyboardEvent) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    add();
  };

  return (
    <section className="settings-printers" data-testid="settings-printers" aria-labelledby="settings-printers-title">
      <h2 id="settings-printers-title">{t("settings.printers.title")}</h2>
      <p className="muted">{t("settings.printers.help")}</p>
      <PrinterList printing={printing} setPrinting={setPrinting} />
      <h3>{t("settings.printers.new")}</h3>
      <label className="field">
        <span>{t("settings.printers.name")}</span>
        <input
          data-testid="printer-name"
          value={name}
          onKeyDown={addOnEnter}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t("settings.printers.uri")}</span>
        <input
          data-testid="printer-uri"
          dir="ltr"
          spellCheck={false}
          value={uri}
          onKeyDown={addOnEnter}
          onChange={(e) => setUri(e.target.value)}
        />
        <UriForms />
      </label>
      <label className="field">
        <span>{t("settings.printers.paper")}</span>
        <select
          data-testid="printer-paper"
          value={paper}
          onChange={(e) => {
            if (isPaper(e.target.value)) setPaper(e.target.value);
          }}
        >
          <option value="58">{t("settings.printers.paperValue", { width: 58 })}</option>
          <option value="80">{t("settings.printers.paperValue", { width: 80 })}</option>
        </select>
      </label>
      {problem ? (
        <p className="field__error" role="alert" data-testid="printer-problem">
          {t(`settings.printers.errors.${problem}`)}
        </p>
      ) : null}
      <div className="notice__actions">
        <button
          type="button"
          className="button"
          data-testid="printer-test"
          disabled={test.state.phase === "printing" || candidate.uri === ""}
          onClick={testPrint}
        >
          {t("settings.printers.test")}
        </button>
        <button type="button" className="button" data-testid="printer-add" onClick={add}>
          {t("settings.printers.add")}
        </button>
      </div>
      <PrintStatus state={test.state} onRetry={test.retry} />
      <PrintingChoices printing={printing} setPrinting={setPrinting} />
    </section>
  );
}

interface PartProps {
  printing: PrintingSettings;
  setPrinting: (patch: Partial<PrintingSettings>) => void;
}

/** The printers set up, the default one marked; each can be removed or made the default. */
function PrinterList({ printing, setPrinting }: PartProps) {
  const { t } = useTranslation();
  const current = defaultPrinterName(printing);
  if (printing.printers.length === 0) {
    return (
      <p className="muted" data-testid="printer-none">
        {t("settings.printers.none")}
      </p>
    );
  }
  return (
    <ul className="unfinished" data-testid="printer-list">
      {printing.printers.map((p) => (
        <li key={p.name} className="unfinished__item" data-testid="printer-row">
          <strong>{p.name}</strong>
          <span dir="ltr">{p.uri}</span>
          <span>{t("settings.printers.paperValue", { width: p.paper })}</span>
          {p.name === current ? (
            <span className="badge" data-testid="printer-is-default">
              {t("settings.printers.isDefault")}
            </span>
          ) : (
            <button
              type="button"
              className="button button--ghost"
              data-testid="printer-make-default"
              onClick={() => setPrinting({ defaultPrinter: p.name })}
            >
              {t("settings.printers.makeDefault")}
            </button>
          )}
          <button
            type="button"
            className="button button--ghost"
            data-testid="printer-remove"
            onClick={() => setPrinting(withoutPrinter(printing, p.name))}
          >
            {t("settings.remove")}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The three kinds of address, each example kept left to right inside Arabic text. */
function UriForms() {
  const { t } = useTranslation();
  const forms = [
    ["tcp://192.168.1.50:9100", "uriNetwork"],
    ["/dev/usb/lp0", "uriUsb"],
    ["cups://QUEUE", "uriCups"],
  ] as const;
  return (
    <ul className="muted printer-forms">
      {forms.map(([example, key]) => (
        <li key={key}>
          <code dir="ltr">{example}</code> {t(`settings.printers.${key}`)}
        </li>
      ))}
    </ul>
  );
}

/** The receipt language and what the printer does by itself. */
function PrintingChoices({ printing, setPrinting }: PartProps) {
  const { t } = useTranslation();
  return (
    <>
      <label className="field">
        <span>{t("settings.printers.language")}</span>
        <select
          data-testid="print-language"
          value={printing.language}
          onChange={(e) => {
            if (isReceiptLanguage(e.target.value)) setPrinting({ language: e.target.value });
          }}
        >
          {LANGUAGES.map(([code, key]) => (
            <option key={code} value={code}>
              {t(`settings.printers.languages.${key}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="check check--line">
        <input
          type="checkbox"
          data-testid="print-auto"
          checked={printing.autoPrint}
          onChange={(e) => setPrinting({ autoPrint: e.target.checked })}
        />
        <span>{t("settings.printers.auto")}</span>
      </label>
      <label className="check check--line">
        <input
          type="checkbox"
          data-testid="print-kick"
          checked={printing.kickDrawerOnCash}
          onChange={(e) => setPrinting({ kickDrawerOnCash: e.target.checked })}
        />
        <span>{t("settings.printers.kick")}</span>
      </label>
    </>
  );
}
