import { describe, expect, it } from "vitest";
import { answerProbability, bestSpan, rankCandidates } from "../../../src/core/answer/answer.ts";
import { answerabilityFeatures } from "../../../src/core/decide/answerability-features.ts";
import { examineQuestion } from "../../../src/core/features/examine.ts";
import { defaultEngine } from "../../support/engines.ts";

const { engine } = defaultEngine();

/** The answerability features of a question, by name, with the committed model's ranking. */
function decisionFeatures(question: string): Record<string, number> {
  const ranked = rankCandidates(examineQuestion(engine.context, question), engine.model);
  const row = answerabilityFeatures.compute({ ranked, span: bestSpan(ranked, engine.model) });
  return Object.fromEntries(answerabilityFeatures.features.map((name, i) => [name, row[i] as number]));
}

describe("deciding whether the articles answer", () => {
  it("notices a negated question asked of a sentence that is not negated", () => {
    expect(decisionFeatures("when was the mosque not rebuilt")["top.negationMismatch"]).toBe(1);
    expect(decisionFeatures("when was the mosque rebuilt")["top.negationMismatch"]).toBe(0);
    // A negation in a clause that gives the asker's reason says nothing of the answer.
    expect(
      decisionFeatures("when was the mosque rebuilt, since it wasn't safe")["top.negationMismatch"],
    ).toBe(0);
  });

  it("counts the names and numbers of the question its best sentence lacks", () => {
    expect(decisionFeatures("when did Abdul Aziz visit Toronto")["top.missingNames"]).toBeGreaterThanOrEqual(
      1,
    );
    expect(decisionFeatures("what happened at lal masjid in 1937")["top.missingNumbers"]).toBe(1);
    expect(decisionFeatures("when was the mosque rebuilt")["top.missingWords"]).toBe(0);
  });

  it("knows what kind of question it is deciding", () => {
    expect(decisionFeatures("when was the mosque rebuilt")["question.type.date"]).toBe(1);
    expect(decisionFeatures("who was the first imam")["question.type.person"]).toBe(1);
  });

  it("tells a question that counts from one that measures, as they are answered at different rates", () => {
    const counting = decisionFeatures("how many students were in the mosque");
    const measuring = decisionFeatures("how long did the siege last");
    expect([counting["question.type.count"], counting["question.type.measure"]]).toEqual([1, 0]);
    expect([measuring["question.type.count"], measuring["question.type.measure"]]).toEqual([0, 1]);
  });

  it("is more sure of a question the article answers than of one it only seems to", () => {
    const probability = (question: string) => {
      const ranked = rankCandidates(examineQuestion(engine.context, question), engine.model);
      return answerProbability(ranked, bestSpan(ranked, engine.model), engine.model);
    };
    expect(probability("when was the mosque rebuilt")).toBeGreaterThan(
      probability("when was the mosque painted blue"),
    );
    expect(probability("when was the mosque rebuilt")).toBeGreaterThanOrEqual(
      engine.model.answerability.threshold,
    );
    expect(probability("how do i reverse a list in python")).toBeLessThan(
      engine.model.answerability.threshold,
    );
  });
});
