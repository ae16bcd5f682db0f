import type { EngineOptions } from "../index/options.ts";
import type { Excerpt } from "../types.ts";
import type { ScoredSentence } from "./answer.ts";

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

/** A cited excerpt: the sentence (with the one before when it starts with a pronoun), trimmed to the limit. */
export function toExcerpt(scored: ScoredSentence, options: EngineOptions): Excerpt {
  const { view, span } = scored;
  const previous = view.passage.sentences[view.position - 1];
  let text = view.sentence.text;
  let shift = 0;
  const next = view.passage.sentences[view.position + 1];
  if (scored.spanInNext && next) {
    shift = text.length + 1;
    text = `${text} ${next.text}`;
  } else if (
    previous &&
    PRONOUN_START.test(text) &&
    previous.text.length + 1 + text.length <= options.maxExcerptChars
  ) {
    text = `${previous.text} ${text}`;
    shift = previous.text.length + 1;
  }
  const focus = span ? { start: span.start + shift, end: span.end + shift } : { start: shift, end: shift };
  const trimmed = trimAround(text, focus, options.maxExcerptChars);
  return {
    text: trimmed.text,
    article: view.article.title,
    articleId: view.article.id,
    section: view.passage.sectionHeading,
    passageId: view.passage.id,
    url: view.article.url,
    score: Math.round(scored.score * 1000) / 1000,
    answerSpan: span ? { start: focus.start + trimmed.offset, end: focus.end + trimmed.offset } : null,
  };
}
