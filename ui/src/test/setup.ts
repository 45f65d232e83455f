import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup } from "./testing-library";
import { options } from "preact";
import { afterEach } from "vitest";

// Preact runs a component's effects after the next frame is painted; a test has no frames (and
// some stop the clock), so they run once the render's own promise callbacks are done instead.
options.requestAnimationFrame = (flush) => queueMicrotask(flush);

afterEach(() => {
  cleanup();
  clearMocks();
  window.localStorage.clear();
});
