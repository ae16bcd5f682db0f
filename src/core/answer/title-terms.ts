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
const namesByArticle = new WeakMap<Article, ReadonlyArray<readonly string[][]>>();
const termSetByArticle = new WeakMap<Article, ReadonlySet<string>>();

/** The index terms of each content word of a name, in order; function words have none and are left out. */
function nameWordTerms(name: string): string[][] {
  return splitWords(name)
    .map((word) => indexTermsOf(word.norm))
    .filter((wordTerms) => wordTerms.length > 0);
}

/** The index terms of each content word of the title, in order. */
export function titleWordTerms(article: Article): readonly string[][] {
  let terms = wordTermsByArticle.get(article);
  if (terms === undefined) {
    terms = nameWordTerms(article.title);
    wordTermsByArticle.set(article, terms);
  }
  return terms;
}

/** The word terms of each name of the article: its title, then the other names its lead sentence gives. */
function namesOf(article: Article): ReadonlyArray<readonly string[][]> {
  let names = namesByArticle.get(article);
  if (names === undefined) {
    names = [titleWordTerms(article), ...article.aliases.map(nameWordTerms)].filter(
      (name) => name.length > 0,
    );
    namesByArticle.set(article, names);
  }
  return names;
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
   * Articles by each term of the first content word of each of their names: a name is asked only when all
   * its words are, so its first word must be, and that word alone keeps the lists short.
   */
  private readonly byFirstWordTerm = new Map<string, Array<{ article: Article; order: number }>>();
  readonly articleCount: number;

  constructor(articles: Iterable<Article>) {
    let order = 0;
    for (const article of articles) {
      const firstWordTerms = new Set(namesOf(article).flatMap((name) => name[0] ?? []));
      for (const term of firstWordTerms) {
        const listed = this.byFirstWordTerm.get(term) ?? [];
        if (listed.length === 0) this.byFirstWordTerm.set(term, listed);
        listed.push({ article, order });
      }
      order++;
    }
    this.articleCount = order;
  }

  /**
   * Ids of the articles every word of one of whose names is among `asked` (a word matches by any of its
   * terms), in library order.
   */
  named(asked: ReadonlySet<string>): Set<string> {
    const found = new Map<Article, number>();
    const everyWordAsked = (name: readonly string[][]) =>
      name.every((terms) => terms.some((t) => asked.has(t)));
    for (const term of asked) {
      for (const { article, order } of this.byFirstWordTerm.get(term) ?? []) {
        if (!found.has(article) && namesOf(article).some(everyWordAsked)) found.set(article, order);
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
