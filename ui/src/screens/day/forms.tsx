import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DayView } from "../../bindings/DayView";
import type { PaymentMethod } from "../../bindings/PaymentMethod";
import type { RecordedView } from "../../bindings/RecordedView";
import type { RefundedView } from "../../bindings/RefundedView";
import { PrintAction } from "../../components/print/PrintButton";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { formatMoney, parseDinarsToMillimes } from "../../format";
import { useLocale } from "../../format/useLocale";
import { drawerMove, drawerOpen, printReceipt, recordSale, refundSale } from "../../platform";
import { methodName, methodOf } from "./MethodName";

/** A TND amount field: its text, and the millimes it holds (`null`: empty or not an amount). */
function useAmount(initial = "") {
  const [text, setText] = useState(initial);
  const millimes = text.trim() === "" ? null : parseDinarsToMillimes(text);
  return { text, setText, millimes, invalid: text.trim() !== "" && millimes === null };
}

/** Runs one of the day's commands with a busy flag and the server's refusal kept to show. */
function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = <T,>(action: () => Promise<T>, done: (value: T) => void) => {
    setBusy(true);
    setError(null);
    action()
      .then(done)
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  return { busy, error, run };
}

/** A labelled field; `children` is its one input or select. */
function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is `children`, inside the label.
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

/** A labelled TND amount, marked invalid while it holds something that is not an amount. */
function AmountField({
  label,
  testId,
  amount,
}: {
  label: string;
  testId: string;
  amount: ReturnType<typeof useAmount>;
}) {
  return (
    <Field label={label}>
      <input
        inputMode="decimal"
        dir="ltr"
        data-testid={testId}
        value={amount.text}
        aria-invalid={amount.invalid}
        onChange={(e) => amount.setText(e.target.value)}
      />
    </Field>
  );
}

/** A sale paid in cash, by card, a wallet or a cheque: recorded locally with its receipt number. */
export function RecordSaleForm({ day, onDone, canPrint }: { day: DayView; onDone: () => void; canPrint: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [method, setMethod] = useState<PaymentMethod>(day.methods[0]?.code ?? "cash");
  const amount = useAmount();
  const tendered = useAmount();
  const [title, setTitle] = useState("");
  const [reference, setReference] = useState("");
  const [receipt, setReceipt] = useState<RecordedView | null>(null);
  const { busy, error, run } = useAction();
  const cash = method === "cash";
  const change =
    cash && amount.millimes !== null && tendered.millimes !== null ? tendered.millimes - amount.millimes : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (amount.millimes === null) return;
    const request = {
      method,
      amount: amount.millimes,
      title: title.trim() || t("day.record.defaultTitle"),
      ...(reference.trim() ? { reference: reference.trim() } : {}),
      ...(cash && tendered.millimes !== null ? { tendered: tendered.millimes } : {}),
    };
    run(
      () => recordSale(request),
      (recorded) => {
        setReceipt(recorded);
        amount.setText("");
        tendered.setText("");
        setTitle("");
        setReference("");
        onDone();
      },
    );
  };
  return (
    <form className="card settings-section" onSubmit={submit} data-testid="day-record">
      <h2>{t("day.record.title")}</h2>
      <Field label={t("day.record.method")}>
        <select
          value={method}
          data-testid="day-method"
          onChange={(e) => setMethod(methodOf(day.methods, e.target.value) ?? method)}
        >
          {day.methods.map((m) => (
            <option key={m.code} value={m.code}>
              {methodName(t, m.code, day.methods)}
            </option>
          ))}
        </select>
      </Field>
      <AmountField label={t("day.record.amount")} testId="day-amount" amount={amount} />
      <Field label={t("day.record.what")}>
        <input value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      {cash ? (
        <AmountField label={t("day.record.tendered")} testId="day-tendered" amount={tendered} />
      ) : (
        <Field label={t("day.record.reference")}>
          <input value={reference} onChange={(e) => setReference(e.target.value)} />
        </Field>
      )}
      {change !== null ? (
        <p className={change < 0 ? "field__error" : "figure__value"} data-testid="day-change" aria-live="polite">
          {change < 0 ? t("day.record.tooLittle") : t("day.record.change", { amount: formatMoney(change, locale) })}
        </p>
      ) : null}
      <button
        type="submit"
        className="button button--primary"
        disabled={busy || amount.millimes === null || amount.millimes <= 0 || (change !== null && change < 0)}
        data-testid="day-record-submit"
      >
        {t("day.record.submit")}
      </button>
      {receipt ? (
        <p role="status" data-testid="day-recorded">
          {t("day.record.done", { number: receipt.receiptNo ?? "—", amount: formatMoney(receipt.amount, locale) })}
          {receipt.change !== null
            ? ` ${t("day.record.change", { amount: formatMoney(receipt.change, locale) })}`
            : null}
        </p>
      ) : null}
      {receipt && canPrint && receipt.receiptNo !== null ? (
        <PrintReceipt key={receipt.receiptNo} receiptNo={receipt.receiptNo} />
      ) : null}
      {error !== null ? <ErrorNotice error={error} /> : null}
    </form>
  );
}

/** Prints a recorded sale's or refund's receipt by its number. */
function PrintReceipt({ receiptNo }: { receiptNo: number }) {
  const { t } = useTranslation();
  return <PrintAction call={() => printReceipt({ receiptNo })} label={t("print.receipt")} testId="print-receipt" />;
}

/** Opens the drawer with a float, or moves cash in or out of the open one. */
export function DrawerForm({ day, onChanged }: { day: DayView; onChanged: (next: DayView) => void }) {
  const { t } = useTranslation();
  const amount = useAmount();
  const [text, setText] = useState("");
  const { busy, error, run } = useAction();
  const open = day.drawer === null;
  const done = (next: DayView) => {
    amount.setText("");
    setText("");
    onChanged(next);
  };
  const move = (intoDrawer: boolean) => {
    if (amount.millimes === null) return;
    const request = { intoDrawer, amount: amount.millimes, reason: text.trim() };
    run(() => drawerMove(request), done);
  };
  const submitOpen = (e: FormEvent) => {
    e.preventDefault();
    const request = { float: amount.millimes ?? 0, cashier: text.trim() };
    run(() => drawerOpen(request), done);
  };
  return (
    <form className="card settings-section" onSubmit={submitOpen} data-testid="day-drawer">
      <h2>{t("day.drawer.title")}</h2>
      <p className="muted" data-testid="day-drawer-state">
        {open ? t("day.drawer.closed") : t("day.drawer.open", { cashier: day.drawer?.cashier || "—" })}
      </p>
      <AmountField
        label={open ? t("day.drawer.float") : t("day.drawer.amount")}
        testId="day-drawer-amount"
        amount={amount}
      />
      <Field label={open ? t("day.drawer.cashier") : t("day.drawer.reason")}>
        <input data-testid="day-drawer-text" value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      <div className="row">
        {open ? (
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || amount.invalid}
            data-testid="day-drawer-open"
          >
            {t("day.drawer.openIt")}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="button"
              disabled={busy || amount.millimes === null || !text.trim()}
              onClick={() => move(true)}
            >
              {t("day.drawer.paidIn")}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy || amount.millimes === null || !text.trim()}
              onClick={() => move(false)}
            >
              {t("day.drawer.paidOut")}
            </button>
          </>
        )}
      </div>
      {error !== null ? <ErrorNotice error={error} /> : null}
    </form>
  );
}

/** Refunds a recorded sale by its receipt number, in full or in part, with a reason. */
export function RefundForm({ onChanged, canPrint }: { onChanged: (next: DayView) => void; canPrint: boolean }) {
  const { t } = useTranslation();
  const [receiptNo, setReceiptNo] = useState("");
  const amount = useAmount();
  const [reason, setReason] = useState("");
  const [refunded, setRefunded] = useState<RefundedView | null>(null);
  const { busy, error, run } = useAction();
  const number = /^\d+$/.test(receiptNo.trim()) ? Number(receiptNo.trim()) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (number === null) return;
    const request = {
      receiptNo: number,
      reason: reason.trim(),
      ...(amount.millimes !== null ? { amount: amount.millimes } : {}),
    };
    setRefunded(null);
    run(
      () => refundSale(request),
      (next) => {
        setReceiptNo("");
        amount.setText("");
        setReason("");
        setRefunded(next);
        onChanged(next.day);
      },
    );
  };
  return (
    <form className="card settings-section" onSubmit={submit} data-testid="day-refund">
      <h2>{t("day.refund.title")}</h2>
      <Field label={t("day.refund.receipt")}>
        <input
          inputMode="numeric"
          data-testid="day-refund-receipt"
          value={receiptNo}
          onChange={(e) => setReceiptNo(e.target.value)}
        />
      </Field>
      <AmountField label={t("day.refund.amount")} testId="day-refund-amount" amount={amount} />
      <Field label={t("day.refund.reason")}>
        <input data-testid="day-refund-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <button
        type="submit"
        className="button"
        disabled={busy || number === null || !reason.trim() || amount.invalid}
        data-testid="day-refund-submit"
      >
        {t("day.refund.submit")}
      </button>
      {refunded !== null ? (
        <RefundDone key={refunded.receiptNo} receiptNo={refunded.receiptNo} canPrint={canPrint} />
      ) : null}
      {error !== null ? <ErrorNotice error={error} /> : null}
    </form>
  );
}

/** The refund just recorded, its receipt number, and its receipt on the printer. */
function RefundDone({ receiptNo, canPrint }: { receiptNo: number | null; canPrint: boolean }) {
  const { t } = useTranslation();
  return (
    <div data-testid="day-refunded">
      <p role="status">{t("print.refunded", { number: receiptNo ?? "—" })}</p>
      {canPrint && receiptNo !== null ? <PrintReceipt receiptNo={receiptNo} /> : null}
    </div>
  );
}
