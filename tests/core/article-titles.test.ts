import { describe, expect, it } from "vitest";
import { articleTitles } from "../../src/core/article-titles.ts";
import { loadEngine } from "../../src/core/engine.ts";
import { corpusCopyDir } from "../support/engines.ts";
import { blindArticlesDir, defaultCorpusDir } from "../support/paths.ts";

describe("the titles of an engine's articles", () => {
  // The seed and the two prose articles written for the blind batches: several titles, without ../shared.
  const { engine } = loadEngine({
    corpusDir: corpusCopyDir(defaultCorpusDir, blindArticlesDir),
    cacheDir: null,
  });

  it("lists each article's title in order and tells a title from other text", () => {
    const { titles, isTitle } = articleTitles(engine.articles);
    expect(titles).toEqual(engine.articles.map((article) => article.title));
    expect(isTitle("Lal Masjid")).toBe(true);
    expect(isTitle("lal masjid")).toBe(false);
    expect(isTitle("Abdul Rashid Ghazi")).toBe(false);
  });

  it("finds the titles a lower-cased question mentions, longest first, only from the start of a word", () => {
    const { titles, mentionedIn } = articleTitles(engine.articles);
    const [other] = titles.filter((title) => title !== "Lal Masjid");
    expect(other).toBeDefined();
    const question = `was the lal masjid older than the ${other?.toLowerCase()}`;
    expect(mentionedIn(question)).toEqual(
      [other, "Lal Masjid"].sort((a, b) => (b?.length ?? 0) - (a?.length ?? 0)),
    );
    expect(mentionedIn("who built the mosque")).toEqual([]);
    expect(mentionedIn("was it the metalal masjid")).toEqual([]);
  });

  it("works them out once per article list, not once per question", () => {
    expect(articleTitles(engine.articles)).toBe(articleTitles(engine.articles));
    expect(articleTitles([...engine.articles])).not.toBe(articleTitles(engine.articles));
  });
});
