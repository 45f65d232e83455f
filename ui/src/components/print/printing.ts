import type { Settings } from "../../bindings/Settings";

/** True when a receipt printer is set up (the print buttons show only then). */
export function hasPrinter(settings: Settings | null | undefined): boolean {
  return (settings?.printing.printers.length ?? 0) > 0;
}

/** True when receipts print by themselves (auto-print on and a printer to print on). */
export function autoPrints(settings: Settings | null | undefined): boolean {
  return hasPrinter(settings) && settings?.printing.autoPrint === true;
}

const PRINTED_KEY = "dhmad.autoPrinted";
// Enough to cover any day's sales; older keys never come back (sale ids are unique, and a receipt's
// key carries its time as well as its number).
const PRINTED_KEPT = 500;
// Used only when local storage is disabled: then this run still prints each receipt once.
const claimedWithoutStorage = new Set<string>();

function readPrinted(): string[] {
  const parsed: unknown = JSON.parse(window.localStorage.getItem(PRINTED_KEY) ?? "[]");
  return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === "string") : [];
}

/**
 * Claims `key` for an automatic print: true the first time only, across re-renders, screens and
 * restarts (kept in local storage), so a receipt never prints by itself twice.
 */
export function claimAutoPrint(key: string): boolean {
  try {
    const printed = readPrinted();
    if (printed.includes(key)) return false;
    window.localStorage.setItem(PRINTED_KEY, JSON.stringify([...printed, key].slice(-PRINTED_KEPT)));
    return true;
  } catch {
    if (claimedWithoutStorage.has(key)) return false;
    claimedWithoutStorage.add(key);
    return true;
  }
}
