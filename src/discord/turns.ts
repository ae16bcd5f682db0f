/**
 * Turns of the event loop for CPU-bound work in the bot's thread. Interactions arrive in bursts (one gateway
 * read may carry twenty); answered back to back in the same turn, the first reply could leave only once the
 * last answer had been worked out, as sending it needs a turn of its own. One answer per turn lets each reply
 * go out while the next is worked out.
 */

/** The last turn handed out. */
let lastTurn: Promise<void> = Promise.resolve();

/** Resolves on a turn of the event loop of the caller's own, after every turn asked for before it. */
export function takeTurn(): Promise<void> {
  lastTurn = lastTurn.then(() => new Promise((resolve) => setImmediate(resolve)));
  return lastTurn;
}
