import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CounterSalesView } from "../../bindings/CounterSalesView";
import type { SaleView } from "../../bindings/SaleView";
import { counterSales, onSale } from "../../platform";
import { Qr } from "../../components/shop/Qr";
import { useShopSettings } from "../../components/shop/useShopSettings";
import "../../components/shop/shop.css";
import { formatMoney } from "../../format";
import { useLocale } from "../../format/useLocale";

/** How often the display asks for a new sale (sale events only report changes of known sales). */
export const POLL_MS = 3000;

const PAID = ["paid", "delivered", "completed"];

function newest(sales: SaleView[]): SaleView | null {
  return sales.reduce<SaleView | null>(
    (best, s) => (best === null || Date.parse(s.createdAt) > Date.parse(best.createdAt) ? s : best),
    null,
  );
}

/** The sale to show: the newest unfinished one, else a just-paid one (still thanked). */
export function currentSale(view: CounterSalesView): SaleView | null {
  const open = newest(view.unfinished);
  if (open) return open;
  const last = newest(view.recent);
  return last && PAID.includes(last.state) ? last : null;
}

/** The second window, turned to the buyer: shop name, amount and QR of the current sale. */
export function CustomerDisplay({ pollMs = POLL_MS }: { pollMs?: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { active } = useShopSettings();
  const [sale, setSale] = useState<SaleView | null>(null);

  const poll = useCallback(() => {
    counterSales()
      .then((view) => setSale(currentSale(view)))
      .catch(() => {
        // Keep what is shown; the next poll tries again.
      });
  }, []);
  useEffect(() => {
    poll();
    const timer = window.setInterval(poll, pollMs);
    return () => window.clearInterval(timer);
  }, [poll, pollMs]);
  useEffect(() => onSale((event) => setSale(event.sale)), []);

  const shopName = active ? active.settings.shopName.trim() || active.displayName : "";
  const paid = sale !== null && PAID.includes(sale.state);
  const waiting = sale !== null && sale.state === "awaiting_payment" && sale.qrSvg !== null;

  return (
    <div className="customer-display" data-testid="customer-display">
      <h1 className="customer-display__shop">{shopName}</h1>
      {sale !== null && (waiting || paid) ? (
        <p className="customer-display__amount" data-testid="customer-amount">
          {formatMoney(sale.amount, locale)}
        </p>
      ) : null}
      {waiting && sale?.qrSvg && sale.checkoutUrl ? (
        <>
          <Qr svg={sale.qrSvg} label={sale.checkoutUrl} testId="customer-qr" />
          <p className="sale__link" dir="ltr">
            {sale.checkoutUrl}
          </p>
          <p>{t("customer.scan")}</p>
        </>
      ) : null}
      {paid ? (
        <p className="customer-display__paid" data-testid="customer-paid">
          {t("customer.paid")}
        </p>
      ) : null}
      {!waiting && !paid ? (
        <p className="muted" data-testid="customer-idle">
          {t("customer.welcome")}
        </p>
      ) : null}
    </div>
  );
}
