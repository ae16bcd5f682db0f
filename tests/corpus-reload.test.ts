import { appendFileSync, copyFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeSyntheticCorpus } from "../src/cli/synthetic-corpus.ts";
import { EngineBuild } from "../src/core/background-build.ts";
import { type LoadEngineOptions, loadEngine } from "../src/core/engine.ts";
import type { Answer } from "../src/core/types.ts";
import { type CorpusReloadOptions, ReloadableCorpus } from "../src/corpus-reload.ts";
import { createLogger } from "../src/discord/logger.ts";
import { eventually } from "./e2e/bot-harness.ts";
import { corpusCopyDir } from "./support/engines.ts";
import { blindArticlesDir, defaultCorpusDir } from "./support/paths.ts";

const newArticleQuestion = "who owns the forth bridge";

/** The first excerpt an engine answers with ("" when it has no engine yet or declines). */
function firstExcerpt(
  engine: { answer(question: string): Answer } | null | undefined,
  question: string,
): string {
  return engine?.answer(question).excerpts[0]?.text ?? "";
}

/** A reloadable corpus over a fresh copy of `corpus/`, with every log line it writes. */
function reloadableCopy(options: Partial<CorpusReloadOptions> = {}) {
  const load: LoadEngineOptions = { corpusDir: corpusCopyDir(defaultCorpusDir), cacheDir: null };
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: "info",
    write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
  });
  const corpus = new ReloadableCorpus(loadEngine(load), load, logger, options);
  return { corpus, dir: load.corpusDir, logs };
}

const addForthBridge = (dir: string) =>
  copyFileSync(join(blindArticlesDir, "forth-bridge.md"), join(dir, "forth-bridge.md"));

describe("reloading the corpus while serving", () => {
  it("makes a new article answerable after a reload, keeps the old engine intact, and logs it as added", async () => {
    const { corpus, dir, logs } = reloadableCopy();
    const before = corpus.current;
    expect(before?.answer(newArticleQuestion).answer).toBeNull();

    addForthBridge(dir);
    const outcome = await corpus.reload("test");

    expect(outcome).toMatchObject({ result: "reloaded", added: ["forth-bridge"], removed: [], changed: [] });
    expect(corpus.current).not.toBe(before);
    expect(firstExcerpt(corpus.current, newArticleQuestion)).toContain("Network Rail");
    expect(corpus.current?.answer("when was lal masjid built").answer).toBe("1965");
    // A question that took the old engine before the swap still finishes on it, with what it knew.
    expect(before?.answer(newArticleQuestion).answer).toBeNull();
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: "info",
        msg: "corpus reloaded",
        trigger: "test",
        added: ["forth-bridge"],
        articles: 2,
      }),
    );
  });

  it("logs which articles changed and which were removed", async () => {
    const { corpus, dir, logs } = reloadableCopy();
    addForthBridge(dir);
    await corpus.reload("first");

    appendFileSync(join(dir, "lal-masjid.txt"), "\nThe mosque was repainted in 2031 .\n");
    rmSync(join(dir, "forth-bridge.md"));
    const outcome = await corpus.reload("second");

    expect(outcome).toMatchObject({
      result: "reloaded",
      added: [],
      removed: ["forth-bridge"],
      changed: ["lal-masjid"],
    });
    expect(logs.at(-1)).toMatchObject({
      msg: "corpus reloaded",
      removed: ["forth-bridge"],
      changed: ["lal-masjid"],
    });
  });

  it("skips a broken new file with a warning naming it and loads the others", async () => {
    const { corpus, dir, logs } = reloadableCopy();
    writeFileSync(join(dir, "scan.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]));
    writeFileSync(join(dir, "notes.md"), Buffer.from("Caf\xe9 notes", "latin1"));
    addForthBridge(dir);

    const outcome = await corpus.reload("test");

    expect(outcome).toMatchObject({ result: "reloaded", added: ["forth-bridge"] });
    expect(firstExcerpt(corpus.current, newArticleQuestion)).toContain("Network Rail");
    const warnings = logs.filter((line) => line.level === "warn");
    expect(warnings).toEqual([
      expect.objectContaining({
        msg: "corpus warning",
        file: "notes.md",
        problem: "skipped: not valid UTF-8 text",
      }),
      expect.objectContaining({
        msg: "corpus warning",
        file: "scan.txt",
        problem: "skipped: looks like a binary file",
      }),
    ]);
  });

  it("keeps serving the old engine when nothing in the folder loads", async () => {
    const { corpus, dir, logs } = reloadableCopy();
    const before = corpus.current;
    for (const name of readdirSync(dir)) rmSync(join(dir, name));
    writeFileSync(join(dir, "empty.md"), "   \n");

    const outcome = await corpus.reload("test");

    expect(outcome).toEqual({ result: "failed", reason: expect.stringContaining("no readable articles") });
    expect(corpus.current).toBe(before);
    expect(corpus.current?.answer("when was lal masjid built").answer).toBe("1965");
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: "warn",
        msg: "corpus reload failed: still serving the previous articles",
        articles: 1,
      }),
    );
  });

  it("keeps the same engine when the folder has not changed", async () => {
    const { corpus, logs } = reloadableCopy();
    const before = corpus.current;

    expect(await corpus.reload("test")).toEqual({ result: "unchanged" });
    expect(corpus.current).toBe(before);
    expect(logs).toContainEqual(expect.objectContaining({ msg: "corpus unchanged", trigger: "test" }));
  });

  it("runs reloads one after another: requests made during a reload share the one queued after it", async () => {
    // Slices of 0 ms: the first reload gives way after every file and passage, so it is surely in progress.
    const { corpus, dir } = reloadableCopy({ sliceMs: 0 });
    addForthBridge(dir);

    const first = corpus.reload("first");
    await new Promise((resolve) => setImmediate(resolve));
    const second = corpus.reload("second");
    const third = corpus.reload("third");

    expect(second).not.toBe(first);
    expect(third).toBe(second);
    expect(await first).toMatchObject({ result: "reloaded", added: ["forth-bridge"] });
    expect(await second).toEqual({ result: "unchanged" });
  });

  it("with the folder watched, answers a new article once the folder has been quiet, with no reload asked for", async () => {
    const { corpus, dir, logs } = reloadableCopy({ watchDebounceMs: 50 });
    const stopWatching = corpus.watch();
    try {
      addForthBridge(dir);
      await eventually(
        () => (firstExcerpt(corpus.current, newArticleQuestion).includes("Network Rail") ? true : undefined),
        "the new article to be answerable",
        15_000,
      );
      expect(logs).toContainEqual(
        expect.objectContaining({
          msg: "corpus reloaded",
          trigger: "corpus folder changed",
          added: ["forth-bridge"],
        }),
      );
    } finally {
      stopWatching();
    }
  });
});

describe("a corpus whose first build is still under way", () => {
  it("serves no engine until the build is done, and a reload asked for meanwhile waits for it", async () => {
    const load: LoadEngineOptions = { corpusDir: corpusCopyDir(defaultCorpusDir), cacheDir: null };
    writeSyntheticCorpus(load.corpusDir, { articles: 40, seed: 9 });
    const logger = createLogger({ level: "error", write: () => undefined });
    const corpus = new ReloadableCorpus(new EngineBuild(load), load, logger);

    expect(corpus.current).toBeNull();
    expect(corpus.buildFraction).toBeLessThan(1);
    addForthBridge(load.corpusDir);
    const outcome = await corpus.reload("test");

    expect(outcome).toMatchObject({ result: "reloaded", added: ["forth-bridge"], articles: 42 });
    expect(corpus.buildFraction).toBe(1);
    expect(firstExcerpt(corpus.current, newArticleQuestion)).toContain("Network Rail");
  });
});
