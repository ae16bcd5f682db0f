import type { AnswerType } from "../answer/question.ts";
import type { SentenceEvidence } from "../features/evidence.ts";
import { type LinearModel, linearScore, softmax } from "../rank/linear-model.ts";
import type { PassageKind } from "../types.ts";
import { type SpanCandidate, spanCandidates } from "./span-candidates.ts";
import { type SPAN_KINDS, spanContext, spanFeatures, spanKind } from "./span-features.ts";

/** The best span of the answer sentence and how sure the span ranker is of it. */
export interface SpanChoice {
  span: SpanCandidate;
  /** Softmax probability of the span among the sentence's spans. */
  probability: number;
  /** Score difference to the runner-up that does not overlap it. */
  margin: number;
  /** Probability of all the spans that share a word with it (near-variants agree). */
  overlapMass: number;
  kind: (typeof SPAN_KINDS)[number];
}

/** Every span of a sentence with its feature vector (training reads these too). */
export function spanRows(evidence: SentenceEvidence): {
  spans: SpanCandidate[];
  rows: number[][];
  kinds: SpanChoice["kind"][];
} {
  const context = spanContext(evidence);
  const spans = spanCandidates(evidence.candidate.view);
  return {
    spans,
    rows: spans.map((span) => spanFeatures.compute({ span, context })),
    kinds: spans.map((span) => spanKind(span, context)),
  };
}

/** Ranks the spans of the answer sentence; null when it has none. */
export function chooseSpan(evidence: SentenceEvidence, model: LinearModel): SpanChoice | null {
  const { spans, rows, kinds } = spanRows(evidence);
  if (spans.length === 0) return null;
  const scores = rows.map((row) => linearScore(model, row));
  const probabilities = softmax(scores);
  let best = 0;
  for (let i = 1; i < scores.length; i++) if ((scores[i] as number) > (scores[best] as number)) best = i;
  const chosen = spans[best] as SpanCandidate;
  let runnerUp = Number.NEGATIVE_INFINITY;
  let overlapMass = 0;
  spans.forEach((span, i) => {
    const disjoint = span.lastWord <= chosen.firstWord || span.firstWord >= chosen.lastWord;
    if (disjoint) runnerUp = Math.max(runnerUp, scores[i] as number);
    else overlapMass += probabilities[i] as number;
  });
  return {
    span: chosen,
    probability: probabilities[best] as number,
    margin: Number.isFinite(runnerUp) ? (scores[best] as number) - runnerUp : 10,
    overlapMass,
    kind: kinds[best] as SpanChoice["kind"],
  };
}

/**
 * Whether a span may be shown as the short answer: of the family its question expects, and in a sentence
 * of prose or a caption. A list of categories or links sets names side by side; a date or number in it is
 * tied to none of the question's words (`Mosques completed in 1965` for when a siege started).
 */
export function fitsExpectedKind(choice: SpanChoice, type: AnswerType, passage: PassageKind): boolean {
  return EXPECTED_KIND[type] === choice.kind && (passage === "body" || passage === "caption");
}

/**
 * Features of the decision to show a short answer: how sure the span ranker and the sentence ranker are.
 * (Question and span kinds, margins, lengths and the answerability probability were tried as well; they
 * made the decision worse on held-out articles. Whether to answer at all is the answerability model's.)
 */
export const SHORT_ANSWER_FEATURES: readonly string[] = [
  "span.probability",
  "span.overlapMass",
  "sentence.probability",
];

/**
 * The span family each question type expects. Only these questions get a short answer, and only when the
 * best span is of that family: "what"/"why"/"how" answers are phrases an excerpt shows better.
 */
const EXPECTED_KIND: Readonly<Partial<Record<AnswerType, SpanChoice["kind"]>>> = {
  date: "date",
  count: "number",
  measure: "number",
  person: "name",
  place: "name",
  "name-of": "name",
};

export function shortAnswerRow(choice: SpanChoice, sentenceProbability: number): number[] {
  return [choice.probability, choice.overlapMass, sentenceProbability];
}
