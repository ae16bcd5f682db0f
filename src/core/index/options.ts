/**
 * Every tunable of indexing and answering, documented once; defaults live in `defaultEngineOptions`.
 * The index cache is keyed by these options, so changing one rebuilds the index.
 */
export interface EngineOptions {
  /** Field boosts for passage retrieval: body text, section heading (plus aliases), article title. */
  fieldBoosts: { text: number; section: number; title: number };
  /** Passages retrieved before sentences are reranked. */
  passagesToRerank: number;
  /**
   * Most passages one corpus-wide search may score, counted as the sum of its terms' passage frequencies:
   * past it the commonest terms are left out, rarest kept first (and the rarest always, unless the search
   * only fills up after a named article). MiniSearch scores every passage a query term occurs in, nine
   * tenths of the answer time at 100,000 passages, while a word in a tenth of the library ranks little.
   * The SQuAD pool's questions reach at most 1,125 (1,012 passages), so small libraries, where the models
   * were trained, retrieve exactly as without it. Measured in docs/engine.md (`scripts/measure-retrieval.ts`).
   */
  passageBudget: number;
  /**
   * Largest edit distance for correcting a question word absent from the corpus vocabulary, by
   * word length: words shorter than `minLength` are never corrected. Exact words are never fuzzed,
   * so typo tolerance cannot drown exact matches.
   */
  typoTolerance: { minLength: number; oneEditFrom: number; twoEditsFrom: number };
  /** Match quality of a corrected word and of a synonym, relative to an exact match (1). */
  matchQuality: { typo: number; synonym: number };
  /** Weight factor in retrieval for a verb-like question word the corpus never uses (`found`, `expected`), and for light verbs (`live`, `take`). */
  absentVerbWeight: number;
  /** Most excerpts returned, and the share of the best one's probability an extra excerpt needs. */
  maxExcerpts: number;
  extraExcerptMinShare: number;
  /**
   * The sentence after an excerpt joins it when its probability is at least this share of the excerpt's: as
   * low as an extra excerpt's, so that a sentence shown anyway is read in its place, after the one before it.
   */
  followingSentenceShare: number;
  /**
   * Least short-answer confidence for the unbolded `likelyAnswer` a follow-up pronoun may resolve to
   * (the bold answer needs the learned, stricter threshold).
   */
  likelyAnswerMinConfidence: number;
  /** Longest excerpt in characters. */
  maxExcerptChars: number;
  /** Related passages offered when the corpus does not answer. */
  relatedCount: number;
}

export const defaultEngineOptions: EngineOptions = {
  fieldBoosts: { text: 1, section: 1.5, title: 0.5 },
  passagesToRerank: 12,
  passageBudget: 2000,
  typoTolerance: { minLength: 4, oneEditFrom: 4, twoEditsFrom: 8 },
  matchQuality: { typo: 0.85, synonym: 0.7 },
  absentVerbWeight: 0.5,
  maxExcerpts: 3,
  extraExcerptMinShare: 0.1,
  followingSentenceShare: 0.1,
  likelyAnswerMinConfidence: 0.5,
  maxExcerptChars: 400,
  relatedCount: 3,
};

/** Bumped whenever ingestion or index layout changes, so stale caches are rebuilt. */
export const ENGINE_VERSION = 3;
