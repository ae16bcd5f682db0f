import { canBeFiniteVerb, isCommonWord } from "../../text/lexicon.ts";
import { HEADING_WORDS } from "../word-lists.ts";
import {
  type GapContext,
  type GapToken,
  isCapitalised,
  isLowerWord,
  pairCountBefore,
} from "./boundary-features.ts";

/**
 * Features of a candidate heading, tokens [start, end) of the stripped text. The rules propose short
 * capitalised runs where a section could start; these features let a learned gate keep only the runs
 * that look like headings in this article rather than the tail of a name it keeps repeating.
 */
export const HEADING_FEATURES = [
  "tokens",
  "previousIsCapitalised",
  "pairWithPreviousRepeats",
  "firstCapitalisedMidSentence",
  "firstIsCommonWord",
  "knownSectionTitle",
  "wordsSeenLowerShare",
  "hasNumber",
  "beforeCaptionMarker",
  "verbBeforeInSegment",
  "startProbability",
  "nextStartProbability",
] as const;

/** A candidate heading's row, in `HEADING_FEATURES` order. */
export function headingFeatures(
  context: GapContext,
  start: number,
  end: number,
  segmentStart: number,
  boundaryProbability: (i: number, previousStart: number) => number,
  beforeCaptionMarker: boolean,
): number[] {
  const { tokens } = context;
  const first = tokens[start] as GapToken;
  const before = tokens[start - 1];
  const run = tokens.slice(start, end);
  const words = run.filter((token) => token.kind === "word");
  const seenLower = words.filter((token) => (context.lowerCaseCounts.get(token.lower) ?? 0) > 0).length;
  let verbBefore = false;
  for (let i = segmentStart; i < start; i++) {
    const token = tokens[i] as GapToken;
    if (isLowerWord(token) && canBeFiniteVerb(token.lower)) verbBefore = true;
  }
  return [
    end - start,
    isCapitalised(before) ? 1 : 0,
    Math.log1p(pairCountBefore(context.capitalisedPairCounts, tokens, start)),
    Math.log1p(context.capitalisedMidSentenceCounts.get(first.lower) ?? 0),
    isCommonWord(first.source) ? 1 : 0,
    HEADING_WORDS.has(run.map((token) => token.lower).join(" ")) ? 1 : 0,
    words.length === 0 ? 0 : seenLower / words.length,
    run.some((token) => token.kind === "number") ? 1 : 0,
    beforeCaptionMarker ? 1 : 0,
    verbBefore ? 1 : 0,
    boundaryProbability(start, segmentStart),
    end < tokens.length ? boundaryProbability(end, start) : 1,
  ];
}
