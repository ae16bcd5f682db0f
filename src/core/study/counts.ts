import { type Candidate, numberCandidates } from "../answer/spans.ts";
import type { Word } from "../text/terms.ts";

/**
 * Counts written in article sentences (`18 policemen`, `over twenty people`, `about 12,000 students`),
 * reduced to the number itself with its value. spans.ts finds them (and keeps years, day numbers and
 * clock times out); this keeps only exact counts a reader could be asked about.
 */

/** A count in a sentence. */
export interface CountMention {
  /** Character range of the number alone, without qualifier or what is counted (`twenty`, `12,000`). */
  start: number;
  end: number;
  text: string;
  value: number;
  /** Written in words (`twenty`) rather than digits (`20`). */
  spelled: boolean;
}

const UNITS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const MULTIPLIERS: Readonly<Record<string, number>> = {
  dozen: 12,
  hundred: 100,
  thousand: 1000,
  million: 1e6,
  billion: 1e9,
};
/** Words that make a number vague (`several thousand`, `hundreds of`): no single right answer. */
const VAGUE = new Set(["several", "hundreds", "thousands", "millions", "billions", "dozens"]);

const isDigits = (norm: string) => /^\p{N}/u.test(norm);
const isNumberWord = (norm: string) => norm in UNITS || norm in MULTIPLIERS || VAGUE.has(norm);
const isNumeric = (word: Word | undefined) =>
  word !== undefined && (isDigits(word.norm) || isNumberWord(word.norm));

/** The value of number words (`one hundred` → 100, `twenty five thousand` → 25000, `two dozen` → 24). */
function spelledValue(norms: readonly string[]): number | null {
  let total = 0;
  let group = 0;
  for (const norm of norms) {
    const unit = UNITS[norm];
    const multiplier = MULTIPLIERS[norm];
    if (unit !== undefined) group += unit;
    else if (multiplier === 100) group = (group || 1) * 100;
    else if (multiplier !== undefined) {
      total += (group || 1) * multiplier;
      group = 0;
    } else return null;
  }
  return total + group;
}

/** The exact number inside one spans.ts count, or null when it is vague, a range, a partitive or a label. */
function countIn(text: string, words: readonly Word[], candidate: Candidate): CountMention | null {
  let first = candidate.firstWord;
  while (first < candidate.lastWord && !isNumeric(words[first])) first++;
  let last = first;
  while (last < candidate.lastWord && isNumeric(words[last])) last++;
  if (last === first) return null;
  const norms = words.slice(first, last).map((word) => word.norm);
  const before = words[first - 1];
  const after = words[last]?.norm ?? "";
  // `300 to 400` has no single answer; `one of the oldest` is not a count; `Trail 3` is a label.
  const range = ["to", "and", "or"].includes(after) && isNumeric(words[last + 1]);
  if (norms.some((norm) => VAGUE.has(norm)) || after === "of" || range) return null;
  if (before !== undefined && first > 1 && /^\p{Lu}/u.test(before.surface)) return null;
  const spelled = !norms.some(isDigits);
  if (!spelled && norms.length > 1) return null;
  const value = spelled ? spelledValue(norms) : Number(norms[0]);
  if (value === null || !Number.isFinite(value)) return null;
  const start = (words[first] as Word).start;
  const end = (words[last - 1] as Word).end;
  return { start, end, text: text.slice(start, end), value, spelled };
}

/** Exact counts of one sentence, in order; `dates` are its date candidates, whose numbers are not counts. */
export function findCounts(
  text: string,
  words: readonly Word[],
  dates: readonly Candidate[],
): CountMention[] {
  return numberCandidates(text, words, null, dates).flatMap((candidate) => {
    const count = countIn(text, words, candidate);
    return count ? [count] : [];
  });
}
