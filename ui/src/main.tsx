import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import type { ProfilesView } from "./bindings/ProfilesView";
import { isCustomerWindow, Root } from "./screens/customer/Root";
import { createI18n, initialLanguage } from "./i18n";
import { profilesList } from "./platform";
import { applyTheme, initialTheme } from "./shell/theme";
import "./styles/app.css";

applyTheme(initialTheme());
const i18n = createI18n(initialLanguage());

/**
 * The first screen (onboarding or dashboard) depends on the profiles: they are asked for while the
 * page sets up, and the app renders once with the answer instead of first drawing a loading
 * screen. A failure renders without them; the app then asks again and shows the error.
 */
function firstProfiles(): Promise<ProfilesView | undefined> {
  if (isCustomerWindow()) return Promise.resolve(undefined);
  return profilesList().catch(() => undefined);
}

const root = document.getElementById("root");
if (root) {
  void firstProfiles().then((initialProfiles) => {
    createRoot(root).render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <Root initialProfiles={initialProfiles} />
        </I18nextProvider>
      </StrictMode>,
    );
  });
}
