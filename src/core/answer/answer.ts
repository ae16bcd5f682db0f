import { answerabilityFeatures, type RankedQuestion } from "../decide/answerability-features.ts";
import { chooseSpan, fitsExpectedKind, type SpanChoice, shortAnswerRow } from "../extract/short-answer.ts";
import type { SentenceEvidence } from "../features/evidence.ts";
import { type ExaminedQuestion, examineQuestion } from "../features/examine.ts";
import { matchKind } from "../features/term-matches.ts";
import type { EngineOptions } from "../index/options.ts";
import { linearScore, sigmoid, softmax } from "../rank/linear-model.ts";
import type { RetrievalContext } from "../retrieve/candidates.ts";
import type { AbstainReason, Answer, Excerpt } from "../types.ts";
import { type ExcerptSource, isShown, placeAmong, sentenceBefore, toExcerpt } from "./excerpts.ts";
import type { AnswerModel } from "./model.ts";
import type { AnswerType } from "./question.ts";
import { itemAbove } from "./sentence-view.ts";

/**
 * The answering pipeline: examine (retrieve candidate sentences and compute their features) → rank
 * them → decide whether the best one answers → pick and vouch for a short answer → cite excerpts.
 * Every decision is a learned model's (`models/answer-model.json`); this file only wires them.
 */

/** What answering needs from the engine. */
export type AnswerContext = RetrievalContext;

/** Ranks a question's candidate sentences with the model's ranker. */
export function rankCandidates(examined: ExaminedQuestion, model: AnswerModel): RankedQuestion {
  const scores = examined.rows.map((row) => linearScore(model.ranker, row));
  const probabilities = scores.length === 0 ? [] : softmax(scores);
  const order = scores
    .map((_, i) => i)
    .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return { examined, scores, probabilities, order };
}

/** The candidates as they are read, each as likely as the next (the order of an overview). */
function inReadingOrder(examined: ExaminedQuestion): RankedQuestion {
  const count = examined.evidence.length;
  return {
    examined,
    scores: Array(count).fill(0),
    probabilities: Array(count).fill(1 / count),
    order: [...Array(count).keys()],
  };
}

/** The best span of the best sentence, whether or not it will be shown. */
export function bestSpan(ranked: RankedQuestion, model: AnswerModel): SpanChoice | null {
  const best = ranked.examined.evidence[ranked.order[0] ?? -1];
  return best === undefined ? null : chooseSpan(best, model.span);
}

/** Probability that the articles answer the question, from the answerability classifier. */
export function answerProbability(
  ranked: RankedQuestion,
  span: SpanChoice | null,
  model: AnswerModel,
): number {
  return sigmoid(linearScore(model.answerability, answerabilityFeatures.compute({ ranked, span })));
}

/** Whether some candidate (with its article title and heading) holds at least half the question's weight. */
function coversQuestion(examined: ExaminedQuestion): boolean {
  const { content, contentIdf } = examined.facts;
  if (contentIdf === 0) return false;
  return examined.evidence.some(({ candidate, matches }) => {
    let held = 0;
    content.forEach((r, n) => {
      const view = candidate.view;
      if (
        matches[n] !== null ||
        matchKind(r, view.titleTerms) !== null ||
        matchKind(r, view.headingTerms) !== null
      )
        held += r.idf;
    });
    return held >= 0.5 * contentIdf;
  });
}

/** How one candidate sentence was judged, for `ask --explain`. */
export interface SentenceJudgement {
  passageId: string;
  text: string;
  score: number;
  probability: number;
}

/** Why the engine answered as it did. */
export interface AnswerExplanation {
  type: AnswerType;
  terms: Array<{ term: string; idf: number; inCorpus: boolean; forms: string[] }>;
  answerProbability: number;
  answerThreshold: number;
  shortAnswer: { text: string; probability: number; confidence: number; threshold: number } | null;
  sentences: SentenceJudgement[];
}

/** The sentences of adjacent positions in one section of one article. */
function adjacentAfter(first: SentenceEvidence, second: SentenceEvidence): boolean {
  const a = first.candidate.view;
  const b = second.candidate.view;
  return (
    a.article.id === b.article.id &&
    a.passage.sectionSlug === b.passage.sectionSlug &&
    a.passage.kind === "body" &&
    b.passage.kind === "body" &&
    b.sentence.index === a.sentence.index + 1
  );
}

/** Answers a question from the corpus with the learned models, or says why it does not. */
export function answerQuestion(
  context: AnswerContext,
  model: AnswerModel,
  rawQuestion: string,
  explain?: (explanation: AnswerExplanation) => void,
): Answer {
  const question = rawQuestion.trim();
  if (question === "") return notAnswered(question, "empty-question", []);
  return composeAnswer(examineQuestion(context, question), model, context.options, question, explain);
}

function notAnswered(question: string, reason: AbstainReason, related: Excerpt[]): Answer {
  return { question, answered: false, reason, answer: null, excerpts: [], related };
}

/** Decides and phrases the answer to an examined question (cross-validation calls this directly). */
export function composeAnswer(
  examined: ExaminedQuestion,
  model: AnswerModel,
  options: EngineOptions,
  question: string,
  explain?: (explanation: AnswerExplanation) => void,
): Answer {
  if (examined.question.terms.length === 0) return notAnswered(question, "nothing-asked", []);
  if (examined.evidence.length === 0) return notAnswered(question, "not-in-corpus", []);
  // A question that is only an article's title is answered by the article's lead (its only candidates),
  // read in order: the opening sentence says what the subject is. Neither the ranker nor the
  // answerability classifier, trained on questions that ask something, has anything to weigh there.
  const { overview } = examined.facts.retrieval;
  const ranked = overview ? inReadingOrder(examined) : rankCandidates(examined, model);
  const { order, probabilities, scores } = ranked;
  const evidenceAt = (i: number) => examined.evidence[i] as SentenceEvidence;
  const best = order[0] as number;
  // An overview shows the lead as it is, with no short answer to look for.
  const choice = overview ? null : bestSpan(ranked, model);
  const pAnswer = answerProbability(ranked, choice, model);
  const answered = overview || pAnswer >= model.answerability.threshold;

  let confidence = 0;
  if (answered) {
    if (
      choice !== null &&
      fitsExpectedKind(choice, examined.question.type, evidenceAt(best).candidate.view.passage.kind)
    ) {
      const row = shortAnswerRow(choice, probabilities[best] as number);
      confidence = sigmoid(linearScore(model.shortAnswer, row));
    }
  }
  const shortAnswer = choice !== null && confidence >= model.shortAnswer.threshold ? choice.span : null;

  explain?.({
    type: examined.question.type,
    terms: examined.facts.retrieval.resolved.map((r) => ({
      term: r.term.norm,
      idf: Math.round(r.idf * 100) / 100,
      inCorpus: r.inCorpus,
      forms: r.forms.map((form) => `${form.terms.join(" ")}:${form.kind}`),
    })),
    answerProbability: Math.round(pAnswer * 1000) / 1000,
    answerThreshold: model.answerability.threshold,
    shortAnswer:
      choice === null
        ? null
        : {
            text: choice.span.text,
            probability: Math.round(choice.probability * 1000) / 1000,
            confidence: Math.round(confidence * 1000) / 1000,
            threshold: model.shortAnswer.threshold,
          },
    sentences: order.slice(0, 8).map((i) => ({
      passageId: evidenceAt(i).candidate.view.passage.id,
      text: evidenceAt(i).candidate.view.sentence.text,
      score: Math.round((scores[i] as number) * 1000) / 1000,
      probability: Math.round((probabilities[i] as number) * 1000) / 1000,
    })),
  });

  if (!answered) {
    const related = relatedExcerpts(ranked, options, new Set());
    return notAnswered(question, coversQuestion(examined) ? "low-confidence" : "not-in-corpus", related);
  }

  // Excerpts: the best sentence, then the next best ones that are nearly as likely, each shown once.
  const sources: ExcerptSource[] = [];
  const shown = new Set<number>();
  for (const i of order) {
    if (sources.length >= (overview ? 1 : options.maxExcerpts)) break;
    if (shown.has(i)) continue;
    const probability = probabilities[i] as number;
    if (sources.length > 0 && probability < options.extraExcerptMinShare * (probabilities[best] as number))
      break;
    const evidence = evidenceAt(i);
    const place = placeAmong(sources, evidence.candidate.view, options);
    if (place !== null) {
      if (place.kind === "after")
        place.source.following = [...(place.source.following ?? []), evidence.candidate.view];
      shown.add(i);
      continue;
    }
    // The next sentence joins when it is itself a likely answer (a cause or a figure often follows), and
    // after the best sentence for a why- or how-question when it fits beside the sentence before, which such
    // a question shows first: the sentence matching the question often says what happened, and how or why
    // is told after it as often as before it.
    const explains = i === best && ASKS_EXPLANATION.has(examined.question.type);
    const fitsAfter = (j: number) => {
      const { view } = evidence.candidate;
      const before = (sentenceBefore(view)?.text.length ?? -1) + 1;
      const after = evidenceAt(j).candidate.view.sentence.text.length + 1;
      return before + view.sentence.text.length + after <= options.maxExcerptChars;
    };
    const next = order.find(
      (j) =>
        !shown.has(j) &&
        j !== i &&
        adjacentAfter(evidence, evidenceAt(j)) &&
        placeAmong(sources, evidenceAt(j).candidate.view, options) === null &&
        ((probabilities[j] as number) >= options.followingSentenceShare * probability ||
          (explains && fitsAfter(j))),
    );
    shown.add(i);
    if (next !== undefined) shown.add(next);
    // Context another excerpt already shows is not shown again.
    const { view } = evidence.candidate;
    const contextShown = (sentence: { index: number } | undefined) =>
      sentence !== undefined && isShown(sources, view, sentence.index, options);
    sources.push({
      view,
      following: next === undefined ? undefined : [evidenceAt(next).candidate.view],
      span: i === best && shortAnswer !== null ? shortAnswer : null,
      termPositions: evidence.termPositions,
      score: probability,
      withBefore: ASKS_EXPLANATION.has(examined.question.type) && !contextShown(view.before?.sentence),
      itemAbove: !contextShown(itemAbove(view.article, view.sentence)),
    });
  }
  const excerpts = sources.map((source) => toExcerpt(source, options));
  const shownPassages = new Set(excerpts.map((excerpt) => excerpt.passageId));
  return {
    question,
    answered: true,
    answer: shortAnswer?.text ?? null,
    likelyAnswer: confidence >= options.likelyAnswerMinConfidence ? (choice?.span.text ?? null) : null,
    excerpts,
    related: relatedExcerpts(ranked, options, shownPassages),
  };
}

/**
 * Question types whose answer is an explanation (`why …`, `how did …`): the sentence matching the question
 * often states what happened, and the reason or the means is told in the sentence before, which is shown
 * too. On the blind batches this showed ten sets one or two more answers, and none fewer.
 */
const ASKS_EXPLANATION: ReadonlySet<AnswerType> = new Set(["reason", "manner"]);

/** The best sentence of each of the closest passages not already shown. */
function relatedExcerpts(
  ranked: RankedQuestion,
  options: EngineOptions,
  shownPassages: ReadonlySet<string>,
): Excerpt[] {
  const seen = new Set(shownPassages);
  const related: Excerpt[] = [];
  for (const i of ranked.order) {
    if (related.length >= options.relatedCount) break;
    const evidence = ranked.examined.evidence[i] as SentenceEvidence;
    const { view } = evidence.candidate;
    if (seen.has(view.passage.id)) continue;
    seen.add(view.passage.id);
    related.push(
      toExcerpt(
        { view, span: null, termPositions: evidence.termPositions, score: ranked.probabilities[i] as number },
        options,
      ),
    );
  }
  return related;
}
