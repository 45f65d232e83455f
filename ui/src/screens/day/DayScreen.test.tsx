import { fireEvent, screen, waitFor, within } from "../../test/testing-library";
import { describe, expect, it } from "vitest";
import type { DayReport } from "../../bindings/DayReport";
import type { DayView } from "../../bindings/DayView";
import type { PaymentMethod } from "../../bindings/PaymentMethod";
import { formatMoney } from "../../format";
import { noPrinters, profile } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { DayScreen } from "./DayScreen";

const none = { count: 0, amount: 0 };

function report(over: Partial<DayReport> = {}): DayReport {
  return {
    number: 4,
    openedAt: "2026-03-02T07:00:00Z",
    closedAt: "2026-03-02T18:00:00.123Z",
    till: "1",
    cashier: "Sami",
    float: 50_000,
    byMethod: { cash: { sales: 12_350, refunds: 2_000, expected: 60_350, counted: null, difference: null } },
    paidIn: 0,
    paidOut: 0,
    receipts: { first: 7, last: 8, count: 2 },
    blind: false,
    dhmad: { paidToday: none, releasedToday: none, held: { count: 2, amount: 90_000 }, cancelled: none },
    entries: { afterSeq: 10, lastSeq: 14, count: 4, digest: "ef".repeat(32) },
    ...over,
  };
}

function day(over: Partial<DayView> = {}): DayView {
  return {
    methods: [
      { code: "cash", customName: null, counted: true },
      { code: "d17", customName: null, counted: false },
      { code: "tickets-resto" as PaymentMethod, customName: "Tickets resto", counted: true },
    ],
    drawer: { openedAt: "2026-03-02T07:00:00Z", id: "d1", till: "till-1", floatMillimes: 50_000, cashier: "Sami" },
    x: report(),
    zNumbers: [3, 2, 1],
    denominations: [
      { millimes: 50_000, note: true },
      { millimes: 20_000, note: true },
      { millimes: 5_000, note: true },
      { millimes: 5_000, note: false },
      { millimes: 500, note: false },
      { millimes: 5, note: false },
    ],
    ...over,
  };
}

describe("The day", () => {
  it("records a cash sale, shows the change, and its receipt number", async () => {
    const ipc = mockCommands({
      day_status: () => day(),
      record_sale: () => ({ receiptNo: 9, change: 7_650, amount: 12_350, method: "cash", at: "2026-03-02T10:00:00Z" }),
    });
    renderIn("en", <DayScreen />);
    await screen.findByTestId("day-screen");
    fireEvent.change(screen.getByTestId("day-amount"), { target: { value: "12.350" } });
    fireEvent.change(screen.getByTestId("day-tendered"), { target: { value: "20" } });
    expect(screen.getByTestId("day-change").textContent).toBe(`Change to give: ${formatMoney(7_650, "en-GB")}`);
    fireEvent.click(screen.getByTestId("day-record-submit"));
    expect((await screen.findByTestId("day-recorded")).textContent).toContain("receipt No 9");
    expect(ipc.calls.find((c) => c.cmd === "record_sale")?.args).toEqual({
      request: { method: "cash", amount: 12_350, title: "Sale", tendered: 20_000 },
    });
  });

  it("refuses a cash sale when too little was handed over", async () => {
    mockCommands({ day_status: () => day() });
    renderIn("en", <DayScreen />);
    await screen.findByTestId("day-screen");
    fireEvent.change(screen.getByTestId("day-amount"), { target: { value: "12.350" } });
    fireEvent.change(screen.getByTestId("day-tendered"), { target: { value: "10" } });
    expect(screen.getByTestId("day-change").textContent).toBe("Less than the amount: no sale.");
    expect((screen.getByTestId("day-record-submit") as HTMLButtonElement).disabled).toBe(true);
  });

  it("names custom methods, keeps DHMAD held money apart, and hides the expected amounts for a blind close", async () => {
    mockCommands({ day_status: () => day() });
    renderIn("en", <DayScreen />);
    await screen.findByTestId("day-screen");
    const x = screen.getByTestId("day-x");
    expect(x.textContent).toContain("Expected");
    expect(screen.getByTestId("day-line-cash").textContent).toContain(formatMoney(60_350, "en-GB"));
    expect(screen.getByTestId("day-dhmad").textContent).toContain(`2 · ${formatMoney(90_000, "en-GB")}`);
    expect(screen.getByTestId("day-count-tickets-resto")).toBeTruthy();
    expect(screen.queryByTestId("day-count-d17")).toBeNull();
    fireEvent.click(screen.getByTestId("day-blind"));
    expect(screen.getByTestId("day-x").textContent).not.toContain("Expected");
    expect(screen.getByTestId("day-line-cash").textContent).not.toContain(formatMoney(60_350, "en-GB"));
  });

  it("lists each method's line by its name, a custom method's and a removed one's too, and the receipt range", async () => {
    const line = { sales: 8_000, refunds: 0, expected: 8_000, counted: null, difference: null };
    const x = report({
      byMethod: {
        cash: { sales: 12_350, refunds: 2_000, expected: 60_350, counted: null, difference: null },
        ["tickets-resto" as PaymentMethod]: line,
        ["old-vouchers" as PaymentMethod]: { ...line, sales: 3_000, expected: 3_000 },
      },
    });
    mockCommands({ day_status: () => day({ x }) });
    renderIn("en", <DayScreen />);
    await screen.findByTestId("day-screen");
    expect(screen.getByTestId("day-line-tickets-resto").textContent).toContain("Tickets resto");
    expect(screen.getByTestId("day-line-tickets-resto").textContent).toContain(formatMoney(8_000, "en-GB"));
    expect(screen.getByTestId("day-line-old-vouchers").textContent).toContain("old-vouchers");
    expect(screen.getByTestId("day-line-old-vouchers").textContent).toContain(formatMoney(3_000, "en-GB"));
    expect(screen.getByTestId("day-receipts").textContent).toBe("No 7 to No 8 (2)");
  });

  it("counts the cash by notes and coins to the millime, into the cash field", async () => {
    const ipc = mockCommands({
      day_status: () => day(),
      drawer_close: () => ({ ...report(), hash: "ab".repeat(32), previousHash: "cd".repeat(32) }),
    });
    renderIn("fr", <DayScreen />);
    await screen.findByTestId("day-screen");
    fireEvent.click(screen.getByText("Compter billets et pièces"));
    fireEvent.change(screen.getByTestId("day-pieces-note-50000"), { target: { value: "1" } });
    fireEvent.change(screen.getByTestId("day-pieces-note-5000"), { target: { value: "1" } });
    fireEvent.change(screen.getByTestId("day-pieces-coin-5000"), { target: { value: "2" } });
    fireEvent.change(screen.getByTestId("day-pieces-coin-500"), { target: { value: "3" } });
    fireEvent.change(screen.getByTestId("day-pieces-coin-5"), { target: { value: "7" } });
    // 50 + 5 + 2 × 5 + 3 × 0.500 + 7 × 0.005 = 66.535
    expect(screen.getByTestId("day-cash-count-total").textContent).toBe(`Compté : ${formatMoney(66_535, "fr-TN")}`);
    expect((screen.getByTestId("day-count-cash") as HTMLInputElement).value).toBe("66.535");
    fireEvent.change(screen.getByTestId("day-pieces-coin-5"), { target: { value: "2,5" } });
    expect(screen.getByTestId("day-cash-count-total").textContent).toBe("Des nombres entiers de pièces seulement.");
    expect((screen.getByTestId("day-count-cash") as HTMLInputElement).value).toBe("66.535");
    fireEvent.click(screen.getByTestId("day-close-submit"));
    await waitFor(() =>
      expect(ipc.calls.find((c) => c.cmd === "drawer_close")?.args).toEqual({
        request: { counted: [{ method: "cash", amount: 66_535 }], blind: false, cashier: "Sami" },
      }),
    );
  });

  it("closes with the counted totals and shows the numbered Z", async () => {
    const ipc = mockCommands({
      profiles_list: () => ({ profiles: [profile()], activeId: "p1" }),
      choose_export_file: () => "/home/sami/z-4.csv",
      z_csv: () => null,
      day_status: () => day(),
      drawer_close: () => ({
        ...report({
          number: 4,
          blind: true,
          byMethod: { cash: { sales: 12_350, refunds: 2_000, expected: 60_350, counted: 60_000, difference: -350 } },
        }),
        hash: "ab".repeat(32),
        previousHash: "cd".repeat(32),
      }),
    });
    renderIn("en", <DayScreen />);
    await screen.findByTestId("day-screen");
    fireEvent.click(screen.getByTestId("day-blind"));
    fireEvent.change(screen.getByTestId("day-count-cash"), { target: { value: "60" } });
    fireEvent.click(screen.getByTestId("day-close-submit"));
    const z = await screen.findByTestId("day-z");
    expect(z.textContent).toContain("Z report No 4");
    expect(screen.getByTestId("day-line-cash").textContent).toContain(formatMoney(-350, "en-GB"));
    await waitFor(() =>
      expect(ipc.calls.find((c) => c.cmd === "drawer_close")?.args).toEqual({
        request: { counted: [{ method: "cash", amount: 60_000 }], blind: true, cashier: "Sami" },
      }),
    );
    fireEvent.click(screen.getByTestId("day-z-csv"));
    expect((await screen.findByTestId("day-z-saved")).textContent).toBe("Saved to /home/sami/z-4.csv");
    expect(ipc.calls.find((c) => c.cmd === "z_csv")?.args).toEqual({
      request: { number: 4, path: "/home/sami/z-4.csv", delimiter: ";" },
    });
  });
});

const counterPrinter = { name: "Comptoir", uri: "tcp://192.168.1.50:9100", paper: "80" as const };
const withPrinter = () => ({
  profiles: [profile({ settings: { ...profile().settings, printing: { ...noPrinters, printers: [counterPrinter] } } })],
  activeId: "p1",
});
const printed = () => ({ printer: "Comptoir", widthDots: 576, heightDots: 1200, bytes: 90_000 });

describe("The day on the receipt printer", () => {
  it("prints the X of the open drawer and each past Z by its number", async () => {
    const ipc = mockCommands({ profiles_list: withPrinter, day_status: () => day(), print_day_report: printed });
    renderIn("en", <DayScreen />);
    fireEvent.click(await screen.findByTestId("print-x"));
    expect(await screen.findByText("Printed on Comptoir")).toBeTruthy();
    const zs = screen.getAllByTestId("print-z");
    expect(zs.map((b) => b.textContent)).toEqual(["Print Z No 3", "Print Z No 2", "Print Z No 1"]);
    fireEvent.click(zs[1] as HTMLElement);
    await waitFor(() =>
      expect(ipc.calls.filter((c) => c.cmd === "print_day_report").map((c) => c.args)).toEqual([
        { request: {} },
        { request: { z: 2 } },
      ]),
    );
  });

  it("does not print the X during a blind close, and prints nothing without a printer", async () => {
    mockCommands({ profiles_list: withPrinter, day_status: () => day() });
    const first = renderIn("en", <DayScreen />);
    await screen.findByTestId("print-x");
    fireEvent.click(screen.getByTestId("day-blind"));
    expect(screen.queryByTestId("print-x")).toBeNull();
    first.unmount();
    mockCommands({ profiles_list: () => ({ profiles: [profile()], activeId: "p1" }), day_status: () => day() });
    renderIn("en", <DayScreen />);
    await screen.findByTestId("day-x");
    await waitFor(() => expect(screen.getByTestId("day-x").textContent).toContain("Expected"));
    expect(screen.queryByTestId("print-x")).toBeNull();
    expect(screen.queryByTestId("print-z")).toBeNull();
  });

  it("prints the Z just closed", async () => {
    const ipc = mockCommands({
      profiles_list: withPrinter,
      day_status: () => day(),
      drawer_close: () => ({ ...report({ number: 4 }), hash: "ab".repeat(32), previousHash: "cd".repeat(32) }),
      print_day_report: printed,
    });
    renderIn("en", <DayScreen />);
    await screen.findByTestId("print-x");
    fireEvent.click(screen.getByTestId("day-close-submit"));
    const z = await screen.findByTestId("day-z");
    expect(within(z).getByText("Print with the system dialog")).toBeTruthy();
    fireEvent.click(within(z).getByTestId("print-z"));
    await waitFor(() =>
      expect(ipc.calls.find((c) => c.cmd === "print_day_report")?.args).toEqual({ request: { z: 4 } }),
    );
  });

  it("prints the receipt of a sale recorded on the day screen by its number", async () => {
    const ipc = mockCommands({
      profiles_list: withPrinter,
      day_status: () => day(),
      record_sale: () => ({ receiptNo: 9, change: null, amount: 12_350, method: "cash", at: "2026-03-02T10:00:00Z" }),
      print_receipt: printed,
    });
    renderIn("en", <DayScreen />);
    await screen.findByTestId("print-x");
    expect(screen.queryByTestId("print-receipt")).toBeNull();
    fireEvent.change(screen.getByTestId("day-amount"), { target: { value: "12.350" } });
    fireEvent.click(screen.getByTestId("day-record-submit"));
    await screen.findByTestId("day-recorded");
    fireEvent.click(screen.getByTestId("print-receipt"));
    expect(await screen.findByText("Printed on Comptoir")).toBeTruthy();
    expect(ipc.calls.find((c) => c.cmd === "print_receipt")?.args).toEqual({ request: { receiptNo: 9 } });
  });

  it("refunds, says the refund's receipt number, takes the new day, and prints that receipt", async () => {
    const after = day({
      x: report({
        byMethod: { cash: { sales: 12_350, refunds: 7_000, expected: 55_350, counted: null, difference: null } },
      }),
    });
    const ipc = mockCommands({
      profiles_list: withPrinter,
      day_status: () => day(),
      refund_sale: () => ({ receiptNo: 10, day: after }),
      print_receipt: () => {
        throw { code: "printer", message: "timeout", userMessage: "The printer at 192.168.1.50:9100 does not answer." };
      },
    });
    renderIn("en", <DayScreen />);
    await screen.findByTestId("print-x");
    fireEvent.change(screen.getByTestId("day-refund-receipt"), { target: { value: "8" } });
    fireEvent.change(screen.getByTestId("day-refund-reason"), { target: { value: "Taille" } });
    fireEvent.click(screen.getByTestId("day-refund-submit"));
    const done = await screen.findByTestId("day-refunded");
    expect(done.textContent).toContain("Refund recorded: receipt No 10.");
    expect(screen.getByTestId("day-line-cash").textContent).toContain(formatMoney(7_000, "en-GB"));
    fireEvent.click(within(done).getByTestId("print-receipt"));
    expect((await within(done).findByRole("alert")).textContent).toContain("does not answer");
    fireEvent.click(within(done).getByTestId("print-retry"));
    await waitFor(() =>
      expect(ipc.calls.filter((c) => c.cmd === "print_receipt").map((c) => c.args)).toEqual([
        { request: { receiptNo: 10 } },
        { request: { receiptNo: 10 } },
      ]),
    );
    expect(screen.getByTestId("day-refunded").textContent).toContain("receipt No 10");
  });
});
