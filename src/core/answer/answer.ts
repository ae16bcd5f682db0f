import type MiniSearch from "minisearch";
import type { EngineOptions } from "../index/options.ts";
import type { IndexedPassage } from "../index/search-index.ts";
import type { Answer, Excerpt, Passage } from "../types.ts";
import { toExcerpt } from "./excerpts.ts";
import { type AnalyzedQuestion, type AnswerType, analyzeQuestion } from "./question.ts";
import {
  matchIn,
  namedArticles,
  positionsOf,
  type ResolvedTerm,
  resolveTerms,
  retrievalQuery,
  type TermContext,
  withoutNamedTitles,
} from "./resolved-terms.ts";
import type { SentenceView, SentenceViews } from "./sentence-view.ts";
import type { Candidate } from "./spans.ts";
import { fitType } from "./type-fit.ts";

/** What answering needs from the engine. */
export interface AnswerContext extends TermContext {
  index: MiniSearch<IndexedPassage>;
  passagesById: ReadonlyMap<string, Passage>;
  views: SentenceViews;
}

/** How well one sentence answers. */
export interface ScoredSentence {
  view: SentenceView;
  coverage: number;
  /** 1: an answer of the expected type is there; 0.5: the type is soft and none was found; 0: cannot answer. */
  typeFit: number;
  span: Candidate | null;
  /** True when the span lies in the short sentence right after this one (`… cannot be verified. Many believe 300 to 400.`). */
  spanInNext: boolean;
  score: number;
}

/** Types a sentence must satisfy to answer at all. */
const STRICT_TYPES: ReadonlySet<AnswerType> = new Set(["date", "count", "measure", "name-of"]);

/**
 * Words between the question's terms in the tightest stretch of the sentence holding one occurrence of
 * each matched term (0 when they are adjacent or only one term matched).
 */
function gapsInTightestWindow(termPositions: readonly number[][]): number {
  const lists = termPositions.filter((positions) => positions.length > 0);
  if (lists.length < 2) return 0;
  const events = lists
    .flatMap((positions, term) => positions.map((at) => ({ at, term })))
    .sort((a, b) => a.at - b.at);
  const inWindow = new Map<number, number>();
  let best = Number.POSITIVE_INFINITY;
  let left = 0;
  for (const event of events) {
    inWindow.set(event.term, (inWindow.get(event.term) ?? 0) + 1);
    while (inWindow.size === lists.length) {
      const first = events[left] as { at: number; term: number };
      best = Math.min(best, event.at - first.at + 1 - lists.length);
      const count = (inWindow.get(first.term) ?? 1) - 1;
      if (count === 0) inWindow.delete(first.term);
      else inWindow.set(first.term, count);
      left++;
    }
  }
  return Math.max(0, best);
}

/** What coverage tells about a sentence before its answer type is checked. */
interface CoveredSentence {
  view: SentenceView;
  coverage: number;
  /** Coverage with the ranking factors applied: an upper bound of the final score. */
  rankCoverage: number;
  matched: number[];
  anchors: number[];
  termPositions: number[][];
}

function coverSentence(
  view: SentenceView,
  resolved: readonly ResolvedTerm[],
  named: ReadonlySet<string>,
  articleShare: ReadonlyMap<string, number>,
  options: EngineOptions,
): CoveredSentence {
  const credit = options.contextCredit;
  let total = 0;
  let covered = 0;
  let hintTotal = 0;
  let hintCovered = 0;
  const matched: number[] = [];
  const anchors: number[] = [];
  const termPositions: number[][] = [];
  let headingMatched = false;
  for (const r of resolved) {
    const direct = matchIn(r, view.terms, view.nameOnlyTerms);
    const inTitle = matchIn(r, view.titleTerms);
    const inHeading = matchIn(r, view.headingTerms);
    if (inHeading > 0) headingMatched = true;
    if (direct > 0 && !r.term.typeNoun) {
      const positions = positionsOf(r, view);
      termPositions.push(positions);
      matched.push(...positions);
      // Words of the article's own title are everywhere; they anchor no date or number.
      if (inTitle === 0) anchors.push(...positions);
    }
    // Context only matters when the sentence itself does not hold the term fully.
    const best =
      direct === 1
        ? 1
        : Math.max(
            direct,
            credit.title * inTitle,
            credit.heading * inHeading,
            credit.neighbour * matchIn(r, view.neighbourTerms),
            view.startsWithPronoun ? credit.antecedent * matchIn(r, view.previousTerms) : 0,
          );
    // The noun naming the answer type (`which city`) helps ranking when present but is never required.
    if (r.term.typeNoun) {
      hintTotal += r.weight;
      hintCovered += r.weight * best;
    } else {
      total += r.weight;
      covered += r.weight * best;
    }
  }
  const articlePenalty = named.size > 0 && !named.has(view.article.id) ? options.otherArticlePenalty : 1;
  // When every term only hints at the type (`what kind of mosque is it`), the hints are what must match.
  const coverage =
    (total > 0 ? covered / total : hintTotal > 0 ? hintCovered / hintTotal : 0) * articlePenalty;
  const hintShare = hintTotal > 0 ? hintCovered / hintTotal : 0;
  const metadataAsked = view.passage.kind === "body" || headingMatched;
  const rankCoverage =
    coverage *
    (1 + options.typeNounBonus * hintShare) *
    (metadataAsked ? 1 : options.unaskedMetadataFactor) *
    (1 - options.articlePrior + options.articlePrior * (articleShare.get(view.article.id) ?? 0)) *
    (view.passage.sectionSlug === "lead" ? 1 + options.leadPrior : 1);
  return { view, coverage, rankCoverage, matched, anchors, termPositions };
}

/** A sentence ranked on coverage alone, for related reading: its type was never checked. */
function unjudged(covered: CoveredSentence): ScoredSentence {
  const { view, coverage, rankCoverage } = covered;
  return { view, coverage, typeFit: 0, span: null, spanInNext: false, score: rankCoverage * 0.5 };
}

/** Checks the answer type of a covered sentence and gives its final score. */
function judgeSentence(
  question: AnalyzedQuestion,
  covered: CoveredSentence,
  resolved: readonly ResolvedTerm[],
  siblings: readonly SentenceView[],
  options: EngineOptions,
): ScoredSentence {
  const { view, coverage, rankCoverage, matched, anchors, termPositions } = covered;
  // A sentence covering too little of the question can neither answer nor rank high: skip the type work.
  if (coverage < options.minCoverage / 2) return unjudged(covered);
  let { typeFit, span, noCandidates } = fitType(question, view, resolved, matched, anchors);
  // A number or date may come in a short sentence of its own right after (`… cannot be verified. Many believe 300 to 400.`).
  let spanInNext = false;
  const next = siblings[view.position + 1];
  if (noCandidates && next !== undefined && next.sentence.text.length <= options.followingSentenceChars) {
    const following = fitType(question, next, resolved, [], [], anchors.length > 0);
    if (following.span !== null) {
      typeFit = options.followingSentenceFit;
      span = following.span;
      spanInNext = true;
    }
  }
  const proximity = 1 / (1 + gapsInTightestWindow(termPositions) / 10);
  const score = rankCoverage * (0.5 + 0.5 * typeFit) * (0.9 + 0.1 * proximity);
  return { view, coverage, typeFit, span, spanInNext, score };
}

/** Whether a sentence may answer: enough coverage and, for strict types, an answer of the type. */
function isAcceptable(s: ScoredSentence, type: AnswerType, options: EngineOptions): boolean {
  return (
    s.coverage >= options.minCoverage &&
    s.typeFit > 0 &&
    (s.typeFit >= options.followingSentenceFit || !STRICT_TYPES.has(type))
  );
}

/** How one candidate sentence was judged, for `ask --explain`. */
export interface SentenceJudgement {
  passageId: string;
  text: string;
  coverage: number;
  typeFit: number;
  score: number;
  span: string | null;
}

/** Why the engine answered as it did: the question as understood and the best-scored sentences. */
export interface AnswerExplanation {
  type: AnswerType;
  terms: Array<{ term: string; weight: number; forms: string[] }>;
  sentences: SentenceJudgement[];
}

/** Answers a question from the corpus, or says the corpus does not contain the answer. */
export function answerQuestion(
  context: AnswerContext,
  rawQuestion: string,
  explain?: (explanation: AnswerExplanation) => void,
): Answer {
  const question = rawQuestion.trim();
  const notAnswered = (
    reason: "empty-question" | "no-match" | "not-in-corpus",
    related: Excerpt[],
  ): Answer => ({
    question,
    answered: false,
    reason,
    answer: null,
    excerpts: [],
    related,
  });
  const analyzed = analyzeQuestion(question, context.thesaurus);
  if (analyzed.terms.length === 0) return notAnswered(question === "" ? "empty-question" : "no-match", []);
  const { options } = context;
  const resolved = resolveTerms(analyzed, context);
  const named = namedArticles(resolved, context.articlesById.values());
  const search = (terms: readonly ResolvedTerm[]) => {
    const { query, boosts } = retrievalQuery(terms);
    return context.index.search(query, {
      tokenize: (text: string) => text.split(" "),
      processTerm: (term: string) => term,
      boostTerm: (term: string) => boosts.get(term) ?? 1,
      boost: options.fieldBoosts,
    });
  };
  const focused = withoutNamedTitles(resolved, named, context);
  const hits = search(focused);
  // Too few passages hold the other words (`which city is lal masjid in`): fill up with the named
  // articles' own passages in reading order, lead first, so their defining passages are still read.
  if (hits.length < options.passagesToRerank && focused !== resolved) {
    const seen = new Set(hits.map((hit) => hit.id as string));
    for (const id of named) {
      for (const passage of context.articlesById.get(id)?.passages ?? []) {
        if (hits.length >= options.passagesToRerank) break;
        if (!seen.has(passage.id))
          hits.push({ id: passage.id, score: 0, terms: [], queryTerms: [], match: {} });
      }
    }
  }
  if (hits.length === 0) return notAnswered("no-match", []);
  // When the question names an article, its passages are read first (stable order otherwise).
  if (named.size > 0) {
    const inNamed = (hit: { id: unknown }) =>
      named.has(context.passagesById.get(hit.id as string)?.articleId ?? "");
    hits.sort((a, b) => Number(inNamed(b)) - Number(inNamed(a)));
  }

  const views: SentenceView[] = [];
  // Which article the retrieved evidence mostly comes from: the tie-breaker for "what kind of mosque is it".
  const articleShare = new Map<string, number>();
  const topHits = hits.slice(0, options.passagesToRerank);
  const totalScore = topHits.reduce((sum, hit) => sum + hit.score, 0);
  for (const hit of topHits) {
    const passage = context.passagesById.get(hit.id as string);
    const article = passage && context.articlesById.get(passage.articleId);
    if (!passage || !article) continue;
    views.push(...context.views.of(passage, article));
    articleShare.set(article.id, (articleShare.get(article.id) ?? 0) + hit.score / totalScore);
  }
  const covered = views
    .map((view) => coverSentence(view, resolved, named, articleShare, options))
    .sort((a, b) => b.rankCoverage - a.rankCoverage);
  // Type checks are the costly part: judge sentences best coverage first, and stop once enough
  // acceptable ones score at least what any remaining sentence could (its coverage is an upper bound).
  const scored: ScoredSentence[] = [];
  let strongAcceptable = 0;
  for (const [n, sentence] of covered.entries()) {
    if (strongAcceptable >= options.maxExcerpts) {
      scored.push(...covered.slice(n).map(unjudged));
      break;
    }
    const judged = judgeSentence(
      analyzed,
      sentence,
      resolved,
      context.views.of(sentence.view.passage, sentence.view.article),
      options,
    );
    scored.push(judged);
    const bound = covered[n + 1]?.rankCoverage ?? 0;
    strongAcceptable = scored.filter(
      (s) => isAcceptable(s, analyzed.type, options) && s.score >= bound,
    ).length;
  }
  scored.sort((a, b) => b.score - a.score);

  explain?.({
    type: analyzed.type,
    terms: resolved.map((r) => ({
      term: r.term.norm,
      weight: Math.round(r.weight * 100) / 100,
      forms: r.forms.map((form) => `${form.terms.join(" ")}@${form.quality}`),
    })),
    sentences: scored.slice(0, 8).map((s) => ({
      passageId: s.view.passage.id,
      text: s.view.sentence.text,
      coverage: Math.round(s.coverage * 1000) / 1000,
      typeFit: s.typeFit,
      score: Math.round(s.score * 1000) / 1000,
      span: s.span?.text ?? null,
    })),
  });
  const acceptable = scored.filter((s) => isAcceptable(s, analyzed.type, options));
  const best = acceptable[0];
  if (best === undefined) {
    const related = relatedExcerpts(scored, options);
    return notAnswered("not-in-corpus", related);
  }
  const excerpts = [best];
  for (const candidate of scored) {
    if (excerpts.length >= options.maxExcerpts) break;
    if (excerpts.includes(candidate) || candidate.score < options.extraExcerptMinShare * best.score) continue;
    if (candidate.typeFit === 0) continue;
    excerpts.push(candidate);
  }
  const shown = excerpts.map((s) => toExcerpt(s, options));
  return {
    question,
    answered: true,
    answer: best.span?.text ?? null,
    excerpts: shown,
    related: relatedExcerpts(
      scored.filter((s) => !excerpts.some((e) => e.view.passage.id === s.view.passage.id)),
      options,
    ),
  };
}

/** The best sentence of each of the closest passages. */
function relatedExcerpts(scored: readonly ScoredSentence[], options: EngineOptions): Excerpt[] {
  const seen = new Set<string>();
  const related: Excerpt[] = [];
  for (const s of scored) {
    if (related.length >= options.relatedCount) break;
    if (seen.has(s.view.passage.id)) continue;
    seen.add(s.view.passage.id);
    related.push(toExcerpt({ ...s, span: null, spanInNext: false }, options));
  }
  return related;
}
