import { join } from "node:path";
import { ModelError, readModelFile } from "../../model-error.ts";
import { projectRoot } from "../../project-root.ts";
import type { SparseLogisticModel } from "../../rank/fit.ts";
import type { LinearModel } from "../../rank/linear-model.ts";
import {
  type FeaturePairs,
  type GapContext,
  type SentenceState,
  sentenceFeatures,
  sentenceState,
  staticGapFeatures,
} from "./boundary-features.ts";
import type { WordCounts } from "./word-statistics.ts";

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
  /** Word counts at sentence edges in the training text, by lower-cased word (`word-statistics.ts`). */
  wordStatistics?: Record<string, WordCounts>;
  trainedOn: Array<{ file: string; sha256: string }>;
  crossValidated: unknown;
}

/** A linear classifier with the probability at or above which it says yes. */
export interface ThresholdedLinearModel extends LinearModel {
  threshold: number;
}

/** The committed model, in the project's `models/` (the same file for `src/` under tsx and for `dist/`). */
export const DEFAULT_BOUNDARY_MODEL_PATH = join(projectRoot, "models/boundary-model.json");

/** Reads a boundary model file, refusing one that is missing, damaged or of another version in one line. */
export function readBoundaryModel(path: string = DEFAULT_BOUNDARY_MODEL_PATH): BoundaryModel {
  const model = readModelFile<BoundaryModel>(path, "boundary model", "npm run train-segmenter");
  if (model?.version !== 1 || typeof model.weights !== "object" || typeof model.threshold !== "number")
    throw new ModelError(`boundary model ${path} is not one this code reads; run npm run train-segmenter`);
  return model;
}

let committedModel: BoundaryModel | undefined;

/**
 * The committed model, read once: ingestion segments every stripped article with it. It beats the hand
 * rules on stripped articles neither was written for (boundary F1 0.93 against 0.86, leaving each out).
 */
export function committedBoundaryModel(): BoundaryModel {
  committedModel ??= readBoundaryModel();
  return committedModel;
}

/** Weights by template, then by value (`w0=the` under `w0`, then `the`; a flag under its name, then ""). */
type CompiledWeights = Map<string, Map<string, number>>;

const compiledWeights = new WeakMap<SparseLogisticModel, CompiledWeights>();
function compile(model: SparseLogisticModel): CompiledWeights {
  let compiled = compiledWeights.get(model);
  if (compiled === undefined) {
    compiled = new Map();
    for (const [name, weight] of Object.entries(model.weights)) {
      const at = name.indexOf("=");
      const template = at < 0 ? name : name.slice(0, at);
      const value = at < 0 ? "" : name.slice(at + 1);
      let values = compiled.get(template);
      if (values === undefined) {
        values = new Map();
        compiled.set(template, values);
      }
      values.set(value, weight);
    }
    compiledWeights.set(model, compiled);
  }
  return compiled;
}

/**
 * Scores the gaps of one article: each gap's features that do not depend on where the sentence started
 * are summed once (the heading gate asks about a gap again), the few that do on each call.
 */
export class GapScorer {
  private readonly weights: CompiledWeights;
  private readonly staticScores = new Map<number, number>();
  private readonly pairs: FeaturePairs = [];

  constructor(
    private readonly model: SparseLogisticModel,
    private readonly context: GapContext,
  ) {
    this.weights = compile(model);
  }

  /** Sums the weights of the pairs collected, and clears them. */
  private sum(): number {
    const { pairs, weights } = this;
    let z = 0;
    for (let k = 0; k < pairs.length; k += 2)
      z += weights.get(pairs[k] as string)?.get(pairs[k + 1] as string) ?? 0;
    pairs.length = 0;
    return z;
  }

  /** The logit of a sentence starting at token `i` in the given sentence state. */
  logit(i: number, state: SentenceState): number {
    let own = this.staticScores.get(i);
    if (own === undefined) {
      staticGapFeatures(this.context, i, this.pairs);
      own = this.model.bias + this.sum();
      this.staticScores.set(i, own);
    }
    sentenceFeatures(this.context, i, state, this.pairs);
    return own + this.sum();
  }

  /** Probability that a sentence starts at token `i`, given where the current one started. */
  probability(i: number, previousStart: number): number {
    return 1 / (1 + Math.exp(-this.logit(i, sentenceState(this.context, i, previousStart))));
  }
}

/** Sentence starts among the candidate tokens, decided left to right (each decision knows the last start). */
export function predictStarts(
  model: SparseLogisticModel & { threshold: number },
  context: GapContext,
  candidates: readonly number[],
): number[] {
  const scorer = new GapScorer(model, context);
  const starts: number[] = [];
  let previousStart = 0;
  for (const i of candidates) {
    if (scorer.probability(i, previousStart) < model.threshold) continue;
    starts.push(i);
    previousStart = i;
  }
  return starts;
}
