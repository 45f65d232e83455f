import { fireEvent, screen } from "../../test/testing-library";
import { describe, expect, it } from "vitest";
import { profile } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { CounterScreen } from "./CounterScreen";

const NOW = () => Date.parse("2026-03-02T10:05:30Z");

describe("CounterScreen with a suspicious checkout link", () => {
  it("says the answer was suspicious and shows the buyer nothing", async () => {
    mockCommands({
      profiles_list: () => ({ profiles: [profile()], activeId: "p1" }),
      counter_sales: () => ({ unfinished: [], recent: [] }),
      past_buyers: () => [],
      counter_start: () => {
        throw {
          code: "suspiciousAnswer",
          message: "the checkout link points to https://evil.example, which is not DHMAD",
        };
      },
    });
    renderIn("en", <CounterScreen clock={NOW} />);
    await screen.findByTestId("counter-unfinished-empty");
    fireEvent.click(screen.getByTestId("keypad-key-5"));
    fireEvent.change(screen.getByTestId("counter-title"), { target: { value: "Harissa" } });
    fireEvent.change(screen.getByTestId("counter-email"), { target: { value: "a@b.tn" } });
    fireEvent.click(screen.getByTestId("counter-charge"));
    expect(await screen.findByText(/answer looked suspicious: its payment link did not lead to DHMAD/)).toBeTruthy();
    expect(screen.queryByTestId("counter-qr")).toBeNull();
    expect(screen.queryByText(/evil\.example/)).toBeNull();
  });
});
