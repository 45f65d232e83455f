import { fireEvent, screen, waitFor } from "../../test/testing-library";
import { describe, expect, it } from "vitest";
import type { CreateEscrowRequest } from "../../bindings/CreateEscrowRequest";
import { formatMoney } from "../../format";
import { detail } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { type Created, NewEscrowForm } from "./NewEscrowForm";

const created = detail().escrow;

function backend() {
  return mockCommands({
    fee_preview: (args) => {
      const r = args.request as { amountTnd: number };
      const fee = r.amountTnd / 20;
      return { escrowFee: fee, developerFee: 0, net: r.amountTnd - fee, rateBp: 500, rateObserved: false };
    },
    create_escrow: () => ({ escrow: created, pending: null, notCreated: false }),
  });
}

const PENDING = {
  reference: "K7F3QXM2",
  buyerEmail: "amira@example.tn",
  sentAt: "2026-03-01T10:00:00Z",
  thirdPartySeller: false,
};

/** A backend whose create answer was lost; the lookup answers when `answer` is called. */
function lostAnswer() {
  let answer: (outcome: unknown) => void = () => {};
  const ipc = mockCommands({
    fee_preview: () => ({ escrowFee: 0, developerFee: 0, net: 0, rateBp: 500, rateObserved: true }),
    create_escrow: () => ({ escrow: null, pending: PENDING, notCreated: false }),
    create_reconcile: () =>
      new Promise((resolve) => {
        answer = resolve;
      }),
  });
  return { ipc, answer: (outcome: unknown) => answer(outcome) };
}

function type(label: string | RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

function submit(): HTMLButtonElement {
  return screen.getByTestId("new-escrow-submit") as HTMLButtonElement;
}

function fillQuick() {
  type("Title", "Tapis berbère");
  type("Amount (TND)", "120");
  type("Buyer’s e-mail", "amira@example.tn");
}

describe("NewEscrowForm", () => {
  it("creates a quick escrow after showing the fee and the net, then asks to share accept_pay", async () => {
    const ipc = backend();
    const done: Created[] = [];
    renderIn("en", <NewEscrowForm onCreated={(c) => done.push(c)} />);
    expect(submit().disabled).toBe(true);
    expect(screen.getByText("Type a valid amount to see the fees.")).toBeTruthy();
    fillQuick();
    expect(submit().disabled).toBe(false);
    expect((await screen.findByTestId("new-escrow-net")).textContent).toBe(formatMoney(114000, "en-GB"));
    expect(screen.getByText("Estimated with DHMAD’s usual rate (5 %).")).toBeTruthy();
    expect(ipc.calls.find((c) => c.cmd === "fee_preview")?.args).toEqual({
      request: { amountTnd: 120000, mode: "quick" },
    });
    fireEvent.click(submit());
    await waitFor(() => expect(done.length).toBe(1));
    expect(ipc.calls.find((c) => c.cmd === "create_escrow")?.args.request).toEqual({
      mode: "quick",
      title: "Tapis berbère",
      amount: 120000,
      currency: "TND",
      buyerEmail: "amira@example.tn",
      estimatedDeliveryDays: 3,
    } satisfies CreateEscrowRequest);
    expect(done[0]).toMatchObject({ action: "accept_pay", targetEmail: "amira@example.tn" });
  });

  it("standard asks for contract terms and auto-sign, then shares sign_contract", async () => {
    const ipc = backend();
    const done: Created[] = [];
    renderIn("en", <NewEscrowForm onCreated={(c) => done.push(c)} />);
    fireEvent.click(screen.getByTestId("new-escrow-mode-standard"));
    fillQuick();
    expect(submit().disabled).toBe(true); // contract terms are required
    type("Contract terms", "Livraison sous 7 jours, retour possible 3 jours.");
    fireEvent.click(screen.getByLabelText("Sign the contract for me with my dashboard signature"));
    fireEvent.click(submit());
    await waitFor(() => expect(done.map((c) => c.action)).toEqual(["sign_contract"]));
    expect(ipc.calls.find((c) => c.cmd === "create_escrow")?.args.request).toMatchObject({
      mode: "standard",
      contractTerms: "Livraison sous 7 jours, retour possible 3 jours.",
      autoSign: true,
    });
  });

  it("instant makes you the seller: no seller e-mail, no delivery days", async () => {
    const ipc = backend();
    renderIn("en", <NewEscrowForm onCreated={() => {}} />);
    fireEvent.click(screen.getByTestId("new-escrow-mode-instant"));
    expect(screen.queryByLabelText(/Seller’s e-mail/)).toBeNull();
    expect(screen.queryByLabelText("Delivery time (days)")).toBeNull();
    expect(screen.getByText("You are the seller of an instant escrow.")).toBeTruthy();
    type("Title", "Café");
    type("Amount (TND)", "0.5");
    type("Buyer’s e-mail", "client@example.tn");
    fireEvent.click(submit());
    await waitFor(() => expect(ipc.names()).toContain("create_escrow"));
    expect(ipc.calls.find((c) => c.cmd === "create_escrow")?.args.request).toEqual({
      mode: "instant",
      title: "Café",
      amount: 500,
      currency: "TND",
      buyerEmail: "client@example.tn",
    });
  });

  it("quick with a third-party seller takes a developer fee and a proof policy", async () => {
    const ipc = backend();
    renderIn("en", <NewEscrowForm onCreated={() => {}} />);
    fillQuick();
    expect(screen.queryByLabelText("Your developer fee (%)")).toBeNull();
    type(/Seller’s e-mail/, "atelier@example.tn");
    type("Your developer fee (%)", "2,5");
    fireEvent.click(screen.getByLabelText("Ask the seller for a proof of purchase"));
    type("Hours to send the proof", "48");
    fireEvent.click(submit());
    await waitFor(() => expect(ipc.names()).toContain("create_escrow"));
    expect(ipc.calls.find((c) => c.cmd === "create_escrow")?.args.request).toMatchObject({
      sellerEmail: "atelier@example.tn",
      developerFeePercentage: "2.5",
      proofPolicy: { proofUploadDeadlineHours: 48, buyerReviewDeadlineHours: 24 },
    });
  });

  describe("every out-of-range value shows its message and disables submit", () => {
    const cases: Array<[string, () => void, string]> = [
      ["empty title", () => type("Title", ""), "The title must have 1 to 200 characters."],
      ["201-character title", () => type("Title", "é".repeat(201)), "The title must have 1 to 200 characters."],
      ["quick under 5 TND", () => type("Amount (TND)", "4.999"), "Standard and quick escrows start at 5 TND."],
      ["4 decimals", () => type("Amount (TND)", "10.0001"), "Type an amount with at most 3 decimals, e.g. 25.500"],
      ["negative amount", () => type("Amount (TND)", "-10"), "Type an amount with at most 3 decimals, e.g. 25.500"],
      ["bad buyer e-mail", () => type("Buyer’s e-mail", "amira@"), "Type a valid e-mail address."],
      ["bad seller e-mail", () => type(/Seller’s e-mail/, "atelier"), "Type a valid e-mail address."],
      [
        "0 delivery days",
        () => type("Delivery time (days)", "0"),
        "The delivery time is a whole number of days, at least 1.",
      ],
      [
        "1.5 delivery days",
        () => type("Delivery time (days)", "1.5"),
        "The delivery time is a whole number of days, at least 1.",
      ],
      [
        "developer fee over 25",
        () => {
          type(/Seller’s e-mail/, "atelier@example.tn");
          type("Your developer fee (%)", "25.01");
        },
        "The developer fee is a percentage from 0 to 25, with at most 2 decimals.",
      ],
      [
        "proof upload under 6 h",
        () => {
          fireEvent.click(screen.getByLabelText("Ask the seller for a proof of purchase"));
          type("Hours to send the proof", "5");
        },
        "Choose between 6 and 72 hours.",
      ],
      [
        "proof review over 72 h",
        () => {
          fireEvent.click(screen.getByLabelText("Ask the seller for a proof of purchase"));
          type("Hours for the buyer to review it", "73");
        },
        "Choose between 6 and 72 hours.",
      ],
    ];
    for (const [name, breakIt, message] of cases) {
      it(name, () => {
        backend();
        renderIn("en", <NewEscrowForm onCreated={() => {}} />);
        fillQuick();
        expect(submit().disabled).toBe(false);
        breakIt();
        expect(screen.getByText(message)).toBeTruthy();
        expect(submit().disabled).toBe(true);
      });
    }

    it("standard under 5 TND, contract terms over 10,000 characters", () => {
      backend();
      renderIn("en", <NewEscrowForm onCreated={() => {}} />);
      fireEvent.click(screen.getByTestId("new-escrow-mode-standard"));
      fillQuick();
      type("Contract terms", "x".repeat(10_000));
      expect(submit().disabled).toBe(false);
      type("Contract terms", "x".repeat(10_001));
      expect(screen.getByText("Contract terms are limited to 10,000 characters.")).toBeTruthy();
      expect(submit().disabled).toBe(true);
      type("Contract terms", "ok");
      type("Amount (TND)", "4");
      expect(screen.getByText("Standard and quick escrows start at 5 TND.")).toBeTruthy();
      expect(submit().disabled).toBe(true);
    });

    it("instant under 0.010 TND", () => {
      backend();
      renderIn("en", <NewEscrowForm onCreated={() => {}} />);
      fireEvent.click(screen.getByTestId("new-escrow-mode-instant"));
      fillQuick();
      type("Amount (TND)", "0.01");
      expect(submit().disabled).toBe(false);
      type("Amount (TND)", "0.009");
      expect(screen.getByText("An instant escrow starts at 0.010 TND.")).toBeTruthy();
      expect(submit().disabled).toBe(true);
    });
  });

  it("says it is not sure yet while a lost create is looked up, then goes on with the escrow found", async () => {
    const { ipc, answer } = lostAnswer();
    const done: Created[] = [];
    renderIn("en", <NewEscrowForm onCreated={(c) => done.push(c)} />);
    fillQuick();
    fireEvent.click(submit());
    expect((await screen.findByTestId("new-escrow-checking")).textContent).toBe(
      "Not sure yet — checking with DHMAD… (ref. #K7F3QXM2)",
    );
    expect(submit().disabled).toBe(true);
    expect(ipc.calls.find((c) => c.cmd === "create_reconcile")?.args).toEqual({ request: { pending: PENDING } });
    answer({ escrow: created, pending: null, notCreated: false });
    await waitFor(() => expect(done.length).toBe(1));
    expect(done[0]?.escrow).toEqual(created);
    expect(screen.queryByTestId("new-escrow-checking")).toBeNull();
    expect(ipc.names().filter((n) => n === "create_escrow")).toHaveLength(1);
  });

  it("says 'not created' in every language once DHMAD clearly has not got it, and lets the merchant create again", async () => {
    for (const [lang, text] of [
      ["en", "Not created — you can create it again."],
      ["fr", "Non créé — vous pouvez le créer à nouveau."],
      ["ar", "لم يُنشأ — يمكنك إنشاؤه من جديد."],
    ] as const) {
      const { ipc, answer } = lostAnswer();
      const done: Created[] = [];
      const view = renderIn(lang, <NewEscrowForm onCreated={(c) => done.push(c)} />);
      const [title, amount, buyer] = screen.getAllByRole("textbox");
      fireEvent.change(title as HTMLElement, { target: { value: "Tapis" } });
      fireEvent.change(amount as HTMLElement, { target: { value: "120" } });
      fireEvent.change(buyer as HTMLElement, { target: { value: "amira@example.tn" } });
      fireEvent.click(submit());
      await screen.findByTestId("new-escrow-checking");
      answer({ escrow: null, pending: null, notCreated: true });
      expect((await screen.findByTestId("new-escrow-not-created")).textContent).toBe(text);
      expect(screen.queryByTestId("new-escrow-checking")).toBeNull();
      await waitFor(() => expect(submit().disabled).toBe(false));
      expect(done).toEqual([]);
      expect(ipc.names().filter((n) => n === "create_escrow")).toHaveLength(1);
      view.unmount();
    }
  });

  it("shows DHMAD's refusal as the merchant reads it", async () => {
    mockCommands({
      fee_preview: () => ({ escrowFee: 0, developerFee: 0, net: 0, rateBp: 500, rateObserved: true }),
      create_escrow: () => {
        throw { code: "noAccess", message: "403", userMessage: "Associez votre compte pour percevoir des frais." };
      },
    });
    renderIn("fr", <NewEscrowForm onCreated={() => {}} />);
    type("Titre", "Tapis");
    type("Montant (DT)", "120");
    type("E-mail de l’acheteur", "amira@example.tn");
    fireEvent.click(submit());
    expect(await screen.findByText("Associez votre compte pour percevoir des frais.")).toBeTruthy();
  });
});
