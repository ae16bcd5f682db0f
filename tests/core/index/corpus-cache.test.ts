import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadEngine } from "../../../src/core/engine.ts";
import {
  CORPUS_CACHE_FILE,
  CorpusCacheWriter,
  LEGACY_CACHE_FILE,
  openCorpusCache,
} from "../../../src/core/index/corpus-cache.ts";
import { defaultEngineOptions } from "../../../src/core/index/options.ts";
import { buildSearchIndex, indexedPassages, Vocabulary } from "../../../src/core/index/search-index.ts";
import type { Article } from "../../../src/core/types.ts";
import { corpusCopyDir, defaultEngine } from "../../support/engines.ts";
import { defaultCorpusDir } from "../../support/paths.ts";

/** What an article shows, without the source tokens the cache leaves out. */
const shown = (article: Article) => ({
  ...article,
  sections: article.sections.map((section) => ({
    ...section,
    sentences: section.sentences.map(({ tokens: _tokens, ...sentence }) => sentence),
  })),
  passages: article.passages.map((passage) => ({
    ...passage,
    sentences: passage.sentences.map(({ tokens: _tokens, ...sentence }) => sentence),
  })),
});

const identity = { version: 1, key: "test" };

/** Writes the seed corpus's articles to a cache file with small rows, returning its path and the articles. */
function writtenCache(termsPerRow: number) {
  const { engine } = defaultEngine();
  const articles = [...engine.articles];
  const path = join(mkdtempSync(join(tmpdir(), "corpus-cache-")), CORPUS_CACHE_FILE);
  const writer = new CorpusCacheWriter(path);
  for (const article of articles) writer.addArticle(article);
  const index = buildSearchIndex(articles, defaultEngineOptions);
  const vocabulary = Vocabulary.fromPassages(indexedPassages(articles));
  writer.finish(identity, index, vocabulary, [{ file: "x.txt", message: "skipped" }], {
    articlesInMemory: 1,
    termsPerRow,
  });
  return { path, articles, index, vocabulary };
}

describe("the corpus cache file", () => {
  it("gives back every article as ingested, sentences and passage text read from the file", () => {
    const { path, articles } = writtenCache(50);
    const loaded = openCorpusCache(path, identity, defaultEngineOptions);
    expect(loaded).not.toBeNull();
    expect(loaded?.articles.map(shown)).toEqual(articles.map(shown));
    expect(loaded?.warnings).toEqual([{ file: "x.txt", message: "skipped" }]);
  });

  it("stores the index in many rows and loads it back to the same search results and term weights", () => {
    const { path, index, vocabulary } = writtenCache(50);
    const loaded = openCorpusCache(path, identity, defaultEngineOptions);
    const query = "siege operation students killed";
    expect(loaded?.index.search(query)).toEqual(index.search(query));
    // Words a typo or prefix expands to may come in another order (the term tree is rebuilt), scores do not.
    const typed = { fuzzy: 0.2, prefix: true };
    const scored = (results: Array<{ id: string; score: number; terms: string[] }> | undefined) =>
      results?.map((result) => ({ id: result.id, score: result.score, terms: [...result.terms].sort() }));
    expect(scored(loaded?.index.search("mosk opration stud", typed))).toEqual(
      scored(index.search("mosk opration stud", typed)),
    );
    const inSiege = { boostDocument: (id: string) => (id.includes("/siege/") ? 1 : 0) };
    expect(loaded?.index.search(query, inSiege)).toEqual(index.search(query, inSiege));
    expect(loaded?.index.search(query, inSiege).length).toBeGreaterThan(0);
    for (const term of ["siege", "mosqu", "zia", "nowhere"])
      expect(loaded?.vocabulary.weight(term)).toBe(vocabulary.weight(term));
  });

  it("keeps read sentences in memory up to its article limit, and reads them again past it", () => {
    const { path } = writtenCache(5000);
    const sentenceRead = (articlesInMemory: number) => {
      const loaded = openCorpusCache(path, identity, defaultEngineOptions, {
        articlesInMemory,
        termsPerRow: 5000,
      });
      const section = loaded?.articles[0]?.sections[0];
      return [section?.sentences[0], section?.sentences[0]];
    };
    const [held, heldAgain] = sentenceRead(1);
    expect(heldAgain).toBe(held);
    const [read, readAgain] = sentenceRead(0);
    expect(readAgain).toEqual(read);
    expect(readAgain).not.toBe(read);
    expect(read?.text).toMatch(/Lal Masjid/u);
  });

  it("is not used for another corpus or engine version, nor when damaged", () => {
    const { path } = writtenCache(5000);
    expect(openCorpusCache(path, { ...identity, key: "other" }, defaultEngineOptions)).toBeNull();
    expect(openCorpusCache(path, { ...identity, version: 2 }, defaultEngineOptions)).toBeNull();
    writeFileSync(path, "not a database");
    expect(openCorpusCache(path, identity, defaultEngineOptions)).toBeNull();
  });

  it("leaves no file behind when a write is abandoned", () => {
    const dir = mkdtempSync(join(tmpdir(), "corpus-cache-"));
    const writer = new CorpusCacheWriter(join(dir, CORPUS_CACHE_FILE));
    writer.abandon();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("an engine built with a cache folder", () => {
  it("answers exactly as one built in memory, and as one loaded from the file", () => {
    const corpusDir = corpusCopyDir(defaultCorpusDir);
    const cacheDir = mkdtempSync(join(tmpdir(), "cache-"));
    const inMemory = loadEngine({ corpusDir, cacheDir: null }).engine;
    // An upgrade finds the single JSON file earlier versions wrote; it is never read again.
    writeFileSync(join(cacheDir, LEGACY_CACHE_FILE), "{}");
    const built = loadEngine({ corpusDir, cacheDir });
    const cached = loadEngine({ corpusDir, cacheDir });
    expect([built.fromCache, cached.fromCache]).toEqual([false, true]);
    expect(existsSync(join(cacheDir, CORPUS_CACHE_FILE))).toBe(true);
    expect(existsSync(join(cacheDir, LEGACY_CACHE_FILE))).toBe(false);
    for (const question of [
      "when was the mosque rebuilt",
      "who led the siege",
      "what is the capital of peru",
    ]) {
      const expected = inMemory.answer(question);
      expect(built.engine.answer(question)).toEqual(expected);
      expect(cached.engine.answer(question)).toEqual(expected);
    }
  });
});
