/**
 * Runs `then` once the page has painted content: at the browser's first-contentful-paint entry
 * (the paint timing API, which WebKit has), or — where that API is missing — after the next
 * frame (a frame callback runs just before a paint; a task queued from it runs after).
 */
export function afterFirstPaint(then: () => void): void {
  if (performance.getEntriesByName("first-contentful-paint").length > 0) {
    then();
    return;
  }
  if (typeof PerformanceObserver === "function" && PerformanceObserver.supportedEntryTypes?.includes("paint")) {
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName("first-contentful-paint").length === 0) return;
      observer.disconnect();
      then();
    });
    observer.observe({ type: "paint", buffered: true });
    return;
  }
  if (typeof requestAnimationFrame === "function") {
    requestAnimationFrame(() => setTimeout(then, 0));
    return;
  }
  setTimeout(then, 0);
}

/**
 * Runs `work` once the page is idle (`requestIdleCallback` where the web view has it — WebKit may
 * not — else after a short timeout): for work queued after the first paint that must not hold up
 * the merchant's first clicks either.
 */
export function whenIdle(work: () => void): void {
  if (typeof window.requestIdleCallback === "function") {
    window.requestIdleCallback(() => work(), { timeout: 2000 });
    return;
  }
  setTimeout(work, 200);
}
