import { fireEvent, screen, waitFor } from "../../test/testing-library";
import { describe, expect, it } from "vitest";
import { formatMoney } from "../../format";
import { detail } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import type { ApiAction, ShareOption } from "./DetailActions";
import { EscrowDetail } from "./EscrowDetail";

describe("EscrowDetail", () => {
  it("says it is loading until the book answers", () => {
    mockCommands({ escrow_detail: () => new Promise(() => {}) });
    renderIn("en", <EscrowDetail id="e7" onBack={() => {}} />);
    expect(screen.getByText("Loading…")).toBeTruthy();
  });

  it("shows parties, amounts with fees and net, paperwork, timeline and links", async () => {
    const ipc = mockCommands({ escrow_detail: () => detail(), open_link: () => null });
    renderIn("en", <EscrowDetail id="e7" onBack={() => {}} />);
    const view = await screen.findByTestId("escrow-detail");
    await screen.findByRole("heading", { name: "Tapis berbère" });
    expect(ipc.calls[0]?.args).toEqual({ request: { id: "e7" } });
    const text = view.textContent ?? "";
    expect(text).toContain("Sami Ben Ali <owner@carthage.tn>");
    expect(text).toContain("amira@example.tn");
    expect(text).toContain(formatMoney(120000, "en-GB"));
    expect(text).toContain(formatMoney(6000, "en-GB"));
    expect(text).toContain(formatMoney(2000, "en-GB"));
    expect(text).toContain(formatMoney(112000, "en-GB"));
    expect(text).toContain("seller signed · buyer has not signed");
    expect(text).toContain("Waiting for the seller’s proof");
    expect(text).toContain("Ticket DHM-00042 — DHMAD is handling it");
    expect(text).toContain("First seen: Pending");
    expect(text).toContain("Pending → Paid");
    expect(screen.getAllByTestId("session-row")[0]?.textContent).toContain("Accept and pay");
    expect(screen.getByTestId("escrow-status").textContent).toBe("Paid");
    fireEvent.click(screen.getByRole("button", { name: "Open the contract (PDF)" }));
    await waitFor(() => expect(ipc.names()).toContain("open_link"));
    expect(ipc.calls.find((c) => c.cmd === "open_link")?.args).toEqual({
      request: { url: "https://dhmad.tn/contracts/c1.pdf" },
    });
  });

  it("keeps a Latin name and address in their order on a right-to-left page", async () => {
    mockCommands({ escrow_detail: () => detail(), open_link: () => null });
    renderIn("ar", <EscrowDetail id="e7" onBack={() => {}} />);
    const address = await screen.findByText("<owner@carthage.tn>");
    expect(address.tagName).toBe("BDI");
    expect(address.getAttribute("dir")).toBe("ltr");
    const name = address.parentElement?.querySelector("bdi:not([dir])");
    expect(name?.textContent).toBe("Sami Ben Ali");
    expect(address.parentElement?.textContent).toBe("Sami Ben Ali <owner@carthage.tn>");
  });

  it("offers only the actions the backend allows", async () => {
    mockCommands({
      escrow_detail: () =>
        detail({ apiActions: ["deliver"], shareActions: [{ action: "dispute", targetEmail: "amira@example.tn" }] }),
    });
    const shared: ShareOption[] = [];
    renderIn(
      "en",
      <EscrowDetail id="e7" onBack={() => {}} onApiAction={async () => {}} onShare={(_, o) => shared.push(o)} />,
    );
    expect(await screen.findByTestId("action-deliver")).toBeTruthy();
    expect(screen.queryByTestId("action-cancel")).toBeNull();
    expect(screen.queryByRole("button", { name: "Edit" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Open a dispute — link for amira@example.tn" }));
    expect(shared).toEqual([{ action: "dispute", targetEmail: "amira@example.tn" }]);
  });

  it("shows no action section when nothing is allowed", async () => {
    mockCommands({ escrow_detail: () => detail({ apiActions: [], shareActions: [] }) });
    renderIn("en", <EscrowDetail id="e7" onBack={() => {}} onApiAction={async () => {}} />);
    await screen.findByRole("heading", { name: "Tapis berbère" });
    expect(screen.queryByRole("heading", { name: "What you can do" })).toBeNull();
  });

  it("asks before cancelling, sends the reason, and reloads", async () => {
    const ipc = mockCommands({ escrow_detail: () => detail({ apiActions: ["cancel", "update"] }) });
    const done: Array<[string, ApiAction, string | undefined]> = [];
    renderIn(
      "en",
      <EscrowDetail id="e7" onBack={() => {}} onApiAction={async (id, a, r) => void done.push([id, a, r])} />,
    );
    fireEvent.click(await screen.findByTestId("action-cancel"));
    expect(screen.getByRole("alertdialog").textContent).toContain("cannot be undone");
    expect(done).toEqual([]);
    fireEvent.change(screen.getByLabelText("Reason (optional)"), { target: { value: "Client a changé d’avis" } });
    fireEvent.click(screen.getByRole("button", { name: "Yes, cancel it" }));
    await waitFor(() => expect(done).toEqual([["e7", "cancel", "Client a changé d’avis"]]));
    await waitFor(() => expect(ipc.names().filter((n) => n === "escrow_detail").length).toBe(2));
  });

  it("shows a refused action as the merchant reads it", async () => {
    mockCommands({ escrow_detail: () => detail({ apiActions: ["deliver"] }) });
    renderIn(
      "en",
      <EscrowDetail
        id="e7"
        onBack={() => {}}
        onApiAction={() =>
          Promise.reject({
            code: "validation",
            message: "400",
            userMessage: "La preuve doit être acceptée avant la livraison.",
          })
        }
      />,
    );
    fireEvent.click(await screen.findByTestId("action-deliver"));
    expect((await screen.findByRole("alert")).textContent).toContain(
      "La preuve doit être acceptée avant la livraison.",
    );
  });

  it("edits a pending escrow, sending only what changed, in millimes", async () => {
    mockCommands({ escrow_detail: () => detail({ apiActions: ["update"] }) });
    const updates: unknown[] = [];
    renderIn("en", <EscrowDetail id="e7" onBack={() => {}} onUpdate={async (_, u) => void updates.push(u)} />);
    fireEvent.click(await screen.findByRole("button", { name: "Edit" }));
    const save = screen.getByRole("button", { name: "Save changes" }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText("Amount (TND)"), { target: { value: "0" } });
    expect(screen.getByText("The amount must be more than 0, with at most 3 decimals.")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Amount (TND)"), { target: { value: "130,5" } });
    fireEvent.click(save);
    await waitFor(() => expect(updates).toEqual([{ amount: 130500 }]));
  });

  it("says when nothing was seen yet and no link was made; shows a pending link again", async () => {
    mockCommands({ escrow_detail: () => detail({ history: [], sessions: [] }) });
    const { unmount } = renderIn("en", <EscrowDetail id="e7" onBack={() => {}} />);
    expect(await screen.findByText("No change seen yet.")).toBeTruthy();
    expect(screen.getByText("No link created from this app yet.")).toBeTruthy();
    unmount();
    const pending = { ...detail().sessions[0], sessionId: "s5", status: "pending" };
    mockCommands({ escrow_detail: () => detail({ sessions: [pending] }) });
    const shown: string[] = [];
    renderIn("en", <EscrowDetail id="e7" onBack={() => {}} onShowSession={(id) => shown.push(id)} />);
    expect((await screen.findByTestId("session-row")).textContent).toContain("Waiting");
    fireEvent.click(screen.getByRole("button", { name: "Show the link" }));
    expect(shown).toEqual(["s5"]);
  });

  it("shows why the escrow could not be read", async () => {
    mockCommands({
      escrow_detail: () => {
        throw { code: "notFound", message: "no row e7" };
      },
    });
    renderIn("fr", <EscrowDetail id="e7" onBack={() => {}} />);
    expect((await screen.findByRole("alert")).textContent).toContain("Cet élément n’existe plus.");
  });
});
