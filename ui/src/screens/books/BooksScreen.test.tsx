import { emit } from "@tauri-apps/api/event";
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ReportView } from "../../bindings/ReportView";
import type { TotalsView } from "../../bindings/TotalsView";
import { formatMoney } from "../../format";
import { profile, row } from "../../test/fixtures";
import { mockCommands, type Handler } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { BooksScreen } from "./BooksScreen";

// 23:30 UTC on 31 March: already 1 April in Tunis.
const NOW = () => new Date("2026-03-31T23:30:00Z");

const totals = (over: Partial<TotalsView> = {}): TotalsView => ({
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
    expect(screen.getByTestId("books-total-count").textContent).toBe("3 (1 completed, 1 cancelled)");
    expect(screen.getAllByTestId("books-bar")).toHaveLength(2);
    expect(ipc.calls.find((c) => c.cmd === "report")?.args).toEqual({
      request: { fromDay: "2026-04-01", toDay: "2026-04-01", by: "day" },
    });
    expect((await screen.findByTestId("books-escrows")).textContent).toContain("Tapis berbère");
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
