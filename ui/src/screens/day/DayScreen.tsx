import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DayView } from "../../bindings/DayView";
import type { ZReport } from "../../bindings/ZReport";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { PrintAction } from "../../components/print/PrintButton";
import { hasPrinter } from "../../components/print/printing";
import { useShopSettings } from "../../components/shop/useShopSettings";
import { dayStatus, printDayReport, zReport } from "../../platform";
import { ZSave } from "./ZSave";
import { ClosePanel } from "./ClosePanel";
import { DrawerForm, RecordSaleForm, RefundForm } from "./forms";
import { ReportTable } from "./ReportTable";

/**
 * The shop's day: sales paid in cash, by card, a wallet or a cheque (DHMAD sales are the
 * counter's), the drawer, the X report so far and the numbered Z close. Works offline.
 */
export function DayScreen() {
  const { t } = useTranslation();
  const [day, setDay] = useState<DayView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [blind, setBlind] = useState(false);
  const [shownZ, setShownZ] = useState<ZReport | null>(null);
  const canPrint = hasPrinter(useShopSettings().settings);

  const load = useCallback(() => {
    dayStatus()
      .then((d) => {
        setDay(d);
        setError(null);
      })
      .catch((e: unknown) => setError(e));
  }, []);
  useEffect(load, [load]);

  const showZ = (number: number) => {
    zReport({ number })
      .then((z) => setShownZ(z))
      .catch((e: unknown) => setError(e));
  };

  if (day === null) {
    return error !== null ? (
      <ErrorNotice error={error} onRetry={load} />
    ) : (
      <p className="muted">{t("common.loading")}</p>
    );
  }
  return (
    <section className="screen screen--day" data-testid="day-screen">
      <h1>{t("day.title")}</h1>
      {error !== null ? <ErrorNotice error={error} onRetry={load} /> : null}
      <div className="grid-2 no-print">
        <RecordSaleForm day={day} onDone={load} canPrint={canPrint} />
        <DrawerForm day={day} onChanged={setDay} />
        <RefundForm onChanged={setDay} canPrint={canPrint} />
        {day.drawer !== null ? (
          <ClosePanel
            key={day.zNumbers[0] ?? 0}
            day={day}
            blind={blind}
            onBlind={setBlind}
            onClosed={(z) => {
              setShownZ(z);
              setBlind(false);
              load();
            }}
          />
        ) : null}
      </div>
      {shownZ ? (
        <section className="card" data-testid="day-z" aria-labelledby="day-z-title">
          <h2 id="day-z-title">{t("day.z.title", { number: shownZ.number })}</h2>
          <ReportTable report={shownZ} methods={day.methods} />
          <p className="muted day-hash">{t("day.z.hash", { hash: shownZ.hash })}</p>
          <div className="row no-print">
            {canPrint ? <PrintZ key={shownZ.number} number={shownZ.number} /> : null}
            <ZSave number={shownZ.number} systemDialogOnly={!canPrint} />
            <button type="button" className="button button--ghost" onClick={() => setShownZ(null)}>
              {t("common.close")}
            </button>
          </div>
        </section>
      ) : (
        <section className="card" data-testid="day-x" aria-labelledby="day-x-title">
          <h2 id="day-x-title">{t("day.x.title")}</h2>
          {day.x === null ? (
            <p className="muted">{t("day.x.closed")}</p>
          ) : (
            <>
              <p className="figure__help">{blind ? t("day.x.blind") : t("day.x.help")}</p>
              <ReportTable report={day.x} methods={day.methods} hideExpected={blind} />
              {canPrint && !blind ? (
                <div className="row no-print">
                  <PrintAction call={() => printDayReport({})} label={t("print.x")} testId="print-x" />
                </div>
              ) : null}
            </>
          )}
        </section>
      )}
      {day.zNumbers.length > 0 ? (
        <section className="card no-print" aria-labelledby="day-past-title">
          <h2 id="day-past-title">{t("day.z.past")}</h2>
          <ul className="day-past">
            {day.zNumbers.map((n) => (
              <li key={n}>
                <button type="button" className="link" onClick={() => showZ(n)}>
                  {t("day.z.title", { number: n })}
                </button>
                {canPrint ? <PrintZ number={n} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}

/** Prints a Z on the receipt printer. */
function PrintZ({ number }: { number: number }) {
  const { t } = useTranslation();
  return <PrintAction call={() => printDayReport({ z: number })} label={t("print.z", { number })} testId="print-z" />;
}
