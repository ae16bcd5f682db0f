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
   * Largest edit distance for correcting a question word absent from the corpus vocabulary, by
   * word length: words shorter than `minLength` are never corrected. Exact words are never fuzzed,
   * so typo tolerance cannot drown exact matches.
   */
  typoTolerance: { minLength: number; oneEditFrom: number; twoEditsFrom: number };
  /** Match quality of a corrected word and of a synonym, relative to an exact match (1). */
  matchQuality: { typo: number; synonym: number };
  /**
   * Credit a question word gets when it is not in the sentence but in the article title,
   * the section heading, or a neighbouring sentence of the same passage.
   */
  contextCredit: { title: number; heading: number; neighbour: number };
  /** Weight of the noun that names the answer type (`which city`): a hint, not a requirement. */
  answerTypeNounWeight: number;
  /** Smallest share of the question's weighted terms the best sentence must cover to be an answer. */
  minCoverage: number;
  /** Factor applied to sentences of other articles when the question names an article. */
  otherArticlePenalty: number;
  /** Most excerpts returned, and the score share of the best one an extra excerpt needs. */
  maxExcerpts: number;
  extraExcerptMinShare: number;
  /** Longest excerpt in characters. */
  maxExcerptChars: number;
  /** Related passages offered when the corpus does not answer. */
  relatedCount: number;
}

export const defaultEngineOptions: EngineOptions = {
  fieldBoosts: { text: 1, section: 1.5, title: 0.5 },
  passagesToRerank: 12,
  typoTolerance: { minLength: 4, oneEditFrom: 4, twoEditsFrom: 8 },
  matchQuality: { typo: 0.85, synonym: 0.7 },
  contextCredit: { title: 0.9, heading: 0.7, neighbour: 0.35 },
  answerTypeNounWeight: 0.5,
  minCoverage: 0.6,
  otherArticlePenalty: 0.6,
  maxExcerpts: 3,
  extraExcerptMinShare: 0.6,
  maxExcerptChars: 400,
  relatedCount: 3,
};

/** Bumped whenever ingestion or index layout changes, so stale caches are rebuilt. */
export const ENGINE_VERSION = 1;
