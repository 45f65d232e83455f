import { useEffect, useState } from "react";
import type { MethodView } from "../../bindings/MethodView";
import { dayStatus } from "../../platform";

/**
 * The shop's payment methods, built in and its own (for their names and the counter's picker).
 * Without them a screen still works: a failure leaves the list empty and method codes as names.
 */
export function useShopMethods(): MethodView[] {
  const [methods, setMethods] = useState<MethodView[]>([]);
  useEffect(() => {
    let live = true;
    dayStatus()
      .then((day) => {
        if (live) setMethods(day.methods);
      })
      .catch(() => {
        if (live) setMethods([]);
      });
    return () => {
      live = false;
    };
  }, []);
  return methods;
}
