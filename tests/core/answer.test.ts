import { describe, expect, it } from "vitest";
import { loadEngine } from "../../src/core/engine.ts";
import type { Answer } from "../../src/core/types.ts";
import { defaultEngine, multiArticleCorpusDir } from "../support/engines.ts";

const { engine } = defaultEngine();

function answered(answer: Answer) {
  if (!answer.answered) throw new Error(`expected an answer to "${answer.question}", got ${answer.reason}`);
  return answer;
}

describe("answering questions about the Lal Masjid article", () => {
  it("answers when it was built with 1965, cited to the History section with the source link", () => {
    const answer = answered(engine.answer("when was lal masjd built"));
    expect(answer.answer).toBe("1965");
    const [first] = answer.excerpts;
    expect(first?.text).toContain("built in 1965");
    expect(first).toMatchObject({
      article: "Lal Masjid",
      section: "History",
      url: "https://en.wikipedia.org/wiki/Lal_Masjid,_Islamabad",
    });
    expect(first?.passageId).toMatch(/^lal-masjid\/history\/\d+$/u);
  });

  it("highlights the answer span inside the excerpt text", () => {
    const answer = answered(engine.answer("how many policemen were killd in the 2008 bombng"));
    const [first] = answer.excerpts;
    const span = first?.answerSpan;
    expect(span).not.toBeNull();
    expect(first?.text.slice(span?.start, span?.end)).toBe(answer.answer);
    expect(answer.answer).toContain("18");
  });

  it("returns one to three readable excerpts of at most 400 characters", () => {
    for (const question of [
      "who canceld the lal masjid agreemnt",
      "what does khateeb mean",
      "which markets are close to lal masjid",
    ]) {
      const answer = answered(engine.answer(question));
      expect(answer.excerpts.length).toBeGreaterThanOrEqual(1);
      expect(answer.excerpts.length).toBeLessThanOrEqual(3);
      for (const excerpt of answer.excerpts) {
        expect(excerpt.text.length).toBeLessThanOrEqual(400);
        expect(excerpt.text).not.toMatch(/\\\(| ,| 's\b/u);
      }
    }
  });

  it("explains terms from the article's parentheses", () => {
    expect(answered(engine.answer("what does CDA stand for")).answer).toBe("Capital Development Authority");
    expect(answered(engine.answer("what does khateeb mean")).answer).toBe("sermon giver");
  });

  it("finds metadata excerpts: categories and external links", () => {
    expect(answered(engine.answer("what kind of mosque is it")).excerpts[0]?.text).toContain(
      "Deobandi mosques",
    );
    expect(answered(engine.answer("what websites are linked")).excerpts[0]?.text).toContain(
      "Jamia Hafsa Official",
    );
    expect(answered(engine.answer("what does the map show")).excerpts[0]?.text).toContain("red spot");
  });

  it("abstains when the article never dates Faisal Mosque, offering the closest passages", () => {
    const answer = engine.answer("when was Faisal Mosque built");
    expect(answer.answered).toBe(false);
    expect(answer.excerpts).toEqual([]);
    expect(answer.related.length).toBeGreaterThan(0);
    expect(answer.related.some((excerpt) => excerpt.text.includes("Faisal Mosque"))).toBe(true);
  });

  it("does not name a killer when the article only says Maulana Abdullah was assassinated", () => {
    expect(engine.answer("who assassinated maulana abdullah").answered).toBe(false);
  });

  it("does not take the rebuilding date for the date of Abdul Aziz's release", () => {
    expect(engine.answer("when was abdul aziz released from prison").answered).toBe(false);
  });

  it("abstains on off-topic questions", () => {
    for (const question of [
      "what is the capital of france",
      "how do i reverse a list in python",
      "who won the 2022 world cup",
    ]) {
      expect(engine.answer(question).answered).toBe(false);
    }
  });

  it("reports an empty question as such", () => {
    expect(engine.answer("   ")).toMatchObject({ answered: false, reason: "empty-question" });
  });
});

describe("answering over several articles", () => {
  const multi = loadEngine({ corpusDir: multiArticleCorpusDir(), cacheDir: null }).engine;

  it("cites the article the answer comes from", () => {
    const badshahi = answered(multi.answer("when was the badshahi mosque completed"));
    expect(badshahi.answer).toBe("1673");
    expect(badshahi.excerpts[0]).toMatchObject({ article: "Badshahi Mosque", articleId: "badshahi-mosque" });
    const margalla = answered(multi.answer("who manages the margalla hills national park"));
    expect(margalla.excerpts[0]?.article).toBe("Margalla Hills");
    expect(answered(multi.answer("when was lal masjid built")).excerpts[0]?.article).toBe("Lal Masjid");
  });

  it("does not answer about one article from another that the question does not name", () => {
    expect(multi.answer("how many worshippers can lal masjid hold").answered).toBe(false);
  });
});
