/**
 * Shows a system notification when the window is not in front (e.g. "Paid" while the merchant
 * works in another program). Uses the webview's Notification API; silent where it is missing or
 * refused — the large on-screen confirmation is still there when the merchant comes back.
 */
export function notifyInBackground(title: string, body: string): void {
  if (typeof document !== "undefined" && document.hasFocus() && document.visibilityState === "visible") return;
  const N = typeof window !== "undefined" ? window.Notification : undefined;
  if (!N) return;
  const show = () => {
    try {
      new N(title, { body });
    } catch {
      // Not allowed here: nothing more to do.
    }
  };
  if (N.permission === "granted") show();
  else if (N.permission !== "denied") {
    void Promise.resolve(N.requestPermission())
      .then((p) => {
        if (p === "granted") show();
      })
      .catch(() => {});
  }
}
