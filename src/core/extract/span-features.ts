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
  return {
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

function tagGroup(tag: string): (typeof TAG_GROUPS)[number] | null {
  if (tag.startsWith("NNP")) return "NNP";
  if (tag.startsWith("NN")) return "NN";
  if (tag === "CD") return "CD";
  if (tag.startsWith("JJ")) return "JJ";
  if (tag.startsWith("VB")) return "VB";
  if (tag.startsWith("RB")) return "RB";
  return null;
}

const overlaps = (
  span: { firstWord: number; lastWord: number },
  others: ReadonlyArray<{ firstWord: number; lastWord: number }>,
) => others.some((other) => other.firstWord < span.lastWord && span.firstWord < other.lastWord);
const same = (
  span: { firstWord: number; lastWord: number },
  others: ReadonlyArray<{ firstWord: number; lastWord: number }>,
) => others.some((other) => other.firstWord === span.firstWord && other.lastWord === span.lastWord);

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
function besideShare(terms: readonly number[][], from: number, to: number): number {
  if (terms.length === 0) return 0;
  return terms.filter((positions) => positions.some((i) => i >= from && i < to)).length / terms.length;
}

/** Share of the question's content words found among the sentence's words from `from` to `to` (exclusive). */
function nearbyShare(context: SpanContext, from: number, to: number): number {
  const { termPositions } = context.evidence;
  if (termPositions.length === 0) return 0;
  const found = termPositions.filter((positions) => positions.some((i) => i >= from && i < to)).length;
  return found / termPositions.length;
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
  compute({ span, context }) {
    const { view } = context.evidence.candidate;
    const { words } = view;
    const { text, wordTags } = view.sentence;
    const length = span.lastWord - span.firstWord;
    let questionWords = 0;
    let capitalised = 0;
    const tagCounts = new Map<string, number>();
    for (let i = span.firstWord; i < span.lastWord; i++) {
      if (context.matched.has(i)) questionWords++;
      if (i > 0 && context.capitalised[i]) capitalised++;
      const group = context.tagGroups[i] ?? null;
      if (group !== null) tagCounts.set(group, (tagCounts.get(group) ?? 0) + 1);
    }
    let distance = Number.POSITIVE_INFINITY;
    for (const i of context.matched) {
      if (i >= span.firstWord && i < span.lastWord) continue;
      distance = Math.min(distance, i < span.firstWord ? span.firstWord - i : i - span.lastWord + 1);
    }
    const hasMatches = context.matched.size > 0;
    const type = context.evidence.facts.retrieval.question.type;
    const typeGroup = TYPE_GROUPS.findIndex((group) => group.includes(type));
    const kind = spanKind(span, context);
    const lastGroup = context.tagGroups[span.lastWord - 1] ?? null;
    // The characters just outside the span, past any spaces ("" at the sentence's edges).
    let beforeAt = span.start - 1;
    while (beforeAt >= 0 && /\s/u.test(text[beforeAt] as string)) beforeAt--;
    let afterAt = span.end;
    while (afterAt < text.length && /\s/u.test(text[afterAt] as string)) afterAt++;
    const charBefore = beforeAt >= 0 ? (text[beforeAt] as string) : "";
    const charAfter = afterAt < text.length ? (text[afterAt] as string) : "";
    const previousTag = wordTags[span.firstWord - 1] ?? "";
    const opened = text.lastIndexOf("(", span.start);
    const inParentheses =
      opened >= 0 && text.lastIndexOf(")", span.start) < opened && text.indexOf(")", span.end) >= 0;
    let hintInside = 0;
    let hintBeside = 0;
    for (const i of context.hintPositions) {
      if (i >= span.firstWord && i < span.lastWord) hintInside = 1;
      if (i === span.firstWord - 1 || i === span.lastWord) hintBeside = 1;
    }
    return [
      ...LENGTHS.map((n) => (n === 5 ? (length >= 5 ? 1 : 0) : length === n ? 1 : 0)),
      questionWords / length,
      questionWords === length ? 1 : 0,
      hasMatches && Number.isFinite(distance) ? 1 / distance : 0,
      distance === 1 ? 1 : 0,
      hasMatches && span.lastWord <= context.firstMatch ? 1 : 0,
      hasMatches && span.firstWord > context.lastMatch ? 1 : 0,
      hasMatches && span.firstWord > context.firstMatch && span.lastWord <= context.lastMatch ? 1 : 0,
      ...TAG_GROUPS.map((group) => (tagCounts.get(group) ?? 0) / length),
      ...TAG_GROUPS.map((group) => (lastGroup === group ? 1 : 0)),
      ...TAG_GROUPS.map((group) => ((context.tagGroups[span.firstWord] ?? null) === group ? 1 : 0)),
      ...TAG_GROUPS.map((group) => ((context.tagGroups[span.firstWord - 1] ?? null) === group ? 1 : 0)),
      ...TAG_GROUPS.map((group) => ((context.tagGroups[span.lastWord] ?? null) === group ? 1 : 0)),
      capitalised / length,
      same(span, context.names) ? 1 : 0,
      !same(span, context.names) && overlaps(span, context.names) ? 1 : 0,
      ...TYPE_GROUPS.flatMap((_, g) => SPAN_KINDS.map((k) => (g === typeGroup && k === kind ? 1 : 0))),
      previousTag === "IN" || previousTag === "TO" ? 1 : 0,
      previousTag === "DT" || previousTag === "PRP$" ? 1 : 0,
      charBefore === "" || charBefore === "," ? 1 : 0,
      charAfter === "" || ",.;:)".includes(charAfter) ? 1 : 0,
      inParentheses ? 1 : 0,
      hintInside,
      hintBeside,
      nearbyShare(context, span.firstWord - 3, span.firstWord),
      nearbyShare(context, span.lastWord, span.lastWord + 3),
      joined(view, span.firstWord - 1, span.firstWord) && /^(?:NN|JJ|CD)/u.test(previousTag) ? 1 : 0,
      joined(view, span.lastWord - 1, span.lastWord) && /^(?:NN|CD|POS)/u.test(wordTags[span.lastWord] ?? "")
        ? 1
        : 0,
      besideShare(context.afterWh, span.lastWord, span.lastWord + 4),
      besideShare(context.beforeWh, span.firstWord - 4, span.firstWord),
      same(span, context.dates) ? 1 : 0,
      same(span, context.numbers) ? 1 : 0,
      holdsTag(wordTags, span.firstWord + 1, span.lastWord - 1, "IN", "TO") ? 1 : 0,
      span.text.includes(",") ? 1 : 0,
      holdsWord(words, span.firstWord, span.lastWord, "and", "or") ? 1 : 0,
    ];
  },
};
