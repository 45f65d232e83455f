import type { PrinterSetting } from "../../bindings/PrinterSetting";
import type { PrintingSettings } from "../../bindings/PrintingSettings";

/** Why a printer cannot be added, as a translation key under `settings.printers.errors`. */
export type PrinterProblem = "nameMissing" | "nameTaken" | "uriInvalid";

const TCP = /^tcp:\/\/([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?\/?$/;
const DEVICE = /^\/[^\s]+$/;
const CUPS = /^cups:\/\/[^\s/#]+$/;

/**
 * True for the three ways the app reaches a printer: `tcp://HOST[:PORT]` (a network printer,
 * port 1–65535), an absolute device path such as `/dev/usb/lp0`, or `cups://QUEUE`.
 */
export function isPrinterUri(uri: string): boolean {
  const tcp = TCP.exec(uri);
  if (tcp) return tcp[2] === undefined || (Number(tcp[2]) >= 1 && Number(tcp[2]) <= 65535);
  return DEVICE.test(uri) || CUPS.test(uri);
}

/** Names are compared as a cashier reads them: without the case or surrounding spaces. */
function sameName(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

/** What is wrong with adding `printer` beside `others`, or null when it can be added. */
export function printerProblem(printer: PrinterSetting, others: readonly PrinterSetting[]): PrinterProblem | null {
  if (printer.name.trim() === "") return "nameMissing";
  if (others.some((o) => sameName(o.name, printer.name))) return "nameTaken";
  if (!isPrinterUri(printer.uri.trim())) return "uriInvalid";
  return null;
}

/** The first problem among saved printers (each checked against those before it), or null. */
export function printingProblem(printing: PrintingSettings): PrinterProblem | null {
  for (const [i, printer] of printing.printers.entries()) {
    const problem = printerProblem(printer, printing.printers.slice(0, i));
    if (problem) return problem;
  }
  return null;
}

/** The printers without `name`; the default goes back to the first printer if it was that one. */
export function withoutPrinter(printing: PrintingSettings, name: string): PrintingSettings {
  return {
    ...printing,
    printers: printing.printers.filter((p) => p.name !== name),
    defaultPrinter: printing.defaultPrinter === name ? null : printing.defaultPrinter,
  };
}

/** The name of the printer receipts go to: the chosen default, else the first one. */
export function defaultPrinterName(printing: PrintingSettings): string | null {
  const chosen = printing.printers.find((p) => p.name === printing.defaultPrinter);
  return chosen?.name ?? printing.printers[0]?.name ?? null;
}
