import { isContentWord, type Word } from "../text/terms.ts";
import type { MeasureKind } from "./question.ts";

/** A possible short answer inside a sentence: character range and the words it covers. */
export interface Candidate {
  start: number;
  end: number;
  text: string;
  /** Word index range [firstWord, lastWord) in the sentence's `splitWords`. */
  firstWord: number;
  lastWord: number;
}

const MONTH = "January|February|March|April|May|June|July|August|September|October|November|December";
const WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";

/** A month's name, capitalised or, as chat and automatic captions write it, not (`december`). */
const MONTH_ANY_CASE = MONTH.split("|")
  .map((name) => `[${name[0]}${name[0]?.toLowerCase()}]${name.slice(1)}`)
  .join("|");
/** A day of the month, perhaps as an ordinal (`21`, `21st`). */
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?`;

/**
 * Dates as encyclopedias write them, longest forms first: `Tuesday, July 10`, `July 3, 2007`,
 * `3 July 2007`, `December 2014`, `1965`, `the 2000s`, and year ranges `(1979 1989)`; and as people
 * write them elsewhere: `December 21st 1872`, `the 21st of december`.
 */
const DATE_PATTERN = new RegExp(
  [
    `(?:(?:${WEEKDAY}),? )?(?:${MONTH_ANY_CASE}) ${DAY}(?!\\d)(?:,? \\d{4}(?!\\d))?`,
    `\\b${DAY} (?:of )?(?:${MONTH_ANY_CASE})(?:,? \\d{4}(?!\\d))?`,
    `(?:${MONTH_ANY_CASE}) \\d{4}`,
    "\\b1\\d{3}(?:[ –-]1\\d{3}|[ –-]20\\d{2})?s?\\b",
    "\\b20\\d{2}s?\\b",
  ].join("|"),
  "gu",
);

/** Maps a character range to the words it overlaps. */
function toCandidate(words: readonly Word[], text: string, start: number, end: number): Candidate | null {
  const firstWord = words.findIndex((word) => word.end > start);
  let lastWord = firstWord;
  while (lastWord < words.length && (words[lastWord] as Word).start < end) lastWord++;
  if (firstWord < 0 || lastWord === firstWord) return null;
  return { start, end, text: text.slice(start, end), firstWord, lastWord };
}

/**
 * Times that are not calendar dates but answer "when" (`every spring`, `in the dry weeks before the
 * rains`, `at dawn`).
 */
const TIME_PHRASE =
  /\b(?:every|each|in|during|before|after|at)\s+(?:the\s+)?(?:(?:dry|wet|rainy|hot|cold|early|late)\s+)?(?:spring|summer|autumn|fall|winter|season|weeks|months|dawn|dusk|night|morning|evening)(?:\s+(?:before|after)\s+the\s+\p{L}+)?/gu;

export function dateCandidates(text: string, words: readonly Word[]): Candidate[] {
  const found: Candidate[] = [];
  for (const match of [...text.matchAll(DATE_PATTERN), ...text.matchAll(TIME_PHRASE)]) {
    const candidate = toCandidate(words, text, match.index, match.index + match[0].length);
    if (candidate) found.push(candidate);
  }
  return found;
}

const NUMBER_WORDS = new Set(
  `one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
  seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds
  thousand thousands million millions billion dozen dozens several multiple numerous once twice`.split(
    /\s+/u,
  ),
);
const QUALIFIERS = new Set([
  "over",
  "about",
  "around",
  "nearly",
  "almost",
  "approximately",
  "roughly",
  "some",
  "between",
  "than",
  "least",
  "up",
]);
const RANGE_JOINERS = new Set(["to", "and", "or"]);

/** A currency sign, the last thing before an amount. */
const CURRENCY_SIGN_BEFORE = /[$£€¥₹]\s*$/u;

/** Punctuation that ends the phrase a number stands in. */
const PHRASE_BREAK = /[,;:.!?)]/u;

/** ISO codes of the commonest currencies, written before an amount as often as after it (`GBP 735,000`). */
const CURRENCY_CODES = new Set(["usd", "gbp", "eur", "jpy", "chf", "cad", "aud", "inr", "cny"]);

/** Units that make a number a measure of the asked kind. */
const UNITS: Readonly<Record<Exclude<MeasureKind, "any">, ReadonlySet<string>>> = {
  length: new Set([
    "m",
    "metre",
    "metres",
    "meter",
    "meters",
    "km",
    "kilometre",
    "kilometres",
    "kilometer",
    "kilometers",
    "mile",
    "miles",
    "ft",
    "foot",
    "feet",
    "cm",
    "centimetre",
    "centimetres",
    "centimeter",
    "centimeters",
    "mm",
    "millimetre",
    "millimetres",
    "millimeter",
    "millimeters",
    "nm",
    "nanometre",
    "nanometres",
    "nanometer",
    "nanometers",
    "µm",
    "micrometre",
    "micrometres",
    "micrometer",
    "micrometers",
    "microns",
    "inch",
    "inches",
    "yard",
    "yards",
  ]),
  area: new Set(["hectare", "hectares", "acre", "acres", "km2", "square", "sq"]),
  duration: new Set([
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
  ]),
  age: new Set(["year", "years", "aged", "age", "old"]),
  // Currencies written after the amount (`ten guineas`, `45 million kroner`); a sign before it counts too.
  // Not `pounds`, which weigh as often as they pay (`weighed roughly 180 pounds`): `£` says which.
  money: new Set(
    `dollar dollars sterling euro euros franc francs mark marks reichsmarks deutschmarks yen yuan
    rupee rupees ruble rubles rouble roubles shilling shillings pence penny pennies guinea guineas crown crowns
    krone kroner krona kronor florin florins guilder guilders ducat ducats thaler thalers lira lire peso pesos
    cent cents dinar dinars dirham dirhams riyal riyals rand escudo escudos livre livres drachma drachmas
    denarii sesterces talent talents usd gbp eur`.split(/\s+/u),
  ),
  mass: new Set([
    "kg",
    "kilogram",
    "kilograms",
    "g",
    "gram",
    "grams",
    "tonne",
    "tonnes",
    "ton",
    "tons",
    "pound",
    "pounds",
    "lb",
    "lbs",
    "ounces",
    "oz",
  ]),
};

/** `7 50 PM`, `10 am`: a time of day, not a count. */
function isClockTime(words: readonly Word[], i: number): boolean {
  const after = (k: number) => words[i + k]?.norm ?? "";
  return /^(?:am|pm)$/u.test(after(1)) || (/^\d{2}$/u.test(after(1)) && /^(?:am|pm)$/u.test(after(2)));
}

/** Capitalised words a number may follow without being their label (title case, sentence openers). */
const NOT_LABELS = new Set([
  "to",
  "and",
  "or",
  "between",
  "about",
  "around",
  "over",
  "in",
  "on",
  "of",
  "the",
  "at",
  "by",
  "from",
  "some",
  "nearly",
  "almost",
]);

export const isNumeric = (norm: string) => /^\p{N}/u.test(norm) || NUMBER_WORDS.has(norm);
const isYear = (norm: string) => /^(1\d{3}|20\d{2})s?$/u.test(norm);

/** Number words an age is written in (`twenty-one`); not `one`, which is mostly a pronoun (`one of`). */
const AGE_WORDS = new Set(
  `two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
  eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety`.split(/\s+/u),
);

/**
 * Whether the number at words `[first, last)` may be an age written bare, as English often writes one (`he
 * was only 26 and new in town`, `Frederic, then twenty-one, who`): a whole number a person may reach, with no
 * counted noun after it and no `%`.
 */
function isBareAge(text: string, words: readonly Word[], first: number, last: number): boolean {
  const numberWords = words.slice(first, last);
  // `one` only inside a number (`twenty-one`).
  const plausible = numberWords.every((word, k) =>
    /^\p{N}/u.test(word.norm)
      ? /^\d{1,3}$/u.test(word.norm) && Number(word.norm) <= 120
      : AGE_WORDS.has(word.norm) || (k > 0 && word.norm === "one"),
  );
  if (!plausible) return false;
  const next = words[last];
  const gap = text.slice((words[last - 1] as Word).end, next?.start ?? text.length);
  if (/[%\p{N}]/u.test(gap)) return false;
  return next === undefined || PHRASE_BREAK.test(gap) || !isContentWord(next.norm);
}

/** Durations written without a number (`the week long siege`, `a day-long strike`). */
const WORDED_DURATION = /\b(?:(?:a|one)\s+)?(?:hour|day|week|month|year|decade)[\s-]long\b/gu;

/** A span of years, which says how long something took (`from 1870 to 1874`, `between 1939 and 1945`, `1870–74`). */
const YEAR_RANGE =
  /\b(?:from|between)\s+(?:1\d{3}|20\d{2})\s+(?:to|until|till|and|through)\s+(?:1\d{3}|20\d{2})\b|\b(?:1\d{3}|20\d{2})\s*[–—-]\s*(?:1\d{3}|20\d{2}|\d{2})\b/gu;

/**
 * Numbers with their qualifier and what they count (`over twenty`, `about 12,000`, `18 policemen`,
 * `300 To 400`, `more than 17,000 hectares`). Years and day numbers of dates are not counts.
 * For a measure, the number must carry a unit of the asked kind within the next three words; an age may
 * follow `aged` or `age of` instead, or stand bare (`isBareAge`).
 */
export function numberCandidates(
  text: string,
  words: readonly Word[],
  measure: MeasureKind | null,
  dates: readonly Candidate[],
): Candidate[] {
  const inDate = (i: number) => dates.some((date) => i >= date.firstWord && i < date.lastWord);
  const found: Candidate[] = [];
  for (let i = 0; i < words.length; i++) {
    const norm = (words[i] as Word).norm;
    const year = isYear(norm) && !(words[i] as Word).surface.includes(",");
    // A currency sign before the amount (`$49.95`, `US$2 billion`, `£3 million`).
    const gapStart = words[i - 1]?.end ?? 0;
    const sign =
      measure === "money" ? text.slice(gapStart, (words[i] as Word).start).search(CURRENCY_SIGN_BEFORE) : -1;
    const before = words[i - 1];
    const coded = before !== undefined && CURRENCY_CODES.has(before.norm);
    const signed = sign >= 0 || (measure === "money" && coded);
    // A number right after a capitalised word is a label (`Trail 3`, `Gate 2`), not a count; a currency
    // code is not a label.
    const label =
      !signed &&
      !coded &&
      /^\p{N}/u.test(norm) &&
      before !== undefined &&
      /^\p{Lu}/u.test(before.surface) &&
      !NOT_LABELS.has(before.norm) &&
      !NUMBER_WORDS.has(before.norm);
    if (!isNumeric(norm) || inDate(i) || year || label || isClockTime(words, i)) continue;
    let first = i;
    while (
      first > 0 &&
      (QUALIFIERS.has((words[first - 1] as Word).norm) || (words[first - 1] as Word).norm === "more")
    ) {
      first--;
    }
    let last = i + 1;
    while (last < words.length && isNumeric((words[last] as Word).norm)) last++;
    const joiner = words[last]?.norm;
    if (joiner !== undefined && RANGE_JOINERS.has(joiner) && isNumeric(words[last + 1]?.norm ?? ""))
      last += 2;
    const unitKinds = measure === null || measure === "any" ? Object.values(UNITS) : [UNITS[measure]];
    // A unit or a counted word stands in the number's phrase (`74, a week-long job` gives no `74 … week`).
    const inPhrase = (j: number) =>
      !PHRASE_BREAK.test(text.slice((words[last - 1] as Word).end, (words[j] as Word).start));
    const unitAt = [last, last + 1, last + 2].find(
      (j) =>
        words[j] !== undefined &&
        unitKinds.some((units) => units.has((words[j] as Word).norm)) &&
        inPhrase(j),
    );
    // An age may come after its word instead (`aged 31`, `at the age of 47`), or stand bare.
    const ageWithoutUnit =
      measure === "age" &&
      ([i - 1, i - 2].some((j) => /^(?:aged|age)$/u.test(words[j]?.norm ?? "")) ||
        isBareAge(text, words, i, last));
    if (measure !== null && unitAt === undefined && !signed && !ageWithoutUnit) {
      i = last - 1;
      continue;
    }
    // Keep what is counted (`18 policemen`) or the unit (`1,604 metres`) in the span; not a word of what
    // follows (`sold 300 in 1990`, `300, while`).
    const countedWord = words[last];
    const counted =
      countedWord !== undefined &&
      /^\p{Ll}/u.test(countedWord.surface) &&
      isContentWord(countedWord.norm) &&
      inPhrase(last);
    const end = unitAt !== undefined ? unitAt + 1 : !signed && !ageWithoutUnit && counted ? last + 1 : last;
    // The sign or code is part of the amount (`£130 million`, `GBP 735,000`).
    const start =
      signed && first === i
        ? sign >= 0
          ? gapStart + sign
          : (before as Word).start
        : (words[first] as Word).start;
    const candidate = toCandidate(words, text, start, (words[end - 1] as Word).end);
    if (candidate) found.push(candidate);
    i = last - 1;
  }
  if (measure === "any" || measure === "duration") {
    for (const match of [...text.matchAll(WORDED_DURATION), ...text.matchAll(YEAR_RANGE)]) {
      const candidate = toCandidate(words, text, match.index, match.index + match[0].length);
      if (candidate) found.push(candidate);
    }
  }
  return found;
}

const NAME_CONNECTORS = new Set([
  "of",
  "e",
  "al",
  "ul",
  "bin",
  "ibn",
  "de",
  "la",
  "el",
  "the",
  "on",
  "for",
  "to",
]);
/** Tags of words that start sentences without being names. */
const FUNCTION_TAGS = new Set([
  "DT",
  "IN",
  "PRP",
  "PRP$",
  "CC",
  "WDT",
  "WRB",
  "WP",
  "RB",
  "EX",
  "MD",
  "TO",
  "CD",
]);
const CALENDAR_WORDS = new RegExp(`^(?:${MONTH}|${WEEKDAY})$`, "u");

/**
 * A name may carry a lower-case gloss in parentheses (`Masjid (mosque) Road`): when a parenthesis
 * opens before word `at`, the index of the first word after it closes, else null.
 */
function acrossGloss(text: string, words: readonly Word[], at: number): number | null {
  const previous = words[at - 1];
  const word = words[at];
  if (previous === undefined || word === undefined || !text.slice(previous.end, word.start).includes("("))
    return null;
  const closing = text.indexOf(")", word.start);
  if (closing < 0) return null;
  const next = words.findIndex((candidate) => candidate.start > closing);
  if (next < 0 || words.slice(at, next).some((inside) => /^\p{Lu}/u.test(inside.surface))) return null;
  return next;
}

/** Runs of capitalised words (`Ijaz ul Haq`, `Prime Minister Shaukat Aziz`), excluding sentence-initial function words. */
export function nameCandidates(text: string, words: readonly Word[], tags: readonly string[]): Candidate[] {
  const capitalised = (i: number) => {
    const word = words[i];
    if (word === undefined || !/^\p{Lu}/u.test(word.surface) || CALENDAR_WORDS.test(word.surface))
      return false;
    // A sentence's first word is capitalised anyway: only a known name counts there.
    return i > 0 || !(FUNCTION_TAGS.has(tags[0] ?? "") || /^(?:VB|JJ|NN$|NNS$)/u.test(tags[0] ?? ""));
  };
  const found: Candidate[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!capitalised(i)) continue;
    let last = i + 1;
    while (last < words.length) {
      const bridged = acrossGloss(text, words, last);
      const gap = text.slice((words[last - 1] as Word).end, words[last]?.start);
      if (capitalised(last) && !/[(),;:]/u.test(gap)) last++;
      else if (bridged !== null && capitalised(bridged)) last = bridged + 1;
      else if (NAME_CONNECTORS.has((words[last] as Word).norm) && capitalised(last + 1)) last += 2;
      else if (
        NAME_CONNECTORS.has((words[last] as Word).norm) &&
        NAME_CONNECTORS.has(words[last + 1]?.norm ?? "") &&
        capitalised(last + 2)
      ) {
        last += 3;
      } else break;
    }
    const candidate = toCandidate(words, text, (words[i] as Word).start, (words[last - 1] as Word).end);
    if (candidate) found.push(candidate);
    i = last - 1;
  }
  return found;
}

/**
 * What a sentence says the focus means: the parenthesis right after it (`khateeb (sermon giver)`),
 * the name before the parenthesis holding it (`Capital Development Authority (CDA)`), what it is
 * `translated as`, or the title run right before it (`Advisor to the Prime Minister on Interior Rehman Malik`).
 */
export function definitionCandidates(
  text: string,
  words: readonly Word[],
  focus: { firstWord: number; lastWord: number },
  tags: readonly string[],
): Candidate[] {
  const focusStart = (words[focus.firstWord] as Word).start;
  const focusEnd = (words[focus.lastWord - 1] as Word).end;
  const found: Candidate[] = [];
  const add = (start: number, end: number) => {
    const candidate = toCandidate(words, text, start, end);
    if (candidate && candidate.text.trim().length > 0) found.push(candidate);
  };
  const after = /^\s*\(((?:translated|literally|meaning|or)\s+)?([^)]+)\)/u.exec(text.slice(focusEnd));
  if (after) {
    const inner = after[2] as string;
    add(focusEnd + after[0].indexOf(inner), focusEnd + after[0].indexOf(inner) + inner.length);
  }
  // An appositive before the focus (`… under Aurangzeb's father, Shah Jahan`).
  const head = text.slice(0, focusStart);
  const before =
    /\b(?:under|by|of|to|with|from|as)\s+([^,;()]{3,60}?),\s*$/u.exec(head) ??
    /(?:^|[,;(])\s*([^,;()]{3,60}?),\s*$/u.exec(head);
  if (before?.[1] !== undefined && before[1].split(/\s+/u).length <= 6) {
    const at = focusStart - before[0].length + before[0].indexOf(before[1]);
    add(at, at + before[1].length);
  }
  // A copula after the focus (`Abdul Aziz remains the official khateeb …`, `X is a …`).
  const copula =
    /^\s+(?:is|was|are|were|remains|became|serves as|served as)\s+((?:the|a|an)\s+[^,.;()]+)/u.exec(
      text.slice(focusEnd),
    );
  if (copula?.[1] !== undefined && copula[1].split(/\s+/u).length <= 12) {
    const at = focusEnd + copula[0].indexOf(copula[1]);
    add(at, at + copula[1].length);
  }
  // An appositive after the focus (`Ayman al Zawahiri, Al Qaeda's second in command, released …`).
  const appositive = /^,\s+([^,.;()]+?)\s*(?:[,.(]|$)/u.exec(text.slice(focusEnd));
  if (appositive?.[1] !== undefined && appositive[1].split(/\s+/u).length <= 10) {
    const at = focusEnd + appositive[0].indexOf(appositive[1]);
    add(at, at + appositive[1].length);
  }
  const translated = /^[^.]*?\b(?:translated|known|meaning)\s+(?:as\s+)?([^,.()]+)/u.exec(
    text.slice(focusEnd),
  );
  if (translated) {
    const phrase = (translated[1] as string).trim();
    const at = focusEnd + translated[0].lastIndexOf(phrase);
    add(at, at + phrase.length);
  }
  const names = nameCandidates(text, words, tags);
  const opening = text.lastIndexOf("(", focusStart);
  if (
    opening >= 0 &&
    /^\s*$/u.test(text.slice(opening + 1, focusStart)) &&
    text.indexOf(")", focusEnd) >= 0
  ) {
    const name = names.filter((candidate) => candidate.end <= opening && opening - candidate.end <= 2).at(-1);
    if (name) found.push(name);
  }
  // A title before a name (`Advisor to the Prime Minister on Interior Rehman Malik`), not `Location of Lal Masjid`.
  const wordBefore = words[focus.firstWord - 1];
  const titled = names.find((name) => name.lastWord === focus.lastWord && name.firstWord < focus.firstWord);
  if (titled && wordBefore && /^\p{Lu}/u.test(wordBefore.surface)) add(titled.start, wordBefore.end);
  return found;
}
