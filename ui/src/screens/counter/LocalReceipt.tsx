import { useTranslation } from "react-i18next";
import type { MethodView } from "../../bindings/MethodView";
import type { RecordedView } from "../../bindings/RecordedView";
import { useShopSettings } from "../../components/shop/useShopSettings";
import { formatDateTime, formatMoney } from "../../format";
import { useLocale } from "../../format/useLocale";
import { methodName } from "../day/MethodName";

/** The receipt of a sale recorded at the till: printed, or saved as PDF, through the system dialog. */
export function LocalReceipt({
  recorded,
  title,
  methods,
}: {
  recorded: RecordedView;
  title: string;
  methods: readonly MethodView[];
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { settings } = useShopSettings();
  return (
    <article className="receipt print-area" data-testid="counter-local-receipt">
      <h1 className="receipt__shop">{settings?.shopName ?? ""}</h1>
      {settings && settings.receiptHeader.trim() !== "" ? (
        <p className="receipt__header">{settings.receiptHeader}</p>
      ) : null}
      <dl className="receipt__facts">
        <dt>{t("receipt.number")}</dt>
        <dd data-testid="local-receipt-number">
          {t("receipt.numberValue", { number: recorded.receiptNo ?? "—", till: settings?.tillId ?? "1" })}
        </dd>
        <dt>{t("receipt.date")}</dt>
        <dd>{formatDateTime(recorded.at, locale)}</dd>
        <dt>{t("receipt.item")}</dt>
        <dd>{title.trim() || t("day.record.defaultTitle")}</dd>
        <dt>{t("receipt.amount")}</dt>
        <dd className="receipt__amount">{formatMoney(recorded.amount, locale)}</dd>
        <dt>{t("day.record.method")}</dt>
        <dd data-testid="local-receipt-method">{methodName(t, recorded.method, methods)}</dd>
        {recorded.change !== null && recorded.change > 0 ? (
          <>
            <dt>{t("counter.changeGiven")}</dt>
            <dd>{formatMoney(recorded.change, locale)}</dd>
          </>
        ) : null}
      </dl>
      <p className="receipt__footer">{t("counter.localFooter")}</p>
    </article>
  );
}
