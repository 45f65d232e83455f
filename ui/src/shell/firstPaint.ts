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
