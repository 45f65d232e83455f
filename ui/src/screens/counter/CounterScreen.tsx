import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { SaleView } from "../../bindings/SaleView";
import type { ShareView } from "../../bindings/ShareView";
import {
  counterCancel,
  counterCompleteLink,
  counterDeliver,
  counterReconcile,
  counterRenew,
  counterSales,
  counterStart,
  onSale,
  openCustomerDisplay,
} from "../../platform";
import { playPaidSound } from "../../components/shop/beep";
import { useShopSettings } from "../../components/shop/useShopSettings";
import "../../components/shop/shop.css";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { ReceiptScreen } from "../receipt/ReceiptScreen";
import { keyFromKeyboard, pressKey, textToMillimes, type PadKey } from "./amount";
import { LocalSaleFields } from "./LocalSaleFields";
import { MethodPicker } from "./MethodPicker";
import { RecordedPanel } from "./RecordedPanel";
import { canCharge, SaleEntry } from "./SaleEntry";
import { SalePanel } from "./SalePanel";
import { UnfinishedSales } from "./UnfinishedSales";
import { useCounterPrinting } from "./useCounterPrinting";
import { useChargeToQr } from "./useChargeToQr";
import { useLocalSale } from "./useLocalSale";
import { methodName } from "../day/MethodName";

interface CounterScreenProps {
  /** Esc on the empty entry screen (e.g. back to the dashboard). */
  onExit?: () => void;
  /** Injected clock for the countdown (tests). */
  clock?: () => number;
}

function typingInField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** Counter mode: type an amount, charge, show the QR, watch it get paid, deliver. */
export function CounterScreen({ onExit, clock }: CounterScreenProps) {
  const { t } = useTranslation();
  const { settings, save, active } = useShopSettings();
  const [text, setText] = useState("");
  const [title, setTitle] = useState("");
  const [email, setEmail] = useState("");
  const [sale, setSale] = useState<SaleView | null>(null);
  const [unfinished, setUnfinished] = useState<SaleView[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [completeLink, setCompleteLink] = useState<ShareView | null>(null);
  const [receiptFor, setReceiptFor] = useState<string | null>(null);
  const soundRef = useRef(false);
  soundRef.current = settings?.soundOnPaid ?? false;
  // The OS notification for a sale paid while the window is behind is sent by the shell (Rust),
  // which knows whether the window is in front; the webview's Notification API is not granted.
  const [lookupFailed, setLookupFailed] = useState(false);
  const saleIdRef = useRef<string | null>(null);
  saleIdRef.current = sale?.saleId ?? null;
  const { chargeToQrMs, chargeClicked } = useChargeToQr(sale);
  const local = useLocalSale(setError);
  const printing = useCounterPrinting(settings, active?.id ?? null, sale, local.recorded);

  const loadUnfinished = useCallback(() => {
    counterSales()
      .then((v) => setUnfinished(v.unfinished))
      .catch((e: unknown) => setError(e));
  }, []);
  useEffect(loadUnfinished, [loadUnfinished]);

  useEffect(
    () =>
      onSale((event) => {
        if (event.saleId === saleIdRef.current) {
          setSale(event.sale);
          setLookupFailed(event.kind === "stillUnsure");
          if (event.kind === "paid" && soundRef.current) playPaidSound();
        }
        setUnfinished((list) => list?.map((s) => (s.saleId === event.saleId ? event.sale : s)) ?? list);
      }),
    [],
  );

  const run = (action: Promise<SaleView>) => {
    setBusy(true);
    setError(null);
    action
      .then(setSale)
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };

  const recordHere = () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    void local.record(textToMillimes(text), title).finally(() => setBusy(false));
  };

  const charge = () => {
    if (local.local) {
      recordHere();
      return;
    }
    const amount = textToMillimes(text);
    if (busy || amount === null || !canCharge(text, title, email, settings?.defaultSaleMode)) return;
    setCompleteLink(null);
    chargeClicked();
    run(
      counterStart({
        amount,
        title: title.trim(),
        buyerEmail: email.trim(),
        ...(settings ? { mode: settings.defaultSaleMode } : {}),
      }),
    );
  };

  const newSale = () => {
    local.clear();
    setSale(null);
    setError(null);
    setCompleteLink(null);
    setText("");
    loadUnfinished();
  };

  const keyRef = useRef<(e: KeyboardEvent) => void>(() => {});
  keyRef.current = (e: KeyboardEvent) => {
    if (receiptFor) return;
    if (e.key === "Escape") {
      if (sale || local.recorded) newSale();
      else onExit?.();
      return;
    }
    if (local.recorded && e.key === "Enter") {
      e.preventDefault();
      newSale();
      return;
    }
    if (sale || local.recorded) return;
    if (e.key === "Enter") {
      e.preventDefault();
      charge();
      return;
    }
    if (typingInField(e.target)) return;
    const key = keyFromKeyboard(e.key);
    if (key) {
      e.preventDefault();
      setText((current) => pressKey(current, key));
    }
  };
  // Attached with the screen's first commit, not after the next paint: a merchant who types the
  // amount as soon as the keypad shows would otherwise lose the first keys.
  useLayoutEffect(() => {
    const listener = (e: KeyboardEvent) => keyRef.current(e);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  const savePresets = (presets: string[]) => {
    if (!settings) return;
    save({ ...settings, titlePresets: presets }).catch((e: unknown) => setError(e));
  };

  if (receiptFor) return <ReceiptScreen saleId={receiptFor} onBack={() => setReceiptFor(null)} />;

  return (
    <div className="screen counter" data-testid="counter-screen" data-charge-to-qr-ms={chargeToQrMs ?? undefined}>
      <header className="counter__header">
        <h1>{t("counter.heading")}</h1>
        <button
          type="button"
          className="button button--ghost"
          data-testid="counter-open-display"
          onClick={() => void openCustomerDisplay().catch((e: unknown) => setError(e))}
        >
          {t("counter.openDisplay")}
        </button>
      </header>
      {sale ? (
        <SalePanel
          sale={sale}
          busy={busy}
          error={error}
          completeLink={completeLink}
          onRenew={() => run(counterRenew(sale.saleId))}
          onDeliver={() => run(counterDeliver(sale.saleId))}
          onCancel={() => run(counterCancel(sale.saleId))}
          lookupFailed={lookupFailed}
          onReconcile={() => {
            setLookupFailed(false);
            run(counterReconcile(sale.saleId));
          }}
          onCompleteLink={() => {
            setBusy(true);
            counterCompleteLink(sale.saleId)
              .then(setCompleteLink)
              .catch((e: unknown) => setError(e))
              .finally(() => setBusy(false));
          }}
          onReceipt={() => setReceiptFor(sale.saleId)}
          print={printing.canPrint ? printing.saleJob : null}
          onNewSale={newSale}
          {...(clock ? { clock } : {})}
        />
      ) : local.recorded ? (
        <RecordedPanel
          recorded={local.recorded}
          title={title}
          methods={local.methods}
          onNewSale={newSale}
          print={printing.canPrint ? printing.recordedJob : null}
        />
      ) : (
        <>
          {error !== null ? <ErrorNotice error={error} /> : null}
          <MethodPicker methods={local.methods} value={local.method} disabled={busy} onChange={local.choose} />
          <SaleEntry
            text={text}
            title={title}
            email={email}
            presets={settings?.titlePresets ?? []}
            mode={settings?.defaultSaleMode}
            busy={busy}
            onKey={(key: PadKey) => setText((current) => pressKey(current, key))}
            onTitle={setTitle}
            onEmail={setEmail}
            onCharge={charge}
            onAddPreset={(preset) => savePresets([...(settings?.titlePresets ?? []), preset])}
            onRemovePreset={(preset) => savePresets((settings?.titlePresets ?? []).filter((p) => p !== preset))}
            local={
              local.local ? (
                <LocalSaleFields
                  method={local.method}
                  methodLabel={methodName(t, local.method, local.methods)}
                  amount={textToMillimes(text)}
                  tendered={local.tendered}
                  reference={local.reference}
                  customer={local.customer}
                  busy={busy}
                  onTendered={local.setTendered}
                  onReference={local.setReference}
                  onCustomer={local.setCustomer}
                  onRecord={recordHere}
                />
              ) : undefined
            }
          />
          <UnfinishedSales sales={unfinished} onResume={(s) => setSale(s)} />
        </>
      )}
    </div>
  );
}
