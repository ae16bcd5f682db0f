import MiniSearch from "minisearch";
import { RecentlyUsed } from "../recently-used.ts";
import type { Article } from "../types.ts";
import type { EngineOptions } from "./options.ts";
import { type IndexedPassage, indexedPassages, miniSearchOptions } from "./search-index.ts";

/**
 * Articles whose own indexes are kept by default. An article's index is about as large as its text, and
 * building one again takes a millisecond or two, so this bounds the heap without costing much: questions
 * about one article come together, and the last 50 named twice cover them (see DEFAULT_VIEW_CAPACITY for
 * what the two caches keep).
 */
export const DEFAULT_ARTICLE_INDEX_CAPACITY = 50;

/**
 * A small MiniSearch index per article, built when a question names the article and kept, from its second
 * naming on, for the most recently named ones. A question that names an article is searched in that
 * article's own index: its passages rank as they would if it were the only article, and the search reads
 * its passages only, where the library's index would step through every passage elsewhere that holds a
 * common word.
 */
export class ArticleIndexes {
  private readonly byArticle: RecentlyUsed<MiniSearch<IndexedPassage>>;

  constructor(
    private readonly options: EngineOptions,
    capacity = DEFAULT_ARTICLE_INDEX_CAPACITY,
  ) {
    this.byArticle = new RecentlyUsed(capacity, { admitOnSecondUse: true });
  }

  /** How many articles' indexes are held now. */
  get size(): number {
    return this.byArticle.size;
  }

  of(article: Article): MiniSearch<IndexedPassage> {
    return this.byArticle.getOrMake(article.id, () => {
      const index = new MiniSearch<IndexedPassage>(miniSearchOptions(this.options));
      index.addAll(indexedPassages([article]));
      return index;
    });
  }
}
