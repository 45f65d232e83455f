import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useShopSettings } from "../../components/shop/useShopSettings";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { saveFile, zCsv } from "../../platform";

/**
 * A Z kept outside the app: printed or saved as PDF through the system's print dialog, or saved
 * as CSV (every figure and its seal) to a file the merchant picks.
 */
export function ZSave({ number, systemDialogOnly = true }: { number: number; systemDialogOnly?: boolean }) {
  const { t } = useTranslation();
  const { settings } = useShopSettings();
  // Read when the file is chosen: a click before the settings came must still use the shop's.
  const latestSettings = useRef(settings);
  latestSettings.current = settings;
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const saveCsv = async () => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const path = await saveFile(`dhmad-z-${number}.csv`, t("books.csvFiles"), ["csv"]);
      if (path === null) return;
      const delimiter = latestSettings.current?.csvDelimiter === ";" ? ";" : ",";
      await zCsv({ number, path, delimiter });
      setSaved(path);
    } catch (e: unknown) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={() => window.print()}>
        {systemDialogOnly ? t("day.z.print") : t("print.systemDialog")}
      </button>
      <button type="button" className="button" data-testid="day-z-csv" disabled={busy} onClick={() => void saveCsv()}>
        {t("day.z.csv")}
      </button>
      {saved !== null ? (
        <p role="status" data-testid="day-z-saved">
          {t("day.z.saved", { path: saved })}
        </p>
      ) : null}
      {error !== null ? <ErrorNotice error={error} /> : null}
    </>
  );
}
