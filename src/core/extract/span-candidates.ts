import type { SentenceView } from "../answer/sentence-view.ts";
import { STOP_WORDS } from "../text/terms.ts";

/** A stretch of words of a sentence that might be the short answer. */
export interface SpanCandidate {
  /** Word range [firstWord, lastWord) in the sentence's words. */
  firstWord: number;
  lastWord: number;
  /** Character range in the sentence's readable text. */
  start: number;
  end: number;
  text: string;
}

/** Longest short answer considered, in words (SQuAD's answers: 95% have at most 7). */
export const MAX_SPAN_WORDS = 7;

/** Words a short answer neither starts nor ends with (`of the`, `and`), beside stop words in general. */
function isEdgeWord(norm: string, tag: string): boolean {
  return STOP_WORDS.has(norm) || /^(?:IN|CC|DT|TO|WDT|WP|WRB|PRP|MD)$/u.test(tag);
}

/**
 * Every stretch of up to `MAX_SPAN_WORDS` words that does not start or end on a function word and does
 * not cross a sentence-internal stop (`;`, `:`) or a parenthesis boundary. Numbers keep their qualifiers
 * via the words around them (`over 400`), which the span ranker weighs.
 */
export function spanCandidates(view: SentenceView): SpanCandidate[] {
  const { words } = view;
  const { text, wordTags } = view.sentence;
  const candidates: SpanCandidate[] = [];
  // A break before word i: punctuation that a short answer never runs across.
  const breakBefore = words.map((word, i) => {
    if (i === 0) return false;
    const gap = text.slice((words[i - 1] as { end: number }).end, word.start);
    return /[;:()[\]—–]/u.test(gap);
  });
  for (let first = 0; first < words.length; first++) {
    const firstWord = words[first] as (typeof words)[number];
    if (isEdgeWord(firstWord.norm, wordTags[first] ?? "") && !/^\p{Lu}/u.test(firstWord.surface)) continue;
    for (let last = first + 1; last <= Math.min(words.length, first + MAX_SPAN_WORDS); last++) {
      if (last > first + 1 && breakBefore[last - 1]) break;
      const lastWord = words[last - 1] as (typeof words)[number];
      if (isEdgeWord(lastWord.norm, wordTags[last - 1] ?? "")) continue;
      // A currency sign before and a percent sign after belong to the number (`$37.6 billion`, `10%`).
      const start = /[$£€¥]/u.test(text[firstWord.start - 1] ?? "") ? firstWord.start - 1 : firstWord.start;
      const end = text[lastWord.end] === "%" ? lastWord.end + 1 : lastWord.end;
      candidates.push({ firstWord: first, lastWord: last, start, end, text: text.slice(start, end) });
    }
  }
  return candidates;
}
