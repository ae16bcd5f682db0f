/**
 * How far the heap may grow past what it holds live before V8 collects it, for a process that serves
 * questions (the bot, the chat). By default V8 lets the old generation reach several times what survived
 * its last full collection. A bot answering from a large library turns every cache entry it evicts into
 * old garbage, so its resident memory climbed for thousands of questions (100,000 passages: 460 MB after
 * loading, 1.1 GB after 8,000 questions, with the same 300 MB live throughout). Held to a few percent, a
 * full collection comes every few hundred questions, marked in small steps between them.
 *
 * Those steps cost: in a burst of 500 `/ask` through the fake Discord (2,000 articles, 55 MB live), holding
 * raised p99 from 170–187 ms to 235–281 ms, as collections that V8 would have left until after the burst
 * ran inside it. A small heap grown several times over is still small, so only a large one is held.
 */
import v8 from "node:v8";
import { runInNewContext } from "node:vm";

/** When and how far the heap is held; see the module's comment. */
export const HEAP_HOLD = {
  /** Growth of the heap past its live size that starts the next full collection, in percent. */
  growthPercent: 5,
  /** Live heap after loading from which the growth is held, in bytes. */
  fromLiveBytes: 128 * 1024 * 1024,
};

/** The full collection V8 runs when asked (`gc` exists only in contexts made after --expose-gc is set). */
function collectFully(): void {
  v8.setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

/**
 * Holds the heap's growth to {@link HEAP_HOLD}'s percent when what is live after loading is at least its
 * bound, and says whether it did. Called once the library is loaded, not before: loading under it
 * collects every few megabytes and takes half as long again. V8 applies the growth when it next collects
 * in full, which could be thousands of questions away, so one full collection runs now (some 150 ms at
 * 100,000 passages, once per start), and what it leaves decides.
 */
export function holdHeapGrowth(hold = HEAP_HOLD): boolean {
  // Live can only be less than what is used, garbage included: a small library costs no collection.
  if (process.memoryUsage().heapUsed < hold.fromLiveBytes) return false;
  v8.setFlagsFromString(`--heap-growing-percent=${hold.growthPercent}`);
  collectFully();
  if (process.memoryUsage().heapUsed >= hold.fromLiveBytes) return true;
  // Mostly garbage after all (a library just built): V8's own growth again, from its next collection.
  v8.setFlagsFromString("--heap-growing-percent=0");
  return false;
}
