/**
 * How far the heap may grow past what it holds live before V8 collects it, for a process that serves
 * questions (the bot, the chat). By default V8 lets the old generation reach several times what survived
 * its last full collection. A bot answering from a large library turns every cache entry it evicts into
 * old garbage, so its resident memory climbed for thousands of questions (100,000 passages: 460 MB after
 * loading, 1.1 GB after 8,000 questions, with the same 300 MB live throughout). Held to a few percent, a
 * full collection comes every few hundred questions, marked in small steps between them.
 */
import v8 from "node:v8";
import { runInNewContext } from "node:vm";

/** Growth of the heap past its live size that starts the next full collection, in percent. */
export const HEAP_GROWTH_PERCENT = 5;

let held = false;

/**
 * Holds the heap's growth to {@link HEAP_GROWTH_PERCENT}. Called once the library is loaded, not
 * before: loading under it collects every few megabytes and takes half as long again. V8 applies the
 * growth when it next collects in full, which could be thousands of questions away, so one full
 * collection runs now (some 150 ms at 100,000 passages, once per start).
 */
export function holdHeapGrowth(): void {
  if (held) return;
  held = true;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWTH_PERCENT}`);
  // `gc` exists only in contexts made after --expose-gc is set; this one is made for it and dropped.
  v8.setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}
