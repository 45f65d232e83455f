import { useEffect } from "react";
import type { RecordedView } from "../../bindings/RecordedView";
import type { SaleView } from "../../bindings/SaleView";
import type { Settings } from "../../bindings/Settings";
import { autoPrints, claimAutoPrint, hasPrinter } from "../../components/print/printing";
import { usePrintJob } from "../../components/print/usePrintJob";
import { printReceipt } from "../../platform";

const PAID_OR_LATER = ["paid", "delivered", "completed"];

/**
 * The counter's receipt printing: a job for the DHMAD sale on screen and one for the sale just
 * recorded, each printing by itself once when auto-print is on — the DHMAD sale when it is paid
 * (or seen paid for the first time), the recorded sale when it gets its receipt number. Each
 * receipt is claimed by profile and sale id, or by till, receipt number and time (a profile
 * removed and added again, as the demo can be, starts its book and its numbers over), so neither
 * a re-render nor coming back to the sale prints it again.
 */
export function useCounterPrinting(
  settings: Settings | null,
  profileId: string | null,
  sale: SaleView | null,
  recorded: RecordedView | null,
) {
  const saleJob = usePrintJob(sale?.saleId ?? null);
  const recordedJob = usePrintJob(recorded ? `${recorded.receiptNo}@${recorded.at}` : null);
  const auto = autoPrints(settings);
  const paidSale = sale && PAID_OR_LATER.includes(sale.state) ? sale.saleId : null;
  const receiptNo = recorded?.receiptNo ?? null;
  const recordedAt = recorded?.at ?? "";
  const till = settings?.tillId ?? "";
  const runSale = saleJob.run;
  const runRecorded = recordedJob.run;

  useEffect(() => {
    if (!auto || paidSale === null || !claimAutoPrint(`${profileId}:sale:${paidSale}`)) return;
    runSale(() => printReceipt({ saleId: paidSale }));
  }, [auto, paidSale, profileId, runSale]);

  useEffect(() => {
    const key = `${profileId}:receipt:${till}:${receiptNo}@${recordedAt}`;
    if (!auto || receiptNo === null || !claimAutoPrint(key)) return;
    runRecorded(() => printReceipt({ receiptNo }));
  }, [auto, receiptNo, recordedAt, profileId, till, runRecorded]);

  return { canPrint: hasPrinter(settings), saleJob, recordedJob };
}
