import ar from "./locales/ar.json";
import en from "./locales/en.json";
import arShop from "./locales/shop/ar.json";
import enShop from "./locales/shop/en.json";
import frShop from "./locales/shop/fr.json";
import fr from "./locales/fr.json";

/**
 * Every language's texts, loaded eagerly: for the checks that compare the languages' keys and
 * for tests, which render in any language synchronously. The app itself loads one language at a
 * time (see `load.ts`); English is the reference every other file must match.
 */
export const resources = {
  en: { ...en, ...enShop },
  fr: { ...fr, ...frShop },
  ar: { ...ar, ...arShop },
} as const;
