import { fireEvent, screen } from "../../test/testing-library";
import type { i18n as I18n } from "i18next";
import { describe, expect, it } from "vitest";
import { detail } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { NewEscrowForm } from "./NewEscrowForm";
import type { Mode } from "./validation";

// Every rule of contract §2.3 (POST /escrows) the form can check, each value just outside its
// bound: the form shows the field's message in the user's language and sends nothing. The value
// just inside each bound is accepted, so a bound set one step too strict fails too.

type Step = (i18n: I18n) => void;

function field(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`no field #${id}`);
  return el;
}

/** Types into a field and leaves it (so an emptied field is reported too). */
function put(id: string, value: string): Step {
  return () => {
    fireEvent.change(field(id), { target: { value } });
    fireEvent.blur(field(id));
  };
}

const mode =
  (m: Mode): Step =>
  () =>
    fireEvent.click(screen.getByTestId(`new-escrow-mode-${m}`));
const askProof: Step = (i18n) => fireEvent.click(screen.getByLabelText(i18n.t("newEscrow.proofRequired")));
const thirdPartySeller = put("ne-seller", "atelier@example.tn");

/** A valid form of each mode, before the value under test. */
const VALID: Record<Mode, Step[]> = {
  quick: [put("ne-title", "Tapis berbère"), put("ne-amount", "120"), put("ne-buyer", "amira@example.tn")],
  standard: [
    mode("standard"),
    put("ne-title", "Tapis berbère"),
    put("ne-amount", "120"),
    put("ne-buyer", "amira@example.tn"),
    put("ne-terms", "Livraison sous 7 jours."),
  ],
  instant: [mode("instant"), put("ne-title", "Café"), put("ne-amount", "0.5"), put("ne-buyer", "client@example.tn")],
};

interface Bound {
  rule: string;
  mode: Mode;
  /** Extra setup making the field apply (a third-party seller, the proof policy). */
  given?: Step[];
  /** The value just outside the bound. */
  outside: Step;
  /** Its message key. */
  message: string;
  /** The value just inside the bound, accepted. */
  inside?: Step;
}

const usd: Step = () => fireEvent.change(field("ne-currency"), { target: { value: "USD" } });

const BOUNDS: Bound[] = [
  // title: 1–200 characters
  {
    rule: "title empty",
    mode: "quick",
    outside: put("ne-title", ""),
    message: "newEscrow.errors.title",
    inside: put("ne-title", "T"),
  },
  { rule: "title only spaces", mode: "quick", outside: put("ne-title", "   "), message: "newEscrow.errors.title" },
  {
    rule: "title 201 characters",
    mode: "quick",
    outside: put("ne-title", "ت".repeat(201)),
    message: "newEscrow.errors.title",
    inside: put("ne-title", "ت".repeat(200)),
  },
  // amount: a number with at most millime precision, ≥ 5 TND (standard, quick), ≥ 0.010 TND (instant)
  { rule: "amount empty", mode: "quick", outside: put("ne-amount", ""), message: "newEscrow.errors.amount" },
  { rule: "amount not a number", mode: "quick", outside: put("ne-amount", "abc"), message: "newEscrow.errors.amount" },
  { rule: "amount negative", mode: "instant", outside: put("ne-amount", "-1"), message: "newEscrow.errors.amount" },
  {
    rule: "amount with 4 decimals",
    mode: "quick",
    outside: put("ne-amount", "10.0001"),
    message: "newEscrow.errors.amount",
    inside: put("ne-amount", "10.001"),
  },
  {
    rule: "amount beyond exact millimes",
    mode: "quick",
    outside: put("ne-amount", "9007199254740.992"),
    message: "newEscrow.errors.amount",
    inside: put("ne-amount", "9007199254740.991"),
  },
  {
    rule: "quick under 5 TND",
    mode: "quick",
    outside: put("ne-amount", "4.999"),
    message: "newEscrow.errors.amountMin5",
    inside: put("ne-amount", "5"),
  },
  {
    rule: "standard under 5 TND",
    mode: "standard",
    outside: put("ne-amount", "4.999"),
    message: "newEscrow.errors.amountMin5",
    inside: put("ne-amount", "5.000"),
  },
  {
    rule: "instant under 0.010 TND",
    mode: "instant",
    outside: put("ne-amount", "0.009"),
    message: "newEscrow.errors.amountMinInstant",
    inside: put("ne-amount", "0.010"),
  },
  {
    rule: "instant zero",
    mode: "instant",
    outside: put("ne-amount", "0"),
    message: "newEscrow.errors.amountMinInstant",
  },
  {
    rule: "foreign currency zero",
    mode: "quick",
    given: [usd],
    outside: put("ne-amount", "0"),
    message: "newEscrow.errors.amount",
    inside: put("ne-amount", "0.001"),
  },
  // buyerEmail: required, an e-mail
  { rule: "buyer e-mail empty", mode: "quick", outside: put("ne-buyer", ""), message: "newEscrow.errors.email" },
  {
    rule: "buyer e-mail without @",
    mode: "quick",
    outside: put("ne-buyer", "amira.example.tn"),
    message: "newEscrow.errors.email",
  },
  {
    rule: "buyer e-mail without domain dot",
    mode: "instant",
    outside: put("ne-buyer", "amira@example"),
    message: "newEscrow.errors.email",
  },
  {
    rule: "buyer e-mail with a space",
    mode: "quick",
    outside: put("ne-buyer", "amira @example.tn"),
    message: "newEscrow.errors.email",
  },
  {
    rule: "buyer e-mail with two @",
    mode: "standard",
    outside: put("ne-buyer", "a@b@example.tn"),
    message: "newEscrow.errors.email",
  },
  {
    rule: "buyer e-mail domain ending with a dot",
    mode: "quick",
    outside: put("ne-buyer", "amira@example.tn."),
    message: "newEscrow.errors.email",
    inside: put("ne-buyer", "a@b.c"),
  },
  {
    rule: "buyer e-mail domain starting with a dot",
    mode: "quick",
    outside: put("ne-buyer", "amira@.example.tn"),
    message: "newEscrow.errors.email",
  },
  // sellerEmail: optional, an e-mail when given
  {
    rule: "seller e-mail invalid (quick)",
    mode: "quick",
    outside: put("ne-seller", "atelier"),
    message: "newEscrow.errors.email",
    inside: put("ne-seller", ""),
  },
  {
    rule: "seller e-mail invalid (standard)",
    mode: "standard",
    outside: put("ne-seller", "atelier@"),
    message: "newEscrow.errors.email",
  },
  // estimatedDeliveryDays: required for standard and quick, a whole number ≥ 1
  { rule: "delivery days empty", mode: "quick", outside: put("ne-days", ""), message: "newEscrow.errors.deliveryDays" },
  {
    rule: "delivery days 0",
    mode: "quick",
    outside: put("ne-days", "0"),
    message: "newEscrow.errors.deliveryDays",
    inside: put("ne-days", "1"),
  },
  {
    rule: "delivery days 0 (standard)",
    mode: "standard",
    outside: put("ne-days", "0"),
    message: "newEscrow.errors.deliveryDays",
    inside: put("ne-days", "1"),
  },
  {
    rule: "delivery days negative",
    mode: "quick",
    outside: put("ne-days", "-1"),
    message: "newEscrow.errors.deliveryDays",
  },
  {
    rule: "delivery days not whole",
    mode: "standard",
    outside: put("ne-days", "1.5"),
    message: "newEscrow.errors.deliveryDays",
  },
  // contractTerms: required for standard, at most 10,000 characters
  {
    rule: "contract terms empty",
    mode: "standard",
    outside: put("ne-terms", ""),
    message: "newEscrow.errors.contractRequired",
  },
  {
    rule: "contract terms only spaces",
    mode: "standard",
    outside: put("ne-terms", "  \n "),
    message: "newEscrow.errors.contractRequired",
  },
  {
    rule: "contract terms 10,001 characters",
    mode: "standard",
    outside: put("ne-terms", "ع".repeat(10_001)),
    message: "newEscrow.errors.contractTooLong",
    inside: put("ne-terms", "ع".repeat(10_000)),
  },
  // developerFeePercentage: 0–25, third-party seller only
  {
    rule: "developer fee over 25",
    mode: "quick",
    given: [thirdPartySeller],
    outside: put("ne-devfee", "25.01"),
    message: "newEscrow.errors.developerFee",
    inside: put("ne-devfee", "25"),
  },
  {
    rule: "developer fee negative",
    mode: "standard",
    given: [thirdPartySeller],
    outside: put("ne-devfee", "-0.01"),
    message: "newEscrow.errors.developerFee",
    inside: put("ne-devfee", "0"),
  },
  {
    rule: "developer fee 3 decimals",
    mode: "quick",
    given: [thirdPartySeller],
    outside: put("ne-devfee", "2.555"),
    message: "newEscrow.errors.developerFee",
    inside: put("ne-devfee", "2.55"),
  },
  {
    rule: "developer fee not a number",
    mode: "quick",
    given: [thirdPartySeller],
    outside: put("ne-devfee", "abc"),
    message: "newEscrow.errors.developerFee",
  },
  // fulfillmentPolicy deadlines: 6–72 hours (quick only)
  {
    rule: "proof upload 5 h",
    mode: "quick",
    given: [askProof],
    outside: put("ne-proof-upload", "5"),
    message: "newEscrow.errors.proofHours",
    inside: put("ne-proof-upload", "6"),
  },
  {
    rule: "proof upload 73 h",
    mode: "quick",
    given: [askProof],
    outside: put("ne-proof-upload", "73"),
    message: "newEscrow.errors.proofHours",
    inside: put("ne-proof-upload", "72"),
  },
  {
    rule: "proof upload empty",
    mode: "quick",
    given: [askProof],
    outside: put("ne-proof-upload", ""),
    message: "newEscrow.errors.proofHours",
  },
  {
    rule: "proof upload not whole",
    mode: "quick",
    given: [askProof],
    outside: put("ne-proof-upload", "6.5"),
    message: "newEscrow.errors.proofHours",
  },
  {
    rule: "proof review 5 h",
    mode: "quick",
    given: [askProof],
    outside: put("ne-proof-review", "5"),
    message: "newEscrow.errors.proofHours",
    inside: put("ne-proof-review", "6"),
  },
  {
    rule: "proof review 73 h",
    mode: "quick",
    given: [askProof],
    outside: put("ne-proof-review", "73"),
    message: "newEscrow.errors.proofHours",
    inside: put("ne-proof-review", "72"),
  },
];

function form(i18n: I18n, m: Mode, given: Step[] = []) {
  for (const step of [...VALID[m], ...given]) step(i18n);
}

function submit(): HTMLButtonElement {
  return screen.getByTestId("new-escrow-submit") as HTMLButtonElement;
}

function backend() {
  return mockCommands({
    fee_preview: () => ({ escrowFee: 0, developerFee: 0, net: 0, rateBp: 500, rateObserved: false }),
    create_escrow: () => ({ escrow: detail().escrow, pending: null, notCreated: false }),
  });
}

describe("NewEscrowForm refuses every out-of-range value of §2.3", () => {
  for (const language of ["en", "fr", "ar"] as const) {
    describe(language, () => {
      for (const bound of BOUNDS) {
        it(bound.rule, () => {
          const ipc = backend();
          const { i18n } = renderIn(language, <NewEscrowForm onCreated={() => {}} />);
          form(i18n, bound.mode, bound.given);
          expect(submit().disabled).toBe(false);

          bound.outside(i18n);
          const message = i18n.t(bound.message);
          expect(i18n.exists(bound.message)).toBe(true);
          expect(screen.getByText(message)).toBeTruthy();
          expect(submit().disabled).toBe(true);
          // Even a submit that bypasses the button (Enter, a script) sends nothing.
          fireEvent.submit(screen.getByTestId("new-escrow-form"));
          fireEvent.click(submit());
          expect(ipc.names()).not.toContain("create_escrow");

          if (bound.inside) {
            bound.inside(i18n);
            expect(screen.queryByText(message)).toBeNull();
            expect(submit().disabled).toBe(false);
          }
        });
      }
    });
  }

  it("never sends fields a mode forbids: seller e-mail and terms for instant, terms for quick", async () => {
    const ipc = backend();
    const { i18n } = renderIn("en", <NewEscrowForm onCreated={() => {}} />);
    form(i18n, "standard", [put("ne-seller", "atelier@example.tn")]);
    mode("quick")(i18n);
    mode("instant")(i18n);
    fireEvent.click(submit());
    await screen.findByTestId("new-escrow-submit");
    await new Promise((r) => setTimeout(r, 0));
    const request = ipc.calls.find((c) => c.cmd === "create_escrow")?.args.request as Record<string, unknown>;
    expect(request.mode).toBe("instant");
    for (const forbidden of [
      "sellerEmail",
      "contractTerms",
      "autoSign",
      "estimatedDeliveryDays",
      "proofPolicy",
      "developerFeePercentage",
    ])
      expect(request).not.toHaveProperty(forbidden);
  });
});
