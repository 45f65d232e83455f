import { fireEvent, screen, waitFor, within } from "../../test/testing-library";
import { describe, expect, it } from "vitest";
import type { KycInviteView } from "../../bindings/KycInviteView";
import { noPrinters, profile } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { resendAllowedAt } from "./cooldown";
import { KycScreen } from "./KycScreen";

const NOW = Date.parse("2026-03-02T10:02:00Z");

const invite = (over: Partial<KycInviteView> = {}): KycInviteView => ({
  id: "k1",
  email: "amira@example.tn",
  externalUserId: null,
  status: "pending",
  claimStatus: "pending",
  linked: false,
  emailSentAt: "2026-03-02T10:00:00Z",
  createdAt: "2026-03-02T10:00:00Z",
  updatedAt: null,
  ...over,
});

describe("KycScreen", () => {
  it("loads the book's invites with status badges and linked or not", async () => {
    mockCommands({
      kyc_list: () => [
        invite(),
        invite({ id: "k2", email: "sami@example.tn", status: "approved", linked: true, externalUserId: "C-12" }),
      ],
    });
    renderIn("en", <KycScreen now={() => NOW} />);
    expect(screen.getByText("Loading invites…")).toBeTruthy();
    const rows = await screen.findAllByTestId("kyc-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain("Pending");
    expect(rows[0]?.textContent).toContain("Not linked yet");
    expect(rows[1]?.textContent).toContain("Approved");
    expect(rows[1]?.textContent).toContain("Linked");
    expect(rows[1]?.textContent).toContain("C-12");
  });

  it("says when there is none, and shows a list failure with retry", async () => {
    let fail = true;
    mockCommands({
      kyc_list: () => {
        if (fail) throw { code: "offline", message: "down" };
        return [];
      },
    });
    renderIn("fr", <KycScreen now={() => NOW} />);
    expect(await screen.findByRole("alert")).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByText("Réessayer"));
    expect((await screen.findByTestId("kyc-empty")).textContent).toBe("Aucune invitation pour l’instant.");
  });

  it("invites with the optional fields and shows the approved invite at once (demo)", async () => {
    const ipc = mockCommands({
      kyc_list: () => [],
      kyc_invite: () => ({
        invite: invite({ id: "k9", email: "new@example.tn", status: "approved" }),
        existing: false,
        message: "Sandbox: auto-approved",
      }),
    });
    renderIn("en", <KycScreen now={() => NOW} />);
    await screen.findByTestId("kyc-empty");
    fireEvent.change(screen.getByTestId("kyc-email"), { target: { value: "new@example.tn" } });
    fireEvent.change(screen.getByTestId("kyc-external-id"), { target: { value: "C-99" } });
    fireEvent.click(screen.getByTestId("kyc-invite"));
    expect((await screen.findByTestId("kyc-outcome")).textContent).toContain("new@example.tn is approved");
    expect(ipc.calls.find((c) => c.cmd === "kyc_invite")?.args).toEqual({
      request: { email: "new@example.tn", externalId: "C-99" },
    });
    expect(screen.getAllByTestId("kyc-row")[0]?.textContent).toContain("Approved");
  });

  it("explains the 5-minute rule when DHMAD refuses a resend", async () => {
    mockCommands({
      kyc_list: () => [invite()],
      kyc_invite: () => {
        throw {
          code: "conflict",
          message: "too soon",
          userMessage:
            "An identity verification invite was sent to amira@example.tn at 10:00:00 UTC; try again after 10:05:00 UTC.",
        };
      },
    });
    renderIn("en", <KycScreen now={() => NOW} />);
    await screen.findAllByTestId("kyc-row");
    fireEvent.change(screen.getByTestId("kyc-email"), { target: { value: "amira@example.tn" } });
    fireEvent.click(screen.getByTestId("kyc-invite"));
    expect((await screen.findByRole("alert")).textContent).toContain("try again after 10:05:00 UTC");
    // 10:05 UTC is 11:05 in Tunis.
    expect(screen.getByTestId("kyc-cooldown").textContent).toContain("11:05");
  });

  it("searches by e-mail on DHMAD and refreshes one invite", async () => {
    const ipc = mockCommands({
      kyc_list: (args) => ((args.request as { email?: string }).email ? [invite()] : []),
      kyc_refresh: () => invite({ status: "rejected" }),
    });
    renderIn("ar", <KycScreen now={() => NOW} />);
    await screen.findByTestId("kyc-empty");
    fireEvent.change(screen.getByTestId("kyc-search"), { target: { value: "amira@example.tn" } });
    fireEvent.submit(screen.getByTestId("kyc-search").closest("form") as HTMLFormElement);
    const row = await screen.findByTestId("kyc-row");
    expect(row.textContent).toContain("قيد الانتظار");
    fireEvent.click(screen.getByText("تحديث"));
    await waitFor(() => expect(screen.getByTestId("kyc-status").textContent).toBe("مرفوض"));
    expect(ipc.calls.filter((c) => c.cmd === "kyc_list").map((c) => c.args)).toEqual([
      { request: {} },
      { request: { email: "amira@example.tn" } },
    ]);
  });

  it("knows when a resend is allowed", () => {
    expect(resendAllowedAt([invite()], "AMIRA@example.tn", NOW)?.toISOString()).toBe("2026-03-02T10:05:00.000Z");
    expect(resendAllowedAt([invite()], "amira@example.tn", Date.parse("2026-03-02T10:05:00Z"))).toBeNull();
    expect(resendAllowedAt([invite({ status: "approved" })], "amira@example.tn", NOW)).toBeNull();
  });

  it("prints a slip for each invite on the receipt printer", async () => {
    const printing = {
      ...noPrinters,
      printers: [{ name: "Comptoir", uri: "tcp://192.168.1.50:9100", paper: "80" as const }],
    };
    const ipc = mockCommands({
      profiles_list: () => ({ profiles: [profile({ settings: { ...profile().settings, printing } })], activeId: "p1" }),
      kyc_list: () => [invite(), invite({ id: "k2", email: "sami@example.tn" })],
      print_kyc_slip: () => ({ printer: "Comptoir", widthDots: 576, heightDots: 800, bytes: 50_000 }),
    });
    renderIn("en", <KycScreen now={() => NOW} />);
    await waitFor(() => expect(screen.getAllByTestId("print-kyc")).toHaveLength(2));
    fireEvent.click(screen.getAllByTestId("print-kyc")[1] as HTMLElement);
    const rows = screen.getAllByTestId("kyc-row");
    expect(await within(rows[1] as HTMLElement).findByText("Printed on Comptoir")).toBeTruthy();
    expect(within(rows[0] as HTMLElement).queryByTestId("print-status")).toBeNull();
    expect(ipc.calls.find((c) => c.cmd === "print_kyc_slip")?.args).toEqual({ request: { id: "k2" } });
  });

  it("offers no slip to print without a printer", async () => {
    mockCommands({ profiles_list: () => ({ profiles: [profile()], activeId: "p1" }), kyc_list: () => [invite()] });
    renderIn("en", <KycScreen now={() => NOW} />);
    await screen.findAllByTestId("kyc-row");
    expect(screen.queryByTestId("print-kyc")).toBeNull();
  });
});
