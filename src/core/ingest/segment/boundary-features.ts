import { canBeFiniteVerb, isCommonWord, posTags } from "../../text/lexicon.ts";
import { memoised } from "../../text/memoised.ts";
import {
  HONORIFICS,
  MONTHS,
  NAME_HEADS,
  NAME_INTRODUCERS,
  NON_FINAL_WORDS,
  SENTENCE_OPENERS,
} from "../word-lists.ts";
import { statisticFeatures, type WordStatistics } from "./word-statistics.ts";

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
  /** Each token's shape and most frequent tag (`tokenFacts`), computed once per article. */
  shapes: readonly string[];
  tags: readonly string[];
  /** Whether each token is a lower-case finite verb. */
  finiteVerbs: readonly boolean[];
  /** `wordsBefore[i]`: words and numbers among tokens [0, i); `verbsBefore[i]`: finite verbs outside parentheses. */
  wordsBefore: readonly number[];
  verbsBefore: readonly number[];
  /** How words behave at sentence edges in the training text (the model carries them); absent, unused. */
  wordStatistics?: WordStatistics;
}

/** The per-token facts of `GapContext` (shapes, tags and running counts of words and finite verbs). */
export function tokenFacts(
  tokens: readonly GapToken[],
  depths: readonly number[],
): Pick<GapContext, "shapes" | "tags" | "finiteVerbs" | "wordsBefore" | "verbsBefore"> {
  const count = tokens.length;
  const shapes = new Array<string>(count);
  const tags = new Array<string>(count);
  const finiteVerbs = new Array<boolean>(count);
  const wordsBefore = [0];
  const verbsBefore = [0];
  tokens.forEach((token, i) => {
    const facts = token.kind === "word" ? wordFacts(token as GapToken) : tokenOwnFacts(token);
    shapes[i] = facts.shape;
    tags[i] = facts.tag;
    finiteVerbs[i] = facts.finiteVerb;
    const isWord = token.kind === "word" || token.kind === "number";
    wordsBefore.push((wordsBefore[i] as number) + (isWord ? 1 : 0));
    verbsBefore.push((verbsBefore[i] as number) + (facts.finiteVerb && depths[i] === 0 ? 1 : 0));
  });
  return { shapes, tags, finiteVerbs, wordsBefore, verbsBefore };
}

/** What the features need of one token on its own. */
interface OwnFacts {
  shape: string;
  tag: string;
  finiteVerb: boolean;
}

function tokenOwnFacts(token: GapToken): OwnFacts {
  return {
    shape: shape(token),
    tag: tagOf(token),
    finiteVerb: isLowerWord(token) && canBeFiniteVerb(token.lower),
  };
}

/** A word's facts depend on its spelling alone, and words recur across a corpus: remember them. */
const wordFactsOf = memoised((source) =>
  tokenOwnFacts({ source, lower: source.toLowerCase(), kind: "word" }),
);
const wordFacts = (token: GapToken): OwnFacts => wordFactsOf(token.source);

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
function runText(tokens: readonly GapToken[], from: number, to: number): string {
  let text = (tokens[from] as GapToken).lower;
  for (let k = from + 1; k < to; k++) text += ` ${(tokens[k] as GapToken).lower}`;
  return text;
}

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

/**
 * How often the article writes token `i` after the capitalised word before it, as one capitalised pair
 * (0 when the word before is not capitalised): a pair that recurs is one name, not a boundary between two.
 */
export function pairCountBefore(
  counts: ReadonlyMap<string, number>,
  tokens: readonly GapToken[],
  i: number,
): number {
  const before = tokens[i - 1];
  if (!isCapitalised(before)) return 0;
  return counts.get(`${before?.lower} ${tokens[i]?.lower}`) ?? 0;
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

/** The case of a word's first letter: ASCII decided by its code, other letters by Unicode class. */
function firstLetterCase(source: string): "upper" | "lower" | "other" {
  const code = source.charCodeAt(0);
  if (code >= 65 && code <= 90) return "upper";
  if (code >= 97 && code <= 122) return "lower";
  if (code < 128) return "other";
  return /^\p{Lu}/u.test(source) ? "upper" : /^\p{Ll}/u.test(source) ? "lower" : "other";
}

/** A word written with a capital first letter. */
export function isCapitalised(token: GapToken | undefined): boolean {
  return token?.kind === "word" && firstLetterCase(token.source) === "upper";
}
/** A word written in lower case. */
export function isLowerWord(token: GapToken | undefined): boolean {
  return token?.kind === "word" && firstLetterCase(token.source) === "lower";
}

/** Coarse shape of a token: `Xx` capitalised, `X` all capitals, `x` lower case, `d` number, else its kind. */
function shape(token: GapToken | undefined): string {
  if (token === undefined) return "none";
  if (token.kind === "number") return token.source.length === 4 ? "d4" : "d";
  if (token.kind !== "word") return token.kind;
  if (firstLetterCase(token.source) !== "upper") return "x";
  if (token.source.length === 1) return "I";
  return /^\p{Lu}[\p{Lu}\p{N}]+$/u.test(token.source) ? "X" : "Xx";
}

/** The most frequent tag of the word's lower-case form (its own form for all-capital acronyms). */
function tagOf(token: GapToken | undefined): string {
  if (token === undefined) return "none";
  if (token.kind !== "word") return token.kind;
  return posTags(token.lower)[0] ?? posTags(token.source)[0] ?? "unknown";
}

/** Whether a finite verb (outside parentheses) appears among tokens [from, to). */
function finiteVerbWithin(context: GapContext, from: number, to: number): boolean {
  const { verbsBefore } = context;
  const last = verbsBefore.length - 1;
  const until = verbsBefore[Math.max(0, Math.min(last, to))] as number;
  return until > (verbsBefore[Math.max(0, Math.min(last, from))] as number);
}

/** Tags a noun phrase is made of (with `and`/`of` joining two). */
const NOUN_PHRASE_TAGS = new Set(["DT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "PRP$", "POS"]);

/**
 * What follows the noun phrase starting at token `i`: `verb` when a finite verb comes right after it
 * (`Saudi Arabia and the other Arab states would …`, a clause of its own), else the tag or kind of the
 * word that ended it (`Western foreign ideas and practices into`).
 */
function phraseThen(context: GapContext, i: number): string {
  const { tokens, tags, finiteVerbs } = context;
  for (let k = i; k < Math.min(tokens.length, i + 10); k++) {
    const token = tokens[k] as GapToken;
    if (token.kind === "possessive" || token.kind === "number" || isCapitalised(token)) continue;
    if (!isLowerWord(token)) return token.kind;
    const tag = tags[k] ?? "unknown";
    // A past form read first as a participle still ends the phrase as its verb (`Glasgow tested every girder`).
    if (k > i && (FINITE_TAGS.has(tag) || (!NOUN_PHRASE_TAGS.has(tag) && finiteVerbs[k]))) return "verb";
    if (NOUN_PHRASE_TAGS.has(tag) || token.lower === "and" || token.lower === "of") {
      if (k > i && finiteVerbs[k] && !NOUN_PHRASE_TAGS.has(tags[k + 1] ?? "")) return "verb?";
      continue;
    }
    return tag;
  }
  return "long";
}

const FINITE_TAGS = new Set(["VBD", "VBZ", "VBP", "MD"]);

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
 * Features as template/value pairs, flattened (`["w0", "the", "opener0", ""]`): the feature's name is
 * `template=value`, or the template alone when the value is empty. Scoring looks pairs up without
 * building the names, which is most of what ingestion would otherwise spend on them.
 */
export type FeaturePairs = string[];

/** The names of features given as pairs. */
export function featureNames(pairs: readonly string[]): string[] {
  const names: string[] = [];
  for (let k = 0; k < pairs.length; k += 2) {
    const value = pairs[k + 1] as string;
    names.push(value === "" ? (pairs[k] as string) : `${pairs[k]}=${value}`);
  }
  return names;
}

/**
 * The named features of the gap before token `i` (each present feature has value 1), given where the
 * current sentence started: decoding goes left to right, training uses the gold previous start.
 */
export function gapFeatures(context: GapContext, i: number, previousStart: number): string[] {
  const pairs: FeaturePairs = [];
  staticGapFeatures(context, i, pairs);
  sentenceFeatures(context, i, sentenceState(context, i, previousStart), pairs);
  return featureNames(pairs);
}

/** What a gap's features know of the sentence it would end: its length so far and whether it has a verb. */
export interface SentenceState {
  length: string;
  verbSinceStart: boolean;
}

/** The sentence state at gap `i` when the current sentence started at `previousStart`. */
export function sentenceState(context: GapContext, i: number, previousStart: number): SentenceState {
  const words = (context.wordsBefore[i] as number) - (context.wordsBefore[previousStart] as number);
  return { length: lengthBucket(words), verbSinceStart: finiteVerbWithin(context, previousStart, i) };
}

/** Adds the features that depend on where the current sentence started. */
export function sentenceFeatures(
  context: GapContext,
  i: number,
  state: SentenceState,
  out: FeaturePairs,
): void {
  const { shapes, tags } = context;
  const { length, verbSinceStart } = state;
  const shapeBefore = shapes[i - 1] ?? "none";
  const shapeHere = shapes[i] ?? "none";
  const verb = verbSinceStart ? "true" : "false";
  out.push(
    "sentenceLength",
    length,
    "verbSinceStart",
    verb,
    // Crosses a linear model cannot form itself: a clause already complete, the shape of the gap, and length.
    "clause,shapes",
    `${verb}|${finiteVerbWithin(context, i, i + 8)}|${shapeBefore}|${shapeHere}`,
    "length,tags",
    `${length}|${tags[i - 1] ?? "none"}|${shapeHere}`,
  );
}

/** Adds the features of the gap before token `i` that do not depend on where the current sentence started. */
export function staticGapFeatures(context: GapContext, i: number, out: FeaturePairs): void {
  const { tokens, depths, shapes, tags } = context;
  const word = tokens[i] as GapToken;
  const before = tokens[i - 1];
  const shape0 = shapes[i] ?? "none";
  const shapeBefore = shapes[i - 1] ?? "none";
  const shapeAfter = shapes[i + 1] ?? "none";
  const tag0 = tags[i] ?? "none";
  const tagBefore = tags[i - 1] ?? "none";
  const tagAfter = tags[i + 1] ?? "none";
  const word0 = word.lower;
  const wordBefore = tokens[i - 1]?.lower ?? "none";
  out.push(
    "bias",
    "",
    "shape0",
    shape0,
    "shape-1",
    shapeBefore,
    "shape+1",
    shapeAfter,
    "shapes",
    `${shapeBefore}|${shape0}|${shapeAfter}`,
    "tag0",
    tag0,
    "tag-1",
    tagBefore,
    "tag+1",
    tagAfter,
    "tags-1,0",
    `${tagBefore}|${tag0}`,
    "tags0,+1",
    `${tag0}|${tagAfter}`,
    "tags-2,-1",
    `${tags[i - 2] ?? "none"}|${tagBefore}`,
    "w0",
    word0,
    "w-1",
    wordBefore,
    "w+1",
    tokens[i + 1]?.lower ?? "none",
    "w-1,0",
    `${wordBefore}|${word0}`,
  );
  if (depths[i] !== 0) out.push("insideParentheses", "");
  if (before !== undefined && depths[i - 1] !== 0) out.push("afterParenthesisContent", "");
  if (isCapitalised(word)) {
    const seenLower = context.lowerCaseCounts.get(word.lower) ?? 0;
    out.push("capitalisedSeenLower", bucket(seenLower));
    out.push("capitalisedMidSentence", bucket(context.capitalisedMidSentenceCounts.get(word.lower) ?? 0));
    out.push("common0", isCommonWord(word.source) ? "true" : "false");
    if (SENTENCE_OPENERS.has(word.lower)) out.push("opener0", "");
    if (HONORIFICS.has(word.lower)) out.push("honorific0", "");
    if (MONTHS.has(word.lower)) out.push("month0", "");
    if (NAME_HEADS.has(word.lower)) out.push("nameHead0", "");
    if (isCapitalised(before))
      out.push("capitalisedPair,common-1", isCommonWord(before?.source ?? "") ? "true" : "false");
  }
  if (before !== undefined && isLowerWord(before)) {
    if (NON_FINAL_WORDS.has(before.lower)) out.push("nonFinal-1", "");
    if (NAME_INTRODUCERS.has(before.lower)) out.push("nameIntroducer-1", "");
  }
  // A capitalised run followed by a finite verb is a subject (`Harvard has`, `Henry Ware was`).
  let runEnd = i;
  while (isCapitalised(tokens[runEnd])) runEnd++;
  const afterRun = tokens[runEnd];
  if (runEnd > i && afterRun !== undefined && isLowerWord(afterRun))
    out.push("capitalisedRunThen", canBeFiniteVerb(afterRun.lower) ? "verb" : tagOf(afterRun));
  out.push("phraseThen", phraseThen(context, i));
  let runStart = i;
  while (isCapitalised(tokens[runStart - 1])) runStart--;
  if (runStart < i) {
    out.push("capitalisedBefore", bucket(i - runStart));
    const pair = `${before?.lower} ${word.lower}`;
    out.push("pairCount", bucket(context.capitalisedPairCounts.get(pair) ?? 0));
    // Inside a run: are the two halves names seen alone elsewhere, and is the whole run one that recurs?
    const runs = context.capitalisedRunCounts;
    const left = bucket(runs.get(runText(tokens, runStart, i)) ?? 0);
    const right = bucket(runs.get(runText(tokens, i, runEnd)) ?? 0);
    out.push("runHalvesAlone", `${left}|${right}`);
    out.push("runWhole", bucket((runs.get(runText(tokens, runStart, runEnd)) ?? 1) - 1));
  } else if (runEnd > i) {
    out.push("runAlone", bucket(context.capitalisedRunCounts.get(runText(tokens, i, runEnd)) ?? 0));
  }
  out.push("verbs", `${finiteVerbWithin(context, i - 8, i)}|${finiteVerbWithin(context, i, i + 8)}`);
  if (context.ruleStarts.has(i)) out.push("ruleStart", "");
  if (context.wordStatistics !== undefined)
    statisticFeatures(context.wordStatistics, before, word, isCapitalised(word), out);
}
