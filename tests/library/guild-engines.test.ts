import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { QaEngine } from "../../src/core/engine.ts";
import { LibraryBuilding, LibraryEngines } from "../../src/library/guild-engines.ts";
import { openDatabase } from "../../src/storage/database.ts";
import { GuildSettingsStore } from "../../src/storage/guild-settings.ts";
import { LibraryStore } from "../../src/storage/library.ts";
import { defaultEngine } from "../support/engines.ts";
import { defaultCorpusDir } from "../support/paths.ts";

/** Two servers' notes that share words ("river Velmar", "bridge") but not facts. */
const valleyNotes = [
  "# The Green Valley",
  "The Green Valley lies along the river Velmar. The river Velmar floods the valley every spring, and farmers move their herds to the hills.",
  "## Farming",
  "Barley and rye are grown on the valley floor. An old wooden bridge carries carts across the river to the mill.",
].join("\n\n");
const bridgeNotes = [
  "# The Velmar Bridge",
  "The stone bridge over the river Velmar was built in 1820 by the engineer Tomas Reyn. It replaced a ferry that had crossed the river since medieval times.",
  "## Repairs",
  "The bridge was repaired in 1911 after a flood washed away its northern arch.",
].join("\n\n");

function setUp(options: { maxMemoryBytes?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "library-engines-"));
  const db = openDatabase(join(dir, "bot.sqlite"));
  const store = new LibraryStore(db);
  const settings = new GuildSettingsStore(db);
  const operator = defaultEngine().engine;
  const cacheDir = join(dir, "cache");
  const engines = new LibraryEngines(
    store,
    settings,
    { corpusDir: defaultCorpusDir, current: () => operator },
    cacheDir,
    { waitForBuildMs: 60_000, ...options },
  );
  const add = (guildId: string, title: string, text: string) =>
    store.add({ guildId, title, fileName: "notes.md", source: "md", url: null, text, addedBy: "1" });
  return { db, store, settings, operator, engines, add, cacheDir };
}

async function engineOf(engines: LibraryEngines, guildId: string | null): Promise<QaEngine | null> {
  const engine = await engines.engineFor(guildId);
  if (engine instanceof LibraryBuilding) throw new Error("still building");
  return engine;
}

describe("each server's engine", () => {
  it("is the operator's for direct messages and for servers without a library of their own", async () => {
    const { engines } = setUp();
    expect(await engineOf(engines, null)).toBeNull();
    expect(await engineOf(engines, "100")).toBeNull();
  });

  it("answers from the server's own articles and the shared ones, never from another server's", async () => {
    const { engines, add, operator } = setUp();
    await add("100", "The Green Valley", valleyNotes);
    await add("200", "The Velmar Bridge", bridgeNotes);
    const valley = await engineOf(engines, "100");
    const bridge = await engineOf(engines, "200");
    if (valley === null || bridge === null) throw new Error("no engine built");

    const titles = (engine: QaEngine) => engine.articles.map((article) => article.title);
    expect(titles(valley)).toEqual([...operator.articles.map((a) => a.title), "The Green Valley"]);
    expect(titles(bridge)).toEqual([...operator.articles.map((a) => a.title), "The Velmar Bridge"]);

    const asked = bridge.answer("When was the bridge over the river Velmar built?");
    expect(asked.answered && asked.excerpts[0]?.article).toBe("The Velmar Bridge");
    expect(asked.answer).toBe("1820");

    const elsewhere = valley.answer("When was the bridge over the river Velmar built?");
    const cited = [...elsewhere.excerpts, ...elsewhere.related];
    expect(cited.every((excerpt) => excerpt.article !== "The Velmar Bridge")).toBe(true);
    expect(JSON.stringify(elsewhere)).not.toContain("1820");
    expect(valley.search("Velmar bridge").every((hit) => hit.article.title !== "The Velmar Bridge")).toBe(
      true,
    );
    expect(valley.search("Velmar").length).toBeGreaterThan(0);
  });

  it("holds only the server's own articles when it chose them alone, and none when it has none", async () => {
    const { engines, add, settings } = setUp();
    await settings.update("100", "1", (s) => ({ ...s, library: "own" }));
    const empty = await engineOf(engines, "100");
    expect(empty?.articles).toEqual([]);
    expect(empty?.answer("When was Lal Masjid built?").answered).toBe(false);

    await add("100", "The Green Valley", valleyNotes);
    const own = await engineOf(engines, "100");
    expect(own?.articles.map((article) => article.title)).toEqual(["The Green Valley"]);
    expect(own?.search("Lal Masjid")).toEqual([]);
  });

  it("is rebuilt when the library changes, and read from its disk cache after a restart", async () => {
    const { engines, add, store, settings, operator, cacheDir } = setUp();
    await add("100", "The Green Valley", valleyNotes);
    const first = await engineOf(engines, "100");
    expect(await engineOf(engines, "100")).toBe(first);
    expect(existsSync(join(cacheDir, "libraries", "100", "corpus.sqlite"))).toBe(true);

    await add("100", "The Velmar Bridge", bridgeNotes);
    const second = await engineOf(engines, "100");
    expect(second).not.toBe(first);
    expect(second?.articles.map((article) => article.title)).toContain("The Velmar Bridge");

    const restarted = new LibraryEngines(
      store,
      settings,
      { corpusDir: defaultCorpusDir, current: () => operator },
      cacheDir,
      { waitForBuildMs: 60_000 },
    );
    const started = performance.now();
    const reloaded = await engineOf(restarted, "100");
    expect(reloaded?.articles.map((article) => article.title)).toEqual(
      second?.articles.map((article) => article.title),
    );
    expect(reloaded?.answer("When was the Velmar bridge built?").answer).toBe("1820");
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("keeps the engines of the most recently used servers within the memory budget", async () => {
    const { engines, add } = setUp({ maxMemoryBytes: 1 });
    await add("100", "The Green Valley", valleyNotes);
    await add("200", "The Velmar Bridge", bridgeNotes);
    await engineOf(engines, "100");
    await engineOf(engines, "200");
    // Each engine alone passes a budget of one byte: only the last one used is kept.
    expect(engines.memory.servers).toBe(1);
  });
});
