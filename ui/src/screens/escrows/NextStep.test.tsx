import { act, screen } from "../../test/testing-library";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EscrowRole } from "../../bindings/EscrowRole";
import type { EscrowStatus } from "../../bindings/EscrowStatus";
import type { EscrowView } from "../../bindings/EscrowView";
import { formatDate, formatDateTime } from "../../format";
import { detail, row } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { EscrowDetail } from "./EscrowDetail";
import { NextStepSection } from "./NextStep";

const NOW = Date.parse("2026-03-02T12:00:00Z");
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(NOW + ms).toISOString();

/** The fixture's escrow (the merchant sells) in `status`, with no proof step. */
function escrow(status: EscrowStatus, over: Partial<EscrowView> = {}, role: EscrowRole = "seller"): EscrowView {
  const base = detail().escrow as unknown as EscrowView;
  return { ...base, row: row({ ...base.row, status, role }), proofInfo: null, disputeTicket: null, ...over };
}
const countdown = () => screen.getByTestId("next-countdown").textContent;
const tick = (ms: number) => act(() => void vi.advanceTimersByTime(ms));

describe("the escrow's next step", () => {
  beforeEach(() => vi.useFakeTimers({ now: NOW }));
  afterEach(() => vi.useRealTimers());

  it("says the buyer must pay, with a countdown to the expiry that goes down", () => {
    const expiresAt = at(2 * DAY + 4 * HOUR + 30 * MIN);
    renderIn("en", <NextStepSection escrow={escrow("pending", { expiresAt })} />);
    expect(screen.getByTestId("next-step-what").textContent).toBe("Buyer must pay");
    expect(screen.getByTestId("next-step").textContent).toContain(`By ${formatDateTime(expiresAt, "en-GB")}`);
    expect(screen.getByTestId("next-step").textContent).toContain("Unpaid by then, the escrow expires.");
    expect(countdown()).toBe("in 2 days 4 hrs");
    tick(5 * HOUR);
    expect(countdown()).toBe("in 1 day 23 hrs");
    tick(DAY + 23 * HOUR - 35 * MIN);
    expect(countdown()).toBe("in 1 hr 5 mins");
    tick(30 * MIN);
    expect(countdown()).toBe("in 35 mins");
  });

  it("is not announced to screen readers at every tick", () => {
    renderIn("en", <NextStepSection escrow={escrow("pending", { expiresAt: at(HOUR) })} />);
    const text = screen.getByTestId("next-countdown");
    expect(text.closest("[aria-live], [role=status], [role=alert], [role=timer]")).toBeNull();
  });

  it("tells a buying merchant that they must pay, in French", () => {
    renderIn("fr", <NextStepSection escrow={escrow("pending", { expiresAt: at(2 * DAY + 4 * HOUR) }, "buyer")} />);
    expect(screen.getByTestId("next-step-what").textContent).toBe("Vous devez payer");
    // French puts no-break spaces between a number and its unit.
    expect(countdown()?.replace(/[\u00a0\u202f]/g, " ")).toBe("dans 2 j 4 h");
  });

  it("gives a delivered escrow the buyer's confirmation deadline", () => {
    const completionDeadline = at(3 * DAY);
    renderIn("en", <NextStepSection escrow={escrow("delivered", { completionDeadline })} />);
    expect(screen.getByTestId("next-step-what").textContent).toBe("Buyer must confirm receipt");
    const text = screen.getByTestId("next-step").textContent ?? "";
    expect(text).toContain(`By ${formatDateTime(completionDeadline, "en-GB")}`);
    expect(text).toContain("should complete by itself");
    expect(countdown()).toBe("in 3 days");
  });

  it("reads a passed deadline as overdue", () => {
    renderIn("en", <NextStepSection escrow={escrow("delivered", { completionDeadline: at(-3 * HOUR) })} />);
    expect(countdown()).toBe("overdue by 3 hrs");
    tick(DAY);
    expect(countdown()).toBe("overdue by 1 day 3 hrs");
  });

  it("counts down in Arabic too", () => {
    renderIn("ar", <NextStepSection escrow={escrow("delivered", { completionDeadline: at(-3 * HOUR) })} />);
    expect(countdown()).toBe("التأخير: 3 س");
    expect(screen.getByRole("heading", { name: "الخطوة التالية" })).toBeTruthy();
  });

  it("tells a paid escrow's seller to deliver, with no countdown and the estimate labelled as one", () => {
    const paidAt = at(-DAY);
    renderIn("en", <NextStepSection escrow={escrow("paid", { paidAt, estimatedDeliveryDays: 3 })} />);
    expect(screen.getByTestId("next-step-what").textContent).toBe("You must deliver");
    expect(screen.queryByTestId("next-countdown")).toBeNull();
    expect(screen.getByTestId("next-expected").textContent).toBe(
      `Delivery expected around ${formatDate(new Date(NOW + 2 * DAY), "en-GB")} (an estimate, from the announced delivery time).`,
    );
  });

  it("shows no next step once the escrow is completed or cancelled", () => {
    const { unmount } = renderIn(
      "en",
      <NextStepSection escrow={escrow("completed", { completionDeadline: at(DAY) })} />,
    );
    expect(screen.queryByTestId("next-step")).toBeNull();
    unmount();
    renderIn("en", <NextStepSection escrow={escrow("cancelled")} />);
    expect(screen.queryByTestId("next-step")).toBeNull();
  });
});

describe("the escrow detail", () => {
  it("shows the next step above the actions, with the proof deadline", async () => {
    mockCommands({ escrow_detail: () => detail() });
    renderIn("en", <EscrowDetail id="e7" onBack={() => {}} />);
    expect((await screen.findByTestId("next-step-what")).textContent).toBe("You must upload the proof of purchase");
    expect(screen.getByTestId("next-step").textContent).toContain(formatDateTime("2026-03-03T11:00:00Z", "en-GB"));
  });
});
