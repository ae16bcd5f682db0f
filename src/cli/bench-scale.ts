import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import MiniSearch from "minisearch";
import { loadEngine } from "../core/engine.ts";
import { ingestCorpus, readCorpusFiles } from "../core/ingest/corpus.ts";
import { projectRoot } from "../core/project-root.ts";
import type { Article } from "../core/types.ts";
import { CommandError } from "./args.ts";
import { OFF_TOPIC_QUESTIONS, type SanityCheck, sanityCheck, spreadSample } from "./bench-questions.ts";
import { containsGoldAnswer, readEvalItems } from "./evaluation.ts";
import { formatMs, median, percentile } from "./latency.ts";
import { type ProgressStream, progressLine, progressReporter } from "./progress-line.ts";
import { type ProbeReport, type ProbeRequest, plainMiniSearchOptions } from "./scale-probe.ts";
import { type SyntheticFact, writeSyntheticCorpus } from "./synthetic-corpus.ts";

/**
 * The scale section of `npm run bench -- --passages N` (issue 11): the seed corpus placed among enough
 * generated articles to make about N passages, then our engine beside a plain MiniSearch (default options,
 * over the same passages' text) in one run: first build, cache size, a cold start from the cache plus one
 * answer, per-question latency, memory while answering, and whether the seed corpus's questions are still
 * answered in the haystack. Cold starts and memory are measured in child processes (scale-probe.ts), so a
 * start is cold and the build's peak does not count. Ratios are what matter.
 *
 * `--build-only` (automatic from {@link BUILD_ONLY_FROM} passages) builds and caches ours alone, then
 * cold-starts it from the cache in a child: the issue's million-passage check, "builds and caches".
 */

/** How the section runs. */
export interface ScaleBenchOptions {
  /** Passages wanted in the haystack (seed corpus plus generated articles). */
  passages: number;
  /** Seed of the generated articles. */
  seed: number;
  /** The seed corpus (the real one), placed among the generated articles. */
  seedCorpusDir: string;
  /** The seed corpus's evaluation items; the haystack row is skipped when the file is absent. */
  devPath: string;
  /** Build, cache and cold-start ours only: no plain baseline, latency, haystack or memory child. */
  buildOnly: boolean;
  /** Timed rounds of the latency questions, fewer when {@link latencyBudgetMs} runs out (at least one). */
  rounds: number;
  latencyBudgetMs: number;
  /** Cold starts of ours, each in a new process; the median is reported. */
  coldStarts: number;
  /** Questions answered by the memory child; RSS is noted every {@link rssEvery} of them. */
  memoryQuestions: number;
  rssEvery: number;
}

export const defaultScaleBenchOptions = {
  rounds: 2,
  latencyBudgetMs: 120_000,
  coldStarts: 3,
  memoryQuestions: 1000,
  rssEvery: 200,
} satisfies Partial<ScaleBenchOptions>;

/** From this many passages the section builds ours only, unless told otherwise (memory, and hours of plain work). */
export const BUILD_ONLY_FROM = 500_000;

/** The issue's targets. */
export const SCALE_TARGETS = {
  /** Ours over plain MiniSearch, per question. */
  p50Ratio: 0.05,
  p99Ratio: 0.1,
  /** Our cold start plus one answer over plain MiniSearch's build. */
  coldStartRatio: 0.5,
  /** Peak RSS of the child answering the memory questions, in bytes. */
  peakRss: 1024 ** 3,
  /** RSS after every later checkpoint at most this much above the RSS after the first `rssEvery` questions. */
  flatGrowth: 0.1,
  /** Haystack answer@1 at most this far below the seed corpus's own, in points. */
  haystackPoints: 3,
} as const;

/** Generated articles ingested to measure passages per article. */
const SIZING_SAMPLE_ARTICLES = 50;
/** Fact questions in the latency set and the sanity check. */
const FACT_QUESTIONS = 100;

export interface Percentiles {
  p50: number;
  p99: number;
}

/** A cold start from the cache plus one answer, in one child process; ms. */
export interface ColdStart {
  /** Spawn to exit, as a person waits for it. */
  wall: number;
  /** Process start to our modules loaded (tsx compiles them here). */
  modules: number;
  /** Loading the engine (or the plain index) from what the build left on disk. */
  load: number;
  /** The first answer. */
  answer: number;
  /** `load + answer`: the part the cache format decides, compared with plain MiniSearch's build. */
  loadAndAnswer: number;
}

/** The resident set size of a child that only loads and answers; bytes. */
export interface MemoryUse {
  afterLoad: number;
  /** After each `rssEvery` questions. */
  at: Array<{ answered: number; rss: number }>;
  peak: number;
  /** No checkpoint after the first one more than `flatGrowth` above it. */
  flat: boolean;
  /**
   * Ours only, from a second run: the heap kept (used after a forced collection) at each checkpoint, and
   * whether it stays within `flatGrowth` of the first: RSS also holds garbage not yet collected.
   */
  kept?: { at: Array<{ answered: number; heap: number }>; flat: boolean };
}

export interface ScaleReport {
  passagesAsked: number;
  /** Passages and articles in the haystack, as built. */
  passages: number;
  articles: number;
  syntheticArticles: number;
  /** Measured on the first {@link SIZING_SAMPLE_ARTICLES} generated articles. */
  passagesPerArticle: number;
  seed: number;
  seedCorpusDir: string;
  buildOnly: boolean;
  /** One-minute load average at the start and at the end: above the CPU count, other work inflated the timings. */
  loadAverage: { start: number; end: number };
  generateMs: number;
  /** First run: ours reads, ingests, indexes and writes the cache; plain adds the same passages' text. */
  buildMs: { ours: number; plain: number | null };
  /** Ours: every file under the cache folder; plain: `JSON.stringify` of the index. */
  cacheBytes: { ours: number; plain: number | null };
  /** Why the cache was not written, when it was not (nothing after the build is then measured). */
  cacheError: string | null;
  /** Peak RSS of this process, the build included; bytes. */
  buildPeakRss: number;
  /** Ours: the median of `coldStarts` starts; plain: one start from its JSON. */
  coldStart: { ours: ColdStart; plain: ColdStart | null; runs: number; firstAnswered: boolean } | null;
  latency: { questions: number; rounds: number; ours: Percentiles; plain: Percentiles } | null;
  memory: { questions: number; ours: MemoryUse; plain: MemoryUse } | null;
  /** Answer@1 of the seed corpus's answerable dev questions, in the haystack and on the seed corpus alone. */
  haystack: { items: number; inHaystack: number; seedAlone: number } | { skipped: string } | null;
  sanity: SanityCheck | null;
  targets: Array<{ target: string; measured: string; pass: boolean }>;
}

/** Generated articles that, beside `seedPassages`, make about `passages` passages at `perArticle` each. */
export function syntheticArticlesFor(passages: number, perArticle: number, seedPassages: number): number {
  return Math.max(1, Math.ceil((passages - seedPassages) / perArticle));
}

const passagesIn = (articles: readonly Article[]) =>
  articles.reduce((sum, article) => sum + article.passages.length, 0);

/** Passages per generated article, from ingesting the first articles the seed gives (every run gives them alike). */
export function measurePassagesPerArticle(seed: number, workDir: string): number {
  const dir = join(workDir, "sizing-sample");
  writeSyntheticCorpus(dir, { articles: SIZING_SAMPLE_ARTICLES, seed });
  const articles = ingestCorpus(dir, readCorpusFiles(dir).files, []);
  rmSync(dir, { recursive: true, force: true });
  return passagesIn(articles) / SIZING_SAMPLE_ARTICLES;
}

/** Total bytes of every file under a folder: the cache's size whatever its format. */
export function folderBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => statSync(join(dir, name)))
    .filter((stat) => stat.isFile())
    .reduce((sum, stat) => sum + stat.size, 0);
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

/** Runs the probe in a new Node process and returns its report and its wall time. */
function runProbe(request: ProbeRequest): { report: ProbeReport; wallMs: number } {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      ...(request.collectGarbage ? ["--expose-gc"] : []),
      "--import",
      "tsx",
      join(projectRoot, "src/cli/scale-probe.ts"),
      JSON.stringify(request),
    ],
    { cwd: projectRoot, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
  );
  const wallMs = performance.now() - started;
  if (run.error !== undefined || run.status !== 0)
    throw new CommandError(
      `scale: the ${request.system} probe failed (${run.error?.message ?? `exit ${run.status}`}):\n${run.stderr}`,
    );
  const report = JSON.parse(run.stdout.trimEnd().split("\n").at(-1) ?? "") as ProbeReport;
  if (!report.fromCache)
    throw new CommandError("scale: the cold start rebuilt the index instead of loading the cache");
  return { report, wallMs };
}

function coldStartOf({ report, wallMs }: { report: ProbeReport; wallMs: number }): ColdStart {
  const load = report.loadedMs - report.modulesMs;
  const answer = report.firstAnswerMs - report.loadedMs;
  return { wall: wallMs, modules: report.modulesMs, load, answer, loadAndAnswer: load + answer };
}

function memoryUseOf(report: ProbeReport): MemoryUse {
  const [first, ...later] = report.rssAt;
  return {
    afterLoad: report.rssAfterLoad,
    at: report.rssAt,
    peak: report.peakRss,
    flat:
      first !== undefined && later.every((each) => each.rss <= first.rss * (1 + SCALE_TARGETS.flatGrowth)),
  };
}

function keptOf(report: ProbeReport): MemoryUse["kept"] {
  const [first, ...later] = report.keptAt;
  return {
    at: report.keptAt,
    flat:
      first !== undefined && later.every((each) => each.heap <= first.heap * (1 + SCALE_TARGETS.flatGrowth)),
  };
}

function percentilesOf(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
}

/** Writes the haystack: generated articles, then the seed corpus's files beside them. Returns the facts stated. */
function writeHaystack(
  dir: string,
  options: ScaleBenchOptions,
  syntheticArticles: number,
  questions: number,
  bars: ProgressStream,
): SyntheticFact[] {
  const bar = progressLine(bars, `scale: generating ${syntheticArticles.toLocaleString("en-US")} articles`, {
    quietMs: 0,
  });
  const generated = writeSyntheticCorpus(
    dir,
    { articles: syntheticArticles, seed: options.seed },
    (written, total) =>
      bar.update(written / total, `${written.toLocaleString("en-US")}/${total.toLocaleString("en-US")}`),
  );
  cpSync(options.seedCorpusDir, dir, { recursive: true });
  bar.done();
  return spreadSample(
    generated.flatMap((article) => article.facts),
    questions,
  );
}

/** Builds the plain MiniSearch over the passages' text, with a progress bar; the bar's updates are negligible. */
function buildPlain(articles: readonly Article[], bars: ProgressStream): MiniSearch {
  const documents = articles.flatMap((article) =>
    article.passages.map((passage) => ({ id: passage.id, text: passage.text })),
  );
  const bar = progressLine(bars, "scale: building plain MiniSearch", { quietMs: 0 });
  const index = new MiniSearch(plainMiniSearchOptions);
  const chunk = Math.max(1, Math.floor(documents.length / 100));
  for (let from = 0; from < documents.length; from += chunk) {
    index.addAll(documents.slice(from, from + chunk));
    bar.update(
      (from + chunk) / documents.length,
      `${Math.min(from + chunk, documents.length).toLocaleString("en-US")} passages`,
    );
  }
  bar.done();
  return index;
}

/** Answer@1 of answerable items, in the haystack and on the seed corpus alone. */
function haystackCheck(
  options: ScaleBenchOptions,
  inHaystack: (question: string) => string | null,
): ScaleReport["haystack"] {
  if (!existsSync(options.devPath)) return { skipped: `${options.devPath} is absent` };
  const items = readEvalItems(options.devPath).filter((item) => item.answerable);
  const seedAlone = loadEngine({ corpusDir: options.seedCorpusDir, cacheDir: null }).engine;
  const answerAt1 = (answer: (question: string) => string | null) =>
    items.filter((item) => containsGoldAnswer(answer(item.question) ?? "", item.answers)).length /
    items.length;
  return {
    items: items.length,
    inHaystack: answerAt1(inHaystack),
    seedAlone: answerAt1((question) => {
      const answer = seedAlone.answer(question);
      return answer.answered ? (answer.excerpts[0]?.text ?? null) : null;
    }),
  };
}

/**
 * Times ours and plain on every question, taking turns so drift hits both alike, for `rounds` rounds or
 * until the budget runs out (one round at least).
 */
function measureLatency(
  questions: readonly string[],
  ours: (question: string) => unknown,
  plain: (question: string) => unknown,
  options: ScaleBenchOptions,
  bars: ProgressStream,
): NonNullable<ScaleReport["latency"]> {
  const samples = { ours: [] as number[], plain: [] as number[] };
  const started = performance.now();
  const bar = progressLine(bars, "scale: latency", { quietMs: 0 });
  let rounds = 0;
  while (rounds < options.rounds && (rounds === 0 || performance.now() - started < options.latencyBudgetMs)) {
    questions.forEach((question, n) => {
      let at = performance.now();
      ours(question);
      samples.ours.push(performance.now() - at);
      at = performance.now();
      plain(question);
      samples.plain.push(performance.now() - at);
      bar.update((rounds + (n + 1) / questions.length) / options.rounds, `round ${rounds + 1}`);
    });
    rounds++;
  }
  bar.done();
  return {
    questions: questions.length,
    rounds,
    ours: percentilesOf(samples.ours),
    plain: percentilesOf(samples.plain),
  };
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const times = (ratio: number) => `${ratio.toFixed(ratio < 0.1 ? 3 : 2)}×`;
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function targetsOf(report: ScaleReport): ScaleReport["targets"] {
  const targets: ScaleReport["targets"] = [];
  const { latency, coldStart, memory, haystack, buildMs } = report;
  targets.push({
    target: "builds and writes the cache",
    measured: report.cacheError ?? `${megabytes(report.cacheBytes.ours)} in ${formatMs(buildMs.ours)}`,
    pass: report.cacheError === null,
  });
  if (latency !== null) {
    const p50 = latency.ours.p50 / latency.plain.p50;
    const p99 = latency.ours.p99 / latency.plain.p99;
    targets.push(
      {
        target: `per question p50 ≤ ${SCALE_TARGETS.p50Ratio}× plain`,
        measured: times(p50),
        pass: p50 <= SCALE_TARGETS.p50Ratio,
      },
      {
        target: `per question p99 ≤ ${SCALE_TARGETS.p99Ratio}× plain`,
        measured: times(p99),
        pass: p99 <= SCALE_TARGETS.p99Ratio,
      },
    );
  }
  if (coldStart !== null && buildMs.plain !== null) {
    const ratio = coldStart.ours.loadAndAnswer / buildMs.plain;
    targets.push({
      target: `cold start + one answer ≤ ${SCALE_TARGETS.coldStartRatio}× plain build`,
      measured: `${times(ratio)} (${formatMs(coldStart.ours.loadAndAnswer)} vs ${formatMs(buildMs.plain)})`,
      pass: ratio <= SCALE_TARGETS.coldStartRatio,
    });
  }
  if (memory !== null) {
    targets.push(
      {
        target: `peak RSS ≤ 1 GB answering ${memory.questions.toLocaleString("en-US")} questions`,
        measured: megabytes(memory.ours.peak),
        pass: memory.ours.peak <= SCALE_TARGETS.peakRss,
      },
      {
        target: `RSS flat after the first ${memory.ours.at[0]?.answered ?? 0} (≤ +${SCALE_TARGETS.flatGrowth * 100}%)`,
        measured: memory.ours.at.map((each) => megabytes(each.rss)).join(" → "),
        pass: memory.ours.flat,
      },
    );
  }
  if (haystack !== null && !("skipped" in haystack)) {
    const points = (haystack.seedAlone - haystack.inHaystack) * 100;
    targets.push({
      target: `haystack answer@1 within ${SCALE_TARGETS.haystackPoints} points of the seed corpus alone`,
      measured: `${percent(haystack.inHaystack)} vs ${percent(haystack.seedAlone)}`,
      pass: points <= SCALE_TARGETS.haystackPoints,
    });
  }
  return targets;
}

/** Runs the section; `progress` hears each stage, and the long ones draw a progress bar on `bars`. */
export function benchScale(
  options: ScaleBenchOptions,
  progress: (message: string) => void,
  bars: ProgressStream = process.stderr,
): ScaleReport {
  const loadAtStart = loadavg()[0] as number;
  const workDir = mkdtempSync(join(tmpdir(), "bench-scale-"));
  const corpusDir = join(workDir, "corpus");
  const cacheDir = join(workDir, "cache");
  try {
    progress("scale: measuring passages per generated article");
    const seedPassages = passagesIn(
      loadEngine({ corpusDir: options.seedCorpusDir, cacheDir: null }).engine.articles,
    );
    const passagesPerArticle = measurePassagesPerArticle(options.seed, workDir);
    const syntheticArticles = syntheticArticlesFor(options.passages, passagesPerArticle, seedPassages);
    const { value: facts, ms: generateMs } = timed(() =>
      writeHaystack(
        corpusDir,
        options,
        syntheticArticles,
        Math.max(FACT_QUESTIONS, options.memoryQuestions),
        bars,
      ),
    );

    const onProgress = progressReporter(bars, "scale: building ours (first run)", { quietMs: 0 });
    const built = timed(() => loadEngine({ corpusDir, cacheDir, onProgress }));
    const cacheError =
      built.value.warnings.find((warning) => warning.message.startsWith("index cache not written"))
        ?.message ?? null;
    const report: ScaleReport = {
      passagesAsked: options.passages,
      passages: passagesIn(built.value.engine.articles),
      articles: built.value.engine.articles.length,
      syntheticArticles,
      passagesPerArticle,
      seed: options.seed,
      seedCorpusDir: options.seedCorpusDir,
      buildOnly: options.buildOnly,
      loadAverage: { start: loadAtStart, end: Number.NaN },
      generateMs,
      buildMs: { ours: built.ms, plain: null },
      cacheBytes: { ours: existsSync(cacheDir) ? folderBytes(cacheDir) : 0, plain: null },
      cacheError,
      buildPeakRss: process.resourceUsage().maxRSS * 1024,
      coldStart: null,
      latency: null,
      memory: null,
      haystack: null,
      sanity: null,
      targets: [],
    };
    if (cacheError === null)
      measureFromCache(report, options, { workDir, corpusDir, cacheDir, facts }, progress, bars);
    report.loadAverage.end = loadavg()[0] as number;
    report.targets = targetsOf(report);
    return report;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** Everything after the build: cold starts and memory in children, then the plain baseline, latency and accuracy here. */
function measureFromCache(
  report: ScaleReport,
  options: ScaleBenchOptions,
  paths: { workDir: string; corpusDir: string; cacheDir: string; facts: readonly SyntheticFact[] },
  progress: (message: string) => void,
  bars: ProgressStream,
): void {
  const { workDir, corpusDir, cacheDir, facts } = paths;
  const questionsFile = join(workDir, "questions.json");
  const plainFile = join(workDir, "plain.json");
  const factQuestions = spreadSample(facts, FACT_QUESTIONS);
  const memoryQuestions = facts.slice(0, options.memoryQuestions).map((fact) => fact.question);
  writeFileSync(questionsFile, JSON.stringify(memoryQuestions));
  const request = (system: ProbeRequest["system"], questions: number): ProbeRequest => ({
    system,
    corpusDir,
    cacheDir,
    plainFile,
    questionsFile,
    questions,
    checkpoints: Array.from(
      { length: Math.floor(questions / options.rssEvery) },
      (_, n) => (n + 1) * options.rssEvery,
    ),
  });

  const coldRuns = options.buildOnly ? 1 : options.coldStarts;
  progress(
    `scale: ${coldRuns} cold start${coldRuns === 1 ? "" : "s"} of ours from the cache, each in a new process`,
  );
  const starts = Array.from({ length: coldRuns }, () => runProbe(request("ours", 1)));
  const colds = starts.map(coldStartOf);
  const medianOf = (key: keyof ColdStart) => median(colds.map((cold) => cold[key]));
  report.coldStart = {
    ours: {
      wall: medianOf("wall"),
      modules: medianOf("modules"),
      load: medianOf("load"),
      answer: medianOf("answer"),
      loadAndAnswer: medianOf("loadAndAnswer"),
    },
    plain: null,
    runs: coldRuns,
    firstAnswered: starts.every((start) => start.report.firstAnswered),
  };
  report.buildPeakRss = process.resourceUsage().maxRSS * 1024;
  if (options.buildOnly) return;

  progress(
    `scale: ${options.memoryQuestions.toLocaleString("en-US")} questions answered by ours in a new process, for its memory`,
  );
  const oursMemory = runProbe(request("ours", options.memoryQuestions)).report;
  const oursKept = runProbe({ ...request("ours", options.memoryQuestions), collectGarbage: true }).report;

  const articles = ingestCorpus(corpusDir, readCorpusFiles(corpusDir).files, []);
  const plainBuild = timed(() => buildPlain(articles, bars));
  const plain = plainBuild.value;
  report.buildMs.plain = plainBuild.ms;
  const plainJson = JSON.stringify(plain);
  report.cacheBytes.plain = Buffer.byteLength(plainJson);
  writeFileSync(plainFile, plainJson);

  // Plain MiniSearch keeps nothing between searches, and a search of it reads every passage holding a common
  // word (a second or so each at 100,000 passages): its first checkpoint shows its memory, and that one
  // process's first search is its cold start.
  const plainQuestions = Math.min(options.memoryQuestions, options.rssEvery);
  progress(`scale: plain MiniSearch from its JSON in a new process, answering ${plainQuestions} questions`);
  const plainMemory = runProbe(request("plain", plainQuestions));
  report.coldStart.plain = coldStartOf(plainMemory);
  report.memory = {
    questions: options.memoryQuestions,
    ours: { ...memoryUseOf(oursMemory), kept: keptOf(oursKept) },
    plain: memoryUseOf(plainMemory.report),
  };

  const loaded = loadEngine({ corpusDir, cacheDir });
  if (!loaded.fromCache) throw new CommandError("scale: loading the cache for latency rebuilt the index");
  const { engine } = loaded;
  const questions = [
    ...factQuestions.map((fact) => fact.question),
    ...OFF_TOPIC_QUESTIONS,
    ...(existsSync(options.devPath) ? readEvalItems(options.devPath).map((item) => item.question) : []),
  ];
  // Warm-up: the JIT on both paths and the answer model's first read, on questions not timed.
  for (const question of OFF_TOPIC_QUESTIONS.slice(0, 5)) {
    engine.answer(question);
    plain.search(question);
  }
  report.latency = measureLatency(
    questions,
    (question) => engine.answer(question),
    (question) => plain.search(question),
    options,
    bars,
  );

  progress("scale: answer@1 in the haystack and on the seed corpus alone");
  report.sanity = sanityCheck(engine, factQuestions);
  report.haystack = haystackCheck(options, (question) => {
    const answer = engine.answer(question);
    return answer.answered ? (answer.excerpts[0]?.text ?? null) : null;
  });
}

/** The section as `npm run bench` prints it. */
export function formatScale(report: ScaleReport): string {
  const cell = (text: string, width: number) => text.padStart(width);
  const row = (label: string, ours: string, plain: string, ratio: string, note = "") =>
    `  ${label.padEnd(44)}${cell(ours, 10)}${cell(plain, 10)}${cell(ratio, 9)}   ${note}`.trimEnd();
  const ratioOf = (ours: number, plain: number | null | undefined) =>
    plain === null || plain === undefined ? "" : times(ours / plain);
  const { buildMs, cacheBytes, coldStart, latency, memory, haystack, sanity } = report;
  const count = (n: number) => n.toLocaleString("en-US");
  const lines = [
    `scale: ${count(report.passagesAsked)} passages asked for: ${count(report.passages)} passages in ${count(report.articles)} articles (${count(report.syntheticArticles)} generated, seed ${report.seed}, ${report.passagesPerArticle.toFixed(1)} passages each on a sample, plus the seed corpus ${report.seedCorpusDir})${report.buildOnly ? "; build only" : ""}`,
    `  load average ${report.loadAverage.start.toFixed(1)} at start, ${report.loadAverage.end.toFixed(1)} at end; generating took ${formatMs(report.generateMs)}; this process's peak RSS ${megabytes(report.buildPeakRss)} (the build's)`,
    row("", "ours", "plain", "ratio"),
    row(
      "build (first run)",
      formatMs(buildMs.ours),
      buildMs.plain === null ? "—" : formatMs(buildMs.plain),
      ratioOf(buildMs.ours, buildMs.plain),
      "ours: read, ingest, index, write the cache; plain: add the passages' text",
    ),
    row(
      "cache file size",
      megabytes(cacheBytes.ours),
      cacheBytes.plain === null ? "—" : megabytes(cacheBytes.plain),
      ratioOf(cacheBytes.ours, cacheBytes.plain),
      "ours: every file under the cache folder; plain: JSON.stringify",
    ),
  ];
  if (report.cacheError !== null) lines.push(`  CACHE NOT WRITTEN: ${report.cacheError}`);
  if (coldStart !== null) {
    const { ours, plain } = coldStart;
    lines.push(
      row(
        "cold start + one answer (vs plain build)",
        formatMs(ours.loadAndAnswer),
        buildMs.plain === null ? "—" : formatMs(buildMs.plain),
        ratioOf(ours.loadAndAnswer, buildMs.plain),
        `median of ${coldStart.runs} new processes: load ${formatMs(ours.load)}, answer ${formatMs(ours.answer)}; modules ${formatMs(ours.modules)} (tsx); spawn to exit ${formatMs(ours.wall)}${coldStart.firstAnswered ? "" : "; THE QUESTION WAS DECLINED"}`,
      ),
    );
    if (plain !== null)
      lines.push(
        row(
          "  plain from its JSON + one search",
          formatMs(plain.loadAndAnswer),
          "",
          "",
          `load ${formatMs(plain.load)}, search ${formatMs(plain.answer)} (the first of its memory process)`,
        ),
      );
  }
  if (latency !== null) {
    const rounds = `${latency.questions} questions × ${latency.rounds} round${latency.rounds === 1 ? "" : "s"}`;
    lines.push(
      row(
        "per question p50",
        formatMs(latency.ours.p50),
        formatMs(latency.plain.p50),
        ratioOf(latency.ours.p50, latency.plain.p50),
        rounds,
      ),
      row(
        "per question p99",
        formatMs(latency.ours.p99),
        formatMs(latency.plain.p99),
        ratioOf(latency.ours.p99, latency.plain.p99),
      ),
    );
  }
  if (memory !== null) {
    const rss = (use: MemoryUse, answered: number) => {
      const at = use.at.find((each) => each.answered === answered);
      return at === undefined ? "—" : megabytes(at.rss);
    };
    const first = memory.ours.at[0]?.answered ?? 0;
    lines.push(
      row(
        "RSS after loading from the cache",
        megabytes(memory.ours.afterLoad),
        megabytes(memory.plain.afterLoad),
        ratioOf(memory.ours.afterLoad, memory.plain.afterLoad),
        "a new process that only loads and answers",
      ),
      row(`RSS after ${count(first)} questions`, rss(memory.ours, first), rss(memory.plain, first), ""),
      row(
        `RSS after ${count(memory.questions)} questions`,
        rss(memory.ours, memory.questions),
        rss(memory.plain, memory.questions),
        "",
        `ours: ${memory.ours.at.map((each) => megabytes(each.rss)).join(" → ")}; ${memory.ours.flat ? "flat" : "GROWING"} after the first ${count(first)}`,
      ),
      row(
        "heap kept (after a forced collection)",
        megabytes(memory.ours.kept?.at.at(-1)?.heap ?? 0),
        "—",
        "",
        `ours, a second run under --expose-gc: ${(memory.ours.kept?.at ?? []).map((each) => megabytes(each.heap)).join(" → ")}; ${memory.ours.kept?.flat ? "flat" : "GROWING"} after the first ${count(first)}`,
      ),
      row(
        "peak RSS of that process",
        megabytes(memory.ours.peak),
        megabytes(memory.plain.peak),
        ratioOf(memory.ours.peak, memory.plain.peak),
        `plain's process answers ${count(memory.plain.at.at(-1)?.answered ?? 0)} (it keeps nothing between searches)`,
      ),
    );
  }
  if (haystack !== null) {
    lines.push(
      "skipped" in haystack
        ? `  haystack: skipped, ${haystack.skipped}`
        : `  haystack: answer@1 of the seed corpus's ${haystack.items} answerable dev questions ${percent(haystack.inHaystack)} among the generated articles, ${percent(haystack.seedAlone)} on the seed corpus alone`,
    );
  }
  if (sanity !== null)
    lines.push(
      `  sanity: ${percent(sanity.answerAt1)} of ${FACT_QUESTIONS} generated fact questions answered right at rank 1, ${percent(sanity.offTopicAbstention)} of off-topic questions declined`,
    );
  lines.push("  targets (issue 11):");
  for (const target of report.targets)
    lines.push(`    ${target.pass ? "PASS" : "FAIL"}  ${target.target}: ${target.measured}`);
  return lines.join("\n");
}
