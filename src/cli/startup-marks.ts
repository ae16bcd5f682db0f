/**
 * The moments of a start that `npm run bench` times apart (src/cli/bench-startup.ts). `main.ts` marks each
 * one it passes with `performance.mark`, which costs a few microseconds and is read by nobody in
 * production; the start-up probe (startup-probe.ts), preloaded by the benchmark, reads them at exit.
 */
export const startupMarks = {
  /** The probe's first line: Node is up and about to load main.js's modules. */
  nodeStarted: "startup: node started",
  /** main.ts's first line: every module it imports statically is loaded. */
  modulesLoaded: "startup: modules loaded",
  /** The configuration is read and the engine loaded (from the index cache when it is warm). */
  engineLoaded: "startup: engine loaded",
  /** The terminal chat has answered its piped input and returned. */
  chatDone: "startup: chat done",
} as const;

export type StartupMark = keyof typeof startupMarks;

/** Marks that the start has reached `mark`. */
export function markStartup(mark: StartupMark): void {
  performance.mark(startupMarks[mark]);
}
