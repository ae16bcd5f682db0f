import { answerProbability, bestSpan, rankCandidates } from "../../core/answer/answer.ts";
import type { AnswerModel, ThresholdedModel } from "../../core/answer/model.ts";
import { answerabilityFeatures, type RankedQuestion } from "../../core/decide/answerability-features.ts";
import {
  fitsExpectedKind,
  SHORT_ANSWER_FEATURES,
  type SpanChoice,
  shortAnswerRow,
} from "../../core/extract/short-answer.ts";
import { spanFeatures } from "../../core/extract/span-features.ts";
import type { SentenceEvidence } from "../../core/features/evidence.ts";
import { SENTENCE_FEATURE_GROUPS, SENTENCE_FEATURES } from "../../core/features/sentence-features.ts";
import { fitLogistic, fitRanker, type RankingGroup } from "../../core/rank/fit.ts";
import { type LinearModel, linearScore, sigmoid } from "../../core/rank/linear-model.ts";
import { tokenF1 } from "../evaluation.ts";
import type { Example } from "./examples.ts";

/** How the models are fitted; defaults in `defaultTrainingOptions`. */
export interface TrainingOptions {
  /** L2 penalties (on standardised features) of each model. */
  l2: { ranker: number; answerability: number; span: number; shortAnswer: number };
  /** Share of answerable validation questions the answerability threshold may decline. */
  targetFalseAbstention: number;
  /** Largest share of wrong short answers (token F1 < 0.5) the short-answer threshold may allow on validation. */
  targetWrongShortAnswers: number;
  /** Folds (by article) used inside the training data to get out-of-fold scores for the second-stage models. */
  innerFolds: number;
  /** Sentence feature groups switched off (set to 0), for the ablation table. */
  disabledGroups: readonly string[];
}

export const defaultTrainingOptions: TrainingOptions = {
  l2: { ranker: 1, answerability: 1, span: 1, shortAnswer: 1 },
  targetFalseAbstention: 0.06,
  targetWrongShortAnswers: 0.12,
  innerFolds: 4,
  disabledGroups: [],
};

/** Span models already fitted in this run, by the questions they were fitted on. */
export type SpanModelMemo = Map<string, LinearModel>;

/** Columns of the sentence features that belong to disabled groups. */
export function disabledColumns(options: TrainingOptions): Set<number> {
  const columns = new Set<number>();
  let at = 0;
  for (const group of SENTENCE_FEATURE_GROUPS) {
    for (let k = 0; k < group.features.length; k++)
      if (options.disabledGroups.includes(group.name)) columns.add(at + k);
    at += group.features.length;
  }
  return columns;
}

/** An example's examined question with disabled feature columns zeroed (the original is left alone). */
export function withColumnsDisabled(example: Example, columns: ReadonlySet<number>): Example {
  if (columns.size === 0) return example;
  const rows = example.examined.rows.map((row) => row.map((x, j) => (columns.has(j) ? 0 : x)));
  return { ...example, examined: { ...example.examined, rows } };
}

function rankingGroups(examples: readonly Example[]): RankingGroup[] {
  return examples.map((example) => ({ rows: example.examined.rows, labels: example.positives }));
}

/** Span groups: positives are the spans with the best F1, when it reaches 0.5. */
function spanGroups(examples: readonly Example[], negativeStride = 1): RankingGroup[] {
  return examples.flatMap((example) => {
    if (example.spans === null) return [];
    const { rows, f1 } = example.spans;
    const best = Math.max(...f1);
    if (best < 0.5) return [];
    // Inner folds keep every `negativeStride`-th span that shares no word with the answer (3× faster fits).
    const kept = rows.flatMap((_, i) => ((f1[i] as number) > 0 || i % negativeStride === 0 ? [i] : []));
    return [{ rows: kept.map((i) => rows[i] as number[]), labels: kept.map((i) => f1[i] === best) }];
  });
}

/** Splits examples into `count` groups of whole articles (articles sorted, dealt round-robin). */
export function foldsByArticle<T extends { article: string }>(examples: readonly T[], count: number): T[][] {
  const articles = [...new Set(examples.map((example) => example.article))].sort();
  const foldOf = new Map(articles.map((article, k) => [article, k % count] as const));
  const folds = Array.from({ length: Math.min(count, articles.length) }, () => [] as T[]);
  for (const example of examples) folds[foldOf.get(example.article) as number]?.push(example);
  return folds;
}

/** The value below which a weighted share `rate` of the values falls. */
function weightedQuantile(values: readonly number[], weights: readonly number[], rate: number): number {
  const order = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const total = weights.reduce((sum, w) => sum + w, 0);
  let below = 0;
  for (const i of order) {
    below += weights[i] as number;
    if (below > rate * total) return values[i] as number;
  }
  return 0.5;
}

/**
 * Example weights that give every question set the same total weight, so the few questions on
 * stripped-format articles count as much as the many SQuAD ones in the second-stage models.
 */
export function setBalancedWeights(examples: readonly Example[]): Map<Example, number> {
  const counts = new Map<string, number>();
  for (const example of examples) counts.set(example.set, (counts.get(example.set) ?? 0) + 1);
  const perSet = examples.length / counts.size;
  return new Map(examples.map((example) => [example, perSet / (counts.get(example.set) as number)]));
}

/** Out-of-fold judgements of the training questions, for the second-stage models. */
interface OutOfFold {
  example: Example;
  ranked: RankedQuestion;
  span: SpanChoice | null;
}

/** Fits the four models on training examples, choosing both thresholds on out-of-fold scores. */
export function trainAnswerModel(
  allExamples: readonly Example[],
  options: TrainingOptions = defaultTrainingOptions,
  spanModels: SpanModelMemo = new Map(),
): Omit<AnswerModel, "trainedOn" | "crossValidated"> {
  // The span ranker reads only the gold sentences' spans, not the sentence features: the same questions
  // give the same span model, so the ablation runs reuse it.
  const spanModel = (examples: readonly Example[], stride: number) => {
    const key = `${stride}:${examples.map((example) => example.item.id).join(",")}`;
    let model = spanModels.get(key);
    if (model === undefined) {
      model = fitRanker(spanGroups(examples, stride), spanFeatures.features, options.l2.span);
      spanModels.set(key, model);
    }
    return model;
  };
  const columns = disabledColumns(options);
  const examples = allExamples.map((example) => withColumnsDisabled(example, columns));
  const ranker = fitRanker(rankingGroups(examples), SENTENCE_FEATURES, options.l2.ranker);
  const span = spanModel(examples, 1);

  // Second-stage models learn from scores the ranker gives questions it was not trained on.
  const outOfFold: OutOfFold[] = [];
  for (const held of foldsByArticle(examples, options.innerFolds)) {
    const heldSet = new Set(held);
    const rest = examples.filter((example) => !heldSet.has(example));
    const partial = {
      ranker: fitRanker(rankingGroups(rest), SENTENCE_FEATURES, options.l2.ranker),
      span: spanModel(rest, 3),
    } as AnswerModel;
    for (const example of held) {
      const ranked = rankCandidates(example.examined, partial);
      outOfFold.push({ example, ranked, span: bestSpan(ranked, partial) });
    }
  }
  const judged = outOfFold.filter(({ ranked }) => ranked.order.length > 0);
  const weightOf = setBalancedWeights(judged.map(({ example }) => example));
  const spanOf = new Map(judged.map(({ example, span: choice }) => [example, choice]));
  const answerabilityModel = fitLogistic(
    judged.map(({ example, ranked }) =>
      answerabilityFeatures.compute({ ranked, span: spanOf.get(example) ?? null }),
    ),
    judged.map(({ example }) => example.item.answerable),
    answerabilityFeatures.features,
    options.l2.answerability,
    judged.map(({ example }) => weightOf.get(example) as number),
  );
  const partialModel = {
    ranker,
    span,
    answerability: { ...answerabilityModel, threshold: 0 },
  } as AnswerModel;
  const probabilityOf = new Map(
    judged.map(({ example, ranked }) => [
      example,
      answerProbability(ranked, spanOf.get(example) ?? null, partialModel),
    ]),
  );
  // The threshold keeps false abstention at the target on every set that chooses it, so no style of text
  // pays for another.
  const answerable = judged
    .filter(({ example }) => example.item.answerable && example.choosesThreshold)
    .map(({ example }) => example);
  const perSet = [...new Set(answerable.map((example) => example.set))].map((set) => {
    const own = answerable.filter((example) => example.set === set);
    return weightedQuantile(
      own.map((example) => probabilityOf.get(example) as number),
      own.map(() => 1),
      options.targetFalseAbstention,
    );
  });
  const answerability: ThresholdedModel = {
    ...answerabilityModel,
    threshold: Math.min(...perSet),
    chosenFor: `false abstention at most ${Math.round(options.targetFalseAbstention * 100)}% on the out-of-fold training questions of each set but the blind batches`,
  };

  // The short-answer confidence: on answerable questions the model answers, would the best span of the
  // best sentence be right (token F1 ≥ 0.5)?
  const rows: number[][] = [];
  const labels: boolean[] = [];
  const rowWeights: number[] = [];
  for (const { example, ranked } of judged) {
    if (!example.item.answerable || (probabilityOf.get(example) as number) < answerability.threshold)
      continue;
    const best = ranked.order[0] as number;
    const choice = spanOf.get(example) ?? null;
    const passage = (example.examined.evidence[best] as SentenceEvidence).candidate.view.passage.kind;
    if (choice === null || !fitsExpectedKind(choice, example.examined.question.type, passage)) continue;
    rows.push(shortAnswerRow(choice, ranked.probabilities[best] as number));
    labels.push(tokenF1(choice.span.text, example.item.answers) >= 0.5);
    rowWeights.push(weightOf.get(example) as number);
  }
  const confidenceModel = fitLogistic(
    rows,
    labels,
    SHORT_ANSWER_FEATURES,
    options.l2.shortAnswer,
    rowWeights,
  );
  const confidences = rows.map((row) => sigmoid(linearScore(confidenceModel, row)));
  // The lowest confidence above which the short answers shown are wrong at most the target share
  // (every question counts once: the small sets are too small to set it alone).
  const order = confidences
    .map((_, i) => i)
    .sort((a, b) => (confidences[b] as number) - (confidences[a] as number));
  let threshold = 1;
  let shown = 0;
  let wrong = 0;
  for (const i of order) {
    shown++;
    if (!labels[i]) wrong++;
    if (wrong / shown <= options.targetWrongShortAnswers) threshold = confidences[i] as number;
  }
  const shortAnswer: ThresholdedModel = {
    ...confidenceModel,
    threshold,
    chosenFor: `at most ${Math.round(options.targetWrongShortAnswers * 100)}% wrong short answers on out-of-fold training questions`,
  };
  return { version: 1, ranker, answerability, span, shortAnswer };
}
