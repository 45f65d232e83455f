import { useEffect, useRef, useState } from "react";
import type { SaleView } from "../../bindings/SaleView";

/**
 * How long the last "Charge" took to put its QR on screen, in milliseconds: from the click to the
 * first animation frame after the QR was committed to the page. Exposed on the counter screen as
 * `data-charge-to-qr-ms` for the benchmark (scripts/bench) and anyone curious; nothing else uses it.
 * A new "Charge" clears the last figure, so a reader never takes the previous sale's for this one's.
 * The page also gets `charge:clicked`, `charge:qr-committed` and `charge:qr-drawn` performance marks
 * (the benchmark's timeline reads them).
 */
export function useChargeToQr(sale: SaleView | null): { chargeToQrMs: number | null; chargeClicked: () => void } {
  const clickedAt = useRef<number | null>(null);
  const [chargeToQrMs, setChargeToQrMs] = useState<number | null>(null);
  const qrShown = sale?.state === "awaiting_payment" && Boolean(sale.qrSvg);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new sale's QR is a new measure even when one was already shown.
  useEffect(() => {
    const started = clickedAt.current;
    if (!qrShown || started === null) return;
    clickedAt.current = null;
    performance.mark("charge:qr-committed");
    const frame = requestAnimationFrame(() => {
      performance.mark("charge:qr-drawn");
      setChargeToQrMs(Math.round(performance.now() - started));
    });
    return () => cancelAnimationFrame(frame);
  }, [qrShown, sale?.saleId]);

  return {
    chargeToQrMs,
    chargeClicked: () => {
      clickedAt.current = performance.now();
      performance.mark("charge:clicked");
      setChargeToQrMs(null);
    },
  };
}
