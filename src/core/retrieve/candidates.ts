import type MiniSearch from "minisearch";
import type { AnalyzedQuestion } from "../answer/question.ts";
import {
  aroundNamedTitles,
  namedArticles,
  type ResolvedTerm,
  resolveTerms,
  retrievalQuery,
  type TermContext,
} from "../answer/resolved-terms.ts";
import type { SentenceView, SentenceViews } from "../answer/sentence-view.ts";
import type { ArticleIndexes } from "../index/article-indexes.ts";
import type { IndexedPassage, Vocabulary } from "../index/search-index.ts";
import type { Passage } from "../types.ts";

/** What retrieval needs from the engine. */
export interface RetrievalContext extends TermContext {
  index: MiniSearch<IndexedPassage>;
  /** Each named article's own index, for searching within it. */
  articleIndexes: ArticleIndexes;
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
  resolved: readonly ResolvedTerm[];
  /** Articles the question names by their title. */
  named: ReadonlySet<string>;
  /** The question is nothing but the titles of the named articles: it asks what they are about. */
  overview: boolean;
  /** Score of the best passage (the scale the others are read on). */
  topScore: number;
  /** Share of the retrieved evidence (BM25 mass) each article holds. */
  articleShare: ReadonlyMap<string, number>;
  candidates: CandidateSentence[];
}

/**
 * The query terms that fit the passage budget: rarest first while the passages they occur in, summed, stay
 * within it, and the rarest term the library has in any case (terms it lacks cost nothing and find
 * nothing, so they never stand in for it). Kept terms stay in query order, so a query within budget is
 * unchanged.
 */
export function termsWithinBudget(
  terms: readonly string[],
  vocabulary: Vocabulary,
  budget: number,
): string[] {
  const passagesWith = (term: string) => vocabulary.passagesWith(term);
  if (terms.reduce((sum, term) => sum + passagesWith(term), 0) <= budget) return [...terms];
  const kept = new Set<string>();
  let spent = 0;
  for (const term of [...terms].sort((a, b) => passagesWith(a) - passagesWith(b))) {
    if (spent > 0 && spent + passagesWith(term) > budget) break;
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
  const everywhere = resolveTerms(question, context);
  const named = namedArticles(everywhere, context);
  const { resolved, focused } = aroundNamedTitles(everywhere, named, context);
  const { boosts } = retrievalQuery(focused);
  const terms = [...boosts.keys()];
  const searchOptions = {
    tokenize: (text: string) => text.split(" "),
    processTerm: (term: string) => term,
    boostTerm: (term: string) => boosts.get(term) ?? 1,
    boost: options.fieldBoosts,
  };
  const best = (hits: readonly { id: unknown; score: number }[]) =>
    hits.slice(0, options.passagesToRerank).map((hit) => ({ id: hit.id as string, score: hit.score }));
  // Each named article is searched in its own index, so its passages rank as they would if it were the
  // only article: the library's other articles neither weigh its words nor cost any work.
  const searchWithin = (articleIds: ReadonlySet<string>) =>
    best(
      [...articleIds]
        .flatMap((id) => {
          const article = context.articlesById.get(id);
          return article ? context.articleIndexes.of(article).search(terms.join(" "), searchOptions) : [];
        })
        .sort((a, b) => b.score - a.score),
    );
  const searchLibrary = () => {
    const query = termsWithinBudget(terms, context.vocabulary, options.passageBudget);
    return query.length === 0 ? [] : best(context.index.search(query.join(" "), searchOptions));
  };
  const namesArticles = focused !== resolved && named.size > 0;
  // Nothing but a title (`lal masjid`, `tell me about the forth bridge`) asks what the article is about: its
  // lead passage answers. Searched for, the title's words would rank the passages that repeat it (a
  // heading `July 2008 bombing near Lal Masjid`, a `Forth Bridge Railway Company`), whatever they are about.
  // A question of another type (`when was X`, `how tall was X`) asks something the lead may not hold.
  const onlyTitles =
    named.size > 0 && !namesArticles && (question.type === "other" || question.type === "definition");
  // A question that names an article is searched within it only: in a large corpus the other words
  // (`when was X built`) match hundreds of passages elsewhere and would crowd the named article out.
  // That search has no budget: it reads the named article's passages only, and leaving a common word out
  // ranks the named article's own passages worse (56% of generated fact questions right instead of 74%).
  const hits = onlyTitles ? [] : namesArticles ? searchWithin(named) : searchLibrary();
  if (namesArticles || onlyTitles) {
    const seen = new Set(hits.map((hit) => hit.id));
    const add = (id: string, score: number) => {
      if (hits.length >= options.passagesToRerank || seen.has(id)) return;
      seen.add(id);
      hits.push({ id, score });
    };
    // Then the named articles' own passages in reading order, lead first (`which city is lal masjid in`
    // shares no word but the title with its answer). Nothing from elsewhere: the question's words were
    // weighed within the named articles, a scale on which other articles' sentences cannot be judged
    // (in a one-passage article every word it holds weighs next to nothing).
    for (const id of named)
      for (const passage of context.articlesById.get(id)?.passages.slice(0, onlyTitles ? 1 : undefined) ?? [])
        add(passage.id, 0);
  }
  const candidates: CandidateSentence[] = [];
  const articleShare = new Map<string, number>();
  const totalScore = hits.reduce((sum, hit) => sum + hit.score, 0);
  for (const [passageRank, hit] of hits.entries()) {
    const passage = context.passagesById.get(hit.id);
    const article = passage && context.articlesById.get(passage.articleId);
    if (!passage || !article) continue;
    for (const view of context.views.of(passage, article))
      if (!isQuestion(view.sentence.text)) candidates.push({ view, passageScore: hit.score, passageRank });
    if (totalScore > 0)
      articleShare.set(article.id, (articleShare.get(article.id) ?? 0) + hit.score / totalScore);
  }
  return {
    question,
    resolved,
    named,
    overview: onlyTitles,
    topScore: hits[0]?.score ?? 0,
    articleShare,
    candidates,
  };
}

/**
 * A sentence that asks rather than tells (`According to Source A, on what day did the smog lift?`): an
 * exam's question or a rhetorical one matches the question's words best and answers nothing.
 */
function isQuestion(text: string): boolean {
  return /\?["'”’)\]]*$/u.test(text.trimEnd());
}
