import { emit } from "@tauri-apps/api/event";
import { act, fireEvent, screen, waitFor } from "../../test/testing-library";
import { describe, expect, it, vi } from "vitest";
import { formatMoney } from "../../format";
import type { Language } from "../../i18n";
import { emptyDashboard, fullDashboard, profile, syncState } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { Dashboard } from "./Dashboard";

const NOW = () => Date.parse("2026-03-02T10:01:00Z"); // one minute after the fixtures' last sync

describe("Dashboard", () => {
  it("says it is loading until the book answers", async () => {
    let answer: (v: unknown) => void = () => {};
    const ipc = mockCommands({ dashboard: () => new Promise((resolve) => (answer = resolve)) });
    renderIn("en", <Dashboard onOpenEscrow={() => {}} now={NOW} />);
    expect(screen.getByText("Loading…")).toBeTruthy();
    await waitFor(() => expect(ipc.names()).toEqual(["dashboard"]));
    await act(async () => answer(fullDashboard()));
    expect(screen.queryByText("Loading…")).toBeNull();
  });

  it("shows balances with their meaning, sales, and who must act next", async () => {
    const opened: string[] = [];
    const ipc = mockCommands({ dashboard: () => fullDashboard() });
    renderIn("en", <Dashboard onOpenEscrow={(id) => opened.push(id)} now={NOW} />);
    const available = await screen.findByTestId("balance-available");
    expect(available.textContent).toContain("Available");
    expect(available.textContent).toContain(formatMoney(1234500, "en-GB"));
    expect(available.textContent).toContain("Yours to withdraw now.");
    // The balance's escrow figure is the account's own money held as a buyer, said so.
    expect(screen.getByTestId("balance-escrow").textContent).toContain("where you are the buyer");
    expect(screen.getByTestId("totals-today").textContent).toContain("3 (of which 1 cancelled)");
    expect(screen.getByTestId("totals-month").textContent).toContain(formatMoney(4745000, "en-GB"));
    expect(screen.getByTestId("totals-month").textContent).toContain(formatMoney(255000, "en-GB"));
    const needs = screen.getByTestId("needs-action");
    expect(needs.textContent).toContain("Buyer must pay");
    expect(needs.textContent).toContain("You must deliver");
    fireEvent.click(screen.getByText("Chéchia"));
    expect(opened).toEqual(["e2"]);
    // The book was synced a minute ago: no sync is started.
    expect(ipc.names()).toEqual(["dashboard"]);
    expect(screen.getByTestId("sync-status").textContent).toContain("Last synced");
  });

  it("shows the money held for the merchant's sales by what it waits for, each opening its sales", async () => {
    const bucket = (count: number, amount: number) => ({ count, amount, net: amount - amount / 20 });
    const comingToYou = {
      held: bucket(4, 400_000),
      awaitingDelivery: bucket(2, 150_000),
      awaitingBuyer: bucket(1, 200_000),
      releasingSoon: bucket(1, 200_000),
      disputed: bucket(0, 0),
      cancellationRequested: bucket(1, 50_000),
    };
    mockCommands({ dashboard: () => fullDashboard({ comingToYou }) });
    const opened: string[] = [];
    renderIn("en", <Dashboard onOpenEscrow={() => {}} onOpenHeld={(b) => opened.push(b)} now={NOW} />);
    const held = await screen.findByTestId("coming-held");
    expect(held.textContent).toContain(formatMoney(400_000, "en-GB"));
    expect(held.textContent).toContain(`You receive ${formatMoney(380_000, "en-GB")} after fees`);
    expect(screen.getByTestId("coming-delivery").textContent).toContain("Awaiting your delivery");
    expect(screen.getByTestId("coming-delivery").textContent).toContain(formatMoney(150_000, "en-GB"));
    expect(screen.getByTestId("coming-releasingSoon").textContent).toContain("Releasing within 24 hours");
    // An empty part is not listed.
    expect(screen.queryByTestId("coming-disputed")).toBeNull();
    fireEvent.click(screen.getByTestId("coming-cancellation").querySelector("button") as HTMLElement);
    fireEvent.click(screen.getByTestId("coming-any").querySelector("button") as HTMLElement);
    expect(opened).toEqual(["cancellation", "any"]);
  });

  it("adds up what the till recorded today by method, apart from DHMAD", async () => {
    const ipc = mockCommands({
      dashboard: () =>
        fullDashboard({
          tillToday: [
            { method: "cash", salesCount: 5, sales: 60_000, refundsCount: 1, refunds: 2_350, net: 57_650 },
            { method: "d17", salesCount: 1, sales: 9_000, refundsCount: 0, refunds: 0, net: 9_000 },
          ],
        }),
      day_status: () => ({ methods: [], drawer: null, x: null, zNumbers: [], denominations: [] }),
    });
    renderIn("fr", <Dashboard onOpenEscrow={() => {}} onOpenHeld={() => {}} now={NOW} />);
    expect((await screen.findByTestId("till-today-cash")).textContent).toBe(`5 · ${formatMoney(57_650, "fr-TN")}`);
    expect(screen.getByTestId("till-today-total").textContent).toBe(formatMoney(66_650, "fr-TN"));
    expect(screen.getByTestId("till-today").textContent).toContain("Espèces");
    expect(ipc.names()).toContain("day_status");
  });

  it("lists the first unfinished escrows and counts the rest (a large book has thousands)", async () => {
    const full = fullDashboard();
    mockCommands({ dashboard: () => ({ ...full, needsActionTotal: full.needsAction.length + 40_000 }) });
    renderIn("en", <Dashboard onOpenEscrow={() => {}} now={NOW} />);
    expect((await screen.findByTestId("needs-action-more")).textContent).toBe("And 40,000 more: see Escrows.");
    expect(screen.getByTestId("needs-action").querySelectorAll("li")).toHaveLength(full.needsAction.length);
  });

  it("says nothing more when every unfinished escrow is listed", async () => {
    mockCommands({ dashboard: () => fullDashboard() });
    renderIn("fr", <Dashboard onOpenEscrow={() => {}} now={NOW} />);
    await screen.findByTestId("needs-action");
    expect(screen.queryByTestId("needs-action-more")).toBeNull();
  });

  it("translates every next step in Arabic", async () => {
    mockCommands({ dashboard: () => fullDashboard() });
    renderIn("ar", <Dashboard onOpenEscrow={() => {}} now={NOW} />);
    expect((await screen.findByTestId("needs-action")).textContent).toContain("على المشتري الدفع");
  });

  it("when empty, says so and syncs a book that was never synced", async () => {
    const ipc = mockCommands({
      dashboard: () => emptyDashboard({ sync: syncState({ lastSyncAt: null, escrowCount: 0 }) }),
      sync_now: () => syncState({ running: true, lastSyncAt: null }),
    });
    renderIn("fr", <Dashboard onOpenEscrow={() => {}} now={NOW} />);
    expect(await screen.findByText("Le solde n’a pas encore été lu. Synchronisez pour le lire.")).toBeTruthy();
    expect(screen.getByText("Rien n’attend : chaque séquestre est terminé ou avance.")).toBeTruthy();
    await waitFor(() => expect(ipc.names()).toEqual(["dashboard", "sync_now"]));
    expect(screen.getByTestId("sync-status").textContent).toContain("Synchronisation…");
  });

  it("shows progress from sync events and reloads when the sync ends", async () => {
    const ipc = mockCommands({ dashboard: () => fullDashboard() });
    renderIn("en", <Dashboard onOpenEscrow={() => {}} now={NOW} />);
    await screen.findByTestId("balance-available");
    await act(() => emit("sync://status", syncState({ running: true, phase: "active", done: 2, total: 5 })));
    expect(screen.getByTestId("sync-status").textContent).toContain("Syncing… page 2 of 5");
    await act(() => emit("sync://status", syncState({ lastSyncAt: "2026-03-02T10:05:00Z" })));
    await waitFor(() => expect(ipc.names()).toEqual(["dashboard", "dashboard"]));
  });

  it("shows the first sync's balances even when that sync ends while the screen opens", async () => {
    // The demo's first sync starts with the app and may end between the screen's first read of
    // the book and its listening to sync events: the book is read only once the events are heard.
    let synced = false;
    mockCommands({
      dashboard: () => {
        if (synced) return fullDashboard();
        synced = true;
        void emit("sync://status", syncState({ lastSyncAt: "2026-03-02T10:00:30Z" }));
        return emptyDashboard({ sync: syncState({ running: true, phase: "active", lastSyncAt: null }) });
      },
    });
    renderIn("en", <Dashboard onOpenEscrow={() => {}} now={NOW} />);
    expect((await screen.findByTestId("balance-available")).textContent).toContain(formatMoney(1234500, "en-GB"));
  });

  it("shows the offline banner and keeps the saved figures", async () => {
    mockCommands({ dashboard: () => fullDashboard({ offline: true }) });
    renderIn("en", <Dashboard onOpenEscrow={() => {}} now={NOW} />);
    expect(await screen.findByText("No connection — showing saved data")).toBeTruthy();
    expect(screen.getByTestId("balance-available").textContent).toContain(formatMoney(1234500, "en-GB"));
  });

  it("says when the sync is rate limited, with the wait", async () => {
    const lastError = { code: "rateLimited" as const, message: "429", details: { retryAfterSeconds: 12 } };
    mockCommands({ dashboard: () => fullDashboard({ sync: syncState({ lastError }) }) });
    renderIn("en", <Dashboard onOpenEscrow={() => {}} now={NOW} />);
    expect(await screen.findByText("Too many requests — try again in 12 seconds")).toBeTruthy();
  });

  it("shows an error the merchant can read, and retries", async () => {
    let fail = true;
    mockCommands({
      dashboard: () => {
        if (fail) throw { code: "internal", message: "database is locked at book.rs:12" };
        return fullDashboard();
      },
    });
    renderIn("en", <Dashboard onOpenEscrow={() => {}} now={NOW} />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Something went wrong in the app.");
    expect(alert.textContent).not.toContain("book.rs");
    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByTestId("balance-available")).toBeTruthy();
  });

  it("asks for the key of a shop that kept it for the last session only, then opens the shop", async () => {
    let keyGiven = false;
    const ipc = mockCommands({
      dashboard: () => {
        if (!keyGiven) {
          throw { code: "keyNeeded", message: "no key", details: { profileId: "shop-1", environment: "live" } };
        }
        return fullDashboard();
      },
      connect_key: () => {
        keyGiven = true;
        return profile({ environment: "live", developerEmail: "dev@souk.tn" });
      },
    });
    renderIn("en", <Dashboard onOpenEscrow={() => {}} now={NOW} />);
    expect((await screen.findByRole("heading", { name: "Enter this shop's key again" })).tagName).toBe("H1");
    fireEvent.change(screen.getByLabelText("API key"), { target: { value: "sk_live_abc" } });
    fireEvent.click(screen.getByRole("button", { name: "Check and connect" }));
    fireEvent.click(await screen.findByRole("button", { name: "Continue" }));
    await screen.findByTestId("balance-available");
    expect(ipc.calls.find((c) => c.cmd === "connect_key")?.args).toEqual({
      request: { environment: "live", apiKey: "sk_live_abc", profileId: "shop-1" },
    });
  });

  const unreadableRecord = {
    endpoint: "GET /escrows",
    recordId: "e9",
    reason: "`amount`: more than 3 decimals (finer than a millime): 25.5001",
    raw: '{"id":"e9","amount":25.5001,"buyer":{"email":"<redacted e-mail>"}}',
    firstSeen: "2026-03-02T09:00:00Z",
    lastSeen: "2026-03-02T10:00:00Z",
  };

  it("says how many escrows could not be read, with details and a copy for support", async () => {
    const writeText = vi.fn((_text: string) => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText } });
    const sync = syncState({
      unreadableCount: 1,
      unreadable: [unreadableRecord],
      shortfalls: [{ endpoint: "GET /escrows", read: 120, announced: 1000 }],
    });
    mockCommands({ dashboard: () => fullDashboard({ sync }) });
    renderIn("en", <Dashboard onOpenEscrow={() => {}} now={NOW} />);
    const problems = await screen.findByTestId("sync-problems");
    expect(problems.textContent).toContain("1 escrow could not be read");
    expect(problems.textContent).toContain("120 of 1000 read");
    expect(problems.textContent).toContain("more than 3 decimals");
    fireEvent.click(screen.getByText("Copy for support"));
    expect(await screen.findByText("Copied")).toBeTruthy();
    const copied = JSON.parse(writeText.mock.calls[0]?.[0] ?? "{}") as { unreadable: { recordId: string }[] };
    expect(copied.unreadable[0]?.recordId).toBe("e9");
  });

  it("counts unreadable escrows with each language's plural", async () => {
    const cases: [Language, number, string][] = [
      ["en", 3, "3 escrows could not be read"],
      ["fr", 1, "1 séquestre n’a pas pu être lu"],
      ["fr", 2, "2 séquestres n’ont pas pu être lus"],
      ["ar", 2, "تعذّرت قراءة ضمانين"],
      ["ar", 5, "تعذّرت قراءة 5 ضمانات"],
    ];
    for (const [lang, count, text] of cases) {
      const sync = syncState({ unreadableCount: count, unreadable: [unreadableRecord] });
      mockCommands({ dashboard: () => fullDashboard({ sync }) });
      const view = renderIn(lang, <Dashboard onOpenEscrow={() => {}} now={NOW} />);
      expect((await screen.findByTestId("sync-problems")).textContent).toContain(text);
      view.unmount();
    }
  });

  it("shows nothing more when every record was read", async () => {
    mockCommands({ dashboard: () => fullDashboard() });
    renderIn("en", <Dashboard onOpenEscrow={() => {}} now={NOW} />);
    await screen.findByTestId("sync-status");
    expect(screen.queryByTestId("sync-problems")).toBeNull();
  });
});
