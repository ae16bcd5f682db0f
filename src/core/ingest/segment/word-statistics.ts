/**
 * How words behave at sentence edges in text whose sentences are known (the training articles' gold):
 * how often a word ends a sentence, and how often a capitalised word starts one rather than sitting
 * mid-sentence as a name. They are counts over general text, shipped inside the boundary model, so the
 * bot never reads the training text at run time.
 */

/** Counts of one lower-cased word: [occurrences, ends a sentence, written capitalised, capitalised at a sentence start]. */
export type WordCounts = readonly [number, number, number, number];

/** The counts of a word, or undefined when the training text never had it. */
export type WordStatistics = (word: string) => WordCounts | undefined;

/** The statistics stored in a model file (a plain object), as a fast lookup. */
const lookups = new WeakMap<Readonly<Record<string, WordCounts>>, WordStatistics>();
export function wordStatisticsOf(stored: Readonly<Record<string, WordCounts>>): WordStatistics {
  let lookup = lookups.get(stored);
  if (lookup === undefined) {
    const counts = new Map(Object.entries(stored));
    lookup = (word) => counts.get(word);
    lookups.set(stored, lookup);
  }
  return lookup;
}

/**
 * A smoothed log-ratio of `yes` to `no` counts, bucketed so each range gets its own weight; `unseen`
 * when both are 0. Half a count each side keeps a word seen once from looking certain.
 */
export function ratioBucket(yes: number, no: number): string {
  if (yes + no === 0) return "unseen";
  const ratio = Math.log((yes + 0.5) / (no + 0.5));
  if (ratio < -3) return "<-3";
  if (ratio < -1.5) return "-3..-1.5";
  if (ratio < -0.5) return "-1.5..-0.5";
  if (ratio < 0.5) return "-0.5..0.5";
  if (ratio < 1.5) return "0.5..1.5";
  return "1.5+";
}

const UNSEEN: WordCounts = [0, 0, 0, 0];

/**
 * Adds a gap's features from the statistics, as template/value pairs: does the word before end
 * sentences, does this one start them, is it usually written capitalised.
 */
export function statisticFeatures(
  statistics: WordStatistics,
  before: { lower: string; kind: string } | undefined,
  word: { lower: string },
  capitalised: boolean,
  out: string[],
): void {
  if (before?.kind === "word") {
    const [total, ends] = statistics(before.lower) ?? UNSEEN;
    out.push("endsSentence-1", ratioBucket(ends, total - ends));
  }
  if (capitalised) {
    const [total, , written, starts] = statistics(word.lower) ?? UNSEEN;
    out.push("startsSentence0", ratioBucket(starts, written - starts));
    out.push("writtenCapitalised0", ratioBucket(written, total - written));
  }
}
