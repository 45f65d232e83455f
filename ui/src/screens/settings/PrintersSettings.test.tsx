import { fireEvent, screen, waitFor } from "../../test/testing-library";
import { describe, expect, it } from "vitest";
import type { PrintingSettings } from "../../bindings/PrintingSettings";
import type { Settings } from "../../bindings/Settings";
import { noPrinters, profile } from "../../test/fixtures";
import { type Handler, mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { SettingsScreen } from "./SettingsScreen";

function backend(printing: PrintingSettings = noPrinters, over: Record<string, Handler> = {}) {
  return mockCommands({
    profiles_list: () => ({ profiles: [profile({ settings: { ...profile().settings, printing } })], activeId: "p1" }),
    update_settings: (args) => profile({ settings: args.settings as Settings }),
    ...over,
  });
}

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const problem = () => screen.getByTestId("printer-problem").textContent;
const rows = () => screen.queryAllByTestId("printer-row").map((r) => r.textContent);

function fillPrinter(name: string, uri: string, paper: "58" | "80" = "80") {
  type("printer-name", name);
  type("printer-uri", uri);
  type("printer-paper", paper);
}

async function saved(ipc: ReturnType<typeof mockCommands>): Promise<PrintingSettings> {
  fireEvent.click(screen.getByTestId("settings-save"));
  await screen.findByTestId("settings-saved");
  const settings = ipc.calls.find((c) => c.cmd === "update_settings")?.args.settings as Settings | undefined;
  return settings?.printing ?? noPrinters;
}

describe("Settings → Printers", () => {
  it("refuses a printer without a name, with an address of none of the three forms, or a name taken", async () => {
    backend({ ...noPrinters, printers: [{ name: "Comptoir", uri: "/dev/usb/lp0", paper: "58" }] });
    renderIn("en", <SettingsScreen />);
    await screen.findByTestId("settings-printers");
    fillPrinter("  ", "tcp://192.168.1.50:9100");
    fireEvent.click(screen.getByTestId("printer-add"));
    expect(problem()).toBe("Give the printer a name.");
    for (const uri of ["192.168.1.50:9100", "http://printer", "tcp://host:99999", "usb/lp0", "cups://my queue"]) {
      fillPrinter("Cuisine", uri);
      fireEvent.click(screen.getByTestId("printer-add"));
      expect(problem()).toContain("one of the three forms");
    }
    fillPrinter(" comptoir ", "cups://Xprinter");
    fireEvent.click(screen.getByTestId("printer-add"));
    expect(problem()).toBe("A printer already has this name.");
    expect(rows()).toHaveLength(1);
  });

  it("adds printers of the three forms, makes one the default, removes one, and saves it all", async () => {
    const ipc = backend();
    renderIn("en", <SettingsScreen />);
    await screen.findByTestId("settings-printers");
    expect(screen.getByTestId("printer-none").textContent).toBe("No receipt printer yet.");
    fillPrinter("Comptoir", " tcp://192.168.1.50 ", "58");
    fireEvent.click(screen.getByTestId("printer-add"));
    fillPrinter("USB", "/dev/usb/lp0");
    fireEvent.click(screen.getByTestId("printer-add"));
    fillPrinter("Bureau", "cups://Xprinter_80");
    fireEvent.keyDown(screen.getByTestId("printer-uri"), { key: "Enter" }); // adds, does not save
    expect(ipc.names()).not.toContain("update_settings");
    expect(screen.queryByTestId("printer-problem")).toBeNull();
    expect(rows()).toEqual([
      "Comptoirtcp://192.168.1.5058 mmDefaultRemove",
      "USB/dev/usb/lp080 mmMake defaultRemove",
      "Bureaucups://Xprinter_8080 mmMake defaultRemove",
    ]);
    expect((screen.getByTestId("printer-name") as HTMLInputElement).value).toBe("");
    fireEvent.click(screen.getAllByTestId("printer-make-default")[1] as HTMLElement); // Bureau
    fireEvent.click(screen.getAllByTestId("printer-remove")[1] as HTMLElement); // USB
    expect(rows()[1]).toContain("Default");
    type("print-language", "ar+fr");
    fireEvent.click(screen.getByTestId("print-auto"));
    fireEvent.click(screen.getByTestId("print-kick"));
    expect(await saved(ipc)).toEqual({
      printers: [
        { name: "Comptoir", uri: "tcp://192.168.1.50", paper: "58" },
        { name: "Bureau", uri: "cups://Xprinter_80", paper: "80" },
      ],
      defaultPrinter: "Bureau",
      autoPrint: true,
      kickDrawerOnCash: true,
      language: "ar+fr",
    });
  });

  it("removing the default printer makes the first one the default again", async () => {
    const ipc = backend({
      ...noPrinters,
      printers: [
        { name: "Comptoir", uri: "/dev/usb/lp0", paper: "58" },
        { name: "Bureau", uri: "cups://Bureau", paper: "80" },
      ],
      defaultPrinter: "Bureau",
    });
    renderIn("en", <SettingsScreen />);
    await screen.findByTestId("settings-printers");
    expect(rows()[1]).toContain("Default");
    fireEvent.click(screen.getAllByTestId("printer-remove")[1] as HTMLElement);
    expect(rows()).toEqual(["Comptoir/dev/usb/lp058 mmDefaultRemove"]);
    expect((await saved(ipc)).defaultPrinter).toBeNull();
  });

  it("test-prints the form's printer in the receipt language before it is added, and shows the printer's refusal", async () => {
    let refuse = false;
    const ipc = backend(
      { ...noPrinters, language: "ar" },
      {
        print_test: () => {
          if (refuse) {
            throw {
              code: "printer",
              message: "EACCES",
              userMessage: "No permission to write to /dev/usb/lp0: add your user to the lp group.",
            };
          }
          return { printer: "Comptoir", widthDots: 384, heightDots: 700, bytes: 40_000 };
        },
      },
    );
    renderIn("en", <SettingsScreen />);
    await screen.findByTestId("settings-printers");
    fillPrinter("Comptoir", "tcp://printer.local:9100", "58");
    fireEvent.click(screen.getByTestId("printer-test"));
    expect(await screen.findByText("Printed on Comptoir")).toBeTruthy();
    expect(ipc.calls.find((c) => c.cmd === "print_test")?.args).toEqual({
      request: { printer: { name: "Comptoir", uri: "tcp://printer.local:9100", paper: "58" }, language: "ar" },
    });
    expect(rows()).toHaveLength(0); // testing does not add it
    refuse = true;
    type("printer-uri", "/dev/usb/lp0");
    fireEvent.click(screen.getByTestId("printer-test"));
    expect((await screen.findByTestId("print-error")).textContent).toContain("add your user to the lp group");
    fireEvent.click(screen.getByTestId("print-retry"));
    await waitFor(() => expect(ipc.calls.filter((c) => c.cmd === "print_test")).toHaveLength(3));
    type("printer-uri", "lp0");
    fireEvent.click(screen.getByTestId("printer-test"));
    expect(problem()).toContain("one of the three forms");
    expect(ipc.calls.filter((c) => c.cmd === "print_test")).toHaveLength(3);
  });

  it("does not save printers that a check refuses, and says why", async () => {
    const ipc = backend({
      ...noPrinters,
      printers: [
        { name: "Comptoir", uri: "/dev/usb/lp0", paper: "58" },
        { name: "COMPTOIR", uri: "cups://Bureau", paper: "80" },
      ],
    });
    renderIn("en", <SettingsScreen />);
    await screen.findByTestId("settings-printers");
    fireEvent.click(screen.getByTestId("settings-save"));
    expect((await screen.findByRole("alert")).textContent).toContain("A printer already has this name.");
    expect(ipc.names()).not.toContain("update_settings");
  });

  it("shows the printing choices as saved, in French", async () => {
    backend({ ...noPrinters, autoPrint: true, kickDrawerOnCash: false, language: "ar" });
    renderIn("fr", <SettingsScreen />);
    await screen.findByTestId("settings-printers");
    const language = screen.getByTestId("print-language") as HTMLSelectElement;
    expect(language.value).toBe("ar");
    expect([...language.options].map((o) => o.textContent)).toEqual([
      "Arabe",
      "Français",
      "Anglais",
      "Arabe + français",
    ]);
    expect((screen.getByTestId("print-auto") as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId("print-kick") as HTMLInputElement).checked).toBe(false);
  });
});
