import { indexTermsOf } from "../index/search-index.ts";
import { RecentlyUsed } from "../recently-used.ts";
import { splitWords, type Word } from "../text/terms.ts";
import type { Article, Passage, Sentence } from "../types.ts";
import type { Candidate } from "./spans.ts";
import { titleTermsOf } from "./title-terms.ts";

/** What the features ask of a set of terms: only whether it holds one. */
export type TermLookup = Pick<ReadonlySet<string>, "has">;

/** A sentence prepared for reranking: its words, tags and index terms, and its context's terms. */
export interface SentenceView {
  sentence: Sentence;
  /** Position of the sentence in its passage. */
  position: number;
  passage: Passage;
  article: Article;
  words: Word[];
  /** Index terms (forms and stems) of each word, aligned with `words`. */
  wordTerms: string[][];
  terms: ReadonlySet<string>;
  /** The words' lower-case forms as written (no stems), to tell an exact match from a stem match. */
  norms: ReadonlySet<string>;
  /** Terms that occur only inside names (capitalised words past the first): `board` of `Management Board`. */
  nameOnlyTerms: ReadonlySet<string>;
  /** Terms of the other sentences of the passage. */
  neighbourTerms: TermLookup;
  /** The sentence before, in the same section: in the passage, or the last of the passage before it. */
  before: { sentence: Sentence; passage: Passage } | undefined;
  /** Terms of the sentence before (what a leading pronoun refers to). */
  previousTerms: ReadonlySet<string>;
  /** Terms of the sentence after, in the same section. */
  nextTerms: ReadonlySet<string>;
  /** True when the sentence opens with a pronoun (`He proposed …`), so it continues the previous one. */
  startsWithPronoun: boolean;
  /** Answer candidates found in the sentence, computed on first use (they do not depend on the question). */
  found: { dates?: Candidate[]; names?: Candidate[] };
  headingTerms: ReadonlySet<string>;
  titleTerms: ReadonlySet<string>;
}

/**
 * The terms of a passage's other sentences, read from how many of its sentences hold each term: a set per
 * sentence of all the others' terms cost more than the rest of a view together.
 */
class OtherSentencesTerms implements TermLookup {
  constructor(
    private readonly sentencesWith: ReadonlyMap<string, number>,
    private readonly own: ReadonlySet<string>,
  ) {}

  has(term: string): boolean {
    return (this.sentencesWith.get(term) ?? 0) > (this.own.has(term) ? 1 : 0);
  }
}

/**
 * The list item a nested item hangs under (`Summit Tunnel: 1,659 ft …` over `took around 2 years`). A
 * section holds a run of consecutive sentences, so the parent is found by its section, not sentence by sentence.
 */
export function itemAbove(article: Article, sentence: Sentence): Sentence | undefined {
  const parent = sentence.parent;
  if (parent === undefined) return undefined;
  for (const { sentences } of article.sections) {
    const first = sentences[0]?.index;
    if (first !== undefined && parent >= first && parent < first + sentences.length)
      return sentences[parent - first];
  }
  return undefined;
}

/** Index terms of a text, as a set. */
export function termSet(text: string): Set<string> {
  return new Set(splitWords(text).flatMap((word) => indexTermsOf(word.norm)));
}

/**
 * A personal pronoun as or in the sentence's opening clause (`He proposed …`, `After taking over the mosque he …`).
 * The excerpts' own test also takes a demonstrative after a preposition (`In this process …`); as a ranking
 * feature that cost two blind questions on retraining, so the two differ.
 */
const PRONOUN_START =
  /^(?:It|Its|He|His|She|Her|They|Their|This|These|Those)\b|^(?:[^,]*?\s)?(?:he|she|they)\s/u;

/**
 * Passages whose sentence views are kept by default: the passages of the last few dozen questions that were
 * asked about more than once (a view is some 13 KB per passage); a question asked again soon still finds
 * its views. At 100,000 passages this cache at 1,000 and the article indexes' at 200 kept 28 MB more after
 * 1,000 questions than after 200; at 300 and 50, 6 MB, for answers 0.2–0.3 ms slower at the median (and no
 * measurable difference on the 2,000-article Discord bench's questions).
 */
export const DEFAULT_VIEW_CAPACITY = 300;

/**
 * Builds sentence views on demand and keeps the most recently used ones: only sentences of retrieved
 * passages are ever prepared, and a large library cannot grow the heap without bound.
 */
export class SentenceViews {
  private readonly byPassage: RecentlyUsed<SentenceView[]>;

  constructor(
    private readonly headingAliases: (passage: Passage) => string,
    capacity = DEFAULT_VIEW_CAPACITY,
  ) {
    this.byPassage = new RecentlyUsed(capacity, { admitOnSecondUse: true });
  }

  /** How many passages' views are held now. */
  get size(): number {
    return this.byPassage.size;
  }

  of(passage: Passage, article: Article): SentenceView[] {
    return this.byPassage.getOrMake(passage.id, () => this.prepare(passage, article));
  }

  private prepare(passage: Passage, article: Article): SentenceView[] {
    const headingTerms = termSet(this.headingAliases(passage));
    const prepared = passage.sentences.map((sentence) => {
      const words = splitWords(sentence.text);
      const wordTerms = words.map((word) => indexTermsOf(word.norm));
      const terms = new Set(wordTerms.flat());
      const commonTerms = new Set(
        wordTerms.filter((_, i) => i === 0 || !/^\p{Lu}/u.test(words[i]?.surface ?? "")).flat(),
      );
      const nameOnlyTerms = new Set([...terms].filter((term) => !commonTerms.has(term)));
      return {
        sentence,
        words,
        wordTerms,
        terms,
        nameOnlyTerms,
        norms: new Set(words.map((word) => word.norm)),
      };
    });
    const at = article.passages.indexOf(passage);
    const previousPassage = article.passages[at - 1];
    const nextPassage = article.passages[at + 1];
    const lastBefore = previousPassage?.sentences.at(-1);
    const before =
      previousPassage?.sectionSlug === passage.sectionSlug && lastBefore
        ? { sentence: lastBefore, passage: previousPassage }
        : undefined;
    const sentenceAfter =
      nextPassage?.sectionSlug === passage.sectionSlug && nextPassage.kind === "body"
        ? nextPassage.sentences[0]
        : undefined;
    const sentencesWith = new Map<string, number>();
    for (const { terms } of prepared)
      for (const term of terms) sentencesWith.set(term, (sentencesWith.get(term) ?? 0) + 1);
    return prepared.map((own, position) => ({
      ...own,
      position,
      passage,
      article,
      neighbourTerms: new OtherSentencesTerms(sentencesWith, own.terms),
      before: position > 0 ? { sentence: passage.sentences[position - 1] as Sentence, passage } : before,
      previousTerms:
        position > 0
          ? (prepared[position - 1] as { terms: Set<string> }).terms
          : termSet(before?.sentence.text ?? ""),
      nextTerms:
        position + 1 < prepared.length
          ? (prepared[position + 1] as { terms: Set<string> }).terms
          : termSet(sentenceAfter?.text ?? ""),
      startsWithPronoun: PRONOUN_START.test(own.sentence.text),
      found: {},
      // A nested list item's subject stands in the item above it, as a section's in its heading.
      headingTerms:
        own.sentence.parent === undefined
          ? headingTerms
          : new Set([...headingTerms, ...termSet(itemAbove(article, own.sentence)?.text ?? "")]),
      titleTerms: titleTermsOf(article),
    }));
  }
}
