import { describe, expect, it } from "vitest";
import { analyzeQuestion } from "../../../src/core/answer/question.ts";
import { lexiconIsLoaded } from "../../../src/core/text/lexicon.ts";

// In a file of its own, so that no other test has read the lexicon in this module graph.
describe("reading a question after a cached start", () => {
  it("reads the 93,000-entry lexicon only for a word one letter from a question word", () => {
    analyzeQuestion("when was it built");
    analyzeQuestion("how much did the refurbishment cost");
    expect(lexiconIsLoaded()).toBe(false);
    expect(analyzeQuestion("which way did the river flow").terms.map((term) => term.norm)).toContain("way");
    expect(lexiconIsLoaded()).toBe(true);
  });
});
