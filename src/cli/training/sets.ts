import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { splitWords } from "../../core/text/terms.ts";
import type { Article } from "../../core/types.ts";
import { type EvalItem, normaliseForMatch, readEvalItems } from "../evaluation.ts";

/**
 * The question sets training and cross-validation read, all from `../shared` and from questions
 * written in this repository; each item is assigned to the article it is about (the unit of a fold).
 */

/** A SQuAD item carries where its answers start in which paragraph. */
export interface SquadItem extends EvalItem {
  article?: string;
  paragraph?: number;
  answerStarts?: number[];
}

/** A corpus (one or more folders of articles) and the questions asked about it. */
export interface QuestionSet {
  name: string;
  corpusDirs: string[];
  files: string[];
  /** How folds are formed: five folds of whole articles (SQuAD: 2 of its 10 held out), or one article out. */
  folds: "five-by-article" | "leave-one-article-out";
  /**
   * Off-topic questions written for this project (one per line), asked of this corpus as unanswerable
   * ones: every other line, so the two corpora get different questions.
   */
  offTopic: { file: string; lines: "odd" | "even" };
}

/** The kind (and pseudo-article) of the off-topic questions added to a set. */
export const OFF_TOPIC = "off-topic";

export const sharedDir = resolve("../shared");

/** The training sets, when `../shared` is present. */
export function trainingSets(): QuestionSet[] {
  const evalDir = join(sharedDir, "eval");
  return [
    {
      name: "squad",
      corpusDirs: [join(evalDir, "squad", "corpus")],
      files: [join(evalDir, "squad", "questions.jsonl")],
      folds: "five-by-article",
      offTopic: { file: resolve("tests/fixtures/off-topic-questions.txt"), lines: "odd" },
    },
    {
      name: "stripped",
      corpusDirs: [resolve("corpus"), join(sharedDir, "corpus-extra")],
      files: [
        join(evalDir, "dev.jsonl"),
        join(evalDir, "extra-dev.jsonl"),
        resolve("tests/fixtures/more-questions.jsonl"),
      ],
      folds: "leave-one-article-out",
      offTopic: { file: resolve("tests/fixtures/off-topic-questions.txt"), lines: "even" },
    },
    {
      // Ordinary prose of our own and questions written for it the way students type them, near-topic
      // unanswerable ones among them: the SQuAD pool's unanswerable questions were written to overlap their
      // paragraph, which real ones seldom do.
      name: "prose",
      corpusDirs: [resolve("tests/fixtures/prose")],
      files: [resolve("tests/fixtures/prose-questions.jsonl")],
      folds: "five-by-article",
      offTopic: { file: resolve("tests/fixtures/off-topic-questions.txt"), lines: "odd" },
    },
  ];
}

export function sharedDataPresent(): boolean {
  return existsSync(join(sharedDir, "eval", "squad", "questions.jsonl"));
}

/** One folder holding the articles of several (a temporary copy when there are several). */
export function corpusFolder(dirs: readonly string[]): string {
  if (dirs.length === 1) return dirs[0] as string;
  const folder = mkdtempSync(join(tmpdir(), "train-corpus-"));
  for (const dir of dirs)
    for (const name of readdirSync(dir)) copyFileSync(join(dir, name), join(folder, name));
  return folder;
}

/** Runs `use` on {@link corpusFolder}'s folder, then removes the folder if it was a temporary copy. */
export function withCorpusFolder<T>(dirs: readonly string[], use: (folder: string) => T): T {
  const folder = corpusFolder(dirs);
  try {
    return use(folder);
  } finally {
    if (dirs.length > 1) rmSync(folder, { recursive: true, force: true });
  }
}

export function readSetItems(set: QuestionSet): SquadItem[] {
  const offTopic = readFileSync(set.offTopic.file, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line, n) => line !== "" && n % 2 === (set.offTopic.lines === "odd" ? 0 : 1))
    .map((question, n) => ({
      id: `${OFF_TOPIC}-${set.name}-${n + 1}`,
      question,
      answerable: false,
      answers: [],
      evidence: "",
      kind: OFF_TOPIC,
      article: OFF_TOPIC,
    }));
  return [...set.files.flatMap((file) => readEvalItems(file) as SquadItem[]), ...offTopic];
}

/**
 * The article an item is about: its `article` field; else an article whose id starts its id
 * (`badshahi-mosque-03`); else the article the question names; else the one holding its answer;
 * else `(none)` (an off-topic question).
 */
export function articleOfItem(item: SquadItem, articles: readonly Article[]): string {
  if (item.article) return item.article;
  const byId = articles.find((article) => item.id.startsWith(`${article.id}-`));
  if (byId) return byId.id;
  const asked = new Set(splitWords(item.question).map((word) => word.norm));
  const named = articles.find((article) => splitWords(article.title).every((word) => asked.has(word.norm)));
  if (named) return named.id;
  const holding = articles.find((article) =>
    item.answers.some((answer) =>
      article.passages.some((passage) =>
        ` ${normaliseForMatch(passage.text)} `.includes(` ${normaliseForMatch(answer)} `),
      ),
    ),
  );
  return holding?.id ?? "(none)";
}

/** SHA-256 of each training file, recorded in the model. */
export function fileHashes(sets: readonly QuestionSet[], hash: (text: string) => string) {
  const files = sets.flatMap((set) => [
    ...set.files,
    set.offTopic.file,
    ...set.corpusDirs.flatMap((dir) =>
      readdirSync(dir)
        .sort()
        .map((name) => join(dir, name)),
    ),
  ]);
  return [...new Set(files)].map((file) => ({
    file: file.replace(`${resolve(".")}/`, "").replace(`${sharedDir}/`, "../shared/"),
    sha256: hash(readFileSync(file, "utf8")),
  }));
}
