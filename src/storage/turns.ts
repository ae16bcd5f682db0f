/**
 * Async work run one piece at a time, in the order it was asked for: each waits until the one before it has
 * settled (failed or not), then runs alone.
 */
export class Turns {
  /** Settles when the last piece queued so far has: the turn of the next. */
  #last: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#last.then(work);
    this.#last = result.catch(() => undefined);
    return result;
  }
}
