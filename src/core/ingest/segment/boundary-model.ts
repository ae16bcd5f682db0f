import { type SparseLogisticModel, sparseProbability } from "../../rank/fit.ts";
import type { LinearModel } from "../../rank/linear-model.ts";
import { type GapContext, gapFeatures } from "./boundary-features.ts";

/**
 * The learned sentence-boundary detector for the stripped format, as `npm run train-segmenter` writes it to
 * `models/boundary-model.json`: a logistic model over the named gap features, the probability above
 * which a gap starts a sentence, the data's hashes and the figures measured leaving one article out.
 */
export interface BoundaryModel extends SparseLogisticModel {
  version: 1;
  threshold: number;
  /**
   * Keeps or drops each heading the rules propose (features: `HEADING_FEATURES`); absent, every
   * proposed heading is kept.
   */
  headingGate?: ThresholdedLinearModel;
  trainedOn: Array<{ file: string; sha256: string }>;
  crossValidated: unknown;
}

/** A linear classifier with the probability at or above which it says yes. */
export interface ThresholdedLinearModel extends LinearModel {
  threshold: number;
}

/** The committed model, next to the sources. */
export const DEFAULT_BOUNDARY_MODEL_PATH = new URL("../../../../models/boundary-model.json", import.meta.url);

/** Probability that a sentence starts at token `i`, given where the current one started. */
export function startProbability(
  model: SparseLogisticModel,
  context: GapContext,
  i: number,
  previousStart: number,
): number {
  return sparseProbability(model, gapFeatures(context, i, previousStart));
}

/** Sentence starts among the candidate tokens, decided left to right (each decision knows the last start). */
export function predictStarts(
  model: SparseLogisticModel & { threshold: number },
  context: GapContext,
  candidates: readonly number[],
): number[] {
  const starts: number[] = [];
  let previousStart = 0;
  for (const i of candidates) {
    if (sparseProbability(model, gapFeatures(context, i, previousStart)) < model.threshold) continue;
    starts.push(i);
    previousStart = i;
  }
  return starts;
}
