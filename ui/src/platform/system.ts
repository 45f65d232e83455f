declare global {
  interface Window {
    /** The system's language, set by the shell before the page's first script runs. */
    __DHMAD_SYSTEM_LANGUAGE__?: string;
  }
}

/** The system's language as the shell read it (`ar`, `fr` or `en`), when the shell gave one. */
export function systemLanguage(): string | undefined {
  return typeof window === "undefined" ? undefined : window.__DHMAD_SYSTEM_LANGUAGE__;
}
