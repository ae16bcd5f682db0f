import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeSyntheticCorpus } from "../../../src/cli/synthetic-corpus.ts";
import { loadEngine } from "../../../src/core/engine.ts";
import { ArticleIndexes } from "../../../src/core/index/article-indexes.ts";
import { defaultEngineOptions } from "../../../src/core/index/options.ts";
import { defaultEngine } from "../../support/engines.ts";

describe("an article's own index", () => {
  const { engine: alone } = defaultEngine();
  const [seed] = alone.articles;
  if (seed === undefined) throw new Error("the project's corpus has no article");

  it("ranks the article's passages as the library of that article alone does", () => {
    const own = new ArticleIndexes(defaultEngineOptions).of(seed);
    const ranked = (index: typeof own) => index.search("siege students mosque").map((hit) => hit.id);
    expect(ranked(own)).toEqual(ranked(alone.context.index));
  });
});

describe("the article indexes kept", () => {
  const dir = mkdtempSync(join(tmpdir(), "article-indexes-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeSyntheticCorpus(dir, { articles: 3, seed: 5 });
  const { engine } = loadEngine({ corpusDir: dir, cacheDir: null });
  const [a, b, c] = engine.articles;
  if (a === undefined || b === undefined || c === undefined) throw new Error("fewer than three articles");

  it("search only their own article's passages", () => {
    const hits = new ArticleIndexes(defaultEngineOptions).of(a).search("built");
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => (hit.id as string).startsWith(`${a.id}/`))).toBe(true);
  });

  it("are kept from an article's second naming on, at most the capacity, dropping the least recently named", () => {
    const indexes = new ArticleIndexes(defaultEngineOptions, 2);
    const once = indexes.of(a);
    expect(indexes.size).toBe(0); // named once: not kept
    const ofA = indexes.of(a);
    expect(ofA).not.toBe(once);
    indexes.of(b);
    const ofB = indexes.of(b);
    expect(indexes.of(a)).toBe(ofA); // a is now the most recent
    indexes.of(c);
    indexes.of(c);
    expect(indexes.size).toBe(2);
    expect(indexes.of(a)).toBe(ofA);
    expect(indexes.of(b)).not.toBe(ofB); // dropped, so built again
  });
});
