/**
 * Lets tests wait for something to show up in the fake's state. Every change calls {@link StateWaiters.notify},
 * which re-checks all pending waits, so a wait started before or after the change never misses it.
 */
export class StateWaiters {
  readonly #recheckers = new Set<() => void>();
  readonly #failers = new Set<(error: Error) => void>();

  /**
   * Resolves with the first defined value `find` returns, checking now and after every change. Rejects when
   * `find` throws or when `timeoutMs` passes; `describe` names what was awaited in the timeout error.
   */
  waitFor<T>(find: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.#recheckers.delete(recheck);
        this.#failers.delete(fail);
        settle();
      };
      const fail = (error: Error) => finish(() => reject(error));
      const recheck = () => {
        try {
          const value = find();
          if (value !== undefined) finish(() => resolve(value));
        } catch (error) {
          fail(error instanceof Error ? error : new Error(String(error)));
        }
      };
      const timer = setTimeout(
        () => fail(new Error(`Timed out after ${timeoutMs} ms waiting for ${describe()}`)),
        timeoutMs,
      );
      this.#recheckers.add(recheck);
      this.#failers.add(fail);
      recheck();
    });
  }

  /** Re-checks every pending wait; call after each change to the state they look at. */
  notify(): void {
    for (const recheck of [...this.#recheckers]) recheck();
  }

  /** Rejects every pending wait, so none outlives the fake. */
  failAll(error: Error): void {
    for (const fail of [...this.#failers]) fail(error);
  }
}
