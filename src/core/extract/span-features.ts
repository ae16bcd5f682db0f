import type { AnswerType } from "../answer/question.ts";
import { positionsOf } from "../answer/resolved-terms.ts";
import { isNumeric } from "../answer/spans.ts";
import { spansOfFamily } from "../features/answer-type.ts";
import type { FeatureGroup, SentenceEvidence } from "../features/evidence.ts";
import type { SpanCandidate } from "./span-candidates.ts";

/**
 * What tells the short answer among the stretches of the answer sentence: its length and parts of
 * speech, whether it repeats the question, how near it stands to the question's words, which family
 * it belongs to (date, number, name, other) crossed with what the question asks for, and the
 * punctuation and prepositions around it. General English only.
 */

/** One sentence's facts shared by all its spans, computed once. */
export interface SpanContext {
  evidence: SentenceEvidence;
  matched: ReadonlySet<number>;
  /** Positions of the words naming the answer type (`which river`). */
  hintPositions: ReadonlySet<number>;
  firstMatch: number;
  lastMatch: number;
  /** Word ranges of the sentence's dates, numbers and names. */
  dates: ReadonlyArray<{ firstWord: number; lastWord: number }>;
  numbers: ReadonlyArray<{ firstWord: number; lastWord: number }>;
  names: ReadonlyArray<{ firstWord: number; lastWord: number }>;
  /**
   * Sentence positions of the two content words right after the question word and of the two right
   * before it: the answer stands where the question word stands in the statement (`What theory
   * accounted for …` ↔ `general relativity accounted for …`).
   */
  afterWh: number[][];
  beforeWh: number[][];
  /** Index in {@link TYPE_GROUPS} of the question's answer type (-1 when none). */
  typeGroup: number;
  /** Per word: capitalised, and its tag group (computed once per sentence, read by every span). */
  capitalised: readonly boolean[];
  tagGroups: ReadonlyArray<(typeof TAG_GROUPS)[number] | null>;
}

export function spanContext(evidence: SentenceEvidence): SpanContext {
  const { view } = evidence.candidate;
  const matched = new Set(evidence.matchedPositions);
  const hintPositions = new Set(evidence.facts.hints.flatMap((r) => positionsOf(r, view)));
  const wh = evidence.facts.retrieval.question.whPosition ?? -1;
  const positionsBy = (pick: (position: number) => boolean) =>
    evidence.facts.content.flatMap((r, n) =>
      pick(r.term.position) ? [evidence.termPositions[n] as number[]] : [],
    );
  const after = positionsBy((position) => position > wh).slice(0, 2);
  const before = wh < 0 ? [] : positionsBy((position) => position < wh).slice(-2);
  const type = evidence.facts.retrieval.question.type;
  return {
    typeGroup: TYPE_GROUPS.findIndex((group) => group.includes(type)),
    afterWh: after,
    beforeWh: before,
    capitalised: view.words.map((word) => /^\p{Lu}/u.test(word.surface)),
    tagGroups: view.words.map((_, i) => tagGroup(view.sentence.wordTags[i] ?? "")),
    evidence,
    matched,
    hintPositions,
    firstMatch: matched.size === 0 ? -1 : Math.min(...matched),
    lastMatch: matched.size === 0 ? -1 : Math.max(...matched),
    dates: spansOfFamily(view, "date"),
    // The number itself, without the noun it counts (`18` of `18 policemen`): that noun is often the question's.
    numbers: spansOfFamily(view, "number").map((number) => {
      const last = view.words[number.lastWord - 1];
      const counted = number.lastWord - number.firstWord > 1 && last !== undefined && !isNumeric(last.norm);
      return counted ? { firstWord: number.firstWord, lastWord: number.lastWord - 1 } : number;
    }),
    names: spansOfFamily(view, "name"),
  };
}

/** Question types that expect the same kinds of span. */
export const TYPE_GROUPS: ReadonlyArray<readonly AnswerType[]> = [
  ["date"],
  ["count", "measure"],
  ["person"],
  ["place"],
  ["name", "name-of", "kind"],
  ["definition", "other", "yes-no"],
  ["reason", "manner"],
];
export const SPAN_KINDS = ["date", "number", "name", "other"] as const;
export type SpanKind = (typeof SPAN_KINDS)[number];
const TAG_GROUPS = ["NNP", "NN", "CD", "JJ", "VB", "RB"] as const;

/** Appends one 0/1 value per tag group, 1 for `group`'s. */
function pushOneHot(row: number[], group: (typeof TAG_GROUPS)[number] | null): void {
  for (const each of TAG_GROUPS) row.push(each === group ? 1 : 0);
}

function tagGroup(tag: string): (typeof TAG_GROUPS)[number] | null {
  if (tag.startsWith("NNP")) return "NNP";
  if (tag.startsWith("NN")) return "NN";
  if (tag === "CD") return "CD";
  if (tag.startsWith("JJ")) return "JJ";
  if (tag.startsWith("VB")) return "VB";
  if (tag.startsWith("RB")) return "RB";
  return null;
}

type WordRange = { firstWord: number; lastWord: number };

/** Whether the span shares a word with one of `others` (loops, not closures: this runs for every span). */
function overlaps(span: WordRange, others: readonly WordRange[]): boolean {
  for (const other of others)
    if (other.firstWord < span.lastWord && span.firstWord < other.lastWord) return true;
  return false;
}

/** Whether the span is exactly one of `others`. */
function same(span: WordRange, others: readonly WordRange[]): boolean {
  for (const other of others)
    if (other.firstWord === span.firstWord && other.lastWord === span.lastWord) return true;
  return false;
}

/** The family a span belongs to: a date or number it overlaps, a name it is exactly, else other. */
export function spanKind(span: SpanCandidate, context: SpanContext): SpanKind {
  if (overlaps(span, context.dates)) return "date";
  if (overlaps(span, context.numbers)) return "number";
  if (same(span, context.names)) return "name";
  return "other";
}

const LENGTHS = [1, 2, 3, 4, 5] as const;

/** True when nothing but spaces stands between word `a` and word `b` (they belong to one phrase). */
function joined(view: SentenceEvidence["candidate"]["view"], a: number, b: number): boolean {
  const left = view.words[a];
  const right = view.words[b];
  if (left === undefined || right === undefined) return false;
  for (let at = left.end; at < right.start; at++)
    if (!/\s/u.test(view.sentence.text[at] as string)) return false;
  return true;
}

/** Whether a tag in [from, to) is one of `tags` (a loop: this runs for every span of every answer). */
function holdsTag(wordTags: readonly string[], from: number, to: number, ...tags: string[]): boolean {
  for (let i = Math.max(0, from); i < to; i++) if (tags.includes(wordTags[i] ?? "")) return true;
  return false;
}

/** Whether a word in [from, to) is one of `norms`. */
function holdsWord(
  words: ReadonlyArray<{ norm: string }>,
  from: number,
  to: number,
  ...norms: string[]
): boolean {
  for (let i = Math.max(0, from); i < to; i++) if (norms.includes(words[i]?.norm ?? "")) return true;
  return false;
}

/** Share of the given terms (their positions) found among the words from `from` to `to` (exclusive). */
function besideShare(terms: readonly (readonly number[])[], from: number, to: number): number {
  if (terms.length === 0) return 0;
  let found = 0;
  for (const positions of terms) {
    for (const i of positions) {
      if (i >= from && i < to) {
        found++;
        break;
      }
    }
  }
  return found / terms.length;
}

/** Share of the question's content words found among the sentence's words from `from` to `to` (exclusive). */
function nearbyShare(context: SpanContext, from: number, to: number): number {
  return besideShare(context.evidence.termPositions, from, to);
}

export const spanFeatures: FeatureGroup<{ span: SpanCandidate; context: SpanContext }> = {
  name: "span",
  features: [
    ...LENGTHS.map((n) => `span.length${n === 5 ? "5+" : n}`),
    "span.questionWordShare",
    "span.allQuestionWords",
    "span.nearness",
    "span.adjacent",
    "span.beforeMatches",
    "span.afterMatches",
    "span.betweenMatches",
    ...TAG_GROUPS.map((group) => `span.tagShare.${group}`),
    ...TAG_GROUPS.map((group) => `span.lastTag.${group}`),
    ...TAG_GROUPS.map((group) => `span.firstTag.${group}`),
    ...TAG_GROUPS.map((group) => `span.tagBefore.${group}`),
    ...TAG_GROUPS.map((group) => `span.tagAfter.${group}`),
    "span.capitalisedShare",
    "span.exactName",
    "span.partOfName",
    ...TYPE_GROUPS.flatMap((group) => SPAN_KINDS.map((kind) => `span.type.${group[0]}.${kind}`)),
    "span.afterPreposition",
    "span.afterDeterminer",
    "span.afterComma",
    "span.beforePunctuation",
    "span.inParentheses",
    "span.hintInside",
    "span.hintBeside",
    "span.questionWordsBefore",
    "span.questionWordsAfter",
    "span.cutsPhraseLeft",
    "span.cutsPhraseRight",
    "span.followedLikeQuestion",
    "span.precededLikeQuestion",
    "span.exactDate",
    "span.exactNumber",
    "span.holdsPreposition",
    "span.holdsComma",
    "span.holdsConjunction",
  ],
  // Written into one array with loops, not spreads: this runs for every span of every answer sentence
  // (a few hundred per question), and building the row was the largest single cost of answering.
  compute({ span, context }) {
    const { view } = context.evidence.candidate;
    const { words } = view;
    const { text, wordTags } = view.sentence;
    const { firstWord, lastWord } = span;
    const length = lastWord - firstWord;
    let questionWords = 0;
    let capitalised = 0;
    const tagCounts = [0, 0, 0, 0, 0, 0];
    for (let i = firstWord; i < lastWord; i++) {
      if (context.matched.has(i)) questionWords++;
      if (i > 0 && context.capitalised[i]) capitalised++;
      const group = context.tagGroups[i] ?? null;
      if (group !== null) (tagCounts[TAG_GROUPS.indexOf(group)] as number)++;
    }
    let distance = Number.POSITIVE_INFINITY;
    for (const i of context.matched) {
      if (i >= firstWord && i < lastWord) continue;
      distance = Math.min(distance, i < firstWord ? firstWord - i : i - lastWord + 1);
    }
    const hasMatches = context.matched.size > 0;
    const typeGroup = context.typeGroup;
    const kind = spanKind(span, context);
    // The characters just outside the span, past any spaces ("" at the sentence's edges).
    let beforeAt = span.start - 1;
    while (beforeAt >= 0 && /\s/u.test(text[beforeAt] as string)) beforeAt--;
    let afterAt = span.end;
    while (afterAt < text.length && /\s/u.test(text[afterAt] as string)) afterAt++;
    const charBefore = beforeAt >= 0 ? (text[beforeAt] as string) : "";
    const charAfter = afterAt < text.length ? (text[afterAt] as string) : "";
    const previousTag = wordTags[firstWord - 1] ?? "";
    const opened = text.lastIndexOf("(", span.start);
    const inParentheses =
      opened >= 0 && text.lastIndexOf(")", span.start) < opened && text.indexOf(")", span.end) >= 0;
    let hintInside = 0;
    let hintBeside = 0;
    for (const i of context.hintPositions) {
      if (i >= firstWord && i < lastWord) hintInside = 1;
      if (i === firstWord - 1 || i === lastWord) hintBeside = 1;
    }
    const isName = same(span, context.names);
    const row: number[] = [];
    for (const n of LENGTHS) row.push(n === 5 ? (length >= 5 ? 1 : 0) : length === n ? 1 : 0);
    row.push(
      questionWords / length,
      questionWords === length ? 1 : 0,
      hasMatches && Number.isFinite(distance) ? 1 / distance : 0,
      distance === 1 ? 1 : 0,
      hasMatches && lastWord <= context.firstMatch ? 1 : 0,
      hasMatches && firstWord > context.lastMatch ? 1 : 0,
      hasMatches && firstWord > context.firstMatch && lastWord <= context.lastMatch ? 1 : 0,
    );
    for (const count of tagCounts) row.push(count / length);
    pushOneHot(row, context.tagGroups[lastWord - 1] ?? null);
    pushOneHot(row, context.tagGroups[firstWord] ?? null);
    pushOneHot(row, context.tagGroups[firstWord - 1] ?? null);
    pushOneHot(row, context.tagGroups[lastWord] ?? null);
    row.push(capitalised / length, isName ? 1 : 0, !isName && overlaps(span, context.names) ? 1 : 0);
    for (let g = 0; g < TYPE_GROUPS.length; g++)
      for (const k of SPAN_KINDS) row.push(g === typeGroup && k === kind ? 1 : 0);
    row.push(
      previousTag === "IN" || previousTag === "TO" ? 1 : 0,
      previousTag === "DT" || previousTag === "PRP$" ? 1 : 0,
      charBefore === "" || charBefore === "," ? 1 : 0,
      charAfter === "" || ",.;:)".includes(charAfter) ? 1 : 0,
      inParentheses ? 1 : 0,
      hintInside,
      hintBeside,
      nearbyShare(context, firstWord - 3, firstWord),
      nearbyShare(context, lastWord, lastWord + 3),
      joined(view, firstWord - 1, firstWord) && /^(?:NN|JJ|CD)/u.test(previousTag) ? 1 : 0,
      joined(view, lastWord - 1, lastWord) && /^(?:NN|CD|POS)/u.test(wordTags[lastWord] ?? "") ? 1 : 0,
      besideShare(context.afterWh, lastWord, lastWord + 4),
      besideShare(context.beforeWh, firstWord - 4, firstWord),
      same(span, context.dates) ? 1 : 0,
      same(span, context.numbers) ? 1 : 0,
      holdsTag(wordTags, firstWord + 1, lastWord - 1, "IN", "TO") ? 1 : 0,
      span.text.includes(",") ? 1 : 0,
      holdsWord(words, firstWord, lastWord, "and", "or") ? 1 : 0,
    );
    return row;
  },
};
