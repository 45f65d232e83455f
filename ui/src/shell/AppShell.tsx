import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "../i18n";
import { type BannerKind, EnvironmentBanner } from "./EnvironmentBanner";
import { Preferences } from "./Preferences";
import type { ScreenId } from "./screens";
import { type NavItem, SideNav } from "./SideNav";

interface AppShellProps {
  /** SANDBOX or DEMO strip; absent for a live profile or before onboarding. */
  banner?: BannerKind | undefined;
  nav: readonly NavItem[];
  current: ScreenId | null;
  onNavigate: (id: ScreenId) => void;
  /** The profile switcher (absent before the first profile exists). */
  profiles?: ReactNode;
  /** The language control was used. */
  onLanguageChange?: ((language: Language) => void) | undefined;
  children: ReactNode;
}

/** The frame around every screen: brand and navigation on the inline-start side, content beside. */
export function AppShell({ banner, nav, current, onNavigate, profiles, onLanguageChange, children }: AppShellProps) {
  const { t } = useTranslation();
  return (
    <div className="app">
      {banner ? <EnvironmentBanner kind={banner} /> : null}
      <div className="app__body">
        <aside className="sidebar">
          <div className="brand">
            <img className="brand__mark" src="/logo.svg" alt="" width={36} height={36} />
            <div>
              <div className="brand__name">{t("app.name")}</div>
              <div className="brand__tagline">{t("app.tagline")}</div>
            </div>
          </div>
          {profiles}
          <SideNav items={nav} current={current} onNavigate={onNavigate} />
          <Preferences onLanguageChange={onLanguageChange} />
        </aside>
        <main className="content">{children}</main>
      </div>
    </div>
  );
}
