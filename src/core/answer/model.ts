import { join } from "node:path";
import { answerabilityFeatures } from "../decide/answerability-features.ts";
import { SHORT_ANSWER_FEATURES } from "../extract/short-answer.ts";
import { spanFeatures } from "../extract/span-features.ts";
import { SENTENCE_FEATURES } from "../features/sentence-features.ts";
import { ModelError, readModelFile } from "../model-error.ts";
import { projectRoot } from "../project-root.ts";
import type { LinearModel } from "../rank/linear-model.ts";

/** A classifier with the decision threshold chosen for it on validation folds. */
export interface ThresholdedModel extends LinearModel {
  /** Probability at or above which the answer is given (or the short answer shown). */
  threshold: number;
  /** What the threshold was chosen for, in words (`false abstention 6% on validation folds`). */
  chosenFor: string;
}

/**
 * The learned part of answering, as `npm run train` writes it to `models/answer-model.json`: the
 * sentence ranker, the answerability classifier, the span ranker and the short-answer confidence, plus
 * where the data came from and the cross-validated figures.
 */
export interface AnswerModel {
  version: 1;
  /** Training data files and their SHA-256 hashes. */
  trainedOn: Array<{ file: string; sha256: string }>;
  ranker: LinearModel;
  answerability: ThresholdedModel;
  span: LinearModel;
  shortAnswer: ThresholdedModel;
  /** Figures measured by cross-validation when the model was trained (printed by `npm run train`). */
  crossValidated: unknown;
}

/** The features each part of the model must list, in order, as the code computes them. */
export const MODEL_FEATURES = {
  ranker: SENTENCE_FEATURES,
  answerability: answerabilityFeatures.features,
  span: spanFeatures.features,
  shortAnswer: SHORT_ANSWER_FEATURES,
} as const;

/** The committed model, in the project's `models/` (the same file for `src/` under tsx and for `dist/`). */
export const DEFAULT_MODEL_PATH = join(projectRoot, "models/answer-model.json");

/** Reads a model file and checks it was trained on exactly the features the code computes. */
export function readAnswerModel(path: string = DEFAULT_MODEL_PATH): AnswerModel {
  const model = readModelFile<AnswerModel>(path, "answer model", "npm run train");
  for (const part of Object.keys(MODEL_FEATURES) as Array<keyof typeof MODEL_FEATURES>) {
    const expected = MODEL_FEATURES[part];
    const actual = model[part]?.features ?? [];
    if (actual.length !== expected.length || actual.some((name, i) => name !== expected[i])) {
      throw new ModelError(
        `answer model ${String(path)}: its ${part} features differ from the code's; run npm run train`,
      );
    }
  }
  return model;
}
