import { screen, within } from "../../test/testing-library";
import { describe, expect, it } from "vitest";
import type { PeriodRow } from "../../bindings/PeriodRow";
import type { Totals } from "../../bindings/Totals";
import { formatMoney } from "../../format";
import { renderIn } from "../../test/render";
import { textWidth } from "./chartLabels";
import { NetChart } from "./NetChart";
import { NetTable } from "./NetTable";

const totals = (over: Partial<Totals>): Totals => ({
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
const period = (p: string, net: number, count = 1): PeriodRow => ({
  period: p,
  totals: totals({ count, gross: net + 7000, escrowFee: 5000, developerFee: 2000, net }),
});
const days = [period("2026-12-01", 80000), period("2026-12-02", 120000, 2), period("2026-12-03", 45500)];
const texts = (testId: string) => screen.queryAllByTestId(testId).map((e) => e.textContent);
const xOf = (e: Element) => Number(e.getAttribute("x"));

describe("NetChart", () => {
  it("labels each day under its bar with a short date and its net above it", () => {
    renderIn("en", <NetChart rows={days} by="day" />);
    expect(texts("books-label")).toEqual(["1 Dec", "2 Dec", "3 Dec"]);
    expect(texts("books-value")).toEqual(days.map((d) => formatMoney(d.totals.net, "en-GB")));
    const chart = screen.getByRole("img");
    expect(chart.getAttribute("aria-label")).toBe(
      `Net per day, 3 days, highest ${formatMoney(120000, "en-GB")} on 2 Dec`,
    );
  });

  it("names months by their name, in the current language", () => {
    const months = [period("2026-01", 10000), period("2026-02", 30000), period("2026-03", 20000)];
    renderIn("fr", <NetChart rows={months} by="month" />);
    expect(texts("books-label")).toEqual(["janv.", "févr.", "mars"]);
    expect(screen.getByRole("img").getAttribute("aria-label")).toBe(
      `Net par mois, 3 mois, le plus haut ${formatMoney(30000, "fr-TN")} en févr.`,
    );
  });

  it("thins the labels of a long month so they never overlap, and leaves out values with no room", () => {
    const month = Array.from({ length: 31 }, (_, i) => period(`2026-12-${String(i + 1).padStart(2, "0")}`, 1000 * i));
    renderIn("en", <NetChart rows={month} by="day" />);
    expect(screen.getAllByTestId("books-bar")).toHaveLength(31);
    const labels = screen.getAllByTestId("books-label");
    expect(labels.length).toBeGreaterThan(3);
    expect(labels.length).toBeLessThan(31);
    expect(labels[0]?.textContent).toBe("1 Dec");
    const widest = Math.max(...labels.map((l) => textWidth(l.textContent?.length ?? 0)));
    for (let i = 1; i < labels.length; i++) {
      const [a, b] = [labels[i - 1], labels[i]] as [Element, Element];
      expect(xOf(b) - xOf(a)).toBeGreaterThanOrEqual(widest);
    }
    expect(screen.queryAllByTestId("books-value")).toHaveLength(0);
  });

  it("gives the same numbers as a captioned table, with the period in words", () => {
    renderIn("en", <NetTable rows={days} caption="Net per day" />);
    const table = screen.getByRole("table", { name: "Net per day" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((c) => c.textContent),
    ).toEqual(["Period", "Escrows", "Gross", "DHMAD fees", "Developer fees", "Net"]);
    const body = within(table).getAllByRole("row").slice(1);
    expect(body.map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent))).toEqual(
      days.map((d, i) => [
        `${i + 1} Dec`,
        String(d.totals.count),
        formatMoney(d.totals.gross, "en-GB"),
        formatMoney(d.totals.escrowFee, "en-GB"),
        formatMoney(d.totals.developerFee, "en-GB"),
        formatMoney(d.totals.net, "en-GB"),
      ]),
    );
  });

  it("runs right to left in Arabic: the first day on the right", () => {
    renderIn("ar", <NetChart rows={days} by="day" />);
    const labels = screen.getAllByTestId("books-label");
    expect(labels.map((l) => l.textContent)).toEqual(["1 ديسمبر", "2 ديسمبر", "3 ديسمبر"]);
    const xs = labels.map(xOf);
    expect(xs[0]).toBeGreaterThan(xs[1] ?? Number.POSITIVE_INFINITY);
    expect(xs[1]).toBeGreaterThan(xs[2] ?? Number.POSITIVE_INFINITY);
    const bars = screen.getAllByTestId("books-bar").map(xOf);
    expect(bars[0]).toBeGreaterThan(bars[2] ?? Number.POSITIVE_INFINITY);
  });

  it("says when the period has nothing to draw", () => {
    renderIn("en", <NetChart rows={[]} by="day" />);
    expect(screen.getByRole("img").getAttribute("aria-label")).toBe("Net per day: no escrow in this period");
  });
});
