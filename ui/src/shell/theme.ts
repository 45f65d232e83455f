import { useCallback, useEffect, useSyncExternalStore } from "react";

export type Theme = "light" | "dark";
/** What the merchant chose: a theme, or the system's (followed live as it changes). */
export type ThemeChoice = Theme | "system";

const STORAGE_KEY = "dhmad.theme";
const DARK_QUERY = "(prefers-color-scheme: dark)";

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return value === "light" || value === "dark" || value === "system";
}

/** The system's theme now (light when the webview cannot tell). */
function systemTheme(): Theme {
  return window.matchMedia?.(DARK_QUERY).matches ? "dark" : "light";
}

/** The theme a choice shows now. */
export function resolveTheme(choice: ThemeChoice): Theme {
  return choice === "system" ? systemTheme() : choice;
}

/** The saved choice; nothing saved means the system's. */
export function savedThemeChoice(): ThemeChoice {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === "light" || saved === "dark") return saved;
  } catch {
    // storage disabled
  }
  return "system";
}

/** The saved theme, else the system's preference. */
export function initialTheme(): Theme {
  return resolveTheme(savedThemeChoice());
}

/** Applies a theme: the CSS variables switch on <html data-theme>. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

interface ThemeState {
  choice: ThemeChoice;
  theme: Theme;
}

// One state per window, shared by every control that shows or changes the theme (the
// preferences toggle, the settings screen) so none of them shows a stale one.
let state: ThemeState | null = null;
const listeners = new Set<() => void>();

function current(): ThemeState {
  if (!state) {
    const choice = savedThemeChoice();
    state = { choice, theme: resolveTheme(choice) };
  }
  return state;
}

function setState(next: ThemeState): void {
  applyTheme(next.theme);
  if (state?.choice === next.choice && state.theme === next.theme) return; // nothing to re-render
  state = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Applies and remembers a choice (`system` is remembered as no saved theme). */
export function chooseTheme(choice: ThemeChoice): void {
  try {
    if (choice === "system") window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // storage disabled: the choice lasts for this session only
  }
  setState({ choice, theme: resolveTheme(choice) });
}

/** The current choice and shown theme, and a setter that applies and remembers a choice. */
export function useTheme(): [ThemeState, (choice: ThemeChoice) => void] {
  const theme = useSyncExternalStore(subscribe, current);
  return [theme, useCallback((choice: ThemeChoice) => chooseTheme(choice), [])];
}

/**
 * While the choice is `system`, follows the system's light/dark changes live; the listener goes
 * away as soon as another theme is chosen or the window's root unmounts. Mount once per window.
 */
export function useFollowSystemTheme(): void {
  const { choice } = useSyncExternalStore(subscribe, current);
  useEffect(() => {
    if (choice !== "system" || !window.matchMedia) return;
    const query = window.matchMedia(DARK_QUERY);
    const follow = () => setState({ choice: "system", theme: query.matches ? "dark" : "light" });
    follow(); // the system may have changed since the choice was made
    query.addEventListener("change", follow);
    return () => query.removeEventListener("change", follow);
  }, [choice]);
}
