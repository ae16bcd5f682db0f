import { gapFeatures } from "../../core/ingest/segment/boundary-features.ts";
import type { BoundaryModel } from "../../core/ingest/segment/boundary-model.ts";
import { HEADING_FEATURES } from "../../core/ingest/segment/heading-features.ts";
import {
  bodyEnd,
  boundaryContext,
  parseStripped,
  startCandidates,
  tokenizeStripped,
} from "../../core/ingest/stripped.ts";
import { fitLogistic, fitSparseLogistic, type SparseExample } from "../../core/rank/fit.ts";
import { linearScore, sigmoid } from "../../core/rank/linear-model.ts";
import type { SegmentedArticle } from "./segmentation-data.ts";

/** Every candidate gap of an article with its features and whether a gold piece starts there. */
export function boundaryExamples(article: SegmentedArticle): SparseExample[] {
  const tokens = tokenizeStripped(article.raw);
  const end = bodyEnd(tokens);
  const context = boundaryContext(tokens, end);
  const starts = new Set(article.pieceStarts);
  let previousStart = 0;
  return startCandidates(tokens, end).map((i) => {
    const label = starts.has(tokens[i]?.sourceStart ?? -1);
    const example = { features: gapFeatures(context, i, previousStart), label };
    if (label) previousStart = i;
    return example;
  });
}

/** Probability above which a gap starts a sentence. */
export const BOUNDARY_THRESHOLD = 0.5;

type UnrecordedModel = Omit<BoundaryModel, "trainedOn" | "crossValidated">;

/**
 * Fits the boundary model on the given articles' examples, then the heading gate on the headings the
 * rules propose under that model (a proposal is right when a gold heading starts where it starts).
 */
export function fitBoundaryModel(
  articles: readonly SegmentedArticle[],
  examplesOf: (article: SegmentedArticle) => readonly SparseExample[],
): UnrecordedModel {
  const boundaries: UnrecordedModel = {
    version: 1,
    ...fitSparseLogistic(articles.flatMap((article) => examplesOf(article))),
    threshold: BOUNDARY_THRESHOLD,
  };
  const rows: number[][] = [];
  const labels: boolean[] = [];
  for (const article of articles) {
    const tokens = tokenizeStripped(article.raw);
    const headingStarts = new Set(article.headingStarts);
    parseStripped(article.raw, { ...boundaries, trainedOn: [], crossValidated: null }, (row, start) => {
      rows.push(row);
      labels.push(headingStarts.has(tokens[start]?.sourceStart ?? -1));
    });
  }
  const gate = fitLogistic(rows, labels, [...HEADING_FEATURES], 1);
  const probabilities = rows.map((row) => sigmoid(linearScore(gate, row)));
  return { ...boundaries, headingGate: { ...gate, threshold: bestF1Threshold(probabilities, labels) } };
}

/** The probability cut that maximises F1 on the training proposals (headings are rare, so not 0.5). */
export function bestF1Threshold(probabilities: readonly number[], labels: readonly boolean[]): number {
  const order = probabilities.map((p, i) => [p, labels[i] ? 1 : 0] as const).sort((a, b) => b[0] - a[0]);
  const positives = order.reduce((sum, [, label]) => sum + label, 0);
  let best = { f1: 0, threshold: 0.5 };
  let hits = 0;
  order.forEach(([probability, label], k) => {
    hits += label;
    const f1 = (2 * hits) / (k + 1 + positives);
    if (f1 > best.f1) best = { f1, threshold: probability };
  });
  return Number(best.threshold.toPrecision(4));
}

/** The old hand rules alone, as a model: a sentence starts exactly where they said. */
export const RULES_ONLY: BoundaryModel = {
  version: 1,
  weights: { ruleStart: 20 },
  bias: -10,
  threshold: 0.5,
  trainedOn: [],
  crossValidated: null,
};

/** How one article segments under a model, against its gold. */
export interface SegmentationScore {
  precision: number;
  recall: number;
  f1: number;
  headingsFound: number;
  headingsGold: number;
  inventedHeadings: number;
}

export function scoreSegmentation(article: SegmentedArticle, model: UnrecordedModel): SegmentationScore {
  const parsed = parseStripped(article.raw, { ...model, trainedOn: [], crossValidated: null });
  const predicted = new Set(
    parsed.sections.flatMap((section) => section.sentences.map((sentence) => sentence[0]?.sourceStart ?? -1)),
  );
  const gold = new Set(article.sentenceStarts);
  const hits = [...predicted].filter((start) => gold.has(start)).length;
  const precision = predicted.size === 0 ? 0 : hits / predicted.size;
  const recall = gold.size === 0 ? 0 : hits / gold.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const headings = parsed.sections
    .filter((section) => section.heading !== null)
    .map((section) =>
      article.raw.slice(section.heading?.[0]?.sourceStart ?? 0, section.heading?.at(-1)?.sourceEnd ?? 0),
    );
  const goldHeadings = new Set(article.headings);
  const found = headings.filter((heading) => goldHeadings.has(heading)).length;
  return {
    precision,
    recall,
    f1,
    headingsFound: found,
    headingsGold: goldHeadings.size,
    inventedHeadings: headings.length - found,
  };
}
