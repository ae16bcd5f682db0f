import type { EngineOptions } from "../index/options.ts";
import type { Excerpt } from "../types.ts";
import type { SentenceView } from "./sentence-view.ts";

/** Cited excerpts: one or two readable sentences, trimmed to the length limit around the answer. */

const PRONOUN_START = /^(?:It|Its|He|His|She|Her|They|Their|This|These|Those)\b/u;

/** Cuts text longer than `limit` to a window around `focus`, at word boundaries, marking cuts with `…`. */
function trimAround(
  text: string,
  focus: { start: number; end: number },
  limit: number,
): { text: string; offset: number } {
  if (text.length <= limit) return { text, offset: 0 };
  const room = limit - 2;
  let start = Math.max(
    0,
    Math.min(focus.start - Math.floor((room - (focus.end - focus.start)) / 2), text.length - room),
  );
  let end = Math.min(text.length, start + room);
  if (start > 0) start = text.indexOf(" ", start) + 1;
  if (end < text.length) end = text.lastIndexOf(" ", end);
  const prefix = start > 0 ? "…" : "";
  const suffix = end < text.length ? "…" : "";
  return { text: `${prefix}${text.slice(start, end)}${suffix}`, offset: prefix.length - start };
}

/** What an excerpt shows: a sentence, optionally the one after it, and the answer span in the first. */
export interface ExcerptSource {
  view: SentenceView;
  /** A sentence shown right after (the next one, when it likely holds the answer too). */
  following?: SentenceView;
  /** Character range of the short answer in `view`'s sentence, when one is shown. */
  span: { start: number; end: number } | null;
  score: number;
}

/** Whether the excerpt of a sentence shows the one before it too: it opens with a pronoun, and both fit. */
export function showsPrevious(view: SentenceView, options: EngineOptions): boolean {
  const previous = view.passage.sentences[view.position - 1];
  return (
    previous !== undefined &&
    PRONOUN_START.test(view.sentence.text) &&
    previous.text.length + 1 + view.sentence.text.length <= options.maxExcerptChars
  );
}

/**
 * Where an excerpt already shows a sentence, so that no two excerpts repeat it: `"shown"` when an excerpt
 * holds it (as its sentence, the one after, or the one before a pronoun opening it), `"after"` with that
 * excerpt when the sentence opens with a pronoun right after an excerpt's sentence and would repeat it as
 * context (it goes on that excerpt instead), null when no excerpt shows it.
 */
export function placeAmong(
  sources: readonly ExcerptSource[],
  view: SentenceView,
  options: EngineOptions,
): { kind: "shown" } | { kind: "after"; source: ExcerptSource } | null {
  const near = (source: ExcerptSource, by: number) =>
    source.view.passage.id === view.passage.id && source.view.position === view.position + by;
  const shown = sources.some(
    (source) =>
      near(source, 0) ||
      (source.following !== undefined && near(source, -1)) ||
      (near(source, 1) && showsPrevious(source.view, options)),
  );
  if (shown) return { kind: "shown" };
  const before = sources.find((source) => near(source, -1) && source.following === undefined);
  return before !== undefined && showsPrevious(view, options) ? { kind: "after", source: before } : null;
}

/**
 * A cited excerpt: the sentence (with the one before when it starts with a pronoun, and the one after
 * when asked), trimmed to the limit around the answer.
 */
export function toExcerpt(source: ExcerptSource, options: EngineOptions): Excerpt {
  const { view, span, following } = source;
  let text = view.sentence.text;
  let shift = 0;
  const previous = view.passage.sentences[view.position - 1];
  if (previous && showsPrevious(view, options)) {
    text = `${previous.text} ${text}`;
    shift = previous.text.length + 1;
  }
  if (following && text.length + 1 + following.sentence.text.length <= options.maxExcerptChars)
    text = `${text} ${following.sentence.text}`;
  const focus = span ? { start: span.start + shift, end: span.end + shift } : { start: shift, end: shift };
  const trimmed = trimAround(text, focus, options.maxExcerptChars);
  return {
    text: trimmed.text,
    article: view.article.title,
    articleId: view.article.id,
    section: view.passage.sectionHeading,
    passageId: view.passage.id,
    url: view.article.url,
    score: Math.round(source.score * 1000) / 1000,
    answerSpan: span ? { start: focus.start + trimmed.offset, end: focus.end + trimmed.offset } : null,
  };
}
