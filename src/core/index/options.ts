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
   * Credit a question word gets when it is not in the sentence but in the article title, the
   * section heading, a neighbouring sentence of the same passage, or (for a sentence opening with a
   * pronoun) the sentence before it.
   */
  contextCredit: { title: number; heading: number; neighbour: number; antecedent: number };
  /** Weight of the noun that names the answer type (`which city`): a ranking hint, never required. */
  answerTypeNounWeight: number;
  /** Weight factor for a verb-like question word the corpus never uses (`found`, `expected`), and for light verbs (`live`, `take`). */
  absentVerbWeight: number;
  /** Ranking bonus (share) for a sentence holding the noun that names the answer type. */
  typeNounBonus: number;
  /** Ranking factor for a metadata excerpt (caption, categories, links) the question does not ask about. */
  unaskedMetadataFactor: number;
  /** Ranking weight of how much of the retrieved evidence comes from the sentence's article. */
  articlePrior: number;
  /** Ranking bonus for the lead section, which defines the subject (breaks ties for `where is X`). */
  leadPrior: number;
  /** Smallest share of the question's weighted terms the best sentence must cover to be an answer. */
  minCoverage: number;
  /** Factor applied to sentences of other articles when the question names an article. */
  otherArticlePenalty: number;
  /**
   * A date or number may sit in the next, short sentence (at most `followingSentenceChars` long); such a
   * sentence pair fits the type this well (a full fit is 1).
   */
  followingSentenceChars: number;
  followingSentenceFit: number;
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
  contextCredit: { title: 0.9, heading: 0.7, neighbour: 0.35, antecedent: 0.8 },
  answerTypeNounWeight: 0.1,
  absentVerbWeight: 0.5,
  typeNounBonus: 0.1,
  unaskedMetadataFactor: 0.7,
  articlePrior: 0.1,
  leadPrior: 0.02,
  minCoverage: 0.6,
  otherArticlePenalty: 0.6,
  followingSentenceChars: 120,
  followingSentenceFit: 0.75,
  maxExcerpts: 3,
  extraExcerptMinShare: 0.45,
  maxExcerptChars: 400,
  relatedCount: 3,
};

/** Bumped whenever ingestion or index layout changes, so stale caches are rebuilt. */
export const ENGINE_VERSION = 2;
