/**
 * The titles of a list of articles, worked out once per list. Every question needs them (a follow-up is
 * resolved against them, the help names them), an engine's list never changes after it is built, and a
 * library may hold tens of thousands: mapping them for each question cost about a tenth of the bot's time
 * per `/ask` at 2,000 articles, and scanning them all for the ones a question mentions grew with the corpus.
 */
import type { Article } from "./types.ts";

/** The titles of a list of articles, in its order, and lookups over them. */
export interface ArticleTitles {
  readonly titles: readonly string[];
  /** Whether `text` is exactly one of the titles. */
  isTitle(text: string): boolean;
  /**
   * The titles whose lower-case form occurs in `text` starting at one of its words, longest first. `text` is
   * lower-case with words separated by single spaces.
   */
  mentionedIn(text: string): string[];
}

const titlesByArticles = new WeakMap<readonly Article[], ArticleTitles>();

/** The titles of `articles`, computed on the first call for that list and kept as long as the list is. */
export function articleTitles(articles: readonly Article[]): ArticleTitles {
  let known = titlesByArticles.get(articles);
  if (known === undefined) {
    known = titleLookups(articles.map((article) => article.title));
    titlesByArticles.set(articles, known);
  }
  return known;
}

function titleLookups(titles: readonly string[]): ArticleTitles {
  const exact = new Set(titles);
  // A mentioned title starts at a word of the text, so only the titles starting with one of its words need
  // a look: a handful, however large the library.
  const byFirstWord = new Map<string, { title: string; lowerCased: string }[]>();
  for (const title of titles) {
    const lowerCased = title.toLowerCase();
    const firstWord = lowerCased.split(/\s/u, 1)[0] as string;
    const bucket = byFirstWord.get(firstWord);
    if (bucket) bucket.push({ title, lowerCased });
    else byFirstWord.set(firstWord, [{ title, lowerCased }]);
  }
  return {
    titles,
    isTitle: (text) => exact.has(text),
    mentionedIn(text) {
      const mentioned = new Set<string>();
      for (const word of new Set(text.split(" ")))
        for (const { title, lowerCased } of byFirstWord.get(word) ?? [])
          if (text.includes(lowerCased)) mentioned.add(title);
      return [...mentioned].sort((a, b) => b.length - a.length);
    },
  };
}
