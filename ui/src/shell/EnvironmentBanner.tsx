import { useTranslation } from "react-i18next";

/** Which non-live environment the current profile uses (none for a live profile). */
export type BannerKind = "sandbox" | "demo";

/** The strip across the top that says the money is not real. */
export function EnvironmentBanner({ kind }: { kind: BannerKind }) {
  const { t } = useTranslation();
  return (
    <div className={`env-banner env-banner--${kind}`} role="status" data-testid="env-banner">
      {kind === "sandbox" ? t("banner.sandbox") : t("banner.demo")}
    </div>
  );
}
