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
import type { IndexedPassage } from "../index/search-index.ts";
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
 * Retrieves the best passages for a question with MiniSearch and returns every sentence of them. Only
 * the top `passagesToRerank` hits are read: MiniSearch returns hits sorted, so nothing else is scanned.
 */
export function retrieveCandidates(context: RetrievalContext, question: AnalyzedQuestion): Retrieval {
  const { options } = context;
  const resolved = resolveTerms(question, context);
  const named = namedArticles(resolved, context.articlesById.values());
  const focused = withoutNamedTitles(resolved, named, context);
  const { query, boosts } = retrievalQuery(focused);
  const hits =
    query === ""
      ? []
      : context.index
          .search(query, {
            tokenize: (text: string) => text.split(" "),
            processTerm: (term: string) => term,
            boostTerm: (term: string) => boosts.get(term) ?? 1,
            boost: options.fieldBoosts,
          })
          .slice(0, options.passagesToRerank)
          .map((hit) => ({ id: hit.id as string, score: hit.score }));
  // Too few passages hold the other words (`which city is lal masjid in`): fill up with the named
  // articles' own passages in reading order, lead first, so their defining passages are still read.
  if (hits.length < options.passagesToRerank && focused !== resolved) {
    const seen = new Set(hits.map((hit) => hit.id));
    for (const id of named) {
      for (const passage of context.articlesById.get(id)?.passages ?? []) {
        if (hits.length >= options.passagesToRerank) break;
        if (!seen.has(passage.id)) hits.push({ id: passage.id, score: 0 });
      }
    }
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
