import type { Article } from "../types.ts";
import { type CalendarDate, compareDates, type DatePrecision, formatDate, sectionDates } from "./dates.ts";
import { citationOf, type StudyCitation, sourceSections } from "./source.ts";

/**
 * The dated statements of the corpus in chronological order. Only body sentences count: a category
 * such as `Mosques completed in 1965` repeats a date the body states, and is no event of its own.
 */

/** One dated statement. */
export interface TimelineEvent extends StudyCitation {
  date: CalendarDate;
  /** The date as shown: `1965`, `December 2014`, `July 3, 2007`, `1979–1989`, `2000s`. A day written
   * without its year (`Tuesday, July 10`) is shown with the year of the section's previous full date. */
  label: string;
  /** The sentence, or the part of it around the date when it is long. */
  summary: string;
}

/** Which events to list. */
export interface TimelineOptions {
  /** Only events of this article (by id). */
  articleId?: string;
  /** Longest summary in characters; longer sentences are cut at word boundaries, marked with "…". */
  maxSummaryLength?: number;
}

/** Defaults of the optional {@link TimelineOptions}. */
export const defaultTimelineOptions = { maxSummaryLength: 120 } satisfies Partial<TimelineOptions>;

const ELLIPSIS = "…";

/** The precision a label shows: a day whose year came from context is shown as a full day. */
const labelPrecision = (precision: DatePrecision): DatePrecision =>
  precision === "month-day" ? "day" : precision;

/**
 * A sentence cut to `max` characters around a date at [start, end): from the sentence start when the
 * date fits there, else from a word before it so the date sits mid-window; "…" marks what is left out.
 */
function summarizeAround(text: string, start: number, end: number, max: number): string {
  if (text.length <= max) return text;
  let from = 0;
  if (end > max - ELLIPSIS.length) {
    const ideal = Math.max(0, start - Math.floor((max - 2 * ELLIPSIS.length - (end - start)) / 2));
    from = ideal === 0 || text[ideal - 1] === " " ? ideal : Math.min(text.indexOf(" ", ideal) + 1, start);
  }
  const lead = from > 0 ? ELLIPSIS : "";
  if (text.length - from + lead.length <= max) return `${lead}${text.slice(from)}`;
  const limit = from + max - lead.length - ELLIPSIS.length;
  const space = text.lastIndexOf(" ", limit);
  const to = space >= end ? space : Math.max(limit, end);
  return `${lead}${text.slice(from, to).replace(/[\s,;:]+$/u, "")}${ELLIPSIS}`;
}

/**
 * The dated events of the corpus (or of one article), earliest first. Events of the same date keep
 * corpus order; a year alone sorts before the months and days of that year. A sentence naming the same
 * date twice gives one event.
 */
export function buildTimeline(articles: readonly Article[], options: TimelineOptions = {}): TimelineEvent[] {
  const { articleId, maxSummaryLength } = { ...defaultTimelineOptions, ...options };
  const events: TimelineEvent[] = [];
  const seen = new Set<string>();
  for (const section of sourceSections(articles, { articleId })) {
    const dates = sectionDates(section.map((source) => source.sentence));
    section.forEach((source, i) => {
      for (const mention of dates[i] ?? []) {
        const label = formatDate(mention.date, labelPrecision(mention.precision));
        const key = `${source.article.id}:${source.sentence.index}:${label}`;
        if (seen.has(key)) continue;
        seen.add(key);
        events.push({
          date: mention.date,
          label,
          summary: summarizeAround(source.sentence.text, mention.start, mention.end, maxSummaryLength),
          ...citationOf(source),
        });
      }
    });
  }
  // Array.prototype.sort is stable, so same-date events stay in corpus order.
  return events.sort((a, b) => compareDates(a.date, b.date));
}
