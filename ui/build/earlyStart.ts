import type { Plugin, Rollup } from "vite";
import { FALLBACK_LANGUAGE, LANGUAGE_STORAGE_KEY, LANGUAGES } from "../src/i18n/languages.ts";
import { CUSTOMER_HASH } from "../src/shell/windows.ts";

/** The global the early script leaves the profiles' answer in (`takeEarlyProfiles` takes it). */
export const EARLY_PROFILES_GLOBAL = "__DHMAD_EARLY_PROFILES__";

/** Each language's translation files (`locales/xx.json`, `locales/shop/xx.json`) as built chunks' URLs. */
export function translationChunks(bundle: Rollup.OutputBundle, base = "/"): Record<string, string[]> {
  const chunks: Record<string, string[]> = {};
  for (const output of Object.values(bundle)) {
    if (output.type !== "chunk") continue;
    const language = output.facadeModuleId?.match(/\/i18n\/locales\/(?:shop\/)?([a-z]+)\.json$/)?.[1];
    if (language) chunks[language] = [...(chunks[language] ?? []), `${base}${output.fileName}`];
  }
  return chunks;
}

/**
 * The script index.html runs before the app's modules have loaded. The first screen needs the
 * profiles and one language's texts, which the app would ask for only once its own modules had
 * loaded and run; this script asks for them while they load: the texts as module preloads of the
 * language the app will choose by the same rule (the remembered language, else the system's),
 * the profiles as the command, whose answer waits in a global for the app to take. The app makes
 * its own choice again, so a wrong guess only wastes the preloads. It runs before every module,
 * so it stands alone: the constants it shares with the app are written into it here.
 */
export function earlyStartScript(chunks: Record<string, string[]>): string {
  const constants = {
    chunks,
    languages: LANGUAGES,
    fallback: FALLBACK_LANGUAGE,
    storageKey: LANGUAGE_STORAGE_KEY,
    customerHash: CUSTOMER_HASH,
    global: EARLY_PROFILES_GLOBAL,
  };
  return `(() => {
  const c = ${JSON.stringify(constants)};
  let stored = null;
  try { stored = window.localStorage.getItem(c.storageKey); } catch {}
  const webview = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  const preferred = [window.__DHMAD_SYSTEM_LANGUAGE__, ...webview].filter(Boolean);
  const detected = preferred.map((tag) => tag.toLowerCase().split(/[-_]/)[0]).find((tag) => c.languages.includes(tag));
  const language = c.languages.includes(stored) ? stored : detected ?? c.fallback;
  for (const href of c.chunks[language] ?? []) {
    const link = document.createElement("link");
    link.rel = "modulepreload";
    link.crossOrigin = "";
    link.href = href;
    document.head.append(link);
  }
  const tauri = window.__TAURI_INTERNALS__;
  if (tauri && window.location.hash !== c.customerHash) window[c.global] = tauri.invoke("profiles_list", {});
})();`;
}

/** Puts the early script at the top of the built index.html (the dev server's page goes without). */
export function earlyStart(): Plugin {
  return {
    name: "dhmad-early-start",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, context) {
        if (!context.bundle) return [];
        const script = earlyStartScript(translationChunks(context.bundle));
        return [{ tag: "script", children: script, injectTo: "head-prepend" }];
      },
    },
  };
}
