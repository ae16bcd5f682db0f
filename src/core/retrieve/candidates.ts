import type MiniSearch from "minisearch";
import type { AnalyzedQuestion } from "../answer/question.ts";
import {
  namedArticles,
  type ResolvedTerm,
  resolveTerms,
  retrievalQuery,
  type TermContext,
  withoutNamedTitles,
} from "../answer/resolved-terms.ts";
import type { SentenceView, SentenceViews } from "../answer/sentence-view.ts";
import type { IndexedPassage, Vocabulary } from "../index/search-index.ts";
import type { Passage } from "../types.ts";

/** What retrieval needs from the engine. */
export interface RetrievalContext extends TermContext {
  index: MiniSearch<IndexedPassage>;
  passagesById: ReadonlyMap<string, Passage>;
  views: SentenceViews;
}

/** A sentence of a retrieved passage, with how its passage ranked. */
export interface CandidateSentence {
  view: SentenceView;
  /** MiniSearch (BM25) score of the sentence's passage; 0 for passages added to fill up a named article. */
  passageScore: number;
  /** Rank of the passage among the retrieved ones (0 = best). */
  passageRank: number;
}

/** The question resolved against the corpus and the sentences worth judging. */
export interface Retrieval {
  question: AnalyzedQuestion;
  resolved: ResolvedTerm[];
  /** Articles the question names by their title. */
  named: ReadonlySet<string>;
  /** Score of the best passage (the scale the others are read on). */
  topScore: number;
  /** Share of the retrieved evidence (BM25 mass) each article holds. */
  articleShare: ReadonlyMap<string, number>;
  candidates: CandidateSentence[];
}

/**
 * The query terms that fit the passage budget: rarest first while the passages they occur in, summed, stay
 * within it (and the rarest in any case, unless `keepRarest` is false). Kept terms stay in query order, so
 * a query within budget is unchanged.
 */
export function termsWithinBudget(
  terms: readonly string[],
  vocabulary: Vocabulary,
  budget: number,
  { keepRarest = true } = {},
): string[] {
  const passagesWith = (term: string) => vocabulary.passagesWith(term);
  if (terms.reduce((sum, term) => sum + passagesWith(term), 0) <= budget) return [...terms];
  const kept = new Set<string>();
  let spent = 0;
  for (const term of [...terms].sort((a, b) => passagesWith(a) - passagesWith(b))) {
    if ((kept.size > 0 || !keepRarest) && spent + passagesWith(term) > budget) break;
    kept.add(term);
    spent += passagesWith(term);
  }
  return terms.filter((term) => kept.has(term));
}

/**
 * Retrieves the best passages for a question with MiniSearch and returns every sentence of them. Only
 * the top `passagesToRerank` hits are read, and MiniSearch's work (it scores every passage a query term
 * occurs in) is bounded by `passageBudget`.
 */
export function retrieveCandidates(context: RetrievalContext, question: AnalyzedQuestion): Retrieval {
  const { options } = context;
  const resolved = resolveTerms(question, context);
  const named = namedArticles(resolved, context);
  const focused = withoutNamedTitles(resolved, named, context);
  const { boosts } = retrievalQuery(focused);
  const terms = [...boosts.keys()];
  const search = (query: readonly string[], within?: ReadonlySet<string>) => {
    // A passage id starts with its article's (`article/section/n`): cheaper than looking the passage up
    // for each of the tens of thousands of postings a common word has.
    const prefixes = within === undefined ? [] : [...within].map((articleId) => `${articleId}/`);
    return query.length === 0
      ? []
      : context.index
          .search(query.join(" "), {
            tokenize: (text: string) => text.split(" "),
            processTerm: (term: string) => term,
            boostTerm: (term: string) => boosts.get(term) ?? 1,
            boost: options.fieldBoosts,
            // Passages outside the named articles are skipped before they are scored (a `filter` would
            // run after MiniSearch had scored every passage the terms occur in).
            boostDocument:
              within === undefined
                ? undefined
                : (id: string) => (prefixes.some((prefix) => id.startsWith(prefix)) ? 1 : 0),
          })
          .slice(0, options.passagesToRerank)
          .map((hit) => ({ id: hit.id as string, score: hit.score }));
  };
  const withinBudget = (keepRarest: boolean) =>
    termsWithinBudget(terms, context.vocabulary, options.passageBudget, { keepRarest });
  const namesArticles = focused !== resolved && named.size > 0;
  // A question that names an article is searched within it first: in a large corpus the other words
  // (`when was X built`) match hundreds of passages elsewhere and would crowd the named article out.
  // That search has no budget: passages elsewhere are skipped unscored, and leaving a common word out
  // ranks the named article's own passages worse (56% of generated fact questions right instead of 74%).
  const hits = namesArticles ? search(terms, named) : search(withinBudget(true));
  if (namesArticles) {
    const seen = new Set(hits.map((hit) => hit.id));
    const add = (id: string, score: number) => {
      if (hits.length >= options.passagesToRerank || seen.has(id)) return;
      seen.add(id);
      hits.push({ id, score });
    };
    // Then the named articles' own passages in reading order, lead first (`which city is lal masjid in`
    // shares no word but the title with its answer), then the best passages elsewhere.
    for (const id of named)
      for (const passage of context.articlesById.get(id)?.passages ?? []) add(passage.id, 0);
    // The search elsewhere only when room is left (a named article with a dozen passages fills it), and
    // only with the terms that fit the budget: the named article is already read, so filling up is not
    // worth scoring every passage of a common word.
    if (hits.length < options.passagesToRerank)
      for (const hit of search(withinBudget(false))) add(hit.id, hit.score);
  }
  const candidates: CandidateSentence[] = [];
  const articleShare = new Map<string, number>();
  const totalScore = hits.reduce((sum, hit) => sum + hit.score, 0);
  for (const [passageRank, hit] of hits.entries()) {
    const passage = context.passagesById.get(hit.id);
    const article = passage && context.articlesById.get(passage.articleId);
    if (!passage || !article) continue;
    for (const view of context.views.of(passage, article))
      candidates.push({ view, passageScore: hit.score, passageRank });
    if (totalScore > 0)
      articleShare.set(article.id, (articleShare.get(article.id) ?? 0) + hit.score / totalScore);
  }
  return { question, resolved, named, topScore: hits[0]?.score ?? 0, articleShare, candidates };
}
