import { indexTermsOf } from "../index/search-index.ts";
import { splitWords } from "../text/terms.ts";
import type { Article } from "../types.ts";

/**
 * Article titles as index terms, computed once per article and, for finding the articles a question
 * names, once per library: stemming every title on every question cost a tenth of the answer time in a
 * 9,000-article library.
 */

/** Index terms of each content word of an article's title (`Lal Masjid` → `[["lal"], ["masjid"]]`). */
const wordTermsByArticle = new WeakMap<Article, readonly string[][]>();
const termSetByArticle = new WeakMap<Article, ReadonlySet<string>>();

/** The index terms of each content word of the title, in order; function words have none and are left out. */
export function titleWordTerms(article: Article): readonly string[][] {
  let terms = wordTermsByArticle.get(article);
  if (terms === undefined) {
    terms = splitWords(article.title)
      .map((word) => indexTermsOf(word.norm))
      .filter((wordTerms) => wordTerms.length > 0);
    wordTermsByArticle.set(article, terms);
  }
  return terms;
}

/** Every index term of the title, as a set. */
export function titleTermsOf(article: Article): ReadonlySet<string> {
  let terms = termSetByArticle.get(article);
  if (terms === undefined) {
    terms = new Set(titleWordTerms(article).flat());
    termSetByArticle.set(article, terms);
  }
  return terms;
}

/** The articles of a library found by the terms of their titles. */
export class TitleIndex {
  /**
   * Articles by each term of their title's first content word: a title is named only when all its words
   * are asked, so its first word must be, and that word alone keeps the lists short.
   */
  private readonly byFirstWordTerm = new Map<string, Array<{ article: Article; order: number }>>();
  readonly articleCount: number;

  constructor(articles: Iterable<Article>) {
    let order = 0;
    for (const article of articles) {
      const first = titleWordTerms(article)[0] ?? [];
      for (const term of first) {
        const listed = this.byFirstWordTerm.get(term) ?? [];
        if (listed.length === 0) this.byFirstWordTerm.set(term, listed);
        listed.push({ article, order });
      }
      order++;
    }
    this.articleCount = order;
  }

  /** Ids of the articles every word of whose title is among `asked` (a word matches by any of its terms), in library order. */
  named(asked: ReadonlySet<string>): Set<string> {
    const found = new Map<Article, number>();
    for (const term of asked) {
      for (const { article, order } of this.byFirstWordTerm.get(term) ?? []) {
        if (found.has(article)) continue;
        const everyWordAsked = titleWordTerms(article).every((terms) => terms.some((t) => asked.has(t)));
        if (everyWordAsked) found.set(article, order);
      }
    }
    return new Set([...found].sort((a, b) => a[1] - b[1]).map(([article]) => article.id));
  }
}

const indexByLibrary = new WeakMap<ReadonlyMap<string, Article>, TitleIndex>();

/**
 * The title index of a library (its articles by id), built on first use and kept while the library is:
 * a reload builds a new map, hence a new index. A map that changed size since is indexed afresh.
 */
export function titleIndexOf(articlesById: ReadonlyMap<string, Article>): TitleIndex {
  let index = indexByLibrary.get(articlesById);
  if (index === undefined || index.articleCount !== articlesById.size) {
    index = new TitleIndex(articlesById.values());
    indexByLibrary.set(articlesById, index);
  }
  return index;
}
