import { emit } from "@tauri-apps/api/event";
import { act, fireEvent, screen, waitFor } from "../../test/testing-library";
import { describe, expect, it } from "vitest";
import type { PrintingSettings } from "../../bindings/PrintingSettings";
import type { SaleState } from "../../bindings/SaleState";
import { noPrinters, profile } from "../../test/fixtures";
import { type Handler, mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { CounterScreen } from "./CounterScreen";
import { sale } from "./fixtures";

const NOW = () => Date.parse("2026-03-02T10:05:30Z");

const counterPrinter = { name: "Comptoir", uri: "tcp://192.168.1.50:9100", paper: "80" as const };
const autoOn: PrintingSettings = { ...noPrinters, printers: [counterPrinter], autoPrint: true };
const printed = () => ({ printer: "Comptoir", widthDots: 576, heightDots: 900, bytes: 66_000 });

function backend(printing: PrintingSettings, over: Record<string, Handler> = {}) {
  return mockCommands({
    profiles_list: () => ({ profiles: [profile({ settings: { ...profile().settings, printing } })], activeId: "p1" }),
    counter_sales: () => ({ unfinished: [sale()], recent: [] }),
    past_buyers: () => [],
    day_status: () => ({ methods: [], drawer: null, x: null, zNumbers: [], denominations: [] }),
    print_receipt: printed,
    ...over,
  });
}

const paid = (state: SaleState = "paid") =>
  emit("sale://event", { saleId: "s1", kind: "paid", sale: sale({ state, qrSvg: null }) });
const prints = (ipc: ReturnType<typeof mockCommands>) => ipc.calls.filter((c) => c.cmd === "print_receipt");

/** Opens the unfinished sale s1 once the settings (and so the printers) are loaded. */
async function resumeSale(ipc: ReturnType<typeof mockCommands>) {
  await waitFor(() => expect(ipc.names()).toContain("profiles_list"));
  fireEvent.click(await screen.findByTestId("counter-resume-s1"));
}

describe("CounterScreen: printing the receipt", () => {
  it("prints the receipt by itself once when the sale turns paid, not again on later events or on coming back", async () => {
    const ipc = backend(autoOn);
    const { unmount } = renderIn("en", <CounterScreen clock={NOW} />);
    await resumeSale(ipc);
    expect(prints(ipc)).toHaveLength(0); // waiting for payment: nothing to print yet
    await act(() => paid());
    expect(await screen.findByText("Printed on Comptoir")).toBeTruthy();
    expect(prints(ipc).map((c) => c.args)).toEqual([{ request: { saleId: "s1" } }]);
    await act(() => paid("delivered"));
    await act(() => paid("completed"));
    unmount();
    const again = backend(autoOn, { counter_sales: () => ({ unfinished: [sale({ state: "paid" })], recent: [] }) });
    renderIn("en", <CounterScreen clock={NOW} />);
    await resumeSale(again);
    expect(screen.getByTestId("counter-paid")).toBeTruthy();
    expect(prints(ipc)).toHaveLength(1);
    expect(prints(again)).toHaveLength(0);
  });

  it("does not print by itself when auto-print is off, but prints on the button", async () => {
    const ipc = backend({ ...autoOn, autoPrint: false });
    renderIn("en", <CounterScreen clock={NOW} />);
    await resumeSale(ipc);
    await act(() => paid());
    expect(screen.getByTestId("counter-paid")).toBeTruthy();
    expect(screen.queryByTestId("print-status")).toBeNull();
    expect(prints(ipc)).toHaveLength(0);
    fireEvent.click(screen.getByTestId("print-receipt"));
    expect(await screen.findByText("Printed on Comptoir")).toBeTruthy();
    expect(prints(ipc).map((c) => c.args)).toEqual([{ request: { saleId: "s1" } }]);
  });

  it("neither prints nor offers the printer when none is set up, even with auto-print on", async () => {
    const ipc = backend({ ...noPrinters, autoPrint: true });
    renderIn("en", <CounterScreen clock={NOW} />);
    await resumeSale(ipc);
    await act(() => paid());
    expect(screen.getByTestId("counter-paid")).toBeTruthy();
    expect(screen.queryByTestId("print-receipt")).toBeNull();
    expect(screen.getByTestId("counter-receipt")).toBeTruthy(); // the system dialog stays
    expect(prints(ipc)).toHaveLength(0);
  });

  it("shows the printer's message and a Retry that prints again, leaving the paid sale as it is", async () => {
    let attempts = 0;
    const ipc = backend(autoOn, {
      print_receipt: () => {
        attempts += 1;
        if (attempts === 1) {
          throw {
            code: "printer",
            message: "connect refused",
            userMessage: "The printer at 192.168.1.50:9100 does not answer. Check that it is on.",
          };
        }
        return printed();
      },
    });
    renderIn("en", <CounterScreen clock={NOW} />);
    await resumeSale(ipc);
    await act(() => paid());
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("The printer at 192.168.1.50:9100 does not answer. Check that it is on.");
    expect(screen.getByTestId("counter-paid").textContent).toBe("PAID");
    expect(screen.getByTestId("counter-status").textContent).toBe("Paid");
    expect(screen.getByTestId("counter-deliver")).toBeTruthy();
    fireEvent.click(screen.getByTestId("print-retry"));
    expect(await screen.findByText("Printed on Comptoir")).toBeTruthy();
    expect(prints(ipc).map((c) => c.args)).toEqual([{ request: { saleId: "s1" } }, { request: { saleId: "s1" } }]);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("prints a recorded cash sale's receipt by itself once, by its receipt number", async () => {
    const ipc = recordingBackend([12, "2026-03-02T10:00:00Z"]);
    renderIn("en", <CounterScreen clock={NOW} />);
    await recordCash(ipc);
    expect(await screen.findByText("Printed on Comptoir")).toBeTruthy();
    fireEvent.click(screen.getByTestId("counter-local-receipt-open"));
    expect(screen.getByText("Print with the system dialog")).toBeTruthy();
    expect(prints(ipc).map((c) => c.args)).toEqual([{ request: { receiptNo: 12 } }]);
  });

  it("prints by itself a receipt whose number a new book gives again (the demo removed and started again)", async () => {
    const before = recordingBackend([1, "2026-03-02T10:00:00Z"]);
    const first = renderIn("en", <CounterScreen clock={NOW} />);
    await recordCash(before);
    expect(await screen.findByText("Printed on Comptoir")).toBeTruthy();
    first.unmount();

    const after = recordingBackend([1, "2026-03-03T09:00:00Z"]);
    renderIn("en", <CounterScreen clock={NOW} />);
    await recordCash(after);
    expect(await screen.findByText("Printed on Comptoir")).toBeTruthy();
    expect(prints(after).map((c) => c.args)).toEqual([{ request: { receiptNo: 1 } }]);
  });
});

/** A till taking cash whose next recorded sale gets `receiptNo` at `at`. */
function recordingBackend([receiptNo, at]: [number, string]) {
  return backend(autoOn, {
    counter_sales: () => ({ unfinished: [], recent: [] }),
    day_status: () => ({
      methods: [{ code: "cash", customName: null, counted: true }],
      drawer: null,
      x: null,
      zNumbers: [],
      denominations: [],
    }),
    record_sale: () => ({ receiptNo, change: null, amount: 5000, method: "cash", at }),
  });
}

/** Records a 5 DT cash sale at the counter on screen. */
async function recordCash(ipc: ReturnType<typeof mockCommands>) {
  await waitFor(() => expect(ipc.names()).toContain("profiles_list"));
  fireEvent.click(await screen.findByTestId("counter-method-cash"));
  fireEvent.click(screen.getByTestId("keypad-key-5"));
  fireEvent.keyDown(window, { key: "Enter" });
  await screen.findByTestId("counter-recorded");
}
