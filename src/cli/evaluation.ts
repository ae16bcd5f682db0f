import { readFileSync } from "node:fs";
import MiniSearch from "minisearch";
import { ConversationMemory, replyInConversation } from "../core/conversation/follow-up.ts";
import type { QaEngine } from "../core/engine.ts";
import type { CorpusFile } from "../core/ingest/corpus.ts";
import type { Answer } from "../core/types.ts";

/** One evaluation item, in the `../shared/eval/*.jsonl` format. */
export interface EvalItem {
  id: string;
  question: string;
  answerable: boolean;
  /** Short strings a correct excerpt contains. */
  answers: string[];
  evidence: string;
  kind: string;
  /** Questions asked before this one in the same conversation (follow-up items). */
  previous?: string[];
}

/** What a system returned for one item: its excerpts' texts (best first), or that it abstained. */
export interface SystemOutput {
  answered: boolean;
  excerptTexts: string[];
}

/** Scores of one group of items. */
export interface EvalScores {
  items: number;
  answerable: number;
  unanswerable: number;
  /** Share of answerable items whose first excerpt contains a gold answer. */
  answerAt1: number;
  answerAt3: number;
  /** Share of unanswerable items the system declined to answer. */
  abstention: number;
  /** Share of answerable items the system declined to answer. */
  falseAbstention: number;
}

export function readEvalItems(path: string): EvalItem[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, n) => {
      try {
        return JSON.parse(line) as EvalItem;
      } catch (error) {
        throw new Error(`${path}:${n + 1}: not a JSON object (${(error as Error).message})`);
      }
    });
}

/** Case- and punctuation-insensitive form used to look for gold answers in excerpts. */
export function normaliseForMatch(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function containsGoldAnswer(excerpt: string, answers: readonly string[]): boolean {
  const haystack = ` ${normaliseForMatch(excerpt)} `;
  return answers.some((answer) => haystack.includes(` ${normaliseForMatch(answer)} `));
}

export function outputOf(answer: Answer): SystemOutput {
  return { answered: answer.answered, excerptTexts: answer.excerpts.map((excerpt) => excerpt.text) };
}

export function score(items: readonly EvalItem[], outputs: readonly SystemOutput[]): EvalScores {
  let at1 = 0;
  let at3 = 0;
  let abstained = 0;
  let falselyAbstained = 0;
  let answerable = 0;
  items.forEach((item, n) => {
    const output = outputs[n] as SystemOutput;
    if (item.answerable) {
      answerable++;
      if (!output.answered) falselyAbstained++;
      const texts = output.answered ? output.excerptTexts : [];
      if (texts[0] !== undefined && containsGoldAnswer(texts[0], item.answers)) at1++;
      if (texts.slice(0, 3).some((text) => containsGoldAnswer(text, item.answers))) at3++;
    } else if (!output.answered) {
      abstained++;
    }
  });
  const unanswerable = items.length - answerable;
  const share = (count: number, of: number) => (of === 0 ? Number.NaN : count / of);
  return {
    items: items.length,
    answerable,
    unanswerable,
    answerAt1: share(at1, answerable),
    answerAt3: share(at3, answerable),
    abstention: share(abstained, unanswerable),
    falseAbstention: share(falselyAbstained, answerable),
  };
}

/**
 * The plain baseline: MiniSearch with default options over fixed 45-word windows of each file's
 * raw text. It never abstains.
 */
export class PlainBaseline {
  static readonly windowWords = 45;
  private readonly index = new MiniSearch<{ id: number; text: string }>({
    fields: ["text"],
    storeFields: ["text"],
  });

  constructor(files: readonly CorpusFile[]) {
    let id = 0;
    for (const file of files) {
      const words = file.text.split(/\s+/u).filter(Boolean);
      for (let start = 0; start < words.length; start += PlainBaseline.windowWords) {
        this.index.add({ id: id++, text: words.slice(start, start + PlainBaseline.windowWords).join(" ") });
      }
    }
  }

  /** Raw search, for timing comparisons. */
  search(question: string) {
    return this.index.search(question);
  }

  run(question: string): SystemOutput {
    const hits = this.index.search(question);
    return { answered: hits.length > 0, excerptTexts: hits.slice(0, 3).map((hit) => hit.text as string) };
  }
}

/** Scores of one question set, overall and per `kind`, for our engine and the plain baseline. */
export interface EvalReport {
  overall: { ours: EvalScores; baseline: EvalScores };
  byKind: Array<{ kind: string; ours: EvalScores; baseline: EvalScores }>;
  /** Items ours got wrong: answerable without the gold answer first, or unanswerable but answered. */
  misses: Array<{ item: EvalItem; answer: Answer }>;
}

/** Small talk gets a brief reply without excerpts: for scoring, no answer. */
function smallTalkAnswer(question: string): Answer {
  return { question, answered: false, reason: "no-match", answer: null, excerpts: [], related: [] };
}

/** Our answer to an item; a follow-up item is asked after its previous questions, in one conversation. */
function answerItem(engine: QaEngine, item: EvalItem): Answer {
  if (item.previous === undefined) return engine.answer(item.question);
  const memory = new ConversationMemory();
  const conversation = `eval:${item.id}`;
  for (const [n, question] of item.previous.entries())
    replyInConversation(engine, memory, conversation, question, n);
  const reply = replyInConversation(engine, memory, conversation, item.question, item.previous.length);
  return reply.kind === "answer" ? reply.answer : smallTalkAnswer(item.question);
}

/**
 * Runs every item through our engine and the baseline and scores both. The baseline sees follow-up
 * questions alone: it has no conversation.
 */
export function evaluate(engine: QaEngine, baseline: PlainBaseline, items: readonly EvalItem[]): EvalReport {
  const answers = items.map((item) => answerItem(engine, item));
  const ours = answers.map(outputOf);
  const base = items.map((item) => baseline.run(item.question));
  const kinds = [...new Set(items.map((item) => item.kind))].sort();
  const byKind = kinds.map((kind) => {
    const chosen = items.flatMap((item, n) => (item.kind === kind ? [n] : []));
    const pick = <T>(list: readonly T[]) => chosen.map((n) => list[n] as T);
    return { kind, ours: score(pick(items), pick(ours)), baseline: score(pick(items), pick(base)) };
  });
  const misses = items.flatMap((item, n) => {
    const output = ours[n] as SystemOutput;
    const correct = item.answerable
      ? output.answered && containsGoldAnswer(output.excerptTexts[0] ?? "", item.answers)
      : !output.answered;
    return correct ? [] : [{ item, answer: answers[n] as Answer }];
  });
  return { overall: { ours: score(items, ours), baseline: score(items, base) }, byKind, misses };
}
