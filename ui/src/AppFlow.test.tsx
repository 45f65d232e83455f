import { emit } from "@tauri-apps/api/event";
import { act, fireEvent, screen, waitFor } from "./test/testing-library";
import { beforeEach, describe, expect, it } from "vitest";
import { App, resetReadySignalForTests } from "./App";
import type { EscrowStatus } from "./bindings/EscrowStatus";
import { detail, fullDashboard, profile, row } from "./test/fixtures";
import { mockCommands } from "./test/ipc";
import { renderIn } from "./test/render";

describe("App: create, share, get paid, deliver", () => {
  beforeEach(() => resetReadySignalForTests());

  it("follows the e2e path on mocked commands", async () => {
    let status: EscrowStatus = "pending";
    const escrow = () => {
      const d = detail({ apiActions: status === "paid" ? ["deliver"] : ["update", "cancel"] });
      d.escrow.row = row({ id: "new1", title: "Chéchia rouge", status, amountTnd: 45000 });
      return d;
    };
    const ipc = mockCommands({
      profiles_list: () => ({
        profiles: [profile({ settings: { ...profile().settings, language: "en" } })],
        activeId: "p1",
      }),
      ui_ready: () => ({ sinceStartMs: 1 }),
      dashboard: () => fullDashboard(),
      fee_preview: () => ({ escrowFee: 2250, developerFee: 0, net: 42750, rateBp: 500, rateObserved: true }),
      create_escrow: () => ({ escrow: escrow().escrow, pending: null, notCreated: false }),
      escrow_detail: () => escrow(),
      create_share: () => ({
        session: {
          sessionId: "s9",
          escrowId: "new1",
          action: "accept_pay",
          targetEmail: "amira@example.tn",
          redirectUrl: "https://shop.example.tn/merci",
          url: "http://127.0.0.1:4010/checkout/s9",
          expiresAt: "2026-03-02T09:30:00Z",
          status: "pending",
          completedAt: null,
          createdAt: "2026-03-02T09:00:00Z",
        },
        qrSvg: "<svg/>",
      }),
      watch_share: () => undefined,
      escrow_action: () => {
        status = "delivered";
        return escrow().escrow;
      },
    });
    renderIn("en", <App />);
    expect((await screen.findByTestId("balance-available")).textContent).toContain("Available");
    fireEvent.click(screen.getByTestId("nav-new-escrow"));
    fireEvent.click(await screen.findByTestId("new-escrow-mode-quick")); // its code loads on first opening
    fireEvent.change(screen.getByLabelText("Title"), { target: { value: "Chéchia rouge" } });
    fireEvent.change(screen.getByLabelText("Amount (TND)"), { target: { value: "45" } });
    fireEvent.change(screen.getByLabelText("Buyer’s e-mail"), { target: { value: "amira@example.tn" } });
    fireEvent.click(screen.getByTestId("new-escrow-submit"));
    expect(await screen.findByTestId("share-qr")).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId("escrow-detail").dataset.escrowId).toBe("new1"));
    expect(ipc.calls.find((c) => c.cmd === "create_share")?.args).toEqual({
      request: { escrowId: "new1", action: "accept_pay", targetEmail: "amira@example.tn" },
    });
    await waitFor(() => expect(ipc.names()).toContain("watch_share"));

    // The buyer pays through the link; the watcher reports it.
    status = "paid";
    await act(() => emit("share://status", { sessionId: "s9", status: "completed", escrowStatus: "paid" }));
    expect(screen.getByTestId("share-status").textContent).toContain("Paid");
    await waitFor(() => expect(screen.getByTestId("escrow-status").textContent).toBe("Paid"));
    fireEvent.click(screen.getByTestId("share-close"));
    expect(screen.queryByTestId("share-dialog")).toBeNull();
    fireEvent.click(screen.getByTestId("action-deliver"));
    await waitFor(() => expect(screen.getByTestId("escrow-status").textContent).toBe("Delivered"));
    expect(ipc.calls.find((c) => c.cmd === "escrow_action")?.args).toEqual({
      request: { id: "new1", action: "deliver" },
    });
  });
});
