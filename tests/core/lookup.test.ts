import { describe, expect, it } from "vitest";
import { findArticle, lookUpPassage, resolveStudyScope, tableOfContents } from "../../src/core/lookup.ts";
import { defaultEngine } from "../support/engines.ts";

const { engine } = defaultEngine();
const { articles } = engine;

describe("finding what a person names", () => {
  it("finds an article by id or by title in any case, and nothing for another name", () => {
    expect(findArticle(articles, "lal-masjid")?.title).toBe("Lal Masjid");
    expect(findArticle(articles, "  LAL MASJID ")?.id).toBe("lal-masjid");
    expect(findArticle(articles, "Red Mosque")).toBeUndefined();
  });

  it("resolves a quiz scope to an article, a section, or says which name is unknown", () => {
    expect(resolveStudyScope(articles, null, null)).toEqual({ articleId: undefined, label: null });
    expect(resolveStudyScope(articles, "lal masjid", "Siege")).toEqual({
      articleId: "lal-masjid",
      sectionSlug: "siege",
      label: "Lal Masjid › Siege",
    });
    expect(resolveStudyScope(articles, null, "lal-masjid/mosque-stormed")).toMatchObject({
      sectionSlug: "mosque-stormed",
      label: "Lal Masjid › Mosque stormed",
    });
    expect(resolveStudyScope(articles, "atlantis", null)).toEqual({
      problem: "unknown-article",
      typed: "atlantis",
    });
    expect(resolveStudyScope(articles, "lal-masjid", "battles")).toEqual({
      problem: "unknown-section",
      typed: "battles",
      article: "Lal Masjid",
    });
  });

  it("looks up a passage id in any case, and suggests others of the same section for an unknown one", () => {
    const found = lookUpPassage(engine, " LAL-MASJID/SIEGE/2 ");
    expect(found.found?.passage.id).toBe("lal-masjid/siege/2");
    expect(found.found).toMatchObject({ previousId: "lal-masjid/siege/1", nextId: "lal-masjid/siege/3" });
    expect(lookUpPassage(engine, "lal-masjid/siege/99")).toEqual({
      found: null,
      suggestions: ["lal-masjid/siege/1", "lal-masjid/siege/2", "lal-masjid/siege/3"],
    });
  });

  it("lists an article's sections in order with passage counts, metadata last", () => {
    const article = findArticle(articles, "lal-masjid");
    if (!article) throw new Error("the project corpus has no Lal Masjid article");
    const rows = tableOfContents(article);
    expect(rows[0]).toEqual({ heading: "Introduction", passages: 1, firstId: "lal-masjid/lead/1" });
    expect(rows.find((row) => row.heading === "Siege")).toEqual({
      heading: "Siege",
      passages: 7,
      firstId: "lal-masjid/siege/1",
    });
    expect(rows.slice(-2).map((row) => row.heading)).toEqual(["Categories", "External links"]);
  });
});
