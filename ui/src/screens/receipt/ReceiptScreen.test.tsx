import { fireEvent, screen } from "../../test/testing-library";
import { describe, expect, it, vi } from "vitest";
import type { ReceiptView } from "../../bindings/ReceiptView";
import { formatMoney } from "../../format";
import { noPrinters, profile } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { ReceiptScreen } from "./ReceiptScreen";

const view = (over: Partial<ReceiptView> = {}): ReceiptView => ({
  shopName: "Boutique Carthage",
  receiptHeader: "Rue de Marseille, Tunis\nMF 1234567A",
  saleId: "s1",
  receiptNo: 42,
  till: "1",
  reference: "K7F3QXM2",
  escrowId: "e42",
  title: "Chéchia",
  amount: 12500,
  status: "completed",
  createdAt: "2026-03-01T23:20:00Z",
  paidAt: "2026-03-01T23:30:00Z",
  escrowUrl: "https://dhmad.tn/escrows/e42",
  qrSvg: "<svg/>",
  ...over,
});

describe("ReceiptScreen", () => {
  it("says it is loading, then lays out the receipt with the Tunis time and the escrow QR", async () => {
    const calls = mockCommands({ receipt: () => view() });
    renderIn("fr", <ReceiptScreen saleId="s1" onBack={() => {}} />);
    expect(screen.getByText("Chargement du reçu…")).toBeTruthy();
    const receipt = await screen.findByTestId("receipt");
    expect(receipt.textContent).toContain("Boutique Carthage");
    expect(receipt.textContent).toContain("MF 1234567A");
    expect(receipt.textContent).toContain("e42");
    expect(screen.getByTestId("receipt-amount").textContent).toBe(formatMoney(12500, "fr-TN"));
    // 23:30 UTC on 1 March is 00:30 on 2 March in Tunis.
    expect(screen.getByTestId("receipt-date").textContent).toBe("2 mars 2026, 00:30");
    expect(screen.getByTestId("receipt-qr")).toBeTruthy();
    expect(screen.getByTestId("receipt-reference").textContent).toBe("#K7F3QXM2");
    // The shop's receipt number, not the sale's internal id.
    expect(screen.getByTestId("receipt-number").textContent).toBe("n° 42 · caisse 1");
    expect(screen.getByTestId("receipt-method").textContent).toBe("QR DHMAD");
    expect(calls.calls.find((c) => c.cmd === "receipt")?.args).toEqual({ request: { saleId: "s1" } });
  });

  it("prints through the system dialog", async () => {
    mockCommands({
      receipt: () => view({ escrowId: null, qrSvg: null, escrowUrl: null, paidAt: null, status: "cancelled" }),
    });
    const print = vi.fn();
    vi.stubGlobal("print", print); // happy-dom has no print dialog
    renderIn("en", <ReceiptScreen saleId="s1" onBack={() => {}} />);
    const receipt = await screen.findByTestId("receipt");
    expect(receipt.textContent).toContain("not created");
    expect(screen.queryByTestId("receipt-qr")).toBeNull();
    fireEvent.click(screen.getByTestId("receipt-print"));
    expect(print).toHaveBeenCalledOnce();
    vi.unstubAllGlobals();
  });

  it("shows the failure with a retry", async () => {
    let fail = true;
    mockCommands({
      receipt: () => {
        if (fail) throw { code: "notFound", message: "no sale" };
        return view();
      },
    });
    renderIn("en", <ReceiptScreen saleId="s1" onBack={() => {}} />);
    expect(await screen.findByRole("alert")).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByText("Try again"));
    expect(await screen.findByTestId("receipt")).toBeTruthy();
  });

  it("prints the sale's receipt on the receipt printer, the system dialog staying beside it", async () => {
    const printing = {
      ...noPrinters,
      printers: [{ name: "Comptoir", uri: "/dev/usb/lp0", paper: "58" as const }],
    };
    const ipc = mockCommands({
      profiles_list: () => ({ profiles: [profile({ settings: { ...profile().settings, printing } })], activeId: "p1" }),
      receipt: () => view(),
      print_receipt: () => ({ printer: "Comptoir", widthDots: 384, heightDots: 900, bytes: 45_000 }),
    });
    renderIn("en", <ReceiptScreen saleId="s1" onBack={() => {}} />);
    fireEvent.click(await screen.findByTestId("print-receipt"));
    expect(await screen.findByText("Printed on Comptoir")).toBeTruthy();
    expect(screen.getByTestId("receipt-print").textContent).toBe("Print with the system dialog");
    expect(ipc.calls.find((c) => c.cmd === "print_receipt")?.args).toEqual({ request: { saleId: "s1" } });
  });
});
