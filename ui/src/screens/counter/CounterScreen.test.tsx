import { emit } from "@tauri-apps/api/event";
import { act, fireEvent, screen, waitFor } from "../../test/testing-library";
import { describe, expect, it } from "vitest";
import { formatMoney } from "../../format";
import { profile } from "../../test/fixtures";
import { mockCommands, type Handler } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { CounterScreen } from "./CounterScreen";
import { sale } from "./fixtures";

const NOW = () => Date.parse("2026-03-02T10:05:30Z"); // 4:30 before the fixture link expires

function backend(over: Record<string, Handler> = {}) {
  return mockCommands({
    profiles_list: () => ({
      profiles: [profile({ settings: { ...profile().settings, titlePresets: ["Chéchia"], soundOnPaid: false } })],
      activeId: "p1",
    }),
    counter_sales: () => ({ unfinished: [], recent: [] }),
    past_buyers: () => [{ email: "amira@example.tn", escrowCount: 3 }],
    ...over,
  });
}

const press = (key: string) => fireEvent.keyDown(window, { key });

describe("CounterScreen", () => {
  it("takes the amount from the keyboard and charges with Enter, in millimes", async () => {
    const ipc = backend({ counter_start: () => sale() });
    renderIn("en", <CounterScreen clock={NOW} />);
    expect(await screen.findByTestId("counter-unfinished-empty")).toBeTruthy();
    for (const key of ["1", "2", ",", "5", "9", "Backspace"]) press(key);
    expect(screen.getByTestId("counter-amount").textContent).toBe(formatMoney(12500, "en-GB"));
    fireEvent.click(screen.getByText("Chéchia")); // a saved title
    fireEvent.change(screen.getByTestId("counter-email"), { target: { value: "amira@example.tn" } });
    press("Enter");
    await screen.findByTestId("counter-qr");
    const start = ipc.calls.find((c) => c.cmd === "counter_start");
    expect(start?.args).toEqual({
      request: { amount: 12500, title: "Chéchia", buyerEmail: "amira@example.tn", mode: "quick" },
    });
    expect(screen.getByTestId("counter-status").textContent).toBe("Waiting for payment");
    expect(screen.getByText("https://dhmad.tn/c/cs1")).toBeTruthy();
    expect(screen.getByTestId("counter-countdown").textContent).toBe("Link valid for 4:30");
  });

  it("records how long Charge took to put the QR on screen, for the benchmark", async () => {
    backend({ counter_start: () => new Promise((done) => setTimeout(() => done(sale()), 60)) });
    renderIn("en", <CounterScreen clock={NOW} />);
    await screen.findByTestId("counter-unfinished-empty");
    for (const key of ["5", "0"]) press(key);
    fireEvent.click(screen.getByText("Chéchia"));
    fireEvent.change(screen.getByTestId("counter-email"), { target: { value: "amira@example.tn" } });
    const counter = screen.getByTestId("counter-screen");
    expect(counter.hasAttribute("data-charge-to-qr-ms")).toBe(false);
    press("Enter");
    await screen.findByTestId("counter-qr");
    await waitFor(() => expect(counter.getAttribute("data-charge-to-qr-ms")).toMatch(/^\d+$/));
    expect(Number(counter.getAttribute("data-charge-to-qr-ms"))).toBeGreaterThanOrEqual(60);
  });

  it("clears the last Charge → QR figure at the next Charge, so it is never read as the new sale's", async () => {
    let answerAfter = 0;
    backend({ counter_start: () => new Promise((done) => setTimeout(() => done(sale()), answerAfter)) });
    renderIn("en", <CounterScreen clock={NOW} />);
    await screen.findByTestId("counter-unfinished-empty");
    fireEvent.click(screen.getByText("Chéchia"));
    fireEvent.change(screen.getByTestId("counter-email"), { target: { value: "amira@example.tn" } });
    const counter = screen.getByTestId("counter-screen");
    for (const key of ["5", "0", "Enter"]) press(key);
    await waitFor(() => expect(counter.getAttribute("data-charge-to-qr-ms")).toMatch(/^\d+$/));

    press("Escape"); // the next sale
    await screen.findByTestId("counter-charge");
    answerAfter = 120;
    for (const key of ["7", "5", "Enter"]) press(key);
    expect(counter.hasAttribute("data-charge-to-qr-ms")).toBe(false);
    await screen.findByTestId("counter-qr");
    await waitFor(() => expect(counter.getAttribute("data-charge-to-qr-ms")).toMatch(/^\d+$/));
    expect(Number(counter.getAttribute("data-charge-to-qr-ms"))).toBeGreaterThanOrEqual(120);
  });

  it("refuses to charge without an amount, a title and a valid e-mail", async () => {
    backend();
    renderIn("en", <CounterScreen clock={NOW} />);
    await screen.findByTestId("counter-unfinished-empty");
    const charge = screen.getByTestId("counter-charge") as HTMLButtonElement;
    expect(charge.disabled).toBe(true);
    fireEvent.click(screen.getByTestId("keypad-key-5"));
    fireEvent.change(screen.getByTestId("counter-title"), { target: { value: "Harissa" } });
    fireEvent.change(screen.getByTestId("counter-email"), { target: { value: "not-an-email" } });
    expect(charge.disabled).toBe(true);
    fireEvent.change(screen.getByTestId("counter-email"), { target: { value: "a@b.tn" } });
    expect(charge.disabled).toBe(false);
    expect(charge.textContent).toBe(`Charge ${formatMoney(5000, "en-GB")}`);
  });

  it("follows the sale to PAID and delivers (instant completes)", async () => {
    const ipc = backend({
      counter_sales: () => ({ unfinished: [sale()], recent: [] }),
      counter_deliver: () => sale({ state: "completed", qrSvg: null }),
    });
    renderIn("en", <CounterScreen clock={NOW} />);
    fireEvent.click(await screen.findByTestId("counter-resume-s1"));
    expect(screen.getByTestId("counter-qr")).toBeTruthy();
    await act(() => emit("sale://event", { saleId: "s1", kind: "paid", sale: sale({ state: "paid", qrSvg: null }) }));
    expect(screen.getByTestId("counter-paid").textContent).toBe("PAID");
    // A screen reader hears the status change; the ticking countdown is not a live region.
    const announced = screen.getAllByRole("status").map((e) => e.textContent);
    expect(announced).toContain("Paid");
    expect(screen.queryByTestId("counter-qr")).toBeNull();
    fireEvent.click(screen.getByTestId("counter-deliver"));
    await waitFor(() => expect(screen.getByTestId("counter-status").textContent).toBe("Completed"));
    expect(ipc.calls.find((c) => c.cmd === "counter_deliver")?.args).toEqual({ request: { saleId: "s1" } });
    expect(screen.getByTestId("counter-receipt")).toBeTruthy();
  });

  it("ignores events of another sale", async () => {
    backend({ counter_sales: () => ({ unfinished: [sale()], recent: [] }) });
    renderIn("en", <CounterScreen clock={NOW} />);
    fireEvent.click(await screen.findByTestId("counter-resume-s1"));
    await act(() => emit("sale://event", { saleId: "s2", kind: "paid", sale: sale({ saleId: "s2", state: "paid" }) }));
    expect(screen.getByTestId("counter-status").textContent).toBe("Waiting for payment");
  });

  it("in quick mode says the buyer must confirm and shows the complete link", async () => {
    backend({
      counter_sales: () => ({ unfinished: [sale({ state: "delivered", mode: "quick", qrSvg: null })], recent: [] }),
      counter_complete_link: () => ({
        session: {
          sessionId: "cs2",
          escrowId: "e1",
          action: "complete",
          targetEmail: "amira@example.tn",
          redirectUrl: "https://shop.example.tn/merci",
          url: "https://dhmad.tn/c/cs2",
          expiresAt: "2026-03-02T11:00:00Z",
          status: "pending",
          completedAt: null,
          createdAt: "2026-03-02T10:00:00Z",
        },
        qrSvg: "<svg/>",
      }),
    });
    renderIn("fr", <CounterScreen clock={NOW} />);
    fireEvent.click(await screen.findByTestId("counter-resume-s1"));
    expect(screen.getByText(/l’acheteur doit confirmer la réception/)).toBeTruthy();
    fireEvent.click(screen.getByTestId("counter-complete-link"));
    expect(await screen.findByTestId("counter-complete-qr")).toBeTruthy();
    expect(screen.getByText("https://dhmad.tn/c/cs2")).toBeTruthy();
  });

  it("an expired link is renewed in one click; cancel cancels", async () => {
    const ipc = backend({
      counter_sales: () => ({ unfinished: [sale({ expiresAt: "2026-03-02T10:00:00Z" })], recent: [] }),
      counter_renew: () => sale({ expiresAt: "2026-03-02T10:15:30Z", checkoutUrl: "https://dhmad.tn/c/cs3" }),
      counter_cancel: () => sale({ state: "cancelled", qrSvg: null }),
    });
    renderIn("en", <CounterScreen clock={NOW} />);
    fireEvent.click(await screen.findByTestId("counter-resume-s1"));
    expect(screen.getByTestId("counter-countdown").textContent).toBe("The link has expired — renew it");
    fireEvent.click(screen.getByTestId("counter-renew"));
    await waitFor(() => expect(screen.getByTestId("counter-countdown").textContent).toBe("Link valid for 10:00"));
    fireEvent.click(screen.getByTestId("counter-cancel"));
    await waitFor(() => expect(screen.getByTestId("counter-status").textContent).toBe("Cancelled"));
    expect(ipc.names().filter((n) => n.startsWith("counter_"))).toEqual([
      "counter_sales",
      "counter_renew",
      "counter_cancel",
    ]);
  });

  it("a lost Charge answer says 'not sure yet — checking' until the escrow is found, then shows the QR", async () => {
    const unsure = sale({ state: "create_unknown", escrowId: null, qrSvg: null, checkoutUrl: null, expiresAt: null });
    const ipc = backend({ counter_start: () => unsure, counter_reconcile: () => unsure });
    renderIn("en", <CounterScreen clock={NOW} />);
    await screen.findByTestId("counter-unfinished-empty");
    fireEvent.click(screen.getByTestId("keypad-key-7"));
    fireEvent.change(screen.getByTestId("counter-title"), { target: { value: "Harissa" } });
    fireEvent.change(screen.getByTestId("counter-email"), { target: { value: "a@b.tn" } });
    fireEvent.click(screen.getByTestId("counter-charge"));
    expect((await screen.findByTestId("counter-checking")).textContent).toBe("Not sure yet — checking with DHMAD…");
    expect(screen.getByTestId("counter-status").textContent).toBe("Not sure yet");
    expect(screen.getByTestId("counter-reference").textContent).toBe("Ref. #K7F3QXM2");
    expect(screen.queryByTestId("counter-cancel")).toBeNull();
    expect(screen.queryByText("Failed")).toBeNull();
    fireEvent.click(screen.getByTestId("counter-check-again"));
    await waitFor(() => expect(ipc.names()).toContain("counter_reconcile"));
    await act(() => emit("sale://event", { saleId: "s1", kind: "reconciled", sale: sale() }));
    expect(await screen.findByTestId("counter-qr")).toBeTruthy();
    expect(screen.queryByTestId("counter-checking")).toBeNull();
    expect(ipc.names().filter((n) => n === "counter_start")).toHaveLength(1);
  });

  it("says 'not created — you can charge again' in every language once DHMAD clearly has not got it", async () => {
    for (const [lang, text] of [
      ["en", "Not created — you can charge again."],
      ["fr", "Non créée — vous pouvez encaisser à nouveau."],
      ["ar", "لم يُنشأ — يمكنك تحصيل المبلغ من جديد."],
    ] as const) {
      const unsure = sale({ state: "create_unknown", escrowId: null, qrSvg: null, checkoutUrl: null, expiresAt: null });
      backend({ counter_start: () => unsure });
      const view = renderIn(lang, <CounterScreen clock={NOW} />);
      await screen.findByTestId("counter-unfinished-empty");
      fireEvent.click(screen.getByTestId("keypad-key-7"));
      fireEvent.change(screen.getByTestId("counter-title"), { target: { value: "Harissa" } });
      fireEvent.change(screen.getByTestId("counter-email"), { target: { value: "a@b.tn" } });
      fireEvent.click(screen.getByTestId("counter-charge"));
      await screen.findByTestId("counter-checking");
      const gone = sale({
        state: "not_created",
        escrowId: null,
        qrSvg: null,
        checkoutUrl: null,
        expiresAt: null,
        lastError: "Not created: DHMAD has no escrow #K7F3QXM2",
      });
      await act(() => emit("sale://event", { saleId: "s1", kind: "notCreated", sale: gone }));
      expect((await screen.findByTestId("counter-not-created")).textContent).toBe(text);
      expect(screen.queryByTestId("counter-checking")).toBeNull();
      expect(screen.queryByTestId("counter-qr")).toBeNull();
      view.unmount();
    }
  });

  it("says DHMAD could not be asked when a lookup failed, still not sure", async () => {
    const unsure = sale({ state: "create_unknown", escrowId: null, qrSvg: null, checkoutUrl: null, expiresAt: null });
    backend({ counter_start: () => unsure });
    renderIn("en", <CounterScreen clock={NOW} />);
    await screen.findByTestId("counter-unfinished-empty");
    fireEvent.click(screen.getByTestId("keypad-key-7"));
    fireEvent.change(screen.getByTestId("counter-title"), { target: { value: "Harissa" } });
    fireEvent.change(screen.getByTestId("counter-email"), { target: { value: "a@b.tn" } });
    fireEvent.click(screen.getByTestId("counter-charge"));
    await screen.findByTestId("counter-checking");
    await act(() => emit("sale://event", { saleId: "s1", kind: "stillUnsure", sale: unsure }));
    await waitFor(() =>
      expect(screen.getByTestId("counter-checking").textContent).toMatch(/^DHMAD could not be reached to check/),
    );
    expect(screen.getByTestId("counter-status").textContent).toBe("Not sure yet");
  });

  it("shows DHMAD's refusal and stays on the keypad", async () => {
    backend({
      counter_start: () => {
        throw { code: "validation", message: "amount", userMessage: "Le montant minimum est 1 TND." };
      },
    });
    renderIn("en", <CounterScreen clock={NOW} />);
    await screen.findByText("Chéchia"); // settings loaded: quick mode, 5 TND minimum
    fireEvent.click(screen.getByTestId("keypad-key-5"));
    fireEvent.change(screen.getByTestId("counter-title"), { target: { value: "Harissa" } });
    fireEvent.change(screen.getByTestId("counter-email"), { target: { value: "a@b.tn" } });
    fireEvent.click(screen.getByTestId("counter-charge"));
    expect(await screen.findByText("Le montant minimum est 1 TND.")).toBeTruthy();
    expect(screen.getByTestId("keypad")).toBeTruthy();
  });

  it("saves a new title preset in the settings", async () => {
    const ipc = backend({ update_settings: (args) => profile({ settings: args.settings as never }) });
    renderIn("en", <CounterScreen clock={NOW} />);
    await screen.findByTestId("counter-unfinished-empty");
    fireEvent.change(screen.getByTestId("counter-title"), { target: { value: "Harissa" } });
    fireEvent.click(screen.getByTestId("counter-add-preset"));
    await waitFor(() => expect(ipc.names()).toContain("update_settings"));
    const saved = ipc.calls.find((c) => c.cmd === "update_settings")?.args.settings as { titlePresets: string[] };
    expect(saved.titlePresets).toEqual(["Chéchia", "Harissa"]);
    expect(await screen.findByRole("button", { name: "Harissa" })).toBeTruthy();
  });

  it("speaks Arabic", async () => {
    backend({ counter_sales: () => ({ unfinished: [sale({ state: "paid", qrSvg: null })], recent: [] }) });
    renderIn("ar", <CounterScreen clock={NOW} />);
    fireEvent.click(await screen.findByTestId("counter-resume-s1"));
    expect(screen.getByTestId("counter-paid").textContent).toBe("تم الدفع");
    expect(screen.getByTestId("counter-deliver").textContent).toBe("تم التسليم");
  });
});
