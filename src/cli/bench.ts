import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadEngine } from "../core/engine.ts";
import { defaultEngineOptions } from "../core/index/options.ts";
import { buildSearchIndex, indexedPassages, Vocabulary } from "../core/index/search-index.ts";
import { ingestCorpus, readCorpusFiles } from "../core/ingest/corpus.ts";
import { parseCliArgs, UsageError } from "./args.ts";
import { containsGoldAnswer, PlainBaseline, readEvalItems } from "./evaluation.ts";
import {
  defaultSyntheticCorpusOptions,
  type SyntheticFact,
  writeSyntheticCorpus,
} from "./synthetic-corpus.ts";

/**
 * `npm run bench -- [--corpus DIR] [--articles N] [--seed S] [--rounds R] [--json]`
 *
 * Cost of our engine relative to plain MiniSearch on the same data, on the real corpus and on a
 * generated one: index build, cached start-up, per-question latency (p50/p99) and memory. Ratios
 * are what matter; absolute times depend on the machine. The latency target is the issue's
 * "per-question cost within 5× of a bare MiniSearch search on the same index".
 */

const LATENCY_BOUND = 5;
const CACHED_START_TARGET_MS = 1000;
/** Questions drawn from the synthetic corpus's facts (plus the off-topic ones). */
const SYNTHETIC_QUESTIONS = 150;

/** Used for the real corpus when `../shared/eval/dev.jsonl` is absent (it is a dev-only file). */
const GENERIC_QUESTIONS = [
  "when was it built",
  "who founded it",
  "which city is it in",
  "what does the name mean",
  "who was the first leader",
  "what happened in 2007",
  "how many people were killed",
  "who designed the building",
  "what is it made of",
  "where is it located",
];

/** Questions no generated article answers; the engine should abstain on them. */
const OFF_TOPIC_QUESTIONS = [
  "who won the football world cup in 1998",
  "what is the boiling point of mercury",
  "how tall is mount everest",
  "who wrote war and peace",
  "what is the speed of light in a vacuum",
  "when did the berlin wall fall",
  "how many moons does jupiter have",
  "what is the capital of australia",
  "who painted the mona lisa",
  "how do you bake sourdough bread",
  "what language is spoken in brazil",
  "when was the telephone invented",
  "what is photosynthesis",
  "who discovered penicillin",
  "how deep is the mariana trench",
];

interface Percentiles {
  p50: number;
  p99: number;
}

interface LatencyReport {
  questions: number;
  rounds: number;
  ours: Percentiles;
  /** Bare `search` on the plain baseline index (45-word windows of the raw text, default options). */
  barePlainIndex: Percentiles;
  /** Bare `search` on a MiniSearch built exactly as ours (passages, our tokenizer and options). */
  bareSameIndex: Percentiles;
  ratioToPlainIndex: Percentiles;
  ratioToSameIndex: Percentiles;
  /** Both same-index ratios within the bound. */
  pass: boolean;
  /** Our slowest questions by median time. */
  slowest: Array<{ question: string; p50: number }>;
}

interface CorpusReport {
  name: string;
  dir: string;
  articles: number;
  passages: number;
  words: number;
  build: {
    oursMs: number;
    plainMs: number;
    ratio: number;
    /** One extra run of loadEngine's stages, to see where build time goes. */
    stagesMs: { read: number; ingest: number; index: number; vocabulary: number };
  };
  cachedStart: {
    ms: number;
    fromCache: boolean;
    cacheMb: number;
    ratioToPlainBuild: number;
    underTarget: boolean;
  };
  latency: LatencyReport;
  /** Synthetic corpus only: share of fact questions answered right at rank 1, and of off-topic ones declined. */
  sanity?: { answerAt1: number; offTopicAbstention: number };
}

interface BenchReport {
  node: string;
  cpus: number;
  corpora: CorpusReport[];
  memory: { peakRssMb: number; heapUsedMb: number };
}

const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

/** Nearest-rank percentile of ascending values. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

/**
 * Median time of `run`. The first run warms the JIT and lazy loads and is discarded when there is
 * time for more (up to 5 more within about 3 s); a run of seconds is reported as is.
 */
function medianBuildTime(run: () => unknown): number {
  const first = timed(run).ms;
  if (first > 2000) return first;
  const times: number[] = [];
  let spent = 0;
  while (times.length < 5 && spent < 3000) {
    const { ms } = timed(run);
    times.push(ms);
    spent += ms;
  }
  return median(times);
}

/**
 * Times every system on every question, `rounds` times, after one warm-up pass. Systems alternate
 * per question so drift (GC, CPU frequency) hits them alike.
 */
function measureLatency(
  questions: readonly string[],
  systems: Record<"ours" | "plain" | "same", (question: string) => unknown>,
  rounds: number,
): Record<"ours" | "plain" | "same", number[][]> {
  const names = ["ours", "plain", "same"] as const;
  for (const question of questions) for (const name of names) systems[name](question);
  const samples = { ours: [] as number[][], plain: [] as number[][], same: [] as number[][] };
  for (const name of names) samples[name] = questions.map(() => []);
  for (let round = 0; round < rounds; round++) {
    questions.forEach((question, n) => {
      for (const name of names) {
        const started = performance.now();
        systems[name](question);
        samples[name][n]?.push(performance.now() - started);
      }
    });
  }
  return samples;
}

function percentilesOf(perQuestion: readonly number[][]): Percentiles {
  const sorted = perQuestion.flat().sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
}

function latencyReport(questions: readonly string[], samples: Record<string, number[][]>, rounds: number) {
  const ours = percentilesOf(samples.ours ?? []);
  const plain = percentilesOf(samples.plain ?? []);
  const same = percentilesOf(samples.same ?? []);
  const ratio = (a: Percentiles, b: Percentiles) => ({ p50: a.p50 / b.p50, p99: a.p99 / b.p99 });
  const ratioToSameIndex = ratio(ours, same);
  const slowest = questions
    .map((question, n) => ({ question, p50: median(samples.ours?.[n] ?? []) }))
    .sort((a, b) => b.p50 - a.p50)
    .slice(0, 3);
  return {
    questions: questions.length,
    rounds,
    ours,
    barePlainIndex: plain,
    bareSameIndex: same,
    ratioToPlainIndex: ratio(ours, plain),
    ratioToSameIndex,
    pass: ratioToSameIndex.p50 <= LATENCY_BOUND && ratioToSameIndex.p99 <= LATENCY_BOUND,
    slowest,
  } satisfies LatencyReport;
}

/** Runs every measurement on one corpus folder; `facts` (synthetic only) adds the sanity check. */
function benchCorpus(
  name: string,
  dir: string,
  questions: readonly string[],
  rounds: number,
  facts?: readonly SyntheticFact[],
): CorpusReport {
  const { files } = readCorpusFiles(dir);
  const oursMs = medianBuildTime(() => loadEngine({ corpusDir: dir, cacheDir: null }));
  const plainMs = medianBuildTime(() => new PlainBaseline(readCorpusFiles(dir).files));

  const read = timed(() => readCorpusFiles(dir).files);
  const ingest = timed(() => ingestCorpus(dir, read.value, []));
  const index = timed(() => buildSearchIndex(ingest.value, defaultEngineOptions));
  const vocabulary = timed(() => Vocabulary.fromPassages(indexedPassages(ingest.value)));

  const cacheDir = mkdtempSync(join(tmpdir(), "bench-cache-"));
  let cachedStart: CorpusReport["cachedStart"];
  try {
    loadEngine({ corpusDir: dir, cacheDir });
    const second = loadEngine({ corpusDir: dir, cacheDir });
    cachedStart = {
      ms: second.millis,
      fromCache: second.fromCache,
      cacheMb: statSync(join(cacheDir, "index.json")).size / 1024 / 1024,
      ratioToPlainBuild: second.millis / plainMs,
      underTarget: second.fromCache && second.millis < CACHED_START_TARGET_MS,
    };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }

  const { engine } = loadEngine({ corpusDir: dir, cacheDir: null });
  const baseline = new PlainBaseline(files);
  const sameIndex = buildSearchIndex(engine.articles, defaultEngineOptions);
  const samples = measureLatency(
    questions,
    {
      ours: (question) => engine.answer(question),
      plain: (question) => baseline.search(question),
      same: (question) => sameIndex.search(question),
    },
    rounds,
  );

  let sanity: CorpusReport["sanity"];
  if (facts !== undefined) {
    const rightAt1 = facts.filter((fact) => {
      const answer = engine.answer(fact.question);
      return answer.answered && containsGoldAnswer(answer.excerpts[0]?.text ?? "", [fact.answer]);
    }).length;
    const declined = OFF_TOPIC_QUESTIONS.filter((question) => !engine.answer(question).answered).length;
    sanity = {
      answerAt1: rightAt1 / facts.length,
      offTopicAbstention: declined / OFF_TOPIC_QUESTIONS.length,
    };
  }

  const passages = engine.articles.reduce((sum, article) => sum + article.passages.length, 0);
  return {
    name,
    dir,
    articles: engine.articles.length,
    passages,
    words: files.reduce((sum, file) => sum + file.text.split(/\s+/u).filter(Boolean).length, 0),
    build: {
      oursMs,
      plainMs,
      ratio: oursMs / plainMs,
      stagesMs: { read: read.ms, ingest: ingest.ms, index: index.ms, vocabulary: vocabulary.ms },
    },
    cachedStart,
    latency: latencyReport(questions, samples, rounds),
    sanity,
  };
}

/** Every `step`-th fact, so questions cover the whole corpus without randomness. */
function spreadSample<T>(items: readonly T[], count: number): T[] {
  const step = Math.max(1, Math.floor(items.length / count));
  return items.filter((_, n) => n % step === 0).slice(0, count);
}

const ms = (value: number) =>
  value >= 1000
    ? `${(value / 1000).toFixed(2)} s`
    : value >= 10
      ? `${value.toFixed(0)} ms`
      : `${value.toFixed(value >= 1 ? 1 : 3)} ms`;
const times = (value: number) => `${value.toFixed(1)}×`;
const verdict = (pass: boolean) => (pass ? "PASS" : "FAIL");

function formatCorpus(report: CorpusReport): string {
  const { build, cachedStart, latency } = report;
  const stages = build.stagesMs;
  const row = (label: string, ours: number, other: number, note: string) =>
    `  ${label.padEnd(30)} ${ms(ours).padStart(10)} ${ms(other).padStart(10)} ${times(ours / other).padStart(8)}   ${note}`;
  const lines = [
    `${report.name}: ${report.dir}`,
    `  ${report.articles} articles, ${report.words.toLocaleString("en-US")} words, ${report.passages} passages; ${latency.questions} questions × ${latency.rounds} rounds`,
    `  ${"".padEnd(30)} ${"ours".padStart(10)} ${"plain".padStart(10)} ${"ratio".padStart(8)}`,
    row(
      "index build",
      build.oursMs,
      build.plainMs,
      `stages: read ${ms(stages.read)}, ingest ${ms(stages.ingest)}, index ${ms(stages.index)}, vocabulary ${ms(stages.vocabulary)}`,
    ),
    row(
      "cached start-up (vs plain build)",
      cachedStart.ms,
      build.plainMs,
      cachedStart.fromCache
        ? `cache ${cachedStart.cacheMb.toFixed(1)} MB; under 1 s: ${verdict(cachedStart.underTarget)}`
        : "NOT FROM CACHE: the second load rebuilt the index",
    ),
    row("latency p50 (vs plain index)", latency.ours.p50, latency.barePlainIndex.p50, ""),
    row("latency p99 (vs plain index)", latency.ours.p99, latency.barePlainIndex.p99, ""),
    row(
      "latency p50 (vs same index)",
      latency.ours.p50,
      latency.bareSameIndex.p50,
      `≤ ${LATENCY_BOUND}×: ${verdict(latency.ratioToSameIndex.p50 <= LATENCY_BOUND)}`,
    ),
    row(
      "latency p99 (vs same index)",
      latency.ours.p99,
      latency.bareSameIndex.p99,
      `≤ ${LATENCY_BOUND}×: ${verdict(latency.ratioToSameIndex.p99 <= LATENCY_BOUND)}`,
    ),
    `  slowest questions (ours, p50): ${latency.slowest.map((slow) => `${ms(slow.p50)} "${slow.question}"`).join("; ")}`,
  ];
  if (report.sanity !== undefined) {
    lines.push(
      `  sanity: ${(report.sanity.answerAt1 * 100).toFixed(0)}% of fact questions answered right at rank 1, ${(report.sanity.offTopicAbstention * 100).toFixed(0)}% of off-topic questions declined`,
    );
  }
  return lines.join("\n");
}

function integerOption(name: string, value: string | undefined, fallback: number, least: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < least)
    throw new UsageError(`--${name} needs an integer ≥ ${least}`);
  return parsed;
}

function main(): void {
  const args = parseCliArgs(process.argv.slice(2), {
    flags: ["json"],
    values: ["corpus", "articles", "seed", "rounds"],
  });
  const corpusDir = resolve(args.values.corpus ?? "corpus");
  const articles = integerOption("articles", args.values.articles, defaultSyntheticCorpusOptions.articles, 1);
  const seed = integerOption("seed", args.values.seed, defaultSyntheticCorpusOptions.seed, 0);
  const rounds = integerOption("rounds", args.values.rounds, 10, 1);
  const progress = (message: string) => {
    if (!args.flags.json) console.error(message);
  };

  const devQuestions = resolve("../shared/eval/dev.jsonl");
  const realQuestions = existsSync(devQuestions)
    ? readEvalItems(devQuestions).map((item) => item.question)
    : GENERIC_QUESTIONS;
  progress(`real corpus ${corpusDir} …`);
  const corpora = [benchCorpus("real corpus", corpusDir, realQuestions, rounds)];

  const syntheticDir = mkdtempSync(join(tmpdir(), "bench-synthetic-"));
  try {
    progress(`synthetic corpus: generating ${articles} articles (seed ${seed}) …`);
    const generated = writeSyntheticCorpus(syntheticDir, { articles, seed });
    const facts = spreadSample(
      generated.flatMap((article) => article.facts),
      SYNTHETIC_QUESTIONS,
    );
    const questions = [...facts.map((fact) => fact.question), ...OFF_TOPIC_QUESTIONS];
    progress("synthetic corpus: measuring …");
    corpora.push(
      benchCorpus(
        `synthetic corpus (${articles} articles, seed ${seed})`,
        syntheticDir,
        questions,
        rounds,
        facts,
      ),
    );
  } finally {
    rmSync(syntheticDir, { recursive: true, force: true });
  }

  const report: BenchReport = {
    node: process.version,
    cpus: availableParallelism(),
    corpora,
    memory: {
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      heapUsedMb: process.memoryUsage().heapUsed / 1024 / 1024,
    },
  };
  if (args.flags.json) {
    console.log(JSON.stringify(report));
    return;
  }
  console.log(`node ${report.node}, ${report.cpus} CPUs\n`);
  for (const corpus of corpora) console.log(`${formatCorpus(corpus)}\n`);
  console.log(
    `memory: peak RSS ${report.memory.peakRssMb.toFixed(0)} MB, heap used at the end ${report.memory.heapUsedMb.toFixed(0)} MB`,
  );
}

try {
  main();
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(
    `${error.message}\nusage: npm run bench -- [--corpus DIR] [--articles N] [--seed S] [--rounds R] [--json]`,
  );
  process.exitCode = 2;
}
