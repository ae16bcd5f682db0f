import { gapFeatures, isCapitalised } from "../../core/ingest/segment/boundary-features.ts";
import type { BoundaryModel } from "../../core/ingest/segment/boundary-model.ts";
import { HEADING_FEATURES } from "../../core/ingest/segment/heading-features.ts";
import {
  type WordCounts,
  type WordStatistics,
  wordStatisticsOf,
} from "../../core/ingest/segment/word-statistics.ts";
import {
  bodyEnd,
  boundaryContext,
  parseStripped,
  type StrippedToken,
  startCandidates,
  tokenizeStripped,
} from "../../core/ingest/stripped.ts";
import { fitLogistic, fitSparseLogistic, type SparseExample } from "../../core/rank/fit.ts";
import { linearScore, sigmoid } from "../../core/rank/linear-model.ts";
import type { SegmentedArticle } from "./segmentation-data.ts";

/** Every candidate gap of an article with its features and whether a gold piece starts there. */
export function boundaryExamples(article: SegmentedArticle, statistics?: WordStatistics): SparseExample[] {
  const tokens = tokenizeStripped(article.raw);
  const end = bodyEnd(tokens);
  const context = boundaryContext(tokens, end, statistics);
  const starts = new Set(article.pieceStarts);
  let previousStart = 0;
  return startCandidates(tokens, end).map((i) => {
    const label = starts.has(tokens[i]?.sourceStart ?? -1);
    const example = { features: gapFeatures(context, i, previousStart), label };
    if (label) previousStart = i;
    return example;
  });
}

type MutableCounts = [number, number, number, number];

/** An article's word counts at sentence edges (`WordCounts`), from its gold starts. */
export function countWordsAtEdges(article: SegmentedArticle): Map<string, MutableCounts> {
  const tokens = tokenizeStripped(article.raw);
  const end = bodyEnd(tokens);
  const starts = new Set(article.pieceStarts);
  const startsAt = (i: number) => i >= end || starts.has(tokens[i]?.sourceStart ?? -1);
  const counts = new Map<string, MutableCounts>();
  for (let i = 0; i < end; i++) {
    const token = tokens[i] as StrippedToken;
    if (token.kind !== "word") continue;
    let own = counts.get(token.lower);
    if (own === undefined) {
      own = [0, 0, 0, 0];
      counts.set(token.lower, own);
    }
    const capitalised = isCapitalised(token);
    own[0]++;
    if (startsAt(i + 1)) own[1]++;
    if (capitalised) own[2]++;
    if (capitalised && startsAt(i)) own[3]++;
  }
  return counts;
}

/** Adds (sign 1) or takes away (sign -1) one set of counts from another, in place. */
function addCounts(into: Map<string, MutableCounts>, from: ReadonlyMap<string, MutableCounts>, sign: 1 | -1) {
  for (const [word, counts] of from) {
    let own = into.get(word);
    if (own === undefined) {
      own = [0, 0, 0, 0];
      into.set(word, own);
    }
    for (let k = 0; k < 4; k++) own[k] = (own[k] as number) + sign * (counts[k] as number);
  }
}

/** The counts as a model file stores them: words in order, those gone to zero left out. */
function storedCounts(counts: ReadonlyMap<string, MutableCounts>): Record<string, WordCounts> {
  const stored: Record<string, WordCounts> = {};
  for (const word of [...counts.keys()].sort()) {
    const own = counts.get(word) as MutableCounts;
    if (own[0] > 0) stored[word] = own;
  }
  return stored;
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
  countsOf: (article: SegmentedArticle) => ReadonlyMap<string, MutableCounts>,
): UnrecordedModel {
  const totals = new Map<string, MutableCounts>();
  for (const article of articles) addCounts(totals, countsOf(article), 1);
  // Each article's own examples see the statistics of the others only, as an unseen article will.
  const othersOf = (article: SegmentedArticle): Record<string, WordCounts> => {
    const others = new Map([...totals].map(([word, counts]) => [word, [...counts] as MutableCounts]));
    addCounts(others, countsOf(article), -1);
    return storedCounts(others);
  };
  const statisticsOf = new Map(articles.map((article) => [article.name, othersOf(article)]));
  const examples = articles.flatMap((article) =>
    boundaryExamples(article, wordStatisticsOf(statisticsOf.get(article.name) ?? {})),
  );
  const boundaries: UnrecordedModel = {
    version: 1,
    ...fitSparseLogistic(examples),
    threshold: BOUNDARY_THRESHOLD,
  };
  const rows: number[][] = [];
  const labels: boolean[] = [];
  for (const article of articles) {
    const tokens = tokenizeStripped(article.raw);
    const headingStarts = new Set(article.headingStarts);
    const own = { ...boundaries, wordStatistics: statisticsOf.get(article.name) ?? {} };
    parseStripped(article.raw, { ...own, trainedOn: [], crossValidated: null }, (row, start) => {
      rows.push(row);
      labels.push(headingStarts.has(tokens[start]?.sourceStart ?? -1));
    });
  }
  const gate = fitLogistic(rows, labels, [...HEADING_FEATURES], 1);
  const probabilities = rows.map((row) => sigmoid(linearScore(gate, row)));
  return {
    ...boundaries,
    headingGate: { ...gate, threshold: bestF1Threshold(probabilities, labels) },
    wordStatistics: storedCounts(totals),
  };
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
