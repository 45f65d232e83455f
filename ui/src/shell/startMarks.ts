import type { PageMarks } from "../bindings/PageMarks";

/** The steps of the start the page marks itself; the paint comes from the paint timing API. */
type Step = "script" | "prepared" | "committed" | "effects";

const marks: Partial<Record<Step, number>> = {};

/** Notes when the page first reached `step` of its start (later calls keep the first time). */
export function markStart(step: Step): void {
  marks[step] ??= performance.now();
}

/**
 * The marks `ui_ready` logs, with the moment it is called. A step that was never marked takes the
 * time of the one before it, so the split shows it as taking nothing rather than a wrong figure.
 */
export function startMarks(): PageMarks {
  const signalled = performance.now();
  const script = marks.script ?? 0;
  const prepared = marks.prepared ?? script;
  const committed = marks.committed ?? prepared;
  const effects = marks.effects ?? committed;
  const painted = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? effects;
  return { script, prepared, committed, effects, painted, signalled };
}

/** Forgets the marks (tests start the page several times). */
export function resetStartMarksForTests(): void {
  for (const step of Object.keys(marks) as Step[]) delete marks[step];
}
