import MiniSearch from "minisearch";
import SearchableMap from "minisearch/SearchableMap";
import { runSteps, type Steps } from "../steps.ts";
import { isContentWord, splitWords, stem } from "../text/terms.ts";
import type { Article, Passage } from "../types.ts";
import type { EngineOptions } from "./options.ts";

/** A passage as MiniSearch indexes it. */
export interface IndexedPassage {
  id: string;
  text: string;
  /** Section heading, plus words people use for metadata excerpts (`image`, `website`, `category`). */
  section: string;
  title: string;
}

/** Words people use when asking about an article's metadata excerpts; indexed, not shown. */
const METADATA_ALIASES: Readonly<Record<Passage["kind"], string>> = {
  body: "",
  caption: "image picture photo map caption figure",
  categories: "category categories kind type classification",
  links: "external links websites sites web official homepage",
};

/** The indexed section field: the heading plus the words people use for metadata excerpts. */
export function sectionFieldOf(passage: Passage): string {
  return `${passage.sectionHeading} ${METADATA_ALIASES[passage.kind]}`.trim();
}

/** Index terms of one word: its lower-case form and its Porter stem (typos match the full form). */
export function indexTermsOf(norm: string): string[] {
  if (!isContentWord(norm)) return [];
  const stemmed = stem(norm);
  return stemmed === norm ? [norm] : [norm, stemmed];
}

/** The MiniSearch options shared by building and loading; `tokenize` keeps digit groups and Unicode letters. */
export function miniSearchOptions(options: EngineOptions) {
  return {
    fields: ["text", "section", "title"],
    tokenize: (text: string) => splitWords(text).map((word) => word.norm),
    processTerm: (term: string) => {
      const terms = indexTermsOf(term);
      return terms.length > 0 ? terms : null;
    },
    searchOptions: { boost: options.fieldBoosts },
  };
}

/** Documents for MiniSearch: one per passage. */
export function indexedPassages(articles: readonly Article[]): IndexedPassage[] {
  return articles.flatMap((article) =>
    article.passages.map((passage) => ({
      id: passage.id,
      text: passage.text,
      section: sectionFieldOf(passage),
      title: article.title,
    })),
  );
}

/** Builds the passage index. */
export function buildSearchIndex(
  articles: readonly Article[],
  options: EngineOptions,
): MiniSearch<IndexedPassage> {
  return runSteps(buildSearchIndexSteps(indexedPassages(articles), options));
}

/** {@link buildSearchIndex} as steps, one passage each. */
export function* buildSearchIndexSteps(
  documents: readonly IndexedPassage[],
  options: EngineOptions,
): Steps<MiniSearch<IndexedPassage>> {
  const index = new MiniSearch<IndexedPassage>(miniSearchOptions(options));
  for (const document of documents) {
    index.add(document);
    yield;
  }
  return index;
}

/** Counts passages per index term, one passage at a time (a build streams its articles). */
export class PassageFrequencyCounter {
  readonly #counts = new Map<string, number>();
  #passages = 0;

  add(document: IndexedPassage): void {
    const terms = new Set<string>();
    for (const field of [document.text, document.section, document.title]) {
      for (const word of splitWords(field)) for (const term of indexTermsOf(word.norm)) terms.add(term);
    }
    for (const term of terms) this.#counts.set(term, (this.#counts.get(term) ?? 0) + 1);
    this.#passages++;
  }

  vocabulary(): Vocabulary {
    return new Vocabulary(this.#counts, this.#passages);
  }
}

/** Passage frequency of every index term, for weighting question words and correcting typos. */
export class Vocabulary {
  /** Passages per term. */
  readonly passageFrequencies: ReadonlyMap<string, number>;
  /** The terms as a tree for typo lookups, built on the first one (a cold start does not wait for it). */
  #terms: SearchableMap<number> | null = null;
  readonly passageCount: number;

  constructor(documentFrequencies: Iterable<[string, number]>, passageCount: number) {
    this.passageFrequencies = new Map(documentFrequencies);
    this.passageCount = passageCount;
  }

  /** Counts, per index term, the passages containing it. */
  static fromPassages(documents: readonly IndexedPassage[]): Vocabulary {
    return runSteps(Vocabulary.fromPassagesSteps(documents));
  }

  /** {@link Vocabulary.fromPassages} as steps, one passage each. */
  static *fromPassagesSteps(documents: readonly IndexedPassage[]): Steps<Vocabulary> {
    const counter = new PassageFrequencyCounter();
    for (const document of documents) {
      counter.add(document);
      yield;
    }
    return counter.vocabulary();
  }

  has(term: string): boolean {
    return this.passageFrequencies.has(term);
  }

  /** Passages containing the term (0 for a term absent from the corpus). */
  passagesWith(term: string): number {
    return this.passageFrequencies.get(term) ?? 0;
  }

  /** Inverse passage frequency; a term absent from the corpus gets the highest weight. */
  weight(term: string): number {
    const frequency = this.passageFrequencies.get(term) ?? 0;
    return Math.log(1 + this.passageCount / (frequency + 0.5));
  }

  /**
   * Closest corpus terms within `maxDistance` edits, most frequent first among the closest. Two
   * neighbouring letters swapped (`wiegh` for `weigh`, the commonest typing slip) count as one edit, as
   * in Damerau's distance; MiniSearch's fuzzy search counts them as two.
   */
  corrections(term: string, maxDistance: number): string[] {
    if (maxDistance <= 0) return [];
    this.#terms ??= SearchableMap.from(this.passageFrequencies);
    const distanceOf = new Map<string, number>();
    for (const [candidate, [, distance]] of this.#terms.fuzzyGet(term, maxDistance))
      distanceOf.set(candidate, distance);
    for (let i = 0; i + 1 < term.length; i++) {
      if (term[i] === term[i + 1]) continue;
      const swapped = `${term.slice(0, i)}${term[i + 1]}${term[i]}${term.slice(i + 2)}`;
      if (this.passageFrequencies.has(swapped)) distanceOf.set(swapped, 1);
    }
    if (distanceOf.size === 0) return [];
    const best = Math.min(...distanceOf.values());
    return [...distanceOf]
      .filter(([, distance]) => distance === best)
      .sort((a, b) => this.passagesWith(b[0]) - this.passagesWith(a[0]))
      .map(([candidate]) => candidate);
  }

  toJSON(): Array<[string, number]> {
    return [...this.passageFrequencies.entries()];
  }
}
