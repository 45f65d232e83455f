import { useCallback, useState } from "react";

export type Theme = "light" | "dark";

const STORAGE_KEY = "dhmad.theme";

/** The saved theme, else the system's preference. */
export function initialTheme(): Theme {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === "light" || saved === "dark") return saved;
  } catch {
    // storage disabled
  }
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/** Applies a theme: the CSS variables switch on <html data-theme>. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

/** The current theme and a setter that applies and remembers it. */
export function useTheme(): [Theme, (theme: Theme) => void] {
  const [theme, setState] = useState<Theme>(() => {
    const current = document.documentElement.dataset.theme;
    return current === "dark" || current === "light" ? current : initialTheme();
  });
  const setTheme = useCallback((next: Theme) => {
    applyTheme(next);
    setState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // storage disabled: the choice lasts for this session only
    }
  }, []);
  return [theme, setTheme];
}
