import { fireEvent, screen, waitFor } from "../../test/testing-library";
import { describe, expect, it } from "vitest";
import type { ProfilesView } from "../../bindings/ProfilesView";
import type { Settings } from "../../bindings/Settings";
import { profile } from "../../test/fixtures";
import { mockCommands, type Handler } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { SettingsScreen } from "./SettingsScreen";

const two = (): ProfilesView => ({
  profiles: [profile(), profile({ id: "p2", displayName: "Sandbox Sfax", environment: "sandbox" })],
  activeId: "p1",
});

function backend(over: Record<string, Handler> = {}) {
  return mockCommands({
    profiles_list: two,
    update_settings: (args) => profile({ settings: args.settings as Settings }),
    ...over,
  });
}

describe("SettingsScreen", () => {
  it("says it is loading, then shows the profiles and the active one's settings", async () => {
    backend();
    renderIn("en", <SettingsScreen />);
    expect(screen.getByText("Loading the settings…")).toBeTruthy();
    await screen.findByTestId("settings-screen");
    const rows = screen.getAllByTestId("settings-profile");
    expect(rows[0]?.textContent).toContain("In use");
    expect(rows[1]?.textContent).toContain("Sandbox Sfax");
    expect((screen.getByTestId("settings-shop-name") as HTMLInputElement).value).toBe("Boutique Carthage");
    expect((screen.getByTestId("settings-delimiter") as HTMLSelectElement).value).toBe(";");
  });

  it("saves every field, presets one per line without blanks or repeats", async () => {
    const ipc = backend();
    renderIn("en", <SettingsScreen />);
    await screen.findByTestId("settings-screen");
    fireEvent.change(screen.getByTestId("settings-shop-name"), { target: { value: "Épicerie Sidi Bou" } });
    fireEvent.change(screen.getByTestId("settings-receipt-header"), { target: { value: "MF 123" } });
    fireEvent.change(screen.getByTestId("settings-redirect"), { target: { value: " https://shop.tn/back " } });
    fireEvent.change(screen.getByTestId("settings-presets"), { target: { value: "Chéchia\n\n Harissa \nChéchia" } });
    fireEvent.change(screen.getByTestId("settings-sale-mode"), { target: { value: "instant" } });
    fireEvent.click(screen.getByTestId("settings-sound"));
    fireEvent.change(screen.getByTestId("settings-delimiter"), { target: { value: "," } });
    fireEvent.click(screen.getByTestId("settings-save"));
    expect((await screen.findByTestId("settings-saved")).textContent).toBe("Saved.");
    expect(ipc.calls.find((c) => c.cmd === "update_settings")?.args).toEqual({
      settings: {
        redirectUrl: "https://shop.tn/back",
        defaultSaleMode: "instant",
        shopName: "Épicerie Sidi Bou",
        receiptHeader: "MF 123",
        titlePresets: ["Chéchia", "Harissa"],
        language: "fr",
        theme: "system",
        soundOnPaid: false,
        csvDelimiter: ",",
        tillId: "1",
        cashierName: "",
        customMethods: [],
        countWalletsAtClose: false,
        printing: { printers: [], defaultPrinter: null, autoPrint: false, kickDrawerOnCash: false, language: "fr" },
      },
    });
  });

  it("adds a payment method of the merchant's own and the till, sent without a code for the app to give one", async () => {
    const ipc = backend();
    renderIn("en", <SettingsScreen />);
    await screen.findByTestId("settings-screen");
    fireEvent.change(screen.getByTestId("settings-till"), { target: { value: "2" } });
    fireEvent.change(screen.getByTestId("settings-method-name"), { target: { value: "Tickets resto" } });
    fireEvent.click(screen.getByText("What it brings stays in the drawer (counted at close)"));
    fireEvent.click(screen.getByTestId("settings-method-add"));
    expect(screen.getByTestId("settings-methods").textContent).toContain("Tickets resto");
    fireEvent.click(screen.getByTestId("settings-save"));
    await screen.findByTestId("settings-saved");
    const saved = ipc.calls.find((c) => c.cmd === "update_settings")?.args.settings as Settings;
    expect(saved.tillId).toBe("2");
    expect(saved.customMethods).toEqual([{ slug: "", name: "Tickets resto", inDrawer: true }]);
  });

  it("applies Arabic at once, right to left, and a dark theme", async () => {
    backend();
    renderIn("en", <SettingsScreen />);
    await screen.findByTestId("settings-screen");
    fireEvent.change(screen.getByTestId("settings-language"), { target: { value: "ar" } });
    await waitFor(() => expect(document.documentElement.dir).toBe("rtl"));
    expect(screen.getByText("الإعدادات")).toBeTruthy();
    fireEvent.change(screen.getByTestId("settings-theme"), { target: { value: "dark" } });
    expect(document.documentElement.dataset.theme).toBe("dark");
  });

  it("switches and removes profiles (after confirming) and tells the app", async () => {
    const changed: ProfilesView[] = [];
    const ipc = backend({
      switch_profile: () => ({ ...two(), activeId: "p2" }),
      remove_profile: () => ({ profiles: [two().profiles[1]], activeId: "p2" }),
    });
    renderIn("en", <SettingsScreen onProfilesChanged={(next) => changed.push(next)} />);
    await screen.findByTestId("settings-screen");
    fireEvent.click(screen.getByText("Use this profile"));
    await waitFor(() => expect(changed.map((c) => c.activeId)).toEqual(["p2"]));
    fireEvent.click(screen.getAllByText("Remove")[0] as HTMLElement);
    // A demo profile: its sample shop and its book go.
    expect(screen.getByRole("alertdialog").textContent).toContain(
      "Remove the demo “Boutique Carthage”? Its sample shop and its book are deleted.",
    );
    fireEvent.click(screen.getByTestId("settings-remove-confirm"));
    await waitFor(() => expect(screen.getAllByTestId("settings-profile")).toHaveLength(1));
    expect(ipc.calls.find((c) => c.cmd === "remove_profile")?.args).toEqual({ request: { id: "p1" } });
  });

  it("shows a refused save and opens the log folder", async () => {
    const ipc = backend({
      update_settings: () => {
        throw { code: "validation", message: "url", userMessage: "The redirect URL must start with https://." };
      },
      open_log_folder: () => null,
    });
    renderIn("en", <SettingsScreen />);
    await screen.findByTestId("settings-screen");
    fireEvent.click(screen.getByTestId("settings-save"));
    expect((await screen.findByRole("alert")).textContent).toContain("must start with https://");
    fireEvent.click(screen.getByTestId("settings-logs"));
    await waitFor(() => expect(ipc.names()).toContain("open_log_folder"));
  });

  it("shows a load failure with retry", async () => {
    backend({
      profiles_list: () => {
        throw { code: "internal", message: "x" };
      },
    });
    renderIn("en", <SettingsScreen />);
    expect(await screen.findByRole("alert")).toBeTruthy();
  });
});
