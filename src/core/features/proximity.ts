import type { FeatureGroup, SentenceEvidence } from "./evidence.ts";

/**
 * The tightest stretch of word positions [from, to] holding one occurrence of each matched term (the first
 * such stretch when several are as tight), or null when no term matched.
 */
export function tightestWindow(termPositions: readonly number[][]): { from: number; to: number } | null {
  const lists = termPositions.filter((positions) => positions.length > 0);
  if (lists.length === 0) return null;
  const events = lists
    .flatMap((positions, term) => positions.map((at) => ({ at, term })))
    .sort((a, b) => a.at - b.at);
  const inWindow = new Map<number, number>();
  let best: { from: number; to: number } | null = null;
  let left = 0;
  for (const event of events) {
    inWindow.set(event.term, (inWindow.get(event.term) ?? 0) + 1);
    while (inWindow.size === lists.length) {
      const first = events[left] as { at: number; term: number };
      if (best === null || event.at - first.at < best.to - best.from) best = { from: first.at, to: event.at };
      const count = (inWindow.get(first.term) ?? 1) - 1;
      if (count === 0) inWindow.delete(first.term);
      else inWindow.set(first.term, count);
      left++;
    }
  }
  return best;
}

/**
 * Words between the question's terms in the tightest stretch of the sentence holding one occurrence of
 * each matched term (0 when they are adjacent or only one term matched).
 */
export function gapsInTightestWindow(termPositions: readonly number[][]): number {
  const matched = termPositions.filter((positions) => positions.length > 0).length;
  const window = matched < 2 ? null : tightestWindow(termPositions);
  return window === null ? 0 : Math.max(0, window.to - window.from + 1 - matched);
}

/**
 * Share of the question's consecutive content-word pairs that stand in the same order within two words
 * of each other in the sentence (`Edward the Confessor`, `primary resources`).
 */
export function orderedPairShare(termPositions: readonly number[][]): number {
  if (termPositions.length < 2) return 0;
  let found = 0;
  for (let n = 0; n + 1 < termPositions.length; n++) {
    const left = termPositions[n] as number[];
    const right = termPositions[n + 1] as number[];
    if (left.some((a) => right.some((b) => b > a && b - a <= 3))) found++;
  }
  return found / (termPositions.length - 1);
}

/** How close together the question's words stand in the sentence. */
export const proximityFeatures: FeatureGroup<SentenceEvidence> = {
  name: "proximity",
  features: ["proximity.window", "proximity.orderedPairs"],
  compute({ termPositions }) {
    const matchedTerms = termPositions.filter((positions) => positions.length > 0).length;
    const gaps = gapsInTightestWindow(termPositions);
    return [matchedTerms < 2 ? 0 : 1 / (1 + gaps / 5), orderedPairShare(termPositions)];
  },
};
