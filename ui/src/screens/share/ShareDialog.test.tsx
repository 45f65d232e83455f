import { emit } from "@tauri-apps/api/event";
import { act, fireEvent, screen, waitFor } from "../../test/testing-library";
import { describe, expect, it, vi } from "vitest";
import type { ShareView } from "../../bindings/ShareView";
import { qrSource } from "../../components/shop/Qr";
import { mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { ShareDialog } from "./ShareDialog";
import { useShare } from "./useShare";

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>';

function shareView(over: Partial<ShareView["session"]> = {}): ShareView {
  return {
    session: {
      sessionId: "s1",
      escrowId: "e7",
      action: "accept_pay",
      targetEmail: "amira@example.tn",
      redirectUrl: "https://shop.example.tn/merci",
      url: "https://dhmad.tn/checkout/s1",
      expiresAt: "2026-03-02T09:30:00Z",
      status: "pending",
      completedAt: null,
      createdAt: "2026-03-02T09:00:00Z",
      ...over,
    },
    qrSvg: SVG,
  };
}

/** A screen that makes a link and shows the error, as the app does. */
function ErrorHost() {
  const share = useShare(() => {});
  return (
    <>
      <button type="button" onClick={() => void share.create({ escrowId: "e7", action: "accept_pay" })}>
        go
      </button>
      <p>{share.error ? String((share.error as { userMessage: string }).userMessage) : ""}</p>
    </>
  );
}

describe("ShareDialog", () => {
  it("shows the URL, the QR as an image (never markup), and who must act", () => {
    renderIn(
      "en",
      <ShareDialog share={shareView()} status="pending" escrowStatus={null} onRenew={() => {}} onClose={() => {}} />,
    );
    expect((screen.getByTestId("share-url") as HTMLInputElement).value).toBe("https://dhmad.tn/checkout/s1");
    const qr = screen.getByTestId("share-qr") as HTMLImageElement;
    expect(qr.tagName).toBe("IMG");
    expect(qr.getAttribute("src")).toBe(qrSource(SVG));
    expect(qr.getAttribute("src")?.startsWith("data:image/svg+xml;charset=utf-8,%3Csvg")).toBe(true);
    expect(screen.getByTestId("share-dialog").querySelector("svg")).toBeNull();
    expect(screen.getByTestId("share-status").textContent).toBe("Waiting for amira@example.tn: Accept and pay…");
    expect(screen.queryByRole("button", { name: "Make a new link" })).toBeNull();
  });

  it("copies the link to the clipboard", async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText } });
    renderIn(
      "en",
      <ShareDialog share={shareView()} status="pending" escrowStatus={null} onRenew={() => {}} onClose={() => {}} />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Copy the link" }));
    expect(await screen.findByRole("button", { name: "Copied ✓" })).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith("https://dhmad.tn/checkout/s1");
  });

  it("opens the link in the browser, and a prefilled e-mail in French", async () => {
    const ipc = mockCommands({ open_link: () => null });
    renderIn(
      "fr",
      <ShareDialog
        share={shareView()}
        status="pending"
        escrowStatus={null}
        escrowTitle="Tapis"
        onRenew={() => {}}
        onClose={() => {}}
      />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Ouvrir dans le navigateur" }));
    fireEvent.click(screen.getByRole("button", { name: "Envoyer par e-mail" }));
    // Every link goes through the app's checked open_link command, never the raw opener plugin.
    await waitFor(() => expect(ipc.calls.filter((c) => c.cmd === "open_link").length).toBe(2));
    expect(ipc.names().some((n) => n.startsWith("plugin:opener"))).toBe(false);
    const urls = ipc.calls
      .filter((c) => c.cmd === "open_link")
      .map((c) => String((c.args.request as { url: string }).url));
    expect(urls[0]).toBe("https://dhmad.tn/checkout/s1");
    const mail = new URL(urls[1] ?? "");
    expect(mail.protocol).toBe("mailto:");
    expect(decodeURIComponent(mail.pathname)).toBe("amira@example.tn");
    expect(mail.searchParams.get("subject")).toBe("DHMAD : Tapis");
    expect(mail.searchParams.get("body")).toContain("Pour « Accepter et payer » sur DHMAD");
    expect(mail.searchParams.get("body")).toContain("https://dhmad.tn/checkout/s1");
  });

  it("offers to renew an expired link", () => {
    const renew = vi.fn();
    renderIn(
      "en",
      <ShareDialog share={shareView()} status="expired" escrowStatus={null} onRenew={renew} onClose={() => {}} />,
    );
    expect(screen.getByTestId("share-status").textContent).toBe("This link expired. Make a new one.");
    fireEvent.click(screen.getByRole("button", { name: "Make a new link" }));
    expect(renew).toHaveBeenCalledOnce();
  });

  it("says when the link was used and what the escrow became, in Arabic", () => {
    renderIn(
      "ar",
      <ShareDialog share={shareView()} status="completed" escrowStatus="paid" onRenew={() => {}} onClose={() => {}} />,
    );
    expect(screen.getByTestId("share-status").textContent).toBe("تمّ ✓ — حالة الضمان الآن: مدفوع");
  });
});

function Host({ changed }: { changed: (id: string) => void }) {
  const share = useShare(changed);
  return (
    <>
      <button
        type="button"
        onClick={() => void share.create({ escrowId: "e7", action: "accept_pay", targetEmail: "amira@example.tn" })}
      >
        go
      </button>
      {share.state ? (
        <ShareDialog
          share={share.state.share}
          status={share.state.status}
          escrowStatus={share.state.escrowStatus}
          error={share.error}
          onRenew={() => void share.renew()}
          onClose={share.close}
        />
      ) : null}
    </>
  );
}

/** Lets pending effects run and their subscriptions (a promise each) complete. */
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

describe("useShare", () => {
  it("creates the link, watches it, follows its events, and renews it", async () => {
    const ipc = mockCommands({
      create_share: () => shareView(),
      watch_share: (args) => shareView({ sessionId: (args.request as { sessionId: string }).sessionId }),
      renew_share: () => shareView({ sessionId: "s2", url: "https://dhmad.tn/checkout/s2" }),
    });
    const changed: string[] = [];
    renderIn("en", <Host changed={(id) => changed.push(id)} />);
    fireEvent.click(screen.getByText("go"));
    expect(await screen.findByTestId("share-qr")).toBeTruthy();
    await waitFor(() => expect(ipc.names()).toEqual(["create_share", "watch_share"]));
    expect(ipc.calls[0]?.args).toEqual({
      request: { escrowId: "e7", action: "accept_pay", targetEmail: "amira@example.tn" },
    });
    await settle();
    // Another link's event changes nothing.
    await act(() => emit("share://status", { sessionId: "other", status: "completed", escrowStatus: "paid" }));
    expect(screen.getByTestId("share-status").dataset.status).toBe("pending");
    await act(() => emit("share://status", { sessionId: "s1", status: "expired", escrowStatus: null }));
    expect(screen.getByTestId("share-status").dataset.status).toBe("expired");
    expect(changed).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Make a new link" }));
    await waitFor(() =>
      expect((screen.getByTestId("share-url") as HTMLInputElement).value).toBe("https://dhmad.tn/checkout/s2"),
    );
    // The hook listens to the new link's events from an effect: let it subscribe first.
    await settle();
    await act(() => emit("share://status", { sessionId: "s2", status: "completed", escrowStatus: "paid" }));
    expect(screen.getByTestId("share-status").textContent).toBe("Done ✓ — the escrow is now: Paid");
    expect(changed).toEqual(["e7"]);
    expect(ipc.names()).toEqual(["create_share", "watch_share", "renew_share", "watch_share"]);
  });

  it("shows why a link could not be made", async () => {
    mockCommands({
      create_share: () => {
        throw { code: "validation", message: "400 PAYMENT_ALREADY_DONE", userMessage: "Ce séquestre est déjà payé." };
      },
    });
    renderIn("en", <ErrorHost />);
    fireEvent.click(screen.getByText("go"));
    expect(await screen.findByText("Ce séquestre est déjà payé.")).toBeTruthy();
  });
});
