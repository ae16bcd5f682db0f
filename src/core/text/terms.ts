import PorterStemmer from "natural/lib/natural/stemmers/porter_stemmer.js";
import { baseVerbForm } from "./irregular-verbs.ts";
import { memoised } from "./memoised.ts";

/**
 * Words and terms: the one tokenizer used for indexing, questions and answer spans.
 * natural's WordTokenizer drops non-ASCII letters, so words are matched with a Unicode regex.
 */

/** A word of running text with its offsets. Digit groups (`12,000`) are one word, commas removed. */
export interface Word {
  /** Lower-cased, apostrophe-free form (`zia`, `12000`). */
  norm: string;
  /** The word as written. */
  surface: string;
  start: number;
  end: number;
}

/** `1st` … `10th`, one word (not the number 1 and `st`). */
const SMALL_ORDINAL = String.raw`(?<![\p{N}.,])(?:10|[1-9])(?:[sS][tT]|[nN][dD]|[rR][dD]|[tT][hH])(?![\p{L}\p{N}])`;
const WORD_PATTERN = new RegExp(
  String.raw`${SMALL_ORDINAL}|\p{N}+(?:[,.]\p{N}{3})*(?:\.\p{N}+)?|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)*`,
  "gu",
);

/** Small ordinals as the words articles and questions also write (`1st` and `first` are one word). */
const ORDINAL_WORDS = [
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
] as const;

/**
 * Written abbreviations of plain words, read as the word in articles and questions alike: notes write
 * `4-5 hrs`, `govt`, `cmdr-in-chief`, and a question may spell them out or not. Only abbreviations with one
 * reading; chat shorthand that could be a name or a letter in an article (`u`, `temp`) stays the question's
 * (`SHORTHAND` in answer/question.ts).
 */
const ABBREVIATED_WORDS: ReadonlyMap<string, string> = new Map([
  ["govt", "government"],
  ["yr", "year"],
  ["yrs", "years"],
  ["hr", "hour"],
  ["hrs", "hours"],
  ["mins", "minutes"],
  ["secs", "seconds"],
  ["wk", "week"],
  ["wks", "weeks"],
  ["intl", "international"],
  ["natl", "national"],
  ["dept", "department"],
  ["approx", "approximately"],
  ["avg", "average"],
  ["hq", "headquarters"],
  ["cmdr", "commander"],
  ["esp", "especially"],
]);

/** Splits text into words (letters/digits), keeping offsets; possessive `'s` is dropped from the norm. */
export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD_PATTERN)) {
    const surface = match[0];
    words.push({ norm: normOf(surface), surface, start: match.index, end: match.index + surface.length });
  }
  return words;
}

/** The norm of a matched word; most are plain letters, which need only lower-casing. */
function normOf(surface: string): string {
  if (!/['’,]|^\p{N}/u.test(surface)) {
    const lower = surface.toLowerCase();
    return ABBREVIATED_WORDS.get(lower) ?? lower;
  }
  const ordinal = /^(10|[1-9])\p{L}{2}$/u.exec(surface);
  if (ordinal) return ORDINAL_WORDS[Number(ordinal[1]) - 1] as string;
  return surface
    .toLowerCase()
    .replace(/['’]s$/u, "")
    .replace(/['’]/gu, "")
    .replace(/(?<=\p{N}),(?=\p{N})/gu, "");
}

/**
 * Function words that carry no content for retrieval. Question words are here too:
 * they steer the expected answer type (see answer/question.ts), not retrieval.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am among an and any are as at be because been before
  being below between both but by can could did do does doing done down during each either else ever
  few for from further get got had has have having he her here hers herself him himself his how i if
  in into is it its itself just me might more most much must my myself no nor not now of off on once
  only or other our ours ourselves out over own per same shall she should so some such than that the
  their theirs them themselves then there these they this those through thus to too under until up
  upon us very was we were what whats when whence where whether which while who whom whose why will
  with within without would yet you your yours yourself
  s t don doesn didn isn wasn weren aren hasn haven hadn wouldn couldn shouldn won cant
  thats theres hes shes im ive youre theyre theyve weve youve
  tell know please give find say said mention mentioned name names call mean means meaning happen happened
  many long old often roughly approximately according behalf part inside outside`.split(/\s+/u),
);

/** Porter stems of words, irregular past forms first reduced to their base; the same few thousand recur. */
const stemOfWord = memoised((word) => PorterStemmer.stem(baseVerbForm(word)));

/** Porter stem of a lower-case word, irregular past forms first reduced to their base (`took` → `take`). */
export function stem(word: string): string {
  return /^\p{N}/u.test(word) ? word : stemOfWord(word);
}

/** How many words the stem memo holds now. */
export function stemCacheSize(): number {
  return stemOfWord.size;
}

/** True for words that carry content (not a stop word, not a lone letter). */
export function isContentWord(norm: string): boolean {
  return !STOP_WORDS.has(norm) && (norm.length > 1 || /\p{N}/u.test(norm));
}
