/**
 * Long CPU-bound work (ingesting and indexing a corpus) written once as a generator that yields between
 * small units of work, so the same code runs straight through (start-up, command-line tools) or in slices
 * between other events (a corpus reload while the bot keeps answering). JavaScript runs on one thread here,
 * and tsx cannot load TypeScript into worker threads on Node 20, so slicing is how a reload stays in the
 * background.
 */

/** Work that yields (nothing) between units and returns its result at the end. */
export type Steps<Result> = Generator<void, Result, void>;

/** Runs every step at once. */
export function runSteps<Result>(steps: Steps<Result>): Result {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs the steps in slices of about `sliceMs`, letting other events (replies, heartbeats) run in between. */
export async function runStepsInSlices<Result>(steps: Steps<Result>, sliceMs: number): Promise<Result> {
  let sliceStarted = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStarted >= sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStarted = performance.now();
    }
  }
}
