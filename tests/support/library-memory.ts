/**
 * Run as `node --expose-gc --import tsx tests/support/library-memory.ts SERVERS BUDGET_MB`: gives SERVERS
 * servers five real articles each (the prose fixtures), asks each server a question so its engine is built
 * and used, and prints as JSON what the servers' engines hold: the heap kept after a forced collection
 * (beside the heap before any was built), what the budget counted, and how many engines it kept.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEngine } from "../../src/core/engine.ts";
import { LibraryBuilding, LibraryEngines } from "../../src/library/guild-engines.ts";
import { openDatabase } from "../../src/storage/database.ts";
import { GuildSettingsStore } from "../../src/storage/guild-settings.ts";
import { LibraryStore } from "../../src/storage/library.ts";
import { defaultCorpusDir, projectRoot } from "./paths.ts";

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with node --expose-gc");
const servers = Number(process.argv[2] ?? 20);
const budgetBytes = Number(process.argv[3] ?? 64) * 1024 * 1024;

const proseDir = join(projectRoot, "tests/fixtures/prose");
const texts = readdirSync(proseDir)
  .filter((name) => name.endsWith(".md"))
  .sort()
  .map((name) => readFileSync(join(proseDir, name), "utf8"));
const dir = mkdtempSync(join(tmpdir(), "library-memory-"));
const db = openDatabase(join(dir, "bot.sqlite"));
const store = new LibraryStore(db);
const settings = new GuildSettingsStore(db);
const operator = loadEngine({ corpusDir: defaultCorpusDir, cacheDir: null }).engine;
let libraryBytes = 0;
for (let server = 0; server < servers; server++) {
  for (let n = 0; n < 5; n++) {
    const text = texts[(server * 5 + n) % texts.length] ?? "";
    libraryBytes += Buffer.byteLength(text);
    await store.add({
      guildId: String(1_300_000_000_000_000_000n + BigInt(server)),
      title: `Reading ${n + 1} of server ${server + 1}`,
      fileName: `reading-${n + 1}.md`,
      source: "md",
      url: null,
      text,
      addedBy: "1200000000000000001",
    });
  }
}
const engines = new LibraryEngines(
  store,
  settings,
  { corpusDir: defaultCorpusDir, current: () => operator },
  join(dir, "cache"),
  { maxMemoryBytes: budgetBytes, waitForBuildMs: 120_000 },
);
// Warm the answering code once, so what it keeps for every engine is not counted against the first server.
operator.answer("when was it built");
gc();
const before = process.memoryUsage().heapUsed;
const started = performance.now();
for (let server = 0; server < servers; server++) {
  const engine = await engines.engineFor(String(1_300_000_000_000_000_000n + BigInt(server)));
  if (engine === null || engine instanceof LibraryBuilding) throw new Error("no engine for a server");
  for (const question of ["who was the first to do it", "when did it end", "what is it made of"])
    engine.answer(question);
}
const millis = performance.now() - started;
gc();
const kept = process.memoryUsage().heapUsed - before;
console.log(
  JSON.stringify({
    servers,
    budgetBytes,
    enginesKept: engines.memory.servers,
    countedBytes: engines.memory.bytes,
    heapKeptBytes: kept,
    heapPerKeptServerBytes: Math.round(kept / Math.max(1, engines.memory.servers)),
    libraryBytesPerServer: Math.round(libraryBytes / servers),
    buildAndAskMillisPerServer: Math.round(millis / servers),
  }),
);
await db.close();
