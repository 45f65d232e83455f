import { emit } from "@tauri-apps/api/event";
import { act, fireEvent, screen, waitFor } from "../../test/testing-library";
import { describe, expect, it } from "vitest";
import type { PaymentMethod } from "../../bindings/PaymentMethod";
import type { ReportView } from "../../bindings/ReportView";
import type { Totals } from "../../bindings/Totals";
import { formatMoney } from "../../format";
import { nothingComing, profile, row } from "../../test/fixtures";
import { mockCommands, type Handler } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { BooksScreen } from "./BooksScreen";

// 23:30 UTC on 31 March: already 1 April in Tunis.
const NOW = () => new Date("2026-03-31T23:30:00Z");

const totals = (over: Partial<Totals> = {}): Totals => ({
  count: 0,
  cancelledCount: 0,
  completedCount: 0,
  gross: 0,
  escrowFee: 0,
  developerFee: 0,
  net: 0,
  completedNet: 0,
  ...over,
});

const reportView = (over: Partial<ReportView> = {}): ReportView => ({
  fromDay: "2026-04-01",
  toDay: "2026-04-01",
  totals: totals({
    count: 3,
    completedCount: 1,
    cancelledCount: 1,
    gross: 240000,
    escrowFee: 12000,
    developerFee: 2000,
    net: 226000,
  }),
  rows: [
    { period: "2026-03-30", totals: totals({ count: 1, gross: 120000, net: 113000 }) },
    { period: "2026-03-31", totals: totals({ count: 2, gross: 120000, net: 113000 }) },
  ],
  byStatus: [{ status: "completed", totals: totals({ count: 1, gross: 120000, net: 113000 }) }],
  byMethod: [],
  comingToYou: nothingComing,
  ...over,
});

function backend(over: Record<string, Handler> = {}) {
  return mockCommands({
    profiles_list: () => ({ profiles: [profile()], activeId: "p1" }),
    report: () => reportView(),
    escrows_list: () => ({ rows: [row()], total: 1 }),
    ...over,
  });
}

describe("BooksScreen", () => {
  it("asks for this month in Tunis days and shows the totals, rows and chart", async () => {
    const ipc = backend();
    renderIn("en", <BooksScreen now={NOW} />);
    expect(screen.getByText("Adding up the books…")).toBeTruthy();
    expect((await screen.findByTestId("books-total-gross")).textContent).toBe(formatMoney(240000, "en-GB"));
    expect(screen.getByTestId("books-total-net").textContent).toBe(formatMoney(226000, "en-GB"));
    expect(screen.getByTestId("books-total-count").textContent).toBe("3");
    expect(screen.getByTestId("books-total-count-detail").textContent).toBe("Completed: 1 · Cancelled: 1");
    expect(screen.getAllByTestId("books-bar")).toHaveLength(2);
    expect(ipc.calls.find((c) => c.cmd === "report")?.args).toEqual({
      request: { fromDay: "2026-04-01", toDay: "2026-04-01", by: "day" },
    });
    expect((await screen.findByTestId("books-escrows")).textContent).toContain("Tapis berbère");
  });

  it("adds every payment method up, the till apart from DHMAD, with the shop's own method names", async () => {
    const ipc = backend({
      choose_export_file: () => "/home/sami/books.csv",
      export_csv: () => ({ rows: 5, path: "/home/sami/books.csv" }),
      day_status: () => ({
        methods: [{ code: "tickets-resto", customName: "Tickets resto", counted: true }],
        drawer: null,
        x: null,
        zNumbers: [],
        denominations: [],
      }),
      report: () =>
        reportView({
          byMethod: [
            { method: "dhmad", salesCount: 3, sales: 240000, refundsCount: 0, refunds: 0, net: 240000 },
            { method: "cash", salesCount: 4, sales: 50000, refundsCount: 1, refunds: 2350, net: 47650 },
            // A custom method: its slug comes from the shop's settings, not from the union of built-ins.
            {
              method: "tickets-resto" as PaymentMethod,
              salesCount: 1,
              sales: 8000,
              refundsCount: 0,
              refunds: 0,
              net: 8000,
            },
          ],
        }),
    });
    renderIn("en", <BooksScreen now={NOW} />);
    const cash = await screen.findByTestId("books-method-cash");
    expect([...cash.children].map((c) => c.textContent)).toEqual([
      "Cash",
      `4 · ${formatMoney(50000, "en-GB")}`,
      `1 · ${formatMoney(2350, "en-GB")}`,
      formatMoney(47650, "en-GB"),
    ]);
    expect(screen.getByTestId("books-method-dhmad").firstElementChild?.textContent).toBe("DHMAD QR");
    await waitFor(() =>
      expect(screen.getByTestId("books-method-tickets-resto").firstElementChild?.textContent).toBe("Tickets resto"),
    );
    expect(screen.getByTestId("books-methods-till").textContent).toBe(formatMoney(55650, "en-GB"));

    // One method: the table keeps its line, and the export writes only its rows.
    fireEvent.change(screen.getByTestId("books-method-filter"), { target: { value: "cash" } });
    expect(screen.queryByTestId("books-method-dhmad")).toBeNull();
    expect(screen.getByTestId("books-method-cash")).toBeTruthy();
    fireEvent.click(screen.getByTestId("books-export"));
    await waitFor(() =>
      expect(ipc.calls.find((c) => c.cmd === "export_csv")?.args).toEqual({
        request: {
          fromDay: "2026-04-01",
          toDay: "2026-04-01",
          path: "/home/sami/books.csv",
          delimiter: ";",
          methods: ["cash"],
        },
      }),
    );
  });

  it("shows the money DHMAD still holds for the merchant's sales, each figure opening its sales", async () => {
    const bucket = (count: number, amount: number) => ({ count, amount, net: amount - amount / 20 });
    const comingToYou = {
      ...nothingComing,
      held: bucket(2, 60_000),
      awaitingBuyer: bucket(2, 60_000),
    };
    backend({ report: () => reportView({ comingToYou }) });
    const opened: string[] = [];
    renderIn("en", <BooksScreen now={NOW} onOpenHeld={(b) => opened.push(b)} />);
    expect((await screen.findByTestId("coming-held")).textContent).toContain(formatMoney(60_000, "en-GB"));
    fireEvent.click(screen.getByTestId("coming-buyer").querySelector("button") as HTMLElement);
    expect(opened).toEqual(["buyer"]);
  });

  it("switches to last month by month, and to a custom period", async () => {
    const ipc = backend();
    renderIn("fr", <BooksScreen now={NOW} />);
    await screen.findByTestId("books-total-net");
    fireEvent.change(screen.getByTestId("books-period"), { target: { value: "lastMonth" } });
    fireEvent.change(screen.getByTestId("books-by"), { target: { value: "month" } });
    await waitFor(() =>
      expect(ipc.calls.filter((c) => c.cmd === "report").at(-1)?.args).toEqual({
        request: { fromDay: "2026-03-01", toDay: "2026-03-31", by: "month" },
      }),
    );
    expect(await screen.findByText("Net par mois")).toBeTruthy();
    fireEvent.change(screen.getByTestId("books-period"), { target: { value: "custom" } });
    fireEvent.change(screen.getByTestId("books-from"), { target: { value: "2026-02-10" } });
    await waitFor(() =>
      expect(ipc.calls.filter((c) => c.cmd === "report").at(-1)?.args).toEqual({
        request: { fromDay: "2026-02-10", toDay: "2026-04-01", by: "month" },
      }),
    );
  });

  it("says when the period is empty, and shows a failure", async () => {
    backend({
      report: () => reportView({ totals: totals(), rows: [], byStatus: [] }),
      escrows_list: () => ({ rows: [], total: 0 }),
    });
    renderIn("ar", <BooksScreen now={NOW} />);
    expect((await screen.findByTestId("books-empty")).textContent).toBe("لا يوجد ضمان في هذه الفترة.");
  });

  it("shows a report failure with a retry", async () => {
    backend({
      report: () => {
        throw { code: "internal", message: "db" };
      },
    });
    renderIn("en", <BooksScreen now={NOW} />);
    expect(await screen.findByRole("alert")).toBeTruthy();
  });

  it("exports to the file chosen in the save dialog, with the delimiter and progress", async () => {
    let finish: (v: unknown) => void = () => {};
    const ipc = backend({
      choose_export_file: () => "/home/amira/dhmad.csv",
      export_csv: () => new Promise((resolve) => (finish = resolve)),
    });
    renderIn("en", <BooksScreen now={NOW} />);
    await screen.findByTestId("books-total-net");
    await waitFor(() => expect((screen.getByTestId("books-delimiter") as HTMLSelectElement).value).toBe(";")); // the profile's
    fireEvent.change(screen.getByTestId("books-delimiter"), { target: { value: "," } });
    fireEvent.click(screen.getByTestId("books-export"));
    await waitFor(() => expect(ipc.names()).toContain("export_csv"));
    await act(() => emit("export://progress", { done: 500, total: 2000 }));
    expect(screen.getByText("500 of 2000 rows")).toBeTruthy();
    await act(async () => finish({ rows: 2000, path: "/home/amira/dhmad.csv" }));
    expect(screen.getByTestId("books-export-done").textContent).toBe("2000 rows written to /home/amira/dhmad.csv");
    expect(ipc.calls.find((c) => c.cmd === "export_csv")?.args).toEqual({
      request: { fromDay: "2026-04-01", toDay: "2026-04-01", path: "/home/amira/dhmad.csv", delimiter: "," },
    });
  });

  it("does nothing when the save dialog is closed", async () => {
    const ipc = backend({ choose_export_file: () => null });
    renderIn("en", <BooksScreen now={NOW} />);
    await screen.findByTestId("books-total-net");
    fireEvent.click(screen.getByTestId("books-export"));
    await waitFor(() => expect(ipc.names()).toContain("choose_export_file"));
    expect(ipc.names()).not.toContain("export_csv");
  });
});
