import { emit } from "@tauri-apps/api/event";
import { act, fireEvent, screen, waitFor } from "../../test/testing-library";
import { describe, expect, it } from "vitest";
import { detail } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import type { ShareOption } from "./DetailActions";
import { EscrowDetail } from "./EscrowDetail";

const URL = "https://dhmad.tn/checkout/s9";
/** A paid escrow where the merchant sells: a dispute link for each party. */
const disputes = () =>
  detail({
    shareActions: [
      { action: "dispute", party: "seller", targetEmail: "owner@carthage.tn" },
      { action: "dispute", party: "buyer", targetEmail: "amira@example.tn" },
    ],
  });
const created = (args: Record<string, unknown>) => {
  const request = args.request as { escrowId: string; action: string; targetEmail: string };
  return {
    session: {
      sessionId: "s9",
      escrowId: request.escrowId,
      action: request.action,
      targetEmail: request.targetEmail,
      redirectUrl: "https://shop.example.tn/merci",
      url: URL,
      expiresAt: "2026-03-02T12:30:00Z",
      status: "pending",
      completedAt: null,
      createdAt: "2026-03-02T12:00:00Z",
    },
    qrSvg: "<svg/>",
  };
};

describe("the merchant's own checkout actions", () => {
  it("open the hosted page in the browser, labelled by what they do, instead of a link for oneself", async () => {
    const ipc = mockCommands({
      escrow_detail: disputes,
      create_share: created,
      open_link: () => null,
      watch_share: () => null,
    });
    renderIn("en", <EscrowDetail id="e7" onBack={() => {}} onShare={() => {}} />);
    const own = await screen.findByRole("button", { name: "Open the dispute form" });
    expect(screen.queryByRole("button", { name: /link for owner@carthage\.tn/ })).toBeNull();
    fireEvent.click(own);
    expect(await screen.findByText("Opened in your browser.")).toBeTruthy();
    const names = ipc.names();
    expect(names.indexOf("create_share")).toBeGreaterThan(-1);
    expect(names.indexOf("open_link")).toBeGreaterThan(names.indexOf("create_share"));
    expect(ipc.calls.find((c) => c.cmd === "create_share")?.args).toEqual({
      request: { escrowId: "e7", action: "dispute", targetEmail: "owner@carthage.tn" },
    });
    expect(ipc.calls.find((c) => c.cmd === "open_link")?.args).toEqual({ request: { url: URL } });
    expect((screen.getByLabelText("If it did not open, copy this link") as HTMLInputElement).value).toBe(URL);
  });

  it("are watched, and the escrow is read again once the merchant used the page", async () => {
    const ipc = mockCommands({
      escrow_detail: disputes,
      create_share: created,
      open_link: () => null,
      watch_share: () => null,
    });
    renderIn("en", <EscrowDetail id="e7" onBack={() => {}} />);
    fireEvent.click(await screen.findByRole("button", { name: "Open the dispute form" }));
    await waitFor(() =>
      expect(ipc.calls.find((c) => c.cmd === "watch_share")?.args).toEqual({ request: { sessionId: "s9" } }),
    );
    const reads = () => ipc.names().filter((n) => n === "escrow_detail").length;
    await waitFor(() => expect(reads()).toBe(2)); // the new link joins the list
    await act(() => emit("share://status", { sessionId: "someone-else", status: "completed", escrowStatus: "paid" }));
    expect(reads()).toBe(2);
    await act(() => emit("share://status", { sessionId: "s9", status: "completed", escrowStatus: null }));
    await waitFor(() => expect(reads()).toBe(3));
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("say what they do in French and Arabic too", async () => {
    mockCommands({ escrow_detail: disputes });
    const { unmount } = renderIn("fr", <EscrowDetail id="e7" onBack={() => {}} />);
    expect(await screen.findByRole("button", { name: "Ouvrir le formulaire de litige" })).toBeTruthy();
    unmount();
    renderIn("ar", <EscrowDetail id="e7" onBack={() => {}} />);
    expect(await screen.findByRole("button", { name: "افتح استمارة النزاع" })).toBeTruthy();
  });

  it("leave the other party's link to the share flow", async () => {
    const ipc = mockCommands({ escrow_detail: disputes });
    const shared: ShareOption[] = [];
    renderIn("en", <EscrowDetail id="e7" onBack={() => {}} onShare={(_, option) => shared.push(option)} />);
    fireEvent.click(await screen.findByRole("button", { name: "Open a dispute — link for amira@example.tn" }));
    expect(shared).toEqual([{ action: "dispute", party: "buyer", targetEmail: "amira@example.tn" }]);
    expect(ipc.names()).not.toContain("create_share");
    expect(screen.queryByText("Opened in your browser.")).toBeNull();
  });

  it("show why the page could not be created, and open nothing", async () => {
    const ipc = mockCommands({
      escrow_detail: disputes,
      create_share: () => {
        throw { code: "validation", message: "400", userMessage: "Un litige est déjà ouvert." };
      },
      open_link: () => null,
    });
    renderIn("en", <EscrowDetail id="e7" onBack={() => {}} />);
    fireEvent.click(await screen.findByRole("button", { name: "Open the dispute form" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Un litige est déjà ouvert.");
    expect(ipc.names()).not.toContain("open_link");
    expect(screen.getByTestId("self-opened").textContent).toBe("");
  });

  it("show why the browser could not open the page", async () => {
    mockCommands({
      escrow_detail: disputes,
      create_share: created,
      open_link: () => {
        throw { code: "validation", message: "refused", userMessage: "Ce lien ne peut pas être ouvert." };
      },
    });
    renderIn("en", <EscrowDetail id="e7" onBack={() => {}} />);
    fireEvent.click(await screen.findByRole("button", { name: "Open the dispute form" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Ce lien ne peut pas être ouvert.");
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Open the dispute form" })).toHaveProperty("disabled", false),
    );
    expect(screen.getByTestId("self-opened").textContent).toBe("");
  });
});
