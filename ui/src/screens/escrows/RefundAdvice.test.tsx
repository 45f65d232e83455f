import { fireEvent, screen, waitFor } from "../../test/testing-library";
import { describe, expect, it } from "vitest";
import type { DhmadRefundWay } from "../../bindings/DhmadRefundWay";
import type { EscrowDetailView } from "../../bindings/EscrowDetailView";
import type { EscrowStatus } from "../../bindings/EscrowStatus";
import { detail, row } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import type { ApiAction, ShareOption } from "./DetailActions";
import { EscrowDetail } from "./EscrowDetail";

function sale(status: EscrowStatus, refundWay: DhmadRefundWay, over: Record<string, unknown> = {}) {
  const d: EscrowDetailView = detail({ refundWay, ...over }) as EscrowDetailView;
  d.escrow.row = row({ id: "e7", status, role: "seller" });
  d.escrow.disputeTicket = null;
  return d;
}

describe("Refund the buyer of a DHMAD sale", () => {
  it("cancels an unpaid sale after saying nothing was charged", async () => {
    mockCommands({ escrow_detail: () => sale("pending", "cancel") });
    const done: Array<[string, ApiAction]> = [];
    renderIn("en", <EscrowDetail id="e7" onBack={() => {}} onApiAction={async (id, a) => void done.push([id, a])} />);
    expect((await screen.findByTestId("refund-text")).textContent).toBe(
      "The buyer has not paid yet: cancel the sale. Nothing was charged.",
    );
    fireEvent.click(screen.getByTestId("refund-cancel"));
    expect(done).toEqual([]);
    fireEvent.click(screen.getByTestId("refund-cancel-confirm"));
    await waitFor(() => expect(done).toEqual([["e7", "cancel"]]));
  });

  it("sends a paid buyer the cancellation link, since only the buyer can ask for held money back", async () => {
    const link = { action: "request_cancellation", party: "buyer", targetEmail: "amira@example.tn" };
    mockCommands({
      escrow_detail: () => sale("paid", "buyerCancellation", { shareActions: [link] }),
    });
    const shared: ShareOption[] = [];
    renderIn("fr", <EscrowDetail id="e7" onBack={() => {}} onShare={(_, option) => shared.push(option)} />);
    expect((await screen.findByTestId("refund-text")).textContent).toContain("Seul l’acheteur peut le redemander");
    fireEvent.click(screen.getByTestId("refund-share"));
    expect(shared).toEqual([link]);
  });

  it("says plainly that released money cannot be refunded through DHMAD, with no button", async () => {
    mockCommands({ escrow_detail: () => sale("completed", "nothing") });
    renderIn("ar", <EscrowDetail id="e7" onBack={() => {}} onApiAction={async () => {}} onShare={() => {}} />);
    expect((await screen.findByTestId("refund-text")).textContent).toContain("لم يعد بإمكان DHMAD ردّه");
    expect(screen.getByTestId("refund-advice").querySelector("button")).toBeNull();
  });

  it("leaves a delivered sale in dispute to DHMAD's team, with no button", async () => {
    const d = sale("delivered", "nothing");
    d.escrow.disputeTicket = "DHM-00042";
    mockCommands({ escrow_detail: () => d });
    renderIn("en", <EscrowDetail id="e7" onBack={() => {}} onApiAction={async () => {}} onShare={() => {}} />);
    expect((await screen.findByTestId("refund-text")).textContent).toBe(
      "A dispute is open: DHMAD’s team decides where the money goes.",
    );
    expect(screen.getByTestId("refund-advice").querySelector("button")).toBeNull();
  });

  it("offers no refund where the merchant is the buyer", async () => {
    const d = detail({ refundWay: "nothing" });
    d.escrow.row = row({ id: "e7", status: "paid", role: "buyer" });
    mockCommands({ escrow_detail: () => d });
    renderIn("en", <EscrowDetail id="e7" onBack={() => {}} />);
    await screen.findByTestId("escrow-status");
    expect(screen.queryByTestId("refund-advice")).toBeNull();
  });
});
