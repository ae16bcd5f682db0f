import { dateCandidates } from "../answer/spans.ts";
import { splitWords } from "../text/terms.ts";

/**
 * Dates written in article sentences, parsed into calendar values: `July 3, 2007`, `3 July 2007`,
 * `Tuesday, July 10`, `December 2014`, `1965`, `(1979 1989)` ranges and `the 2000s`.
 * Finding the spans is spans.ts's job (the answer engine uses the same ones); this adds their meaning.
 */

/** A calendar date as precise as the text gives it; a range or decade also has an end year. */
export interface CalendarDate {
  year: number;
  /** 1–12. */
  month?: number;
  day?: number;
  endYear?: number;
}

/**
 * How a date is written: `day` (`July 3, 2007`), `month-day` (`July 10`, year taken from context),
 * `month` (`December 2014`), `year` (`1965`), `range` (`1979 1989`), `decade` (`2000s`).
 */
export type DatePrecision = "day" | "month-day" | "month" | "year" | "range" | "decade";

/** A date found in a sentence. */
export interface DateMention {
  /** Character range in the sentence, without a leading weekday (`Tuesday, `). */
  start: number;
  end: number;
  /** The date as written (`July 10`, `1979 1989`). */
  text: string;
  precision: DatePrecision;
  date: CalendarDate;
  /** Written day before month (`3 July 2007`). */
  dayFirst: boolean;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const MONTH = MONTHS.join("|");
const WEEKDAY_PREFIX = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? /u;

/** A month's number from its name, in any case (`december` is 12), as the patterns below match it. */
const monthNumber = (name: string) =>
  MONTHS.findIndex((month) => month.toLowerCase() === name.toLowerCase()) + 1;

// As spans.ts finds them: a day may be an ordinal (`21st`), `of` may join it to its month, and chat
// writes the month in lower case.
const MONTH_DAY_YEAR = new RegExp(`^(${MONTH}) (\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?$`, "iu");
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)? (?:of )?(${MONTH})(?:,? (\\d{4}))?$`, "iu");
const MONTH_YEAR = new RegExp(`^(${MONTH}) (\\d{4})$`, "iu");
const YEAR_RANGE = /^(\d{4})[ –-](\d{4})$/u;
const DECADE = /^(\d{3}0)s$/u;
const YEAR = /^\d{4}$/u;

/** Parses one date as spans.ts finds them (weekday already removed); null when it is not a valid date. */
export function parseDate(text: string): Omit<DateMention, "start" | "end" | "text"> | null {
  let match = MONTH_DAY_YEAR.exec(text);
  if (match) return dayDate(Number(match[3] ?? 0), monthNumber(match[1] as string), Number(match[2]), false);
  match = DAY_MONTH_YEAR.exec(text);
  if (match) return dayDate(Number(match[3] ?? 0), monthNumber(match[2] as string), Number(match[1]), true);
  match = MONTH_YEAR.exec(text);
  if (match) {
    return {
      precision: "month",
      date: { year: Number(match[2]), month: monthNumber(match[1] as string) },
      dayFirst: false,
    };
  }
  match = YEAR_RANGE.exec(text);
  if (match) {
    const [year, endYear] = [Number(match[1]), Number(match[2])];
    return endYear > year ? { precision: "range", date: { year, endYear }, dayFirst: false } : null;
  }
  match = DECADE.exec(text);
  if (match) {
    const year = Number(match[1]);
    return { precision: "decade", date: { year, endYear: year + 9 }, dayFirst: false };
  }
  return YEAR.test(text) ? { precision: "year", date: { year: Number(text) }, dayFirst: false } : null;
}

/** A day date; year 0 means "not written", to be taken from the context. */
function dayDate(year: number, month: number, day: number, dayFirst: boolean) {
  if (day < 1 || day > 31) return null;
  return year === 0
    ? { precision: "month-day" as const, date: { year, month, day }, dayFirst }
    : { precision: "day" as const, date: { year, month, day }, dayFirst };
}

/**
 * True when a bare four-digit number is a count or part of one, not a year: inside a digit group
 * (`12,000`), or followed by a plural noun (`1500 soldiers`).
 */
function isCountNotYear(text: string, start: number, end: number, nextTag: string | undefined): boolean {
  return /[\d,.]$/u.test(text.slice(0, start)) || /^[,.]\d/u.test(text.slice(end)) || nextTag === "NNS";
}

/** Dates of one sentence, in order; a `month-day` date has year 0 until {@link sectionDates} fills it in. */
function findDates(text: string, tags: readonly string[]): DateMention[] {
  const words = splitWords(text);
  const found: DateMention[] = [];
  for (const candidate of dateCandidates(text, words)) {
    const weekday = WEEKDAY_PREFIX.exec(candidate.text)?.[0].length ?? 0;
    const start = candidate.start + weekday;
    const written = text.slice(start, candidate.end);
    const parsed = parseDate(written);
    if (parsed === null) continue;
    const bareNumber = parsed.precision === "year" || parsed.precision === "range";
    if (bareNumber && isCountNotYear(text, start, candidate.end, tags[candidate.lastWord])) continue;
    found.push({ start, end: candidate.end, text: written, ...parsed });
  }
  return found;
}

/**
 * Dates of each sentence of one section. A date written without its year (`Tuesday, July 10`) takes
 * the year of the nearest full date before it in the section; without one it is dropped, since the
 * year cannot be known.
 */
export function sectionDates(
  sentences: ReadonlyArray<{ text: string; wordTags: readonly string[] }>,
): DateMention[][] {
  let lastFullYear: number | null = null;
  return sentences.map((sentence) =>
    findDates(sentence.text, sentence.wordTags).flatMap((mention) => {
      if (mention.precision === "day") lastFullYear = mention.date.year;
      if (mention.precision !== "month-day") return [mention];
      return lastFullYear === null ? [] : [{ ...mention, date: { ...mention.date, year: lastFullYear } }];
    }),
  );
}

/** Writes a date at a precision (`July 3, 2007`, `July 3`, `July 2007`, `2007`, `1979–1989`, `2000s`). */
export function formatDate(date: CalendarDate, precision: DatePrecision, dayFirst = false): string {
  const month = MONTHS[(date.month ?? 1) - 1] as string;
  switch (precision) {
    case "day":
      return dayFirst ? `${date.day} ${month} ${date.year}` : `${month} ${date.day}, ${date.year}`;
    case "month-day":
      return dayFirst ? `${date.day} ${month}` : `${month} ${date.day}`;
    case "month":
      return `${month} ${date.year}`;
    case "year":
      return String(date.year);
    case "range":
      return `${date.year}–${date.endYear}`;
    case "decade":
      return `${date.year}s`;
  }
}

/** Chronological order; a less precise date sorts before a more precise one in the same year or month. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || (a.month ?? 0) - (b.month ?? 0) || (a.day ?? 0) - (b.day ?? 0);
}

/**
 * A date with the less precise dates it implies (`July 3, 2007` → `July 3`, `July 2007`, `2007`;
 * `1979–1989` → `1979`, `1989`): true dates of the corpus at every precision, to draw distractors from.
 */
export function coarserForms(
  date: CalendarDate,
  precision: DatePrecision,
): Array<{ precision: DatePrecision; date: CalendarDate }> {
  const { year, month, day, endYear } = date;
  const yearForm = { precision: "year" as const, date: { year } };
  switch (precision) {
    case "day":
    case "month-day":
      return [
        { precision: "day", date: { year, month, day } },
        { precision: "month-day", date: { year, month, day } },
        { precision: "month", date: { year, month } },
        yearForm,
      ];
    case "month":
      return [{ precision: "month", date: { year, month } }, yearForm];
    case "range":
      return [
        { precision: "range", date: { year, endYear } },
        yearForm,
        { precision: "year", date: { year: endYear as number } },
      ];
    case "year":
    case "decade":
      return [{ precision, date }];
  }
}
