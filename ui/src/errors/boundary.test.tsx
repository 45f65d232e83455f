import { fireEvent, screen, waitFor, within } from "../test/testing-library";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { App, resetReadySignalForTests } from "../App";
import type { EscrowListRequest } from "../bindings/EscrowListRequest";
import type { UiErrorReport } from "../bindings/UiErrorReport";
import { formatMoney } from "../format";
import { EscrowsScreen } from "../screens/escrows/EscrowsScreen";
import { NeedsActionList } from "../screens/dashboard/NeedsActionList";
import { PeriodEscrows } from "../screens/books/PeriodEscrows";
import { fullDashboard, profile, row } from "../test/fixtures";
import { mockCommands } from "../test/ipc";
import { renderIn } from "../test/render";

// happy-dom lays nothing out: give the scroller a viewport so the virtualizer shows rows.
const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight");
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 600 });
});
afterAll(() => {
  if (original) Object.defineProperty(HTMLElement.prototype, "clientHeight", original);
});

const english = { ...profile().settings, language: "en" as const };
const shop = profile({ id: "live", displayName: "Boutique", environment: "live", settings: english });

/** An amount no screen can show: not an integer number of millimes. */
const BROKEN_AMOUNT = "12.5x";

describe("a screen that fails to draw", () => {
  beforeEach(() => resetReadySignalForTests());

  it("shows the error panel in its place, logs it, and the navigation still works", async () => {
    const ipc = mockCommands({
      profiles_list: () => ({ profiles: [shop], activeId: "live" }),
      ui_ready: () => ({ sinceStartMs: 1 }),
      // A balance that is not integer millimes makes the dashboard's figures throw.
      dashboard: () =>
        fullDashboard({ balance: { available: 1.5, pending: 0, escrow: 0, asOf: "2026-03-02T10:00:00Z" } }),
      report_ui_error: () => null,
      escrows_list: () => ({ total: 1, rows: [row({ id: "e1", title: "Tapis berbère" })] }),
    });
    renderIn("en", <App />);
    const panel = await screen.findByTestId("screen-error");
    expect(panel.textContent).toContain("This screen could not be shown.");
    expect(within(panel).getByTestId("screen-error-message").textContent).toContain("safe integer");
    expect(within(panel).getByRole("button", { name: "Copy details" })).toBeTruthy();
    await waitFor(() => expect(ipc.names()).toContain("report_ui_error"));
    const logged = ipc.calls.find((c) => c.cmd === "report_ui_error")?.args.report as UiErrorReport;
    expect(logged.area).toBe("dashboard");
    expect(logged.message).toContain("safe integer");
    // Preact gives no component stack; the error's own stack names the component that threw.
    expect(logged.stack).toContain("Balances");

    fireEvent.click(screen.getByTestId("nav-escrows"));
    expect(await screen.findByText("Tapis berbère")).toBeTruthy();
    expect(screen.queryByTestId("screen-error")).toBeNull();
  });

  it("copies the details for support", async () => {
    mockCommands({
      profiles_list: () => ({ profiles: [shop], activeId: "live" }),
      ui_ready: () => ({ sinceStartMs: 1 }),
      dashboard: () =>
        fullDashboard({ balance: { available: 1.5, pending: 0, escrow: 0, asOf: "2026-03-02T10:00:00Z" } }),
      report_ui_error: () => null,
    });
    const copied: string[] = [];
    Object.defineProperty(navigator, "clipboard", {
      configurable: true,
      value: {
        writeText: (text: string) => {
          copied.push(text);
          return Promise.resolve();
        },
      },
    });
    renderIn("en", <App />);
    fireEvent.click(await screen.findByRole("button", { name: "Copy details" }));
    expect(await screen.findByText("Details copied.")).toBeTruthy();
    expect(copied[0]).toContain("area: dashboard");
    expect(copied[0]).toContain("safe integer");
  });
});

describe("a list with one row that cannot be drawn", () => {
  it("escrow list: renders every other row, and a 2^53 + 2 amount to the millime", async () => {
    mockCommands({
      report_ui_error: () => null,
      escrows_list: (args) => {
        const r = args.request as EscrowListRequest;
        return {
          total: 3,
          rows: [
            row({ id: "e0", title: "Chéchia", amountTnd: 45000 }),
            row({ id: "e1", title: "Broken", amountTnd: BROKEN_AMOUNT }),
            row({ id: "e2", title: "Huge", amountTnd: "9007199254740994", net: "9007199254740994", escrowFee: 0 }),
          ].slice(r.offset, r.offset + r.limit),
        };
      },
    });
    renderIn("en", <EscrowsScreen onOpen={() => {}} />);
    const rows = await screen.findAllByTestId("escrow-row");
    expect(rows.map((r) => r.dataset.escrowId)).toEqual(["e0", "e2"]);
    expect(rows[0]?.textContent).toContain(formatMoney(45000, "en-GB"));
    expect(rows[1]?.textContent).toContain("9,007,199,254,740.994");
    expect(screen.getByTestId("escrow-row-broken").textContent).toBe("This line could not be shown.");
  });

  it("dashboard list: the other escrows needing action still show", () => {
    mockCommands({ report_ui_error: () => null });
    renderIn(
      "en",
      <NeedsActionList
        items={[
          { escrow: row({ id: "e1", title: "Tapis berbère" }), nextAction: "buyer_must_pay", yourTurn: false },
          {
            escrow: row({ id: "e2", title: "Broken", amountTnd: BROKEN_AMOUNT }),
            nextAction: "you_must_deliver",
            yourTurn: true,
          },
          { escrow: row({ id: "e3", title: "Chéchia" }), nextAction: "you_must_deliver", yourTurn: true },
        ]}
        onOpen={() => {}}
      />,
    );
    expect(screen.getByText("Tapis berbère")).toBeTruthy();
    expect(screen.getByText("Chéchia")).toBeTruthy();
    expect(screen.queryByText("Broken")).toBeNull();
    expect(screen.getByTestId("needs-action-broken").textContent).toBe("This line could not be shown.");
  });

  it("books: the period's other escrows still show", async () => {
    mockCommands({
      report_ui_error: () => null,
      escrows_list: () => ({
        total: 2,
        rows: [row({ id: "e1", title: "Broken", net: BROKEN_AMOUNT }), row({ id: "e2", title: "Chéchia" })],
      }),
    });
    renderIn("en", <PeriodEscrows range={{ fromDay: "2026-03-01", toDay: "2026-03-31" }} />);
    expect(await screen.findByText("Chéchia")).toBeTruthy();
    expect(screen.queryByText("Broken")).toBeNull();
    expect(screen.getByTestId("books-escrow-broken").textContent).toBe("This line could not be shown.");
  });
});
