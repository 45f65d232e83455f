import { act, fireEvent, screen, waitFor, within } from "../../test/testing-library";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EscrowListRequest } from "../../bindings/EscrowListRequest";
import { formatMoney } from "../../format";
import { row } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { EscrowsScreen } from "./EscrowsScreen";

// happy-dom lays nothing out: give the scroller a viewport so the virtualizer shows rows.
const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight");
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 600 });
});
afterAll(() => {
  if (original) Object.defineProperty(HTMLElement.prototype, "clientHeight", original);
});

/** A book of `total` escrows answering windows like the backend. */
function book(total: number) {
  return mockCommands({
    escrows_list: (args) => {
      const r = args.request as EscrowListRequest;
      const count = Math.max(0, Math.min(r.limit, total - r.offset));
      return {
        total,
        rows: Array.from({ length: count }, (_, i) =>
          row({ id: `e${r.offset + i}`, title: `Sale ${r.offset + i}`, amountTnd: 5000 + r.offset + i }),
        ),
      };
    },
  });
}

function requests(ipc: ReturnType<typeof mockCommands>): EscrowListRequest[] {
  return ipc.calls.filter((c) => c.cmd === "escrows_list").map((c) => c.args.request as EscrowListRequest);
}

describe("EscrowsScreen", () => {
  it("says it is loading, then shows the first rows of a 100,000-row book without fetching it all", async () => {
    const ipc = book(100_000);
    renderIn("en", <EscrowsScreen onOpen={() => {}} />);
    expect(screen.getByText("Loading…")).toBeTruthy();
    expect(await screen.findByText("100000 escrows")).toBeTruthy();
    await screen.findAllByTestId("escrow-row");
    const rows = screen.getAllByTestId("escrow-row");
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60); // only what is in view (+ overscan) exists in the page
    expect(rows[0]?.dataset.escrowId).toBe("e0");
    expect(within(rows[0] as HTMLElement).getByText("Sale 0")).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText("amira@example.tn")).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText("Pending")).toBeTruthy();
    expect(rows[0]?.textContent).toContain(formatMoney(5000, "en-GB"));
    expect(requests(ipc).map((r) => [r.offset, r.limit])).toEqual([[0, 200]]);
  });

  it("fetches only the window in view when scrolled far down", async () => {
    const ipc = book(100_000);
    renderIn("en", <EscrowsScreen onOpen={() => {}} />);
    await screen.findAllByTestId("escrow-row");
    const scroller = document.querySelector(".escrow-table__scroller") as HTMLElement;
    await act(async () => {
      scroller.scrollTop = 50_000 * 44;
      scroller.dispatchEvent(new Event("scroll"));
    });
    await waitFor(() =>
      expect(screen.getAllByTestId("escrow-row").some((r) => r.dataset.escrowId === "e50000")).toBe(true),
    );
    const windows = requests(ipc).map((r) => [r.offset, r.limit]);
    expect(windows[0]).toEqual([0, 200]);
    expect(windows).toContainEqual([50_000, 200]);
    expect(windows.every(([, limit]) => limit === 200)).toBe(true);
    expect(windows.length).toBeLessThanOrEqual(3);
  });

  it("opens an escrow from its row", async () => {
    book(3);
    const opened: string[] = [];
    renderIn("en", <EscrowsScreen onOpen={(id) => opened.push(id)} />);
    fireEvent.click(await screen.findByText("Sale 2"));
    expect(opened).toEqual(["e2"]);
  });

  it("filters by status, mode, role, days and amount in TND (sent as millimes)", async () => {
    const ipc = book(10);
    renderIn("en", <EscrowsScreen onOpen={() => {}} />);
    await screen.findByText("Sale 0");
    fireEvent.click(screen.getByLabelText("Paid"));
    fireEvent.click(screen.getByLabelText("Instant"));
    fireEvent.change(screen.getByLabelText("My role"), { target: { value: "seller" } });
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-03-01" } });
    fireEvent.change(screen.getByLabelText("Amount from (TND)"), { target: { value: "12.5" } });
    fireEvent.change(screen.getByLabelText("Amount up to (TND)"), { target: { value: "12.5.1" } });
    expect(screen.getByText("Type an amount in dinars, e.g. 12.500")).toBeTruthy();
    await waitFor(() => expect(requests(ipc).at(-1)?.amountMin).toBe(12500));
    const last = requests(ipc).at(-1);
    expect(last).toMatchObject({
      statuses: ["paid"],
      modes: ["instant"],
      role: "seller",
      fromDay: "2026-03-01",
      offset: 0,
    });
    expect(last?.amountMax).toBeUndefined();
  });

  it("tells which filters the rows drawn answer, once they are drawn", async () => {
    book(10);
    const { container } = renderIn("en", <EscrowsScreen onOpen={() => {}} />);
    const section = container.querySelector(".screen--escrows") as HTMLElement;
    await screen.findByText("Sale 0");
    expect(JSON.parse(section.dataset.rowsFor ?? "null")).toMatchObject({ statuses: [], sort: "created" });
    fireEvent.click(screen.getByLabelText("Paid"));
    await waitFor(() => expect(JSON.parse(section.dataset.rowsFor ?? "null")).toMatchObject({ statuses: ["paid"] }));
    expect(screen.getAllByTestId("escrow-row").length).toBe(10);
  });

  it("searches after the merchant stops typing", async () => {
    const ipc = book(10);
    renderIn("en", <EscrowsScreen onOpen={() => {}} />);
    await screen.findByText("Sale 0");
    fireEvent.change(screen.getByLabelText("Search"), { target: { value: "tap" } });
    fireEvent.change(screen.getByLabelText("Search"), { target: { value: "tapis" } });
    expect(requests(ipc).length).toBe(1);
    await waitFor(() => expect(requests(ipc).at(-1)?.text).toBe("tapis"));
    expect(requests(ipc).filter((r) => r.text === "tap")).toEqual([]);
  });

  it("sorts by a clicked header, and reverses on a second click", async () => {
    const ipc = book(10);
    renderIn("en", <EscrowsScreen onOpen={() => {}} />);
    await screen.findByText("Sale 0");
    expect(requests(ipc)[0]).toMatchObject({ sort: "created", ascending: false });
    fireEvent.click(screen.getByRole("button", { name: "Amount" }));
    await waitFor(() => expect(requests(ipc).at(-1)).toMatchObject({ sort: "amount", ascending: false }));
    // The table is read again for the new order: its header comes back with the rows.
    fireEvent.click(await screen.findByRole("button", { name: /Amount/ }));
    await waitFor(() => expect(requests(ipc).at(-1)).toMatchObject({ sort: "amount", ascending: true }));
    expect((await screen.findByRole("columnheader", { name: /Amount/ })).getAttribute("aria-sort")).toBe("ascending");
  });

  it("says the book is empty, and when filters match nothing", async () => {
    book(0);
    renderIn("fr", <EscrowsScreen onOpen={() => {}} />);
    expect(await screen.findByText(/Aucun séquestre dans le registre local/)).toBeTruthy();
    fireEvent.click(screen.getByLabelText("Payé"));
    expect(await screen.findByText("Aucun séquestre ne correspond à ces filtres.")).toBeTruthy();
    fireEvent.click(screen.getByLabelText("Payé"));
    expect(await screen.findByText(/Aucun séquestre dans le registre local/)).toBeTruthy();
  });

  it("shows an error the merchant can read, and retries", async () => {
    let fail = true;
    mockCommands({
      escrows_list: () => {
        if (fail) throw { code: "internal", message: "no such table: escrows" };
        return { total: 1, rows: [row({ title: "Sale A" })] };
      },
    });
    renderIn("en", <EscrowsScreen onOpen={() => {}} />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).not.toContain("no such table");
    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Sale A")).toBeTruthy();
  });
});
