import { useTranslation } from "react-i18next";

/** The three ways in. */
export type Door = "demo" | "sandbox" | "live";

const DOORS: readonly Door[] = ["demo", "sandbox", "live"];

interface OnboardingProps {
  /**
   * Called with the door the merchant picked. The doors are rendered without it until the flows
   * behind them exist (demo profile, key entry): their buttons are then disabled.
   */
  onChoose?: ((door: Door) => void) | undefined;
  /** A door's work is under way (the demo is starting): the doors wait. */
  busy?: boolean;
}

/** First run: try the demo, or connect a sandbox or a live key. */
export function Onboarding({ onChoose, busy = false }: OnboardingProps) {
  const { t } = useTranslation();
  return (
    <section className="onboarding" aria-labelledby="onboarding-title">
      <h1 id="onboarding-title">{t("onboarding.title")}</h1>
      <p className="onboarding__subtitle">{t("onboarding.subtitle")}</p>
      <ul className="doors" aria-label={t("onboarding.doorsLabel")}>
        {DOORS.map((door) => (
          <li key={door} className={`door door--${door}`} data-door={door}>
            <h2>{t(`onboarding.${door}.title`)}</h2>
            <p>{t(`onboarding.${door}.body`)}</p>
            <button
              type="button"
              className={door === "demo" ? "button button--primary" : "button"}
              data-testid={`door-${door}`}
              disabled={!onChoose || busy}
              onClick={() => onChoose?.(door)}
            >
              {t(`onboarding.${door}.action`)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
