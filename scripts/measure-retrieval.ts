/**
 * `npx tsx scripts/measure-retrieval.ts [--articles N] [--seed S] [--facts N] [--budgets A,B,…] [--json]`
 *
 * What bounding each question's search buys and costs on a large library (issue 11): the seed article
 * hidden among generated ones (the haystack, about 100,000 passages at the default 9,060 articles), our
 * engine answered with each passage budget in turn beside plain MiniSearch on the same files in the same
 * run. Per budget: latency p50/p99 over the fact and seed questions, answer@1 on the seed's development
 * questions (in the haystack, and on the seed alone for reference) and on generated fact questions.
 * Reads `../shared/eval/dev.jsonl` and `corpus/lal-masjid.txt`; run from the project folder.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { integerOption, runCommand } from "../src/cli/args.ts";
import { containsGoldAnswer, PlainBaseline, readEvalItems } from "../src/cli/evaluation.ts";
import { formatMs, percentile } from "../src/cli/latency.ts";
import { writeSyntheticCorpus } from "../src/cli/synthetic-corpus.ts";
import { answerQuestion } from "../src/core/answer/answer.ts";
import { SentenceViews } from "../src/core/answer/sentence-view.ts";
import { loadEngine, type QaEngine } from "../src/core/engine.ts";
import { sectionFieldOf } from "../src/core/index/search-index.ts";
import { readCorpusFiles } from "../src/core/ingest/corpus.ts";
import type { Answer } from "../src/core/types.ts";

const measureCommand = {
  command: "npx tsx scripts/measure-retrieval.ts",
  synopsis: ["[--articles N] [--seed S] [--facts N] [--budgets A,B,…] [--json]"],
  summary:
    "Latency and answer@1 of the engine under passage budgets (none first), beside plain MiniSearch on the same files, on the seed article hidden among generated ones.",
  options: {
    articles: {
      type: "string",
      value: "N",
      description: "generated articles (default 9060, ≈100k passages)",
    },
    seed: { type: "string", value: "S", description: "generator seed (default 42)" },
    facts: { type: "string", value: "N", description: "generated fact questions asked (default 150)" },
    budgets: {
      type: "string",
      value: "A,B,…",
      description: "passage budgets to try after the engine's default (`none`: no budget)",
    },
    json: { type: "boolean", description: "print the rows as JSON" },
  },
  positionals: false,
  examples: ["npx tsx scripts/measure-retrieval.ts --articles 2000 --budgets none,20000,5000"],
} as const;

/** One configuration measured: its name and the answers it gave. */
interface Row {
  config: string;
  p50: number;
  p99: number;
  devAt1: number;
  factsAt1: number;
}

/** Share of items whose first excerpt holds a gold answer (abstaining counts as wrong). */
function answerAt1(answers: readonly Answer[], golds: ReadonlyArray<readonly string[]>): number {
  const right = answers.filter(
    (answer, n) => answer.answered && containsGoldAnswer(answer.excerpts[0]?.text ?? "", golds[n] ?? []),
  );
  return right.length / answers.length;
}

/** Answers every question once on its own sentence views (so no configuration warms another's), timing each. */
function timedAnswers(engine: QaEngine, budget: number | null, questions: readonly string[]) {
  const options =
    budget === null ? engine.context.options : { ...engine.context.options, passageBudget: budget };
  const context = { ...engine.context, options, views: new SentenceViews(sectionFieldOf) };
  const millis: number[] = [];
  const answers = questions.map((question) => {
    const started = performance.now();
    const answer = answerQuestion(context, engine.model, question);
    millis.push(performance.now() - started);
    return answer;
  });
  return { answers, millis: millis.sort((a, b) => a - b) };
}

await runCommand(measureCommand, ({ values }) => {
  const articles = integerOption("articles", values.articles, 1) ?? 9060;
  const seed = integerOption("seed", values.seed, 0) ?? 42;
  const factCount = integerOption("facts", values.facts, 1) ?? 150;
  const budgets = (values.budgets ?? "")
    .split(",")
    .filter(Boolean)
    .map((value) => (value === "none" ? Number.POSITIVE_INFINITY : Number(value)));
  const dev = readEvalItems(resolve("../shared/eval/dev.jsonl")).filter((item) => item.answerable);
  const dir = mkdtempSync(join(tmpdir(), "measure-retrieval-"));
  try {
    const generated = writeSyntheticCorpus(dir, { articles, seed });
    copyFileSync(resolve("corpus/lal-masjid.txt"), join(dir, "lal-masjid.txt"));
    const allFacts = generated.flatMap((article) => article.facts);
    const step = Math.max(1, Math.floor(allFacts.length / factCount));
    const facts = allFacts.filter((_, n) => n % step === 0).slice(0, factCount);
    const loadAtStart = loadavg()[0] ?? 0;
    const built = performance.now();
    const { engine } = loadEngine({ corpusDir: dir, cacheDir: null });
    const passages = engine.context.passagesById.size;
    console.error(`built ${passages} passages in ${formatMs(performance.now() - built)}`);
    const questions = [...facts.map((fact) => fact.question), ...dev.map((item) => item.question)];
    const golds = [...facts.map((fact) => [fact.answer]), ...dev.map((item) => item.answers)];
    const seedAlone = loadEngine({ corpusDir: resolve("corpus"), cacheDir: null }).engine;
    const devAloneAt1 = answerAt1(
      dev.map((item) => seedAlone.answer(item.question)),
      dev.map((item) => item.answers),
    );
    // Warm-up, every question once: the model file, the JIT, what the engine prepares once (title terms)
    // and the collector's first passes over the freshly built index, which otherwise all fell on the first
    // configuration timed (45 ms p50 against 12–47 ms for the others in one run).
    timedAnswers(engine, null, questions);
    const rows: Row[] = [];
    for (const budget of [null, ...budgets]) {
      const { answers, millis } = timedAnswers(engine, budget, questions);
      rows.push({
        config:
          budget === null
            ? `default (budget ${engine.context.options.passageBudget})`
            : budget === Number.POSITIVE_INFINITY
              ? "no budget"
              : `budget ${budget}`,
        p50: percentile(millis, 0.5),
        p99: percentile(millis, 0.99),
        factsAt1: answerAt1(answers.slice(0, facts.length), golds.slice(0, facts.length)),
        devAt1: answerAt1(answers.slice(facts.length), golds.slice(facts.length)),
      });
      console.error(`${rows.at(-1)?.config}: p50 ${formatMs(rows.at(-1)?.p50 ?? 0)}`);
    }
    const plain = new PlainBaseline(readCorpusFiles(dir).files);
    const plainMillis = questions
      .map((question) => {
        const started = performance.now();
        plain.search(question);
        return performance.now() - started;
      })
      .sort((a, b) => a - b);
    const plainRow = { p50: percentile(plainMillis, 0.5), p99: percentile(plainMillis, 0.99) };
    const load = { start: loadAtStart, end: loadavg()[0] ?? 0 };
    if (values.json) {
      console.log(JSON.stringify({ articles, passages, load, devAloneAt1, plain: plainRow, rows }));
      return;
    }
    const percent = (share: number) => `${(share * 100).toFixed(0)}%`;
    console.log(
      `${articles} generated articles + seed: ${passages.toLocaleString("en-US")} passages; load ${load.start.toFixed(1)} → ${load.end.toFixed(1)}`,
    );
    console.log(
      `plain MiniSearch: p50 ${formatMs(plainRow.p50)}, p99 ${formatMs(plainRow.p99)}; seed dev answer@1 on the seed alone ${percent(devAloneAt1)}`,
    );
    console.log(
      "| configuration | p50 | p99 | p50 / plain | p99 / plain | seed dev answer@1 | facts answer@1 |",
    );
    console.log("| --- | --- | --- | --- | --- | --- | --- |");
    for (const row of rows)
      console.log(
        `| ${row.config} | ${formatMs(row.p50)} | ${formatMs(row.p99)} | ${(row.p50 / plainRow.p50).toFixed(3)} | ${(row.p99 / plainRow.p99).toFixed(3)} | ${percent(row.devAt1)} | ${percent(row.factsAt1)} |`,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
