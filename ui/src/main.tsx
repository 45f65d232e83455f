import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import type { ProfilesView } from "./bindings/ProfilesView";
import { isCustomerWindow, Root } from "./screens/customer/Root";
import { createI18n, initialLanguage, isLanguage, type Language, loadTranslation, prefetchTranslations } from "./i18n";
import { profilesList } from "./platform";
import { afterFirstPaint } from "./shell/firstPaint";
import { whenIdle } from "./shell/lazyScreen";
import { preloadScreens } from "./shell/lazyScreens";
import { applyTheme, initialTheme } from "./shell/theme";
import "./styles/app.css";

applyTheme(initialTheme());

/**
 * The first screen (onboarding or dashboard) depends on the profiles: they are asked for while the
 * page sets up, and the app renders once with the answer instead of first drawing a loading
 * screen. A failure renders without them; the app then asks again and shows the error.
 */
function firstProfiles(): Promise<ProfilesView | undefined> {
  if (isCustomerWindow()) return Promise.resolve(undefined);
  return profilesList().catch(() => undefined);
}

/** The active profile's saved language: the first screen is drawn in it. */
function savedLanguage(profiles: ProfilesView | undefined): Language | undefined {
  const language = profiles?.profiles.find((p) => p.id === profiles.activeId)?.settings.language;
  return isLanguage(language) ? language : undefined;
}

/**
 * Reads the profiles and loads the first language's texts together (the one this window
 * remembered, which is the active profile's unless another window changed it), then renders once.
 */
async function start(root: HTMLElement): Promise<void> {
  const remembered = initialLanguage();
  loadTranslation(remembered).catch(() => undefined); // started now, awaited below
  const initialProfiles = await firstProfiles();
  const language = savedLanguage(initialProfiles) ?? remembered;
  const translation = await loadTranslation(language).catch((error: unknown) => {
    console.error(`could not load the ${language} translations`, error);
    return {}; // keys on screen rather than a blank window
  });
  const i18n = createI18n(language, { [language]: translation });
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <Root initialProfiles={initialProfiles} />
      </I18nextProvider>
    </StrictMode>,
  );
  afterFirstPaint(() =>
    whenIdle(() => {
      prefetchTranslations(language);
      if (!isCustomerWindow()) void preloadScreens();
    }),
  );
}

const root = document.getElementById("root");
if (root) void start(root);
