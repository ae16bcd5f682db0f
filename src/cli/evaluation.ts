import MiniSearch, { type Options, type SearchOptions } from "minisearch";
import { ConversationMemory, replyInConversation } from "../core/conversation/follow-up.ts";
import type { QaEngine } from "../core/engine.ts";
import type { CorpusFile } from "../core/ingest/corpus.ts";
import { STOP_WORDS, stem } from "../core/text/terms.ts";
import type { Answer } from "../core/types.ts";
import { CommandError, readInputFile } from "./args.ts";

/** One evaluation item, in the `../shared/eval/*.jsonl` format. */
export interface EvalItem {
  id: string;
  question: string;
  answerable: boolean;
  /** Short strings a correct excerpt contains. */
  answers: string[];
  evidence: string;
  /** The row the item is counted in per kind; `answerable` or `unanswerable` when the file gives none. */
  kind: string;
  /** Questions asked before this one in the same conversation (follow-up items). */
  previous?: string[];
}

/** What a system returned for one item: its excerpts' texts (best first), or that it abstained. */
export interface SystemOutput {
  answered: boolean;
  excerptTexts: string[];
  /** The short answer shown, if any (the baselines show none). */
  shortAnswer: string | null;
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
  /** SQuAD exact match and token F1 of the short answer over all answerable items (0 where none is shown). */
  shortExact: number;
  shortF1: number;
  /** Share of answerable items given a short answer, and the share of those with token F1 < 0.5. */
  shortShown: number;
  shortWrong: number;
  /** Unanswerable items that were given a short answer. */
  shortOnUnanswerable: number;
}

/**
 * The items of a `.jsonl` evaluation file. A missing file, a line that is not JSON, or one without a question,
 * `answerable` and `answers` is a one-line {@link CommandError} naming the file and line (exit 2).
 */
export function readEvalItems(path: string): EvalItem[] {
  const items: EvalItem[] = [];
  for (const [n, line] of readInputFile(path, "evaluation file").split("\n").entries()) {
    if (line.trim() === "") continue;
    let item: Partial<EvalItem>;
    try {
      item = JSON.parse(line);
    } catch (error) {
      throw new CommandError(`${path}:${n + 1}: not a JSON object (${(error as Error).message})`, 2);
    }
    if (
      typeof item?.question !== "string" ||
      typeof item.answerable !== "boolean" ||
      !Array.isArray(item.answers)
    ) {
      throw new CommandError(
        `${path}:${n + 1}: not an evaluation item (it needs "question", "answerable" and "answers")`,
        2,
      );
    }
    const kind = typeof item.kind === "string" && item.kind.trim() !== "" ? item.kind : undefined;
    items.push({ ...item, kind: kind ?? (item.answerable ? "answerable" : "unanswerable") } as EvalItem);
  }
  return items;
}

/** Case- and punctuation-insensitive form used to look for gold answers in excerpts. */
export function normaliseForMatch(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** SQuAD's answer normalisation: lower case, no punctuation, no articles, single spaces. */
export function squadNormalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, "")
    .replace(/\b(?:a|an|the)\b/gu, " ")
    .split(/\s+/u)
    .filter(Boolean)
    .join(" ");
}

/** SQuAD exact match: the normalised prediction equals a normalised gold answer. */
export function exactMatch(prediction: string, golds: readonly string[]): boolean {
  const normalised = squadNormalise(prediction);
  return golds.some((gold) => squadNormalise(gold) === normalised);
}

/** SQuAD token F1 of a prediction against the best-matching gold answer (0 to 1). */
export function tokenF1(prediction: string, golds: readonly string[]): number {
  const predicted = squadNormalise(prediction).split(" ").filter(Boolean);
  let best = 0;
  for (const gold of golds) {
    const goldTokens = squadNormalise(gold).split(" ").filter(Boolean);
    const counts = new Map<string, number>();
    for (const token of goldTokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    let common = 0;
    for (const token of predicted) {
      const left = counts.get(token) ?? 0;
      if (left > 0) {
        common++;
        counts.set(token, left - 1);
      }
    }
    if (common === 0) continue;
    const precision = common / predicted.length;
    const recall = common / goldTokens.length;
    best = Math.max(best, (2 * precision * recall) / (precision + recall));
  }
  return best;
}

export function containsGoldAnswer(excerpt: string, answers: readonly string[]): boolean {
  const haystack = ` ${normaliseForMatch(excerpt)} `;
  return answers.some((answer) => haystack.includes(` ${normaliseForMatch(answer)} `));
}

export function outputOf(answer: Answer): SystemOutput {
  return {
    answered: answer.answered,
    excerptTexts: answer.excerpts.map((excerpt) => excerpt.text),
    shortAnswer: answer.answered ? answer.answer : null,
  };
}

export function score(items: readonly EvalItem[], outputs: readonly SystemOutput[]): EvalScores {
  let at1 = 0;
  let at3 = 0;
  let abstained = 0;
  let falselyAbstained = 0;
  let answerable = 0;
  let exact = 0;
  let f1 = 0;
  let shown = 0;
  let wrong = 0;
  let shownOnUnanswerable = 0;
  items.forEach((item, n) => {
    const output = outputs[n] as SystemOutput;
    if (item.answerable) {
      answerable++;
      if (!output.answered) falselyAbstained++;
      const texts = output.answered ? output.excerptTexts : [];
      if (texts[0] !== undefined && containsGoldAnswer(texts[0], item.answers)) at1++;
      if (texts.slice(0, 3).some((text) => containsGoldAnswer(text, item.answers))) at3++;
      if (output.shortAnswer !== null) {
        shown++;
        const itemF1 = tokenF1(output.shortAnswer, item.answers);
        f1 += itemF1;
        if (itemF1 < 0.5) wrong++;
        if (exactMatch(output.shortAnswer, item.answers)) exact++;
      }
    } else {
      if (!output.answered) abstained++;
      if (output.shortAnswer !== null) shownOnUnanswerable++;
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
    shortExact: share(exact, answerable),
    shortF1: share(f1, answerable),
    shortShown: share(shown, answerable),
    shortWrong: share(wrong, shown),
    shortOnUnanswerable: shownOnUnanswerable,
  };
}

/** A system answers by passages alone: MiniSearch over fixed windows of the raw files, never abstaining. */
export class WindowBaseline {
  static readonly windowWords = 45;
  private readonly index: MiniSearch<{ id: number; text: string }>;

  constructor(
    files: readonly CorpusFile[],
    private readonly searchOptions: SearchOptions = {},
    indexOptions: Partial<Options<{ id: number; text: string }>> = {},
  ) {
    this.index = new MiniSearch<{ id: number; text: string }>({
      fields: ["text"],
      storeFields: ["text"],
      ...indexOptions,
    });
    let id = 0;
    for (const file of files) {
      const words = file.text.split(/\s+/u).filter(Boolean);
      for (let start = 0; start < words.length; start += WindowBaseline.windowWords) {
        this.index.add({ id: id++, text: words.slice(start, start + WindowBaseline.windowWords).join(" ") });
      }
    }
  }

  /** Raw search, for timing comparisons. */
  search(question: string) {
    return this.index.search(question, this.searchOptions);
  }

  run(question: string): SystemOutput {
    const hits = this.search(question);
    return {
      answered: hits.length > 0,
      excerptTexts: hits.slice(0, 3).map((hit) => hit.text as string),
      shortAnswer: null,
    };
  }
}

/** The plain baseline: MiniSearch with its default options over 45-word windows. */
export class PlainBaseline extends WindowBaseline {
  constructor(files: readonly CorpusFile[]) {
    super(files);
  }
}

/** MiniSearch with stemming (the same Porter stems as ours), prefix and fuzzy matching, over the same windows. */
export class StemmedBaseline extends WindowBaseline {
  constructor(files: readonly CorpusFile[]) {
    super(
      files,
      { prefix: true, fuzzy: 0.2 },
      {
        processTerm: (term: string) => (STOP_WORDS.has(term.toLowerCase()) ? null : stem(term.toLowerCase())),
      },
    );
  }
}

/** The two baselines every figure is reported beside, built over the same corpus files. */
export interface Baselines {
  plain: WindowBaseline;
  stemmed: WindowBaseline;
}

export function baselinesFor(files: readonly CorpusFile[]): Baselines {
  return { plain: new PlainBaseline(files), stemmed: new StemmedBaseline(files) };
}

/** Scores of our engine and of both baselines on the same items. */
export interface ScoreRow {
  ours: EvalScores;
  baseline: EvalScores;
  stemmed: EvalScores;
}

/** Scores of one question set, overall and per `kind`, for our engine and the baselines. */
export interface EvalReport {
  overall: ScoreRow;
  byKind: Array<{ kind: string } & ScoreRow>;
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

/** Scores given answers beside the baselines' on the same items (cross-validation passes its own answers). */
export function reportOf(
  items: readonly EvalItem[],
  answers: readonly Answer[],
  baselines: Baselines | ((item: EvalItem) => Baselines),
): EvalReport {
  const ours = answers.map(outputOf);
  // Items from several libraries are each searched in their own library's baselines.
  const baselinesOf = typeof baselines === "function" ? baselines : () => baselines;
  const plain = items.map((item) => baselinesOf(item).plain.run(item.question));
  const stemmed = items.map((item) => baselinesOf(item).stemmed.run(item.question));
  const row = (chosen: number[]): ScoreRow => {
    const pick = <T>(list: readonly T[]) => chosen.map((n) => list[n] as T);
    const picked = pick(items);
    return {
      ours: score(picked, pick(ours)),
      baseline: score(picked, pick(plain)),
      stemmed: score(picked, pick(stemmed)),
    };
  };
  const kinds = [...new Set(items.map((item) => item.kind))].sort();
  const byKind = kinds.map((kind) => ({
    kind,
    ...row(items.flatMap((item, n) => (item.kind === kind ? [n] : []))),
  }));
  const misses = items.flatMap((item, n) => {
    const output = ours[n] as SystemOutput;
    const correct = item.answerable
      ? output.answered && containsGoldAnswer(output.excerptTexts[0] ?? "", item.answers)
      : !output.answered;
    return correct ? [] : [{ item, answer: answers[n] as Answer }];
  });
  return { overall: row(items.map((_, n) => n)), byKind, misses };
}

/**
 * Runs every item through our engine and the baselines and scores all three. The baselines see
 * follow-up questions alone: they have no conversation.
 */
export function evaluate(engine: QaEngine, baselines: Baselines, items: readonly EvalItem[]): EvalReport {
  return reportOf(
    items,
    items.map((item) => answerItem(engine, item)),
    baselines,
  );
}
