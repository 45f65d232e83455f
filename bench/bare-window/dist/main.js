// Interactive once the page is on screen: tell the shell at its first contentful paint, as the
// app's UI does once its first screen is drawn (ui/src/shell/firstPaint.ts), with the same marks.
const script = performance.now();
const ready = () =>
  window.__TAURI__.core.invoke("ready", {
    script,
    painted: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? script,
    signalled: performance.now(),
  });
if (performance.getEntriesByName("first-contentful-paint").length > 0) {
  ready();
} else {
  const observer = new PerformanceObserver((list) => {
    if (list.getEntriesByName("first-contentful-paint").length === 0) return;
    observer.disconnect();
    ready();
  });
  observer.observe({ type: "paint", buffered: true });
}
