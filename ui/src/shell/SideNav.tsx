import { useTranslation } from "react-i18next";
import type { ScreenId } from "./screens";

/** One entry of the side navigation. */
export interface NavItem {
  id: ScreenId;
  /** Translation key of the label. */
  labelKey: string;
  /** Stable hook for the real-window end-to-end test. */
  testId?: string;
}

interface SideNavProps {
  items: readonly NavItem[];
  current: ScreenId | null;
  onNavigate: (id: ScreenId) => void;
}

/** The list of screens, on the inline-start side (left in LTR, right in Arabic). */
export function SideNav({ items, current, onNavigate }: SideNavProps) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <nav className="side-nav" aria-label={t("nav.label")}>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className="side-nav__item"
              data-testid={item.testId}
              aria-current={item.id === current ? "page" : undefined}
              onClick={() => onNavigate(item.id)}
            >
              {t(item.labelKey)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
