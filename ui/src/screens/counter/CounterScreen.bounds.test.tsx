import { fireEvent, screen } from "../../test/testing-library";
import type { i18n as I18n } from "i18next";
import { describe, expect, it } from "vitest";
import { formatMoney } from "../../format";
import { profile } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { CounterScreen } from "./CounterScreen";
import { sale } from "./fixtures";

// The counter creates an escrow per sale (contract §2.3, in the shop's sale mode): each value just
// outside a bound shows its message in the user's language, and neither the Charge button nor
// Enter sends anything; the value just inside is accepted.

const NOW = () => Date.parse("2026-03-02T10:05:30Z");

function backend(mode: "quick" | "instant") {
  return mockCommands({
    profiles_list: () => ({
      profiles: [
        profile({
          settings: { ...profile().settings, defaultSaleMode: mode, titlePresets: ["Chéchia"], soundOnPaid: false },
        }),
      ],
      activeId: "p1",
    }),
    counter_sales: () => ({ unfinished: [], recent: [] }),
    past_buyers: () => [],
    counter_start: () => sale(),
  });
}

const press = (key: string) => fireEvent.keyDown(window, { key });
/** Clears the keypad and types an amount on the keyboard ("4.999"). */
const amount = (typed: string) => () => {
  press("Delete");
  for (const key of typed) press(key);
};
const input = (testId: string, value: string) => () => {
  const el = screen.getByTestId(testId);
  fireEvent.change(el, { target: { value } });
  fireEvent.blur(el);
};
const title = (value: string) => input("counter-title", value);
const email = (value: string) => input("counter-email", value);

interface Bound {
  rule: string;
  mode: "quick" | "instant";
  outside: () => void;
  message: string;
  inside?: () => void;
}

const BOUNDS: Bound[] = [
  {
    rule: "quick sale under 5 TND",
    mode: "quick",
    outside: amount("4.999"),
    message: "newEscrow.errors.amountMin5",
    inside: amount("5"),
  },
  { rule: "quick sale of 0", mode: "quick", outside: amount("0"), message: "newEscrow.errors.amountMin5" },
  {
    rule: "instant sale under 0.010 TND",
    mode: "instant",
    outside: amount("0.009"),
    message: "newEscrow.errors.amountMinInstant",
    inside: amount("0.01"),
  },
  { rule: "instant sale of 0", mode: "instant", outside: amount("0."), message: "newEscrow.errors.amountMinInstant" },
  { rule: "title empty", mode: "quick", outside: title(""), message: "newEscrow.errors.title", inside: title("T") },
  { rule: "title only spaces", mode: "instant", outside: title("   "), message: "newEscrow.errors.title" },
  {
    rule: "title 201 characters",
    mode: "quick",
    outside: title("ش".repeat(201)),
    message: "newEscrow.errors.title",
    inside: title("ش".repeat(200)),
  },
  { rule: "e-mail empty", mode: "quick", outside: email(""), message: "newEscrow.errors.email" },
  { rule: "e-mail without @", mode: "instant", outside: email("amira.example.tn"), message: "newEscrow.errors.email" },
  {
    rule: "e-mail without a domain dot",
    mode: "quick",
    outside: email("amira@example"),
    message: "newEscrow.errors.email",
  },
  {
    rule: "e-mail with a space",
    mode: "quick",
    outside: email("amira @example.tn"),
    message: "newEscrow.errors.email",
  },
  {
    rule: "e-mail domain ending with a dot",
    mode: "instant",
    outside: email("amira@example.tn."),
    message: "newEscrow.errors.email",
    inside: email("a@b.c"),
  },
];

async function ready(language: "en" | "fr" | "ar", mode: "quick" | "instant") {
  const ipc = backend(mode);
  const { i18n } = renderIn(language, <CounterScreen clock={NOW} />);
  await screen.findByTestId("counter-unfinished-empty");
  // The settings (and so the sale mode) are loaded once the presets show.
  await screen.findByText("Chéchia");
  amount("50")();
  title("Harissa")();
  email("amira@example.tn")();
  return { ipc, i18n };
}

function charge(): HTMLButtonElement {
  return screen.getByTestId("counter-charge") as HTMLButtonElement;
}

function expectRefused(i18n: I18n, message: string, ipc: ReturnType<typeof backend>) {
  expect(i18n.exists(message)).toBe(true);
  expect(screen.getByText(i18n.t(message))).toBeTruthy();
  expect(charge().disabled).toBe(true);
  fireEvent.click(charge());
  press("Enter");
  expect(ipc.names()).not.toContain("counter_start");
}

describe("CounterScreen refuses every out-of-range value of §2.3", () => {
  for (const language of ["en", "fr", "ar"] as const) {
    describe(language, () => {
      for (const bound of BOUNDS) {
        it(bound.rule, async () => {
          const { ipc, i18n } = await ready(language, bound.mode);
          expect(charge().disabled).toBe(false);
          bound.outside();
          expectRefused(i18n, bound.message, ipc);
          if (bound.inside) {
            bound.inside();
            expect(screen.queryByText(i18n.t(bound.message))).toBeNull();
            expect(charge().disabled).toBe(false);
          }
        });
      }
    });
  }

  it("cannot take more than millime precision: a 4th decimal is not typed", async () => {
    await ready("en", "quick");
    amount("10.0019")();
    expect(screen.getByTestId("counter-amount").textContent).toBe(formatMoney(10001, "en-GB"));
  });

  it("a quick sale of exactly 5 TND goes out in millimes, in the shop's mode", async () => {
    const { ipc } = await ready("en", "quick");
    amount("5")();
    press("Enter");
    await screen.findByTestId("counter-qr");
    expect(ipc.calls.find((c) => c.cmd === "counter_start")?.args).toEqual({
      request: { amount: 5000, title: "Harissa", buyerEmail: "amira@example.tn", mode: "quick" },
    });
  });

  it("an empty form shows no message until a field is used", async () => {
    backend("quick");
    renderIn("en", <CounterScreen clock={NOW} />);
    await screen.findByTestId("counter-unfinished-empty");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(charge().disabled).toBe(true);
  });
});
