import { appendFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type BuildProgress, loadEngine } from "../../src/core/engine.ts";
import { CORPUS_CACHE_FILE } from "../../src/core/index/corpus-cache.ts";
import { corpusCopyDir } from "../support/engines.ts";
import { defaultCorpusDir } from "../support/paths.ts";

const freshCorpus = () => corpusCopyDir(defaultCorpusDir);

describe("the index cache", () => {
  it("loads an unchanged corpus from the cache in under a second and answers the same", () => {
    const corpusDir = freshCorpus();
    const cacheDir = mkdtempSync(join(tmpdir(), "cache-"));
    const built = loadEngine({ corpusDir, cacheDir });
    expect(built.fromCache).toBe(false);
    const cached = loadEngine({ corpusDir, cacheDir });
    expect(cached.fromCache).toBe(true);
    expect(cached.millis).toBeLessThan(1000);
    const question = "when was the mosque rebuilt";
    expect(cached.engine.answer(question)).toEqual(built.engine.answer(question));
  });

  it("rebuilds when an article changes", () => {
    const corpusDir = freshCorpus();
    const cacheDir = mkdtempSync(join(tmpdir(), "cache-"));
    loadEngine({ corpusDir, cacheDir });
    appendFileSync(join(corpusDir, "lal-masjid.txt"), " Category Mosques in Asia");
    const reloaded = loadEngine({ corpusDir, cacheDir });
    expect(reloaded.fromCache).toBe(false);
    expect(reloaded.engine.articles[0]?.categories).toContain("Mosques in Asia");
  });

  it("rebuilds instead of trusting a damaged cache file", () => {
    const corpusDir = freshCorpus();
    const cacheDir = mkdtempSync(join(tmpdir(), "cache-"));
    loadEngine({ corpusDir, cacheDir });
    writeFileSync(join(cacheDir, CORPUS_CACHE_FILE), "{ truncated");
    const reloaded = loadEngine({ corpusDir, cacheDir });
    expect(reloaded.fromCache).toBe(false);
    expect(reloaded.engine.answer("when was lal masjid built").answered).toBe(true);
    expect(loadEngine({ corpusDir, cacheDir }).fromCache).toBe(true);
  });

  it("reports a build's progress in order up to done, and nothing when the cache is used", () => {
    const corpusDir = freshCorpus();
    const cacheDir = mkdtempSync(join(tmpdir(), "cache-"));
    const reports: BuildProgress[] = [];
    loadEngine({ corpusDir, cacheDir, onProgress: (progress) => reports.push(progress) });
    const fractions = reports.map((report) => report.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(new Set(reports.map((report) => report.stage))).toEqual(new Set(["ingest", "index", "cache"]));
    expect(fractions.at(-1)).toBe(1);
    const fromCache: BuildProgress[] = [];
    loadEngine({ corpusDir, cacheDir, onProgress: (progress) => fromCache.push(progress) });
    expect(fromCache).toEqual([]);
  });
});
