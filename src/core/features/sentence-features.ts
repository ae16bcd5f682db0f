import { answerTypeFeatures, typeRuleFeatures } from "./answer-type.ts";
import { contextFeatures } from "./context.ts";
import { coverageFeatures } from "./coverage.ts";
import type { FeatureGroup, SentenceEvidence } from "./evidence.ts";
import { proximityFeatures } from "./proximity.ts";
import { retrievalFeatures } from "./retrieval.ts";
import { shapeFeatures } from "./shape.ts";

/** Every feature group the sentence ranker reads, in the order of the feature vector. */
export const SENTENCE_FEATURE_GROUPS: readonly FeatureGroup<SentenceEvidence>[] = [
  retrievalFeatures,
  coverageFeatures,
  contextFeatures,
  proximityFeatures,
  answerTypeFeatures,
  typeRuleFeatures,
  shapeFeatures,
];

/** Names of the sentence features, in vector order (a model file must list exactly these). */
export const SENTENCE_FEATURES: readonly string[] = SENTENCE_FEATURE_GROUPS.flatMap(
  (group) => group.features,
);

/** The feature vector of one (question, sentence) pair. */
export function sentenceFeatureVector(evidence: SentenceEvidence): number[] {
  return SENTENCE_FEATURE_GROUPS.flatMap((group) => group.compute(evidence));
}
