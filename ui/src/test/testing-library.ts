/**
 * The testing library the tests use: the app renders with Preact's compatibility layer for React,
 * so the tests render with Preact's testing library, changed where it would not do what a
 * browser and a merchant do.
 *
 * When a field's value changes, a browser fires `input`, then `change`. Preact's compatibility
 * layer listens for `input` on text fields and for `change` on selects, check boxes and radio
 * buttons, and Preact's testing library turns every `change` into `input` alone — a select would
 * never hear it. Firing both, as the browser does, reaches each field the way the merchant's
 * hand does. Likewise a field that loses the focus gets `blur` and then `focusout`, which is what
 * the compatibility layer listens to for `onBlur` (and `focusin` for `onFocus`).
 */
import {
  act as preactAct,
  cleanup as preactCleanup,
  createEvent,
  fireEvent as preactFireEvent,
  render as preactRender,
  type RenderOptions,
  type RenderResult,
} from "@testing-library/preact";
import type { ComponentChild } from "preact";

export * from "@testing-library/preact";

/**
 * Preact's `render`, whose `unmount` runs inside `act`: Preact runs an effect's clean-up after the
 * next frame, and `act` runs it before the test goes on (as React's testing library does).
 */
export function render(ui: ComponentChild, options?: Omit<RenderOptions, "queries">): RenderResult {
  const view = preactRender(ui, options);
  return {
    ...view,
    unmount: () => {
      let unmounted = false;
      preactAct(() => {
        unmounted = view.unmount();
      });
      return unmounted;
    },
  };
}

/** Unmounts everything rendered, the effects' clean-ups included (see `render`). */
export function cleanup(): void {
  preactAct(() => preactCleanup());
}

/** Promise callbacks a test's answer sets off can chain this deep and still be waited for. */
const MICROTASK_TURNS = 20;

/**
 * Preact's `act`, which also waits, after an async callback, for the promise callbacks it set off
 * (an IPC answer reaching a component's `then`) before drawing — as React's `act` does, so a test
 * that answers a command and then looks at the screen sees what the merchant would.
 */
export function act(callback: () => void | Promise<void>): Promise<void> {
  return preactAct(() => {
    const result = callback();
    if (!(result instanceof Promise)) return result;
    return result.then(async () => {
      for (let turn = 0; turn < MICROTASK_TURNS; turn++) await Promise.resolve();
    });
  });
}

type EventInit = Parameters<typeof preactFireEvent.input>[1];

function change(element: Document | Element | Window | Node, init?: EventInit): boolean {
  const input = preactFireEvent.input(element, init);
  const changed = preactFireEvent(element, createEvent.change(element, init));
  return input && changed;
}

function blur(element: Document | Element | Window | Node, init?: EventInit): boolean {
  const blurred = preactFireEvent.blur(element, init);
  return preactFireEvent(element, createEvent.focusOut(element, init)) && blurred;
}

function focus(element: Document | Element | Window | Node, init?: EventInit): boolean {
  const focused = preactFireEvent.focus(element, init);
  return preactFireEvent(element, createEvent.focusIn(element, init)) && focused;
}

export const fireEvent: typeof preactFireEvent = Object.assign(
  (...args: Parameters<typeof preactFireEvent>) => preactFireEvent(...args),
  preactFireEvent,
  { change, blur, focus },
);
