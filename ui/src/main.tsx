import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { Root } from "./screens/customer/Root";
import { createI18n, initialLanguage } from "./i18n";
import { applyTheme, initialTheme } from "./shell/theme";
import "./styles/app.css";

applyTheme(initialTheme());
const i18n = createI18n(initialLanguage());

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <Root />
      </I18nextProvider>
    </StrictMode>,
  );
}
