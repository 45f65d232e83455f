import { act, fireEvent, screen } from "../../test/testing-library";
import { describe, expect, it } from "vitest";
import type { PrintedView } from "../../bindings/PrintedView";
import { renderIn } from "../../test/render";
import { PrintAction } from "./PrintButton";

/** A print whose answer the test gives when it wants. */
function pendingPrint() {
  let answer: (view: PrintedView) => void = () => {};
  let refuse: (error: unknown) => void = () => {};
  const call = () =>
    new Promise<PrintedView>((resolve, reject) => {
      answer = resolve;
      refuse = reject;
    });
  return {
    call,
    answer: (printer: string) => act(async () => answer({ printer, widthDots: 384, heightDots: 10, bytes: 100 })),
    refuse: (error: unknown) => act(async () => refuse(error)),
  };
}

describe("PrintAction", () => {
  it("says Printing… while the printer works, then where it printed", async () => {
    const job = pendingPrint();
    renderIn("en", <PrintAction call={job.call} label="Print the receipt" testId="print-receipt" />);
    expect(screen.queryByTestId("print-status")).toBeNull();
    fireEvent.click(screen.getByTestId("print-receipt"));
    expect(screen.getByRole("status").textContent).toBe("Printing…");
    expect((screen.getByTestId("print-receipt") as HTMLButtonElement).disabled).toBe(true);
    await job.answer("Comptoir");
    expect(screen.getByRole("status").textContent).toBe("Printed on Comptoir");
    expect((screen.getByTestId("print-receipt") as HTMLButtonElement).disabled).toBe(false);
  });

  it("shows a printer error's own sentence, else one for the code, in the merchant's language", async () => {
    const job = pendingPrint();
    renderIn("ar", <PrintAction call={job.call} label="x" testId="print-receipt" />);
    fireEvent.click(screen.getByTestId("print-receipt"));
    await job.refuse({ code: "printer", message: "EIO" });
    expect(screen.getByRole("alert").textContent).toContain("لم تطبع طابعة الإيصالات");
    expect(screen.getByTestId("print-retry").textContent).toBe("إعادة المحاولة");
    fireEvent.click(screen.getByTestId("print-retry"));
    expect(screen.getByRole("status").textContent).toBe("جارٍ الطبع…");
    await job.refuse({ code: "validation", message: "none", userMessage: "Add a receipt printer in Settings first." });
    expect(screen.getByRole("alert").textContent).toContain("Add a receipt printer in Settings first.");
  });
});
