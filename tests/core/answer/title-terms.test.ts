import { describe, expect, it } from "vitest";
import { analyzeQuestion } from "../../../src/core/answer/question.ts";
import { namedArticles, resolveTerms } from "../../../src/core/answer/resolved-terms.ts";
import { TitleIndex, titleIndexOf, titleTermsOf } from "../../../src/core/answer/title-terms.ts";
import { loadEngine } from "../../../src/core/engine.ts";
import { defaultEngine, multiArticleCorpusDir } from "../../support/engines.ts";
import { describeWithSharedData } from "../../support/paths.ts";

describe("title terms of the seed article", () => {
  const { engine } = defaultEngine();
  const named = (question: string) =>
    namedArticles(resolveTerms(analyzeQuestion(question), engine.context), engine.context);

  it("are the index terms of the title's words", () => {
    const article = engine.article("lal-masjid");
    if (article === undefined) throw new Error("the seed article is missing");
    expect([...titleTermsOf(article)].sort()).toEqual(["lal", "masjid"]);
    expect(titleTermsOf(article)).toBe(titleTermsOf(article));
  });

  it("name the article when every title word is asked, even misspelt", () => {
    expect([...named("which city is lal masjid in")]).toEqual(["lal-masjid"]);
    expect([...named("when was lal masjd built")]).toEqual(["lal-masjid"]);
  });

  it("name the article by another name its lead sentence gives", () => {
    expect([...named("what road is the red mosque located on")]).toEqual(["lal-masjid"]);
    expect([...named("what colour is the mosque")]).toEqual([]);
  });

  it("do not name the article when only part of its title is asked", () => {
    expect([...named("which masjid is the oldest in the capital")]).toEqual([]);
  });

  it("are indexed once per library, not once per question", () => {
    const library = engine.context.articlesById;
    const index = titleIndexOf(library);
    named("which city is lal masjid in");
    expect(titleIndexOf(library)).toBe(index);
    expect(titleIndexOf(new Map(library))).not.toBe(index);
  });
});

describeWithSharedData("title terms of a library of several articles", () => {
  const { engine } = loadEngine({ corpusDir: multiArticleCorpusDir(), cacheDir: null });

  it("name only the articles whose whole title is asked, in library order", () => {
    const index = new TitleIndex(engine.articles);
    const asked = new Set(["badshahi", "mosqu", "lal", "masjid", "margalla"]);
    const order = engine.articles.map((article) => article.id);
    const found = [...index.named(asked)];
    expect(found).toEqual(order.filter((id) => id === "badshahi-mosque" || id === "lal-masjid"));
  });
});
