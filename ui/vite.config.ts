import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// The front end lives in ui/; package.json and node_modules sit at the repository root so the
// tauri CLI (which runs from the root, beside tauri.conf.json) finds them.
const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
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
  },
});
