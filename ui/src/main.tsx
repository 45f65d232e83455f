import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import type { ProfilesView } from "./bindings/ProfilesView";
import { Root } from "./screens/customer/Root";
import { prefetchTranslations } from "./i18n";
import { profilesList, takeEarlyProfiles } from "./platform";
import { afterFirstPaint, whenIdle } from "./shell/firstPaint";
import { preloadScreens } from "./shell/lazyScreens";
import { markStart } from "./shell/startMarks";
import { prepareStart } from "./shell/startup";
import { applyTheme, initialTheme } from "./shell/theme";
import { isCustomerWindow } from "./shell/windows";
import "./styles/app.css";

markStart("script");
applyTheme(initialTheme());

/**
 * The first screen (onboarding or dashboard) depends on the profiles: index.html's early script
 * asked for them while the modules loaded (else they are asked for now), and the app renders once
 * with the answer instead of first drawing a loading screen. A failure renders without them; the
 * app then asks again and shows the error.
 */
function firstProfiles(): Promise<ProfilesView | undefined> {
  if (isCustomerWindow()) return Promise.resolve(undefined);
  return (takeEarlyProfiles() ?? profilesList()).catch(() => undefined);
}

/**
 * Renders once the profiles and the first language are here; what the first screen does not need
 * (the other screens' code, the other languages) is fetched once it has painted and the page idles.
 */
async function start(root: HTMLElement): Promise<void> {
  const { initialProfiles, language, i18n } = await prepareStart(firstProfiles());
  markStart("prepared");
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
