/**
 * The data model of the question-answering core, from ingested article to answer.
 * Everything here is plain JSON so an ingested corpus can be cached and reloaded unchanged.
 */

/** One token of an article's body with where it sits in the source file and in the readable text. */
export interface Token {
  /** Token as it appears in the source (`'s`, `\(`, `12,000` after digit-group merging). */
  source: string;
  /** Offset of the token in the source file (UTF-16 code units). */
  sourceStart: number;
  sourceEnd: number;
  /** Offset of the token's readable form inside its sentence's `text`. */
  start: number;
  end: number;
}

/** A recovered sentence, shown readable (`Zia's`, `(translated Red Mosque)`, `12,000`). */
export interface Sentence {
  /** Position of the sentence in its article (0-based, over all sections). */
  index: number;
  text: string;
  /**
   * The sentence's source tokens, with where each sits in the file: present on a freshly ingested article
   * (training maps gold answers through them); the index cache leaves them out, as answering never reads them.
   */
  tokens?: Token[];
  /** Most frequent part-of-speech tag of each word of `text` (as split by `splitWords`), `""` when unknown. */
  wordTags: string[];
  /** For a nested list item, the index of the first sentence of the item it hangs under (its subject). */
  parent?: number;
}

/** A section of an article: the lead (heading `null`) or a recovered heading. */
export interface Section {
  /** URL-safe slug, unique within the article (`lead`, `siege`, `july-2008-bombing-near-lal-masjid`). */
  slug: string;
  heading: string | null;
  /** Image captions found in the section (readable text). */
  captions: string[];
  sentences: Sentence[];
}

/** What a passage holds: body sentences, or article metadata indexed so questions about it find it. */
export type PassageKind = "body" | "caption" | "categories" | "links";

/** The unit of retrieval: consecutive sentences of one section (or one metadata excerpt). */
export interface Passage {
  /** Stable id `article/section/n`, e.g. `lal-masjid/siege/2`. */
  id: string;
  articleId: string;
  sectionSlug: string;
  /** Heading shown in citations (`Introduction` for the lead, `Categories` for categories). */
  sectionHeading: string;
  kind: PassageKind;
  /** Sentences of the passage; metadata passages hold one synthetic sentence. */
  sentences: Sentence[];
  /** Readable text of the whole passage. */
  text: string;
}

/** An ingested article. */
export interface Article {
  /** Slug of the file name (`lal-masjid`). */
  id: string;
  file: string;
  title: string;
  /** Other names the lead sentence gives (`Red Mosque`); a question may name the article by any of them. */
  aliases: string[];
  url: string | null;
  license: string | null;
  format: "stripped" | "punctuated";
  sections: Section[];
  categories: string[];
  externalLinks: string[];
  passages: Passage[];
}

/** A problem found while loading the corpus; the file named is skipped. */
export interface IngestWarning {
  file: string;
  message: string;
}

/** One cited excerpt of an answer. */
export interface Excerpt {
  /** Readable excerpt: one or two sentences, at most 400 characters. */
  text: string;
  /** Article title. */
  article: string;
  articleId: string;
  /** Section heading. */
  section: string;
  passageId: string;
  url: string | null;
  score: number;
  /** Character range of the short answer inside `text`, when one was found in this excerpt. */
  answerSpan: { start: number; end: number } | null;
}

/**
 * Why a question was not answered; the transport chooses the wording. `low-confidence`: passages come
 * close but none answers clearly; `not-in-corpus`: no sentence holds even half of what was asked;
 * `nothing-asked`: the message has no word to look for (`lol ok`, `what?`, `actually exactly?`), so the
 * articles were not searched and "they don't say" would be untrue; `empty-question`: it was blank.
 */
export type AbstainReason =
  | "empty-question"
  | "nothing-asked"
  | "no-match"
  | "not-in-corpus"
  | "low-confidence";

/** The result of answering a question. */
export type Answer =
  | {
      question: string;
      answered: true;
      /** The short answer (e.g. `1965`) when one was found, else null. */
      answer: string | null;
      /**
       * The best answer span of the expected kind even when it is not sure enough to show in bold; a
       * follow-up's pronoun may lean on it, since the rewritten question is shown to the user.
       */
      likelyAnswer?: string | null;
      excerpts: Excerpt[];
      related: Excerpt[];
    }
  | {
      question: string;
      answered: false;
      reason: AbstainReason;
      answer: null;
      excerpts: [];
      /** The closest passages, offered as "related" reading. */
      related: Excerpt[];
    };
