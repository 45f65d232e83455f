import { useTranslation } from "react-i18next";
import type { SaleView } from "../../bindings/SaleView";
import { formatDateTime, formatMoney } from "../../format";
import { useLocale } from "../../format/useLocale";

interface UnfinishedSalesProps {
  /** `null` while loading. */
  sales: SaleView[] | null;
  onResume: (sale: SaleView) => void;
}

/** Sales left open (e.g. before a restart), to pick up where they stopped. */
export function UnfinishedSales({ sales, onResume }: UnfinishedSalesProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (sales === null) return <p className="muted">{t("counter.unfinished.loading")}</p>;
  if (sales.length === 0)
    return (
      <p className="muted" data-testid="counter-unfinished-empty">
        {t("counter.unfinished.empty")}
      </p>
    );
  return (
    <section className="card unfinished" data-testid="counter-unfinished">
      <h2>{t("counter.unfinished.heading")}</h2>
      <ul>
        {sales.map((s) => (
          <li key={s.saleId} className="unfinished__item">
            <span>{formatMoney(s.amount, locale)}</span>
            <span>{s.title}</span>
            <span className="muted">{formatDateTime(s.createdAt, locale)}</span>
            <button
              type="button"
              className="button"
              data-testid={`counter-resume-${s.saleId}`}
              onClick={() => onResume(s)}
            >
              {t("counter.unfinished.resume")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
