import { describe, expect, it } from "vitest";
import { analyzeQuestion } from "../../../src/core/answer/question.ts";
import { retrieveCandidates } from "../../../src/core/retrieve/candidates.ts";
import { defaultEngine } from "../../support/engines.ts";

describe("correcting a word the corpus lacks", () => {
  const { engine } = defaultEngine();
  const { vocabulary } = engine.context;

  it("takes two neighbouring letters swapped as one edit", () => {
    expect(vocabulary.has("mosqu")).toBe(true);
    expect(vocabulary.corrections("mosuq", 1)).toContain("mosqu");
    expect(vocabulary.corrections("mosuq", 0)).toEqual([]);
  });

  it("still prefers a closer correction, and finds letters changed, added or dropped", () => {
    expect(vocabulary.corrections("mosqe", 1)).toContain("mosqu");
    expect(vocabulary.corrections("xyzzyq", 1)).toEqual([]);
  });

  it("reads a question's word with swapped letters as the word it meant", () => {
    const { resolved } = retrieveCandidates(engine.context, analyzeQuestion("who bulit the mosque"));
    const bulit = resolved.find((r) => r.term.norm === "bulit");
    expect(bulit?.inCorpus).toBe(true);
    expect(bulit?.forms.some((form) => form.kind === "typo" && form.terms.includes("built"))).toBe(true);
  });
});
