import { describe, expect, it } from "vitest";
import { answerTypeFeatures } from "../../../src/core/features/answer-type.ts";
import { contextFeatures } from "../../../src/core/features/context.ts";
import { coverageFeatures } from "../../../src/core/features/coverage.ts";
import type { FeatureGroup, SentenceEvidence } from "../../../src/core/features/evidence.ts";
import { type ExaminedQuestion, examineQuestion } from "../../../src/core/features/examine.ts";
import {
  gapsInTightestWindow,
  orderedPairShare,
  proximityFeatures,
  tightestWindow,
} from "../../../src/core/features/proximity.ts";
import { retrievalFeatures } from "../../../src/core/features/retrieval.ts";
import { SENTENCE_FEATURES, sentenceFeatureVector } from "../../../src/core/features/sentence-features.ts";
import { shapeFeatures } from "../../../src/core/features/shape.ts";
import { defaultEngine } from "../../support/engines.ts";

const { engine } = defaultEngine();

function examine(question: string): ExaminedQuestion {
  return examineQuestion(engine.context, question);
}

/** The candidate sentence that contains `text`, failing loudly when retrieval did not bring it. */
function candidate(examined: ExaminedQuestion, text: string): SentenceEvidence {
  const found = examined.evidence.find((e) => e.candidate.view.sentence.text.includes(text));
  if (!found) throw new Error(`no candidate sentence contains "${text}"`);
  return found;
}

/** One named feature of a group for a candidate. */
function value(group: FeatureGroup<SentenceEvidence>, evidence: SentenceEvidence, name: string): number {
  const at = group.features.indexOf(name);
  if (at < 0) throw new Error(`${group.name} has no feature ${name}`);
  return group.compute(evidence)[at] as number;
}

describe("sentence features on the Lal Masjid article", () => {
  it("lists every feature once, in the order the vector is computed", () => {
    const examined = examine("when was lal masjid built");
    expect(new Set(SENTENCE_FEATURES).size).toBe(SENTENCE_FEATURES.length);
    for (const row of examined.rows) expect(row).toHaveLength(SENTENCE_FEATURES.length);
    expect(sentenceFeatureVector(examined.evidence[0] as SentenceEvidence)).toEqual(examined.rows[0]);
  });

  it("tells a word matched as typed from one matched by its stem", () => {
    const asTyped = candidate(examine("when was the mosque rebuilt"), "rebuilt in 2009");
    const byStem = candidate(examine("when was the mosque rebuilding"), "rebuilt in 2009");
    expect(value(coverageFeatures, asTyped, "coverage.exact")).toBeGreaterThan(0.5);
    expect(value(coverageFeatures, byStem, "coverage.stem")).toBeGreaterThan(0);
    expect(value(coverageFeatures, byStem, "coverage.exact")).toBeLessThan(
      value(coverageFeatures, asTyped, "coverage.exact"),
    );
  });

  it("credits a corrected misspelling as a typo match, not an exact one", () => {
    const evidence = candidate(examine("when was the mosque rebuillt"), "rebuilt in 2009");
    expect(value(coverageFeatures, evidence, "coverage.typo")).toBeGreaterThan(0);
  });

  it("measures how much of the question the corpus lacks entirely", () => {
    const examined = examine("what is the capital of france");
    const evidence = examined.evidence[0] as SentenceEvidence;
    expect(value(coverageFeatures, evidence, "coverage.absentFromCorpus")).toBeGreaterThan(0.3);
    const inCorpus = examine("when was the mosque rebuilt");
    expect(
      value(coverageFeatures, inCorpus.evidence[0] as SentenceEvidence, "coverage.absentFromCorpus"),
    ).toBe(0);
  });

  it("credits the article's title for words a sentence leaves out ('It was built in 1965')", () => {
    const evidence = candidate(examine("when was lal masjid built"), "It was built in 1965");
    expect(value(contextFeatures, evidence, "context.title")).toBeGreaterThan(0);
    expect(value(contextFeatures, evidence, "context.namedArticle")).toBe(1);
  });

  it("sees a date near the asked words in a when-question, and none in a sentence without dates", () => {
    const examined = examine("when was lal masjid built");
    const dated = candidate(examined, "It was built in 1965");
    expect(value(answerTypeFeatures, dated, "answerType.datePresent")).toBe(1);
    expect(value(answerTypeFeatures, dated, "answerType.nearest")).toBeGreaterThan(0.5);
    const undated = examined.evidence.find(
      (e) => !/\d/u.test(e.candidate.view.sentence.text) && e.candidate.view.passage.kind === "body",
    );
    expect(undated && value(answerTypeFeatures, undated, "answerType.datePresent")).toBe(0);
  });

  it("sees a number that counts what a how-many question asks about, and not one that counts other things", () => {
    const policemen = examine("how many policemen were killed in the bombing");
    const killed = candidate(policemen, "killing 18 policemen");
    expect(value(answerTypeFeatures, killed, "answerType.numberPresent")).toBe(1);
    expect(value(answerTypeFeatures, killed, "answerType.countedNoun")).toBe(1);
    // The same sentence holds a number, but of policemen, not of students.
    const students = examine("how many students were killed in the bombing");
    expect(
      value(answerTypeFeatures, candidate(students, "killing 18 policemen"), "answerType.countedNoun"),
    ).toBe(0);
    expect(
      value(answerTypeFeatures, candidate(students, "12,000 students attended"), "answerType.countedNoun"),
    ).toBe(1);
  });

  it("gives the best passage a score ratio of 1 and lower ranks less", () => {
    const examined = examine("when was the mosque rebuilt");
    const ratios = examined.evidence.map((e) => value(retrievalFeatures, e, "retrieval.scoreRatio"));
    expect(Math.max(...ratios)).toBe(1);
    const top = examined.evidence.find((e) => e.candidate.passageRank === 0) as SentenceEvidence;
    const lower = examined.evidence.find((e) => e.candidate.passageRank > 0) as SentenceEvidence;
    expect(value(retrievalFeatures, top, "retrieval.reciprocalRank")).toBeGreaterThan(
      value(retrievalFeatures, lower, "retrieval.reciprocalRank"),
    );
  });

  it("marks the article's opening sentence and a sentence opening with a pronoun", () => {
    const examined = examine("where is lal masjid located");
    const opening = candidate(examined, "is a mosque located in Islamabad");
    expect(value(shapeFeatures, opening, "shape.articleOpening")).toBe(1);
    const pronoun = candidate(examine("when was lal masjid built"), "It was built in 1965");
    expect(value(shapeFeatures, pronoun, "shape.pronounStart")).toBe(1);
  });

  it("rates the question's words standing together higher than scattered", () => {
    const examined = examine("when did the mosque get rebuilt");
    const close = candidate(examined, "rebuilt in 2009");
    expect(value(proximityFeatures, close, "proximity.window")).toBeGreaterThan(0);
  });
});

describe("proximity measures", () => {
  it("counts the words between matched terms in the tightest window", () => {
    expect(gapsInTightestWindow([[2], [3]])).toBe(0);
    expect(
      gapsInTightestWindow([
        [2, 20],
        [9, 21],
      ]),
    ).toBe(0);
    expect(gapsInTightestWindow([[0], [5]])).toBe(4);
    expect(gapsInTightestWindow([[4], []])).toBe(0);
  });

  it("finds the tightest stretch holding each matched term, for cutting a long excerpt around it", () => {
    expect(tightestWindow([[2, 20], [9, 21], []])).toEqual({ from: 20, to: 21 });
    expect(tightestWindow([[7], []])).toEqual({ from: 7, to: 7 });
    expect(tightestWindow([[], []])).toBeNull();
  });

  it("finds the question's consecutive words in order and close together", () => {
    expect(orderedPairShare([[1], [2], [9]])).toBe(0.5);
    expect(orderedPairShare([[5], [2]])).toBe(0);
  });
});
