import { expect, it } from "vitest";
import { loadEngine } from "../../../src/core/engine.ts";
import { findNames, NameCatalogue, nameKey } from "../../../src/core/study/names.ts";
import { multiArticleCorpusDir } from "../../support/engines.ts";
import { describeWithSharedData } from "../../support/paths.ts";

const articles = loadEngine({ corpusDir: multiArticleCorpusDir(), cacheDir: null }).engine.articles;
const sentences = articles.flatMap((article) => article.sections.flatMap((section) => section.sentences));
const catalogue = new NameCatalogue(
  sentences.flatMap((sentence) => findNames(sentence.text, sentence.wordTags)),
);
const kindOf = (name: string) => catalogue.kindOf(nameKey(name));

describeWithSharedData("telling persons, places and organisations apart from general cues", () => {
  it("knows persons by a title, a role word or an appositive", () => {
    expect(kindOf("Pervez Musharaf")).toBe("person"); // President Pervez Musharaf
    expect(kindOf("Aurangzeb")).toBe("person"); // the emperor Aurangzeb
    expect(kindOf("Muzaffar Hussain")).toBe("person"); // Muzaffar Hussain, the emperor's foster brother
    expect(kindOf("Ranjit Singh")).toBe("person"); // not a place for "…, whose forces took the city"
  });

  it("knows a short form of a person's name (Aziz, Abdullah) as a person", () => {
    expect(kindOf("Aziz")).toBe("person");
    expect(kindOf("Abdullah")).toBe("person");
  });

  it("knows places by a type word, a place preposition or a place noun after them", () => {
    expect(kindOf("Rawal Lake")).toBe("place");
    expect(kindOf("Lahore")).toBe("place"); // in Lahore
    expect(kindOf("Aabparah")).toBe("place"); // Aabparah market
    expect(kindOf("Faisal Mosque")).toBe("place");
  });

  it("knows organisations by their head word, even after a title", () => {
    expect(kindOf("Supreme Court of Pakistan")).toBe("organisation");
    expect(kindOf("Pakistan Muslim League")).toBe("organisation"); // President Pakistan Muslim League (Q)
    expect(kindOf("Badshahi Mosque Authority")).toBe("organisation");
  });

  it("leaves names without cues unclassified and adjectives out", () => {
    expect(kindOf("Geo")).toBeNull();
    expect(kindOf("Tilla Charouni")).toBeNull();
    expect(kindOf("Pakistani")).toBeNull();
    expect(kindOf("Punjabi")).toBeNull();
  });

  it("splits names that spans.ts runs together and keeps titles out of them", () => {
    const text =
      "According to Capital Development Authority (CDA) records, the Lal Masjid is one of the oldest Mosques in Islamabad Maulana Muhammad Abdullah was appointed its first imam.";
    const sentence = sentences.find((candidate) => candidate.text === text);
    const names = findNames(text, sentence?.wordTags ?? []).map((name) => name.text);
    expect(names).toContain("Islamabad");
    expect(names).toContain("Muhammad Abdullah");
  });

  it("takes spellings and short forms of a person's name for one person, and brothers for two", () => {
    const same = (a: string, b: string) => catalogue.mayNameSame(nameKey(a), nameKey(b));
    expect(same("Abdul Rashid", "Abdul Rasheed Ghazi")).toBe(true); // short form and spelling
    expect(same("Rashid", "Abdul Rasheed Ghazi")).toBe(true);
    expect(same("Pervez Musharaf", "Pervez Musharraf")).toBe(true); // a spelling the corpus does not use
    expect(same("Zia", "Muhammad Zia ul Haq")).toBe(true);
    expect(same("Abdul Aziz", "Abdul Rashid")).toBe(false); // a given name shared by brothers
    expect(same("Muhammad Abdullah", "Muhammad Zia ul Haq")).toBe(false);
    expect(same("Shaukat Aziz", "Abdul Aziz")).toBe(false);
  });

  it("takes a name and its translation, or two names sharing a place's own word, for one place", () => {
    expect(catalogue.mayNameSame("lal masjid", "red mosque")).toBe(true);
    expect(catalogue.mayNameSame("lahore fort", "walled city of lahore")).toBe(true);
    expect(catalogue.mayNameSame("faisal mosque", "lal masjid")).toBe(false);
  });

  it("links a name to its translation in parentheses", () => {
    expect(catalogue.aliasesOf("lal masjid")).toEqual(new Set(["red mosque"]));
    expect(catalogue.aliasesOf("badshahi mosque")).toEqual(new Set(["royal mosque"]));
  });
});
