import { tightestWindow } from "../features/proximity.ts";
import type { EngineOptions } from "../index/options.ts";
import type { Excerpt, Sentence } from "../types.ts";
import { itemAbove, type SentenceView } from "./sentence-view.ts";

/** Cited excerpts: one or two readable sentences, trimmed to the length limit around the answer. */

/**
 * A sentence that refers back: a pronoun first, or a demonstrative after a preposition (`In this process …`).
 * Wider than the ranker's test in sentence-view.ts on purpose: showing one more sentence of context is cheap,
 * while the wider test as a ranking feature lost questions on retraining.
 */
const PRONOUN_START =
  /^(?:It|Its|He|His|She|Her|They|Their|This|These|Those)\b|^(?:In|At|By|For|From|With|During|After|Before|Since|Until|On|Under|Through)\s+(?:this|that|these|those)\b/u;

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

/** What an excerpt shows: a sentence, optionally the ones after it, and the answer span in the first. */
export interface ExcerptSource {
  view: SentenceView;
  /**
   * Sentences shown right after it, in order (the next one when it likely holds the answer too, and one
   * opening with a pronoun after the last shown, which would otherwise repeat it as context).
   */
  following?: SentenceView[];
  /** Character range of the short answer in `view`'s sentence, when one is shown. */
  span: { start: number; end: number } | null;
  /**
   * Word positions of each question term in `view`'s sentence: without a short answer, a sentence too long
   * to show whole is cut around the tightest stretch holding them, not from its start.
   */
  termPositions?: readonly number[][];
  score: number;
  /** Show the sentence before even when the sentence does not refer back (it may hold the reason asked for). */
  withBefore?: boolean;
  /** Show the list item the sentence hangs under, when it is one (false when another excerpt shows that item). */
  itemAbove?: boolean;
}

/** The sentence before, when it is body text: a caption or link list before it is no context to show. */
export function sentenceBefore(view: SentenceView): Sentence | undefined {
  return view.before?.passage.kind === "body" ? view.before.sentence : undefined;
}

/** The sentences after it that an excerpt joins to its sentence: those that fit, in order. */
function followingThatFit(
  view: SentenceView,
  following: readonly SentenceView[],
  options: EngineOptions,
): SentenceView[] {
  const shown: SentenceView[] = [];
  let length = view.sentence.text.length;
  for (const next of following) {
    if (length + 1 + next.sentence.text.length > options.maxExcerptChars) break;
    length += 1 + next.sentence.text.length;
    shown.push(next);
  }
  return shown;
}

/**
 * Whether the excerpt of a sentence shows the one before it too: it opens with a pronoun (or the question
 * asks for an explanation, `withBefore`), and the one before fits with it and the sentences joined after it
 * (those may hold the answer; the one before is context).
 */
function showsPrevious(
  view: SentenceView,
  options: EngineOptions,
  following: readonly SentenceView[] = [],
  withBefore = false,
): boolean {
  const previous = sentenceBefore(view);
  const joined = followingThatFit(view, following, options).reduce(
    (length, next) => length + 1 + next.sentence.text.length,
    view.sentence.text.length,
  );
  return (
    previous !== undefined &&
    (withBefore || PRONOUN_START.test(view.sentence.text)) &&
    previous.text.length + 1 + joined <= options.maxExcerptChars
  );
}

/** A sentence's place in its article, the same whichever passage it was found in. */
function sentenceKey(view: SentenceView, by = 0): string {
  return keyOf(view, view.sentence.index + by);
}

/** The place of the sentence at `index` in `view`'s article. */
function keyOf(view: SentenceView, index: number): string {
  return `${view.article.id}#${index}`;
}

/**
 * What an excerpt shows before its sentence, in reading order: the list item it hangs under (a nested
 * item alone does not say what it is about), then the sentence before when it refers back to it. Each
 * only when all of it fits.
 */
function shownBefore(source: ExcerptSource, options: EngineOptions): Sentence[] {
  const { view, following, withBefore } = source;
  const before: Sentence[] = [];
  const previous = sentenceBefore(view);
  if (previous !== undefined && showsPrevious(view, options, following, withBefore)) before.push(previous);
  const above = source.itemAbove === false ? undefined : itemAbove(view.article, view.sentence);
  const length = [
    ...before,
    view.sentence,
    ...followingThatFit(view, following ?? [], options).map((next) => next.sentence),
  ].reduce((sum, sentence) => sum + sentence.text.length + 3, 0);
  if (above !== undefined && !before.includes(above) && above.text.length + length <= options.maxExcerptChars)
    before.unshift(above);
  return before;
}

/** The sentences an excerpt shows, in order: those before when its sentence needs them, it, those after. */
function sentencesShownBy(source: ExcerptSource, options: EngineOptions): string[] {
  return [
    ...shownBefore(source, options).map((sentence) => keyOf(source.view, sentence.index)),
    sentenceKey(source.view),
    ...followingThatFit(source.view, source.following ?? [], options).map((view) => sentenceKey(view)),
  ];
}

/** Whether one of the excerpts shows the sentence of `view`'s article at `index`. */
export function isShown(
  sources: readonly ExcerptSource[],
  view: SentenceView,
  index: number,
  options: EngineOptions,
): boolean {
  return sources.some((source) => sentencesShownBy(source, options).includes(keyOf(view, index)));
}

/**
 * Where an excerpt already shows a sentence, so that no two excerpts repeat one: `"shown"` when an excerpt
 * holds it, `"after"` with the excerpt whose last sentence is the one before it when it opens with a pronoun
 * and would repeat that one as context (it goes on after that excerpt instead), null when no excerpt shows it.
 */
export function placeAmong(
  sources: readonly ExcerptSource[],
  view: SentenceView,
  options: EngineOptions,
): { kind: "shown" } | { kind: "after"; source: ExcerptSource } | null {
  const shown = sources.map((source) => sentencesShownBy(source, options));
  if (shown.some((keys) => keys.includes(sentenceKey(view)))) return { kind: "shown" };
  if (!showsPrevious(view, options)) return null;
  const before = shown.findIndex((keys) => keys.at(-1) === sentenceKey(view, -1));
  return before < 0 ? null : { kind: "after", source: sources[before] as ExcerptSource };
}

/** Character range of the tightest stretch of the sentence holding the question's terms, or null. */
function askedStretch(
  view: SentenceView,
  termPositions: readonly number[][],
): { start: number; end: number } | null {
  const window = tightestWindow(termPositions);
  const from = window === null ? undefined : view.words[window.from];
  const to = window === null ? undefined : view.words[window.to];
  return from === undefined || to === undefined ? null : { start: from.start, end: to.end };
}

/**
 * A cited excerpt: the sentence (with the one before when it starts with a pronoun, the list item it hangs
 * under, and the one after when asked), trimmed to the limit around the answer.
 */
export function toExcerpt(source: ExcerptSource, options: EngineOptions): Excerpt {
  const { view, span, following } = source;
  let text = view.sentence.text;
  let shift = 0;
  for (const next of followingThatFit(view, following ?? [], options)) text = `${text} ${next.sentence.text}`;
  let next = view.sentence;
  for (const before of shownBefore(source, options).reverse()) {
    // Sentences apart in the text are shown apart (`Summit Tunnel: … … took around 2 years`).
    const gap = before.index === next.index - 1 ? " " : " … ";
    text = `${before.text}${gap}${text}`;
    shift += before.text.length + gap.length;
    next = before;
  }
  const asked = span ?? askedStretch(view, source.termPositions ?? []);
  const focus = asked ? { start: asked.start + shift, end: asked.end + shift } : { start: shift, end: shift };
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
