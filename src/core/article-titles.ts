/**
 * The titles of a list of articles, worked out once per list. Every question needs them (a follow-up is
 * resolved against them, the help names them), an engine's list never changes after it is built, and a
 * library may hold tens of thousands: mapping them for each question cost about a tenth of the bot's time
 * per `/ask` at 2,000 articles, and grew with the corpus.
 */
import type { Article } from "./types.ts";

/** The titles of a list of articles, in its order. */
export interface ArticleTitles {
  readonly titles: readonly string[];
  /** The same titles lower-cased, for finding them in lower-cased text. */
  readonly lowerCased: readonly string[];
}

const titlesByArticles = new WeakMap<readonly Article[], ArticleTitles>();

/** The titles of `articles`, computed on the first call for that list and kept as long as the list is. */
export function articleTitles(articles: readonly Article[]): ArticleTitles {
  let known = titlesByArticles.get(articles);
  if (known === undefined) {
    const titles = articles.map((article) => article.title);
    known = { titles, lowerCased: titles.map((title) => title.toLowerCase()) };
    titlesByArticles.set(articles, known);
  }
  return known;
}
