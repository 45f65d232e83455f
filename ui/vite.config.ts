import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { earlyStart } from "./build/earlyStart.ts";

// The front end lives in ui/; package.json and node_modules sit at the repository root so the
// tauri CLI (which runs from the root, beside tauri.conf.json) finds them.
const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  plugins: [react(), earlyStart()],
  // "react" and "react-dom" are Preact's compatibility layer (npm aliases in package.json): the
  // first screen's script is a third of React's. react-i18next reaches useSyncExternalStore
  // through a CommonJS shim whose require("react") would load a second copy of Preact, whose
  // hooks would not see the first's renders: it gets the compatibility layer's own instead.
  resolve: {
    alias: [{ find: /^use-sync-external-store\/shim(\/index\.js)?$/, replacement: "preact/compat" }],
  },
  // Tauri serves the built files itself; a fixed port lets tauri.conf.json's devUrl find Vite.
  server: { port: 5173, strictPort: true },
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.50 (Debian 12) and recent Safari/Edge WebViews all support ES2022.
    target: "es2022",
    sourcemap: false,
  },
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
    restoreMocks: true,
    // Run through Vite, so that the alias above applies to it in the tests too.
    server: { deps: { inline: ["react-i18next"] } },
  },
});
