import { fireEvent, screen, waitFor } from "../../test/testing-library";
import { describe, expect, it } from "vitest";
import type { DayView } from "../../bindings/DayView";
import type { PaymentMethod } from "../../bindings/PaymentMethod";
import { formatMoney } from "../../format";
import { profile } from "../../test/fixtures";
import { type Handler, mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { CounterScreen } from "./CounterScreen";

const DAY: DayView = {
  methods: [
    { code: "cash", customName: null, counted: true },
    { code: "card", customName: null, counted: true },
    { code: "d17", customName: null, counted: false },
    { code: "tickets-resto" as PaymentMethod, customName: "Tickets resto", counted: true },
  ],
  drawer: null,
  x: null,
  zNumbers: [],
  denominations: [],
};

function backend(over: Record<string, Handler> = {}) {
  return mockCommands({
    profiles_list: () => ({ profiles: [profile()], activeId: "p1" }),
    counter_sales: () => ({ unfinished: [], recent: [] }),
    past_buyers: () => [],
    day_status: () => DAY,
    ...over,
  });
}

const press = (key: string) => fireEvent.keyDown(window, { key });
const money = (millimes: number) => formatMoney(millimes, "en-GB");

async function choose(code: string) {
  fireEvent.click(await screen.findByTestId(`counter-method-${code}`));
}

describe("CounterScreen: every payment method", () => {
  it("offers DHMAD QR first, chosen, then the shop's methods with their own names", async () => {
    backend();
    renderIn("en", <CounterScreen />);
    await screen.findByTestId("counter-method-tickets-resto");
    const labels = [...screen.getByTestId("counter-methods").querySelectorAll("label")].map((l) => l.textContent);
    expect(labels).toEqual(["DHMAD QR", "Cash", "Card (bank terminal)", "D17", "Tickets resto"]);
    expect((screen.getByTestId("counter-method-dhmad") as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId("counter-email")).toBeTruthy();
  });

  it("records a cash sale locally with the change from the cash handed over, and no escrow", async () => {
    const ipc = backend({
      record_sale: () => ({ receiptNo: 7, change: 7650, amount: 12350, method: "cash", at: "2026-03-02T10:00:00Z" }),
    });
    renderIn("en", <CounterScreen />);
    await choose("cash");
    expect(screen.queryByTestId("counter-email")).toBeNull();
    for (const key of ["1", "2", ".", "3", "5"]) press(key);
    fireEvent.change(screen.getByTestId("counter-tendered"), { target: { value: "10" } });
    expect(screen.getByTestId("counter-change").textContent).toBe("Less than the amount: no sale.");
    expect((screen.getByTestId("counter-record") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId("counter-tendered"), { target: { value: "20" } });
    expect(screen.getByTestId("counter-change").textContent).toBe(`Change to give: ${money(7650)}`);
    fireEvent.click(screen.getByTestId("counter-record"));

    const panel = await screen.findByTestId("counter-recorded");
    expect(panel.textContent).toContain("receipt No 7");
    expect(screen.getByTestId("counter-recorded-change").textContent).toBe(`Change to give: ${money(7650)}`);
    expect(ipc.calls.find((c) => c.cmd === "record_sale")?.args).toEqual({
      request: { method: "cash", amount: 12350, title: "Sale", tendered: 20000 },
    });
    expect(ipc.names()).not.toContain("counter_start");

    // Its receipt, for the customer: number, method, the change given.
    fireEvent.click(screen.getByTestId("counter-local-receipt-open"));
    const receipt = await screen.findByTestId("counter-local-receipt");
    expect(screen.getByTestId("local-receipt-number").textContent).toBe("No 7 · till 1");
    expect(screen.getByTestId("local-receipt-method").textContent).toBe("Cash");
    expect(receipt.textContent).toContain(money(7650));
    fireEvent.click(screen.getByText("Back"));

    press("Enter"); // the next customer
    await waitFor(() => expect(screen.queryByTestId("counter-recorded")).toBeNull());
    expect((screen.getByTestId("counter-method-cash") as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId("counter-amount").textContent).toBe(money(0));
  });

  it("records a card sale with its reference under any amount DHMAD would refuse", async () => {
    const ipc = backend({
      record_sale: () => ({ receiptNo: 8, change: null, amount: 500, method: "card", at: "2026-03-02T10:00:00Z" }),
    });
    renderIn("fr", <CounterScreen />);
    await choose("card");
    press("0");
    press(",");
    press("5");
    fireEvent.change(screen.getByTestId("counter-title"), { target: { value: "Café" } });
    fireEvent.change(screen.getByTestId("counter-method-reference"), { target: { value: " TPE-0042 " } });
    fireEvent.change(screen.getByTestId("counter-customer"), { target: { value: "Mme Trabelsi" } });
    expect(screen.queryByTestId("counter-amount-error")).toBeNull();
    press("Enter");
    await screen.findByTestId("counter-recorded");
    expect(ipc.calls.find((c) => c.cmd === "record_sale")?.args).toEqual({
      request: { method: "card", amount: 500, title: "Café", reference: "TPE-0042", customer: "Mme Trabelsi" },
    });
  });

  it("shows the book's refusal and keeps what was typed", async () => {
    backend({
      record_sale: () => {
        throw { code: "validation", message: "amount", userMessage: "The amount must be above zero." };
      },
    });
    renderIn("en", <CounterScreen />);
    await choose("d17");
    press("3");
    fireEvent.click(screen.getByTestId("counter-record"));
    expect((await screen.findByRole("alert")).textContent).toContain("The amount must be above zero.");
    expect(screen.getByTestId("counter-amount").textContent).toBe(money(3000));
  });
});
