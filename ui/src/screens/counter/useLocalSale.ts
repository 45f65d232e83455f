import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { PaymentMethod } from "../../bindings/PaymentMethod";
import type { RecordedView } from "../../bindings/RecordedView";
import { parseDinarsToMillimes } from "../../format";
import { recordSale } from "../../platform";
import { useShopMethods } from "../day/useShopMethods";
import { canRecord } from "./LocalSaleFields";
import { DHMAD } from "./MethodPicker";

/**
 * The counter's payment method and, for any method but DHMAD, the sale recorded in the day's
 * book: no network, a receipt number, the change from what was handed over.
 */
export function useLocalSale(onError: (e: unknown) => void) {
  const { t } = useTranslation();
  const methods = useShopMethods();
  const [method, setMethod] = useState<PaymentMethod>(DHMAD);
  const [tendered, setTendered] = useState("");
  const [reference, setReference] = useState("");
  const [customer, setCustomer] = useState("");
  const [recorded, setRecorded] = useState<RecordedView | null>(null);

  const record = (amount: number | null, title: string) => {
    if (amount === null || !canRecord(amount, method, tendered)) return Promise.resolve();
    const given = method === "cash" && tendered.trim() !== "" ? parseDinarsToMillimes(tendered) : null;
    return recordSale({
      method,
      amount,
      title: title.trim() || t("day.record.defaultTitle"),
      ...(reference.trim() ? { reference: reference.trim() } : {}),
      ...(customer.trim() ? { customer: customer.trim() } : {}),
      ...(given !== null ? { tendered: given } : {}),
    })
      .then((r) => {
        setRecorded(r);
        setTendered("");
        setReference("");
        setCustomer("");
      })
      .catch(onError);
  };

  return {
    methods,
    method,
    local: method !== DHMAD,
    tendered,
    reference,
    customer,
    recorded,
    choose: (chosen: PaymentMethod) => setMethod(chosen),
    setTendered,
    setReference,
    setCustomer,
    record,
    /** Back to an empty entry, keeping the method chosen. */
    clear: () => setRecorded(null),
  };
}
