import { describe, expect, it } from "vitest";
import { articleTitles } from "../../src/core/article-titles.ts";
import { loadEngine } from "../../src/core/engine.ts";
import { multiArticleCorpusDir } from "../support/engines.ts";

describe("the titles of an engine's articles", () => {
  const { engine } = loadEngine({ corpusDir: multiArticleCorpusDir(), cacheDir: null });

  it("lists each article's title in order, with its lower-cased form beside it", () => {
    const { titles, lowerCased } = articleTitles(engine.articles);
    expect(titles).toEqual(engine.articles.map((article) => article.title));
    expect(titles).toContain("Lal Masjid");
    expect(lowerCased[titles.indexOf("Lal Masjid")]).toBe("lal masjid");
  });

  it("works them out once per article list, not once per question", () => {
    expect(articleTitles(engine.articles)).toBe(articleTitles(engine.articles));
    expect(articleTitles([...engine.articles])).not.toBe(articleTitles(engine.articles));
  });
});
