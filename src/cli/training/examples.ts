import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { QaEngine } from "../../core/engine.ts";
import { spanRows } from "../../core/extract/short-answer.ts";
import type { SpanCandidate } from "../../core/extract/span-candidates.ts";
import { type ExaminedQuestion, examineQuestion } from "../../core/features/examine.ts";
import type { Article, Sentence } from "../../core/types.ts";
import { containsGoldAnswer, normaliseForMatch, tokenF1 } from "../evaluation.ts";
import { articleOfItem, type Library, type QuestionSet, type SquadItem } from "./sets.ts";

/** One question examined for training: its candidates' features and what the gold data says of them. */
export interface Example {
  set: string;
  /** Whether the answer threshold is chosen on the question's set (see `QuestionSet.leavesThreshold`). */
  choosesThreshold: boolean;
  /** The article the question is about: the unit of a cross-validation fold (in a set of several libraries, its library). */
  article: string;
  item: SquadItem;
  examined: ExaminedQuestion;
  /** Candidates the ranker should put first: the sentence the annotators took the answer from when known, else any sentence holding a gold answer. */
  positives: boolean[];
  /** The spans of the first positive candidate with their token F1 against the gold answers. */
  spans: { candidate: number; spans: SpanCandidate[]; rows: number[][]; f1: number[] } | null;
}

/** Character offsets, in the source file, where each paragraph of a `# Title` + paragraphs file starts. */
function paragraphStarts(text: string): number[] {
  const starts: number[] = [];
  const pattern = /\n\s*\n/gu;
  let match = pattern.exec(text);
  while (match !== null) {
    starts.push(match.index + match[0].length);
    match = pattern.exec(text);
  }
  return starts;
}

function sentenceCovers(sentence: Sentence, offset: number): boolean {
  // Training ingests afresh (no cache), so every sentence has its tokens.
  const first = sentence.tokens?.[0];
  const last = sentence.tokens?.at(-1);
  return first !== undefined && last !== undefined && first.sourceStart <= offset && offset < last.sourceEnd;
}

/** Sentence indexes (per article) where the annotated answers start, for SQuAD items. */
function goldSentenceIndexes(item: SquadItem, article: Article | undefined, corpusDir: string): Set<number> {
  const found = new Set<number>();
  if (!article || item.paragraph === undefined || !item.answerStarts) return found;
  const starts = paragraphStarts(readFileSync(join(corpusDir, article.file), "utf8"));
  const paragraphStart = starts[item.paragraph];
  if (paragraphStart === undefined) return found;
  for (const answerStart of item.answerStarts) {
    for (const section of article.sections) {
      for (const sentence of section.sentences)
        if (sentenceCovers(sentence, paragraphStart + answerStart)) found.add(sentence.index);
    }
  }
  return found;
}

/** True when most words of the shorter text occur in the longer one. */
function sharesMostWords(a: string, b: string): boolean {
  const words = (text: string) => new Set(normaliseForMatch(text).split(" ").filter(Boolean));
  const [shorter, longer] = [words(a), words(b)].sort((x, y) => x.size - y.size) as [
    Set<string>,
    Set<string>,
  ];
  let shared = 0;
  for (const word of shorter) if (longer.has(word)) shared++;
  return shared >= 0.6 * shorter.size;
}

/** Examines every item of one of a set's libraries against its corpus. */
export function buildExamples(
  set: QuestionSet,
  library: Library,
  engine: QaEngine,
  corpusDir: string,
  items: readonly SquadItem[],
): Example[] {
  const articlesById = new Map(engine.articles.map((article) => [article.id, article] as const));
  return items.map((item) => {
    const examined = examineQuestion(engine.context, item.question);
    const article = articleOfItem(item, engine.articles);
    const gold = goldSentenceIndexes(item, articlesById.get(article), corpusDir);
    // Where the item quotes its evidence, only that sentence is the answer (not every sentence naming 1965).
    const evidence = item.evidence?.trim() ? item.evidence : null;
    const positives = examined.evidence.map(({ candidate }) => {
      const { view } = candidate;
      if (!item.answerable) return false;
      if (gold.size > 0) return view.article.id === article && gold.has(view.sentence.index);
      if (!containsGoldAnswer(view.sentence.text, item.answers)) return false;
      return evidence === null || sharesMostWords(view.sentence.text, evidence);
    });
    const first = positives.indexOf(true);
    let spans: Example["spans"] = null;
    if (first >= 0) {
      const rows = spanRows(examined.evidence[first] as ExaminedQuestion["evidence"][number]);
      spans = {
        candidate: first,
        spans: rows.spans,
        rows: rows.rows,
        f1: rows.spans.map((span) => tokenF1(span.text, item.answers)),
      };
    }
    return {
      set: set.name,
      choosesThreshold: !set.leavesThreshold,
      // Several libraries are folded by library, not by article (see QuestionSet.folds).
      article: set.libraries.length > 1 ? library.name : article,
      item,
      examined,
      positives,
      spans,
    };
  });
}
