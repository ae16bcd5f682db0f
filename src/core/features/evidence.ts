import type { FormKind } from "../answer/resolved-terms.ts";
import { positionsOf } from "../answer/resolved-terms.ts";
import type { CandidateSentence } from "../retrieve/candidates.ts";
import { directMatches, type QuestionFacts } from "./term-matches.ts";

/** What every feature group reads about one (question, candidate sentence) pair, computed once. */
export interface SentenceEvidence {
  facts: QuestionFacts;
  candidate: CandidateSentence;
  /** How each content term matches the sentence itself (null: not there), aligned with `facts.content`. */
  matches: Array<FormKind | null>;
  /** Word positions of each content term in the sentence, aligned with `facts.content`. */
  termPositions: number[][];
  /** All word positions holding a content term. */
  matchedPositions: number[];
}

export function sentenceEvidence(facts: QuestionFacts, candidate: CandidateSentence): SentenceEvidence {
  const matches = directMatches(facts, candidate.view);
  const termPositions = facts.content.map((r, n) =>
    matches[n] === null ? [] : positionsOf(r, candidate.view),
  );
  return { facts, candidate, matches, termPositions, matchedPositions: termPositions.flat() };
}

/** A named group of features: one concept, computed by one pure function, in a fixed order. */
export interface FeatureGroup<Input> {
  name: string;
  features: readonly string[];
  compute(input: Input): number[];
}

/** Share of the question's content idf held by the terms a predicate picks (0 when there is none). */
export function idfShare(facts: QuestionFacts, picked: (n: number) => boolean): number {
  if (facts.contentIdf === 0) return 0;
  let sum = 0;
  facts.content.forEach((r, n) => {
    if (picked(n)) sum += r.idf;
  });
  return sum / facts.contentIdf;
}
