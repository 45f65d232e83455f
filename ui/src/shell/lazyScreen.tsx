import { type ComponentType, type JSX, lazy, type LazyExoticComponent, useState } from "react";

/** A screen whose code is loaded when it is first opened, or ahead of that by `preload`. */
export interface LazyScreen<P extends object> {
  (props: P): JSX.Element;
  /** Loads the screen's code now; settles when it is here or failed (a failure is left for the opening to show). */
  preload: () => Promise<void>;
}

/** Clears the failed load of each screen whose code did not come (see `forgetFailedLoads`). */
const failedLoads = new Set<() => void>();

/**
 * Makes the screens whose code failed to load try again when next mounted: the screen error's
 * Retry calls it (`React.lazy` alone keeps a failure for good). Not done at the failure itself,
 * since React renders a suspended screen again after its load settles, and that render must see
 * the failure to show it.
 */
export function forgetFailedLoads(): void {
  for (const forget of failedLoads) forget();
  failedLoads.clear();
}

/** One screen's code: loaded once, shared by every mount of the screen. */
class ScreenCode<P extends object> {
  loaded: ComponentType<P> | null = null;
  suspended: LazyExoticComponent<ComponentType<P>>;
  private loading: Promise<ComponentType<P>> | null = null;

  constructor(private readonly load: () => Promise<ComponentType<P>>) {
    this.suspended = this.suspending();
  }

  fetch(): Promise<ComponentType<P>> {
    this.loading ??= this.load().then(
      (component) => {
        this.loaded = component;
        return component;
      },
      (error: unknown) => {
        failedLoads.add(() => {
          this.loading = null;
          this.suspended = this.suspending();
        });
        throw error;
      },
    );
    return this.loading;
  }

  private suspending() {
    return lazy(() => this.fetch().then((component) => ({ default: component })));
  }
}

function LazyView<P extends object>({ code, props }: { code: ScreenCode<P>; props: P }) {
  // Chosen once per mount: switching from the lazy wrapper to the loaded component on a later
  // render would remount the screen and lose what the merchant typed.
  const [Component] = useState<ComponentType<P>>(() => code.loaded ?? code.suspended);
  return <Component {...props} />;
}

/**
 * Wraps a screen's dynamic import for `React.lazy`, rendered inside a `Suspense` and the screen's
 * error boundary. Once the code is here, the screen renders at once, without suspending (so a
 * preloaded screen never flashes the fallback).
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): LazyScreen<P> {
  const code = new ScreenCode(load);
  const render = (props: P) => <LazyView code={code} props={props} />;
  return Object.assign(render, {
    preload: () =>
      code.fetch().then(
        () => undefined,
        () => undefined, // shown when the screen is opened
      ),
  });
}
