import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/core/project-root.ts";

/**
 * A process that loads, then serves: it fills a cache of `kept` entries (what it holds live), calls
 * holdHeapGrowth (or not; from `fromLiveMb` of live heap, or the default bound when 0), then pushes 40,000
 * more entries through the cache, evicting the oldest, as the engine's caches do: every evicted entry has
 * lived long enough to reach the old generation, so it is old garbage. Prints whether the growth was held
 * and the largest heap V8 committed while serving, in MB.
 */
const serving = `
  const [mode, kept, fromLiveMb] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
  const { HEAP_HOLD, holdHeapGrowth } = await import(${JSON.stringify(join(projectRoot, "src/cli/heap-growth.ts"))});
  const entry = (n) => Array.from({ length: 200 }, (_, i) => ({ n, i, text: "word " + i }));
  const cache = new Map();
  for (let n = 0; n < kept; n++) cache.set(n, entry(n));
  const bound = fromLiveMb > 0 ? { ...HEAP_HOLD, fromLiveBytes: fromLiveMb * 1048576 } : HEAP_HOLD;
  const held = mode === "hold" ? holdHeapGrowth(bound) : false;
  let largest = 0;
  for (let n = kept; n < kept + 40000; n++) {
    cache.set(n, entry(n));
    cache.delete(cache.keys().next().value);
    if (n % 500 === 0) largest = Math.max(largest, process.memoryUsage().heapTotal);
  }
  console.log(JSON.stringify({ held, largestMb: Math.round(largest / 1048576) }));
`;

function serve(mode: "hold" | "default", kept: number, fromLiveMb = 0): { held: boolean; largestMb: number } {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", serving, mode, String(kept), String(fromLiveMb)],
    { cwd: projectRoot, encoding: "utf8" },
  );
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as { held: boolean; largestMb: number };
}

describe("holding the heap's growth while serving", () => {
  it("keeps a large heap that churns its cache near its live size, where V8 by default lets it grow", () => {
    // About 65 MB live, held from 32 MB (the default bound is for a library's heap, and would take a
    // slower test): held, the largest heap was 135 MB; by default it grew to 308 MB.
    const held = serve("hold", 4000, 32);
    const growing = serve("default", 4000);
    expect(held.held).toBe(true);
    expect(held.largestMb).toBeLessThan(growing.largestMb * 0.7);
  }, 60_000);

  it("leaves a heap under the bound to V8's own schedule", () => {
    expect(serve("hold", 4000).held).toBe(false);
  }, 30_000);
});
