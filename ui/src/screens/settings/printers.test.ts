import { describe, expect, it } from "vitest";
import { noPrinters } from "../../test/fixtures";
import { defaultPrinterName, isPrinterUri, printerProblem } from "./printers";

describe("printer addresses", () => {
  it("accept a network printer with or without its port, a device path and a CUPS queue", () => {
    for (const uri of [
      "tcp://192.168.1.50",
      "tcp://192.168.1.50:9100",
      "tcp://printer.local:9100",
      "tcp://[fe80::1]:9100",
      "/dev/usb/lp0",
      "/dev/ttyUSB0",
      "cups://Xprinter_XP-80",
    ]) {
      expect(isPrinterUri(uri), uri).toBe(true);
    }
  });

  it("refuse anything else", () => {
    for (const uri of [
      "",
      "192.168.1.50:9100",
      "tcp://",
      "tcp://host:0",
      "tcp://host:65536",
      "tcp://host:port",
      "tcp://-host",
      "http://192.168.1.50",
      "lp0",
      "/dev/usb/lp 0",
      "cups://",
      "cups://a/b",
    ]) {
      expect(isPrinterUri(uri), uri).toBe(false);
    }
  });

  it("check the name first, then its uniqueness, then the address", () => {
    const comptoir = { name: "Comptoir", uri: "/dev/usb/lp0", paper: "58" as const };
    expect(printerProblem({ ...comptoir, name: " " }, [])).toBe("nameMissing");
    expect(printerProblem({ ...comptoir, uri: "nowhere" }, [comptoir])).toBe("nameTaken");
    expect(printerProblem({ ...comptoir, name: "Bureau", uri: "nowhere" }, [comptoir])).toBe("uriInvalid");
    expect(printerProblem({ ...comptoir, name: "Bureau" }, [comptoir])).toBeNull();
  });

  it("name the first printer as the default when none is chosen or the chosen one is gone", () => {
    const printers = [
      { name: "A", uri: "/dev/usb/lp0", paper: "58" as const },
      { name: "B", uri: "/dev/usb/lp1", paper: "80" as const },
    ];
    expect(defaultPrinterName(noPrinters)).toBeNull();
    expect(defaultPrinterName({ ...noPrinters, printers })).toBe("A");
    expect(defaultPrinterName({ ...noPrinters, printers, defaultPrinter: "B" })).toBe("B");
    expect(defaultPrinterName({ ...noPrinters, printers, defaultPrinter: "C" })).toBe("A");
  });
});
