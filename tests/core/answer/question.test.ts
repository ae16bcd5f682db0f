import { describe, expect, it } from "vitest";
import { analyzeQuestion } from "../../../src/core/answer/question.ts";
import { defaultEngine } from "../../support/engines.ts";

describe("reading a question typed as students type", () => {
  const words = (question: string) => analyzeQuestion(question).terms.map((term) => term.norm);

  it("reads chat shorthand as the word meant", () => {
    expect(words("how many ppl died in the siege")).toContain("people");
    expect(words("what did the govt do after the siege")).toContain("government");
    expect(analyzeQuestion("how many ppl died in the siege").type).toBe("count");
  });

  it("ignores shorthand for function words as it ignores the words themselves", () => {
    expect(words("how did they find out abt the siege")).toEqual(
      words("how did they find out about the siege"),
    );
    expect(words("wht did u do thru the night")).toEqual(words("what did you do through the night"));
  });

  it("leaves `bc` alone, as it also writes a year", () => {
    expect(words("what happened in 500 bc")).toContain("bc");
  });

  it("reads a mistyped question word for the type it asks", () => {
    expect(analyzeQuestion("wen was the mosque built").type).toBe("date");
    expect(analyzeQuestion("wat year was the mosque built").type).toBe("date");
  });

  it("answers a question in shorthand from the same sentence as one written out", () => {
    const { engine } = defaultEngine();
    const first = (question: string) => engine.answer(question).excerpts[0]?.text;
    expect(first("what did the government do to the mosque in 2007")).toBeDefined();
    expect(first("what did the govt do to the mosque in 2007")).toEqual(
      first("what did the government do to the mosque in 2007"),
    );
  });
});
