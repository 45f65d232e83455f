import { emit } from "@tauri-apps/api/event";
import { act, screen, waitFor } from "../../test/testing-library";
import { describe, expect, it } from "vitest";
import { formatMoney } from "../../format";
import { profile } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { sale } from "../counter/fixtures";
import { CustomerDisplay, currentSale } from "./CustomerDisplay";

const profiles = () => ({
  profiles: [profile({ settings: { ...profile().settings, shopName: "Épicerie Sidi Bou" } })],
  activeId: "p1",
});

describe("CustomerDisplay", () => {
  it("shows the shop, the amount and the QR of the open sale, then thanks the buyer when paid", async () => {
    mockCommands({ profiles_list: profiles, counter_sales: () => ({ unfinished: [sale()], recent: [] }) });
    renderIn("fr", <CustomerDisplay pollMs={60_000} />);
    expect(await screen.findByTestId("customer-qr")).toBeTruthy();
    expect(await screen.findByText("Épicerie Sidi Bou")).toBeTruthy();
    expect(screen.getByTestId("customer-amount").textContent).toBe(formatMoney(12500, "fr-TN"));
    await act(() => emit("sale://event", { saleId: "s1", kind: "paid", sale: sale({ state: "paid", qrSvg: null }) }));
    expect(screen.getByTestId("customer-paid").textContent).toBe("Payé — merci !");
    expect(screen.queryByTestId("customer-qr")).toBeNull();
  });

  it("waits with a welcome when no sale is open, and picks up a new one by polling", async () => {
    let unfinished: unknown[] = [];
    mockCommands({ profiles_list: profiles, counter_sales: () => ({ unfinished, recent: [] }) });
    renderIn("ar", <CustomerDisplay pollMs={50} />);
    expect((await screen.findByTestId("customer-idle")).textContent).toBe("مرحبًا بكم");
    unfinished = [sale()];
    await waitFor(() => expect(screen.getByTestId("customer-qr")).toBeTruthy());
  });

  it("chooses the newest open sale, else a just-paid one", () => {
    const older = sale({ saleId: "a", createdAt: "2026-03-02T09:00:00Z" });
    const newer = sale({ saleId: "b", createdAt: "2026-03-02T09:30:00Z" });
    expect(currentSale({ unfinished: [older, newer], recent: [] })?.saleId).toBe("b");
    expect(currentSale({ unfinished: [], recent: [sale({ state: "completed" })] })?.state).toBe("completed");
    expect(currentSale({ unfinished: [], recent: [sale({ state: "cancelled" })] })).toBeNull();
  });
});
