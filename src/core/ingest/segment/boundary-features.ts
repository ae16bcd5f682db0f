import { canBeFiniteVerb, isCommonWord, posTags } from "../../text/lexicon.ts";
import {
  HONORIFICS,
  MONTHS,
  NAME_HEADS,
  NAME_INTRODUCERS,
  NON_FINAL_WORDS,
  SENTENCE_OPENERS,
} from "../word-lists.ts";

/**
 * Features of a gap in stripped text: "does a new sentence (or heading) start at token i?". They are
 * general English and document statistics: the words on either side and their lower-case forms,
 * capitalisation, part of speech from the Brill lexicon, closed word classes, numbers, parentheses, and
 * whether each side has a verb of its own. The old hand rules enter as one feature each.
 */

/** The few token facts the features need (the stripped tokenizer's tokens satisfy it). */
export interface GapToken {
  source: string;
  lower: string;
  kind: "word" | "number" | "comma" | "open" | "close" | "possessive" | "symbol";
}

/** Per-article facts shared by all its gaps. */
export interface GapContext {
  tokens: readonly GapToken[];
  /** Parenthesis depth of each token (0 = outside). */
  depths: readonly number[];
  /** How often each lower-cased word occurs written in lower case in this article. */
  lowerCaseCounts: ReadonlyMap<string, number>;
  /** Token indices where the old hand rules start a sentence. */
  ruleStarts: ReadonlySet<number>;
  /** How often each pair of adjacent capitalised words (`harvard yard`) occurs in this article. */
  capitalisedPairCounts: ReadonlyMap<string, number>;
  /** How often each word occurs capitalised right after a word no sentence ends on (`of Islamism`). */
  capitalisedMidSentenceCounts: ReadonlyMap<string, number>;
  /**
   * How often each whole run of capitalised words (`radcliffe college`) occurs with no capitalised word on
   * either side: a run seen alone is a name of its own, so a longer run holding it may be two pieces.
   */
  capitalisedRunCounts: ReadonlyMap<string, number>;
}

/** Counts maximal runs of capitalised words, by their lower-case text. */
export function countCapitalisedRuns(tokens: readonly GapToken[], end: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < end; i++) {
    if (!isCapitalised(tokens[i]) || isCapitalised(tokens[i - 1])) continue;
    let j = i;
    while (j < end && isCapitalised(tokens[j])) j++;
    const run = runText(tokens, i, j);
    counts.set(run, (counts.get(run) ?? 0) + 1);
  }
  return counts;
}

/** The lower-case text of tokens [from, to). */
const runText = (tokens: readonly GapToken[], from: number, to: number): string =>
  tokens
    .slice(from, to)
    .map((token) => token.lower)
    .join(" ");

/** Counts capitalised words right after a word a sentence cannot end on: such words are names. */
export function countCapitalisedMidSentence(tokens: readonly GapToken[], end: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 1; i < end; i++) {
    const before = tokens[i - 1] as GapToken;
    if (!isCapitalised(tokens[i]) || !isLowerWord(before)) continue;
    if (!NON_FINAL_WORDS.has(before.lower)) continue;
    const word = (tokens[i] as GapToken).lower;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

/** Counts adjacent capitalised word pairs, which recur when they are one name. */
export function countCapitalisedPairs(tokens: readonly GapToken[], end: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 1; i < end; i++) {
    if (!isCapitalised(tokens[i - 1]) || !isCapitalised(tokens[i])) continue;
    const pair = `${tokens[i - 1]?.lower} ${tokens[i]?.lower}`;
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

/** A word written with a capital first letter. */
export const isCapitalised = (token: GapToken | undefined): boolean =>
  token?.kind === "word" && /^\p{Lu}/u.test(token.source);
/** A word written in lower case. */
export const isLowerWord = (token: GapToken | undefined): boolean =>
  token?.kind === "word" && /^\p{Ll}/u.test(token.source);

/** Coarse shape of a token: `Xx` capitalised, `X` all capitals, `x` lower case, `d` number, else its kind. */
function shape(token: GapToken | undefined): string {
  if (token === undefined) return "none";
  if (token.kind === "number") return token.source.length === 4 ? "d4" : "d";
  if (token.kind !== "word") return token.kind;
  if (/^\p{Lu}$/u.test(token.source)) return "I";
  if (/^\p{Lu}[\p{Lu}\p{N}]+$/u.test(token.source)) return "X";
  if (/^\p{Lu}/u.test(token.source)) return "Xx";
  return "x";
}

/** The most frequent tag of the word's lower-case form (its own form for all-capital acronyms). */
function tagOf(token: GapToken | undefined): string {
  if (token === undefined) return "none";
  if (token.kind !== "word") return token.kind;
  return posTags(token.lower)[0] ?? posTags(token.source)[0] ?? "unknown";
}

/** Whether a finite verb (outside parentheses) appears among tokens [from, to). */
function finiteVerbWithin(context: GapContext, from: number, to: number): boolean {
  for (let i = Math.max(0, from); i < Math.min(context.tokens.length, to); i++) {
    const token = context.tokens[i] as GapToken;
    if (context.depths[i] === 0 && isLowerWord(token)) {
      if (canBeFiniteVerb(token.lower)) return true;
    }
  }
  return false;
}

/** Counts bucketed so that rare and frequent cases get their own weight. */
const bucket = (n: number) => (n === 0 ? "0" : n === 1 ? "1" : n < 4 ? "2-3" : "4+");

/** Words since the previous sentence start, bucketed (sentences have typical lengths). */
function lengthBucket(words: number): string {
  if (words < 3) return "<3";
  if (words < 6) return "3-5";
  if (words < 11) return "6-10";
  if (words < 21) return "11-20";
  if (words < 36) return "21-35";
  return "36+";
}

/**
 * The named features of the gap before token `i` (each present feature has value 1), given where the
 * current sentence started: decoding goes left to right, training uses the gold previous start.
 */
export function gapFeatures(context: GapContext, i: number, previousStart: number): string[] {
  const { tokens, depths } = context;
  const word = tokens[i] as GapToken;
  const before = tokens[i - 1];
  const before2 = tokens[i - 2];
  const after = tokens[i + 1];
  const features = [
    "bias",
    `shape0=${shape(word)}`,
    `shape-1=${shape(before)}`,
    `shape+1=${shape(after)}`,
    `shapes=${shape(before)}|${shape(word)}|${shape(after)}`,
    `tag0=${tagOf(word)}`,
    `tag-1=${tagOf(before)}`,
    `tag+1=${tagOf(after)}`,
    `tags-1,0=${tagOf(before)}|${tagOf(word)}`,
    `tags0,+1=${tagOf(word)}|${tagOf(after)}`,
    `tags-2,-1=${tagOf(before2)}|${tagOf(before)}`,
    `w0=${word.lower}`,
    `w-1=${before?.lower ?? "none"}`,
    `w+1=${after?.lower ?? "none"}`,
    `w-1,0=${before?.lower ?? "none"}|${word.lower}`,
  ];
  if (depths[i] !== 0) features.push("insideParentheses");
  if (before !== undefined && depths[i - 1] !== 0) features.push("afterParenthesisContent");
  if (isCapitalised(word)) {
    const seenLower = context.lowerCaseCounts.get(word.lower) ?? 0;
    features.push(`capitalisedSeenLower=${bucket(seenLower)}`);
    features.push(
      `capitalisedMidSentence=${bucket(context.capitalisedMidSentenceCounts.get(word.lower) ?? 0)}`,
    );
    features.push(`common0=${isCommonWord(word.source)}`);
    if (SENTENCE_OPENERS.has(word.lower)) features.push("opener0");
    if (HONORIFICS.has(word.lower)) features.push("honorific0");
    if (MONTHS.has(word.lower)) features.push("month0");
    if (NAME_HEADS.has(word.lower)) features.push("nameHead0");
    if (isCapitalised(before))
      features.push(`capitalisedPair,common-1=${isCommonWord(before?.source ?? "")}`);
  }
  if (before !== undefined && isLowerWord(before)) {
    if (NON_FINAL_WORDS.has(before.lower)) features.push("nonFinal-1");
    if (NAME_INTRODUCERS.has(before.lower)) features.push("nameIntroducer-1");
  }
  // A capitalised run followed by a finite verb is a subject (`Harvard has`, `Henry Ware was`).
  let runEnd = i;
  while (isCapitalised(tokens[runEnd])) runEnd++;
  const afterRun = tokens[runEnd];
  if (runEnd > i && afterRun !== undefined && isLowerWord(afterRun))
    features.push(`capitalisedRunThen=${canBeFiniteVerb(afterRun.lower) ? "verb" : tagOf(afterRun)}`);
  let runStart = i;
  while (isCapitalised(tokens[runStart - 1])) runStart--;
  if (runStart < i) {
    features.push(`capitalisedBefore=${bucket(i - runStart)}`);
    const pair = `${before?.lower} ${word.lower}`;
    features.push(`pairCount=${bucket(context.capitalisedPairCounts.get(pair) ?? 0)}`);
    // Inside a run: are the two halves names seen alone elsewhere, and is the whole run one that recurs?
    const runs = context.capitalisedRunCounts;
    const left = bucket(runs.get(runText(tokens, runStart, i)) ?? 0);
    const right = bucket(runs.get(runText(tokens, i, runEnd)) ?? 0);
    features.push(`runHalvesAlone=${left}|${right}`);
    features.push(`runWhole=${bucket((runs.get(runText(tokens, runStart, runEnd)) ?? 1) - 1)}`);
  } else if (runEnd > i) {
    features.push(`runAlone=${bucket(context.capitalisedRunCounts.get(runText(tokens, i, runEnd)) ?? 0)}`);
  }
  let words = 0;
  for (let k = previousStart; k < i; k++)
    if (tokens[k]?.kind === "word" || tokens[k]?.kind === "number") words++;
  const length = lengthBucket(words);
  features.push(`sentenceLength=${length}`);
  const verbSinceStart = finiteVerbWithin(context, previousStart, i);
  features.push(`verbSinceStart=${verbSinceStart}`);
  const verbBefore = finiteVerbWithin(context, i - 8, i);
  const verbAfter = finiteVerbWithin(context, i, i + 8);
  features.push(`verbs=${verbBefore}|${verbAfter}`);
  // Crosses a linear model cannot form itself: a clause already complete, the shape of the gap, and length.
  features.push(`clause,shapes=${verbSinceStart}|${verbAfter}|${shape(before)}|${shape(word)}`);
  features.push(`length,tags=${length}|${tagOf(before)}|${shape(word)}`);
  if (context.ruleStarts.has(i)) features.push("ruleStart");
  return features;
}
