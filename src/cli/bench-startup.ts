import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { projectRoot } from "../core/project-root.ts";
import { CommandError } from "./args.ts";
import { isolatedEnvironment } from "./isolated-environment.ts";
import { formatMs, median } from "./latency.ts";
import type { StartupProbeReport } from "./startup-probe.ts";

/**
 * The process start-up section of `npm run bench`: a cached start plus one answer, as a person runs it
 * (`echo "when was it built" | node dist/src/main.js`, no token, so the terminal chat answers and exits),
 * timed from spawn to exit beside `tsx src/main.ts` (what `npm start` runs) and bare `node -e 0` (the floor);
 * then where a start of `dist/` goes, from marks `main.ts` sets and a preloaded probe reads
 * (startup-probe.ts). The target is the issue's "cached start plus one answer under 0.5 s".
 */

/** How the start-up section runs. */
export interface StartupBenchOptions {
  /** The corpus the chat answers from (its CORPUS_DIR). */
  corpusDir: string;
  /** Timed starts of each command, after one untimed start that warms the index cache and tsx's. */
  runs: number;
  /** The one line piped to the chat. */
  question: string;
}

export const defaultStartupBenchOptions = {
  runs: 7,
  question: "when was it built",
} satisfies Partial<StartupBenchOptions>;

/** Cached start plus one answer of the production build, in ms. */
export const STARTUP_TARGET_MS = 500;

/** What `tsconfig.build.json` compiles, and its settings: a change to any makes `dist/` stale. */
const BUILD_INPUTS = ["src", "commands", "scripts", "tsconfig.json", "tsconfig.build.json"];
const DIST_ENTRY = "dist/src/main.js";
const DIST_PROBE = "dist/src/cli/startup-probe.js";

type TimedCommand = "dist" | "tsx" | "node";

/** The commands timed, as a person would type them (run from the project folder). */
const COMMAND_LINES: Record<TimedCommand, string> = {
  dist: `node ${DIST_ENTRY}`,
  tsx: "tsx src/main.ts (npm start)",
  node: "node -e 0 (Node alone)",
};

/** A start's stages, in ms, from the probe's marks. */
interface StartupStages {
  /** Process start to our first line. */
  node: number;
  /** Loading every module main.js imports. */
  modules: number;
  /** Reading the configuration and loading the engine from the index cache. */
  engine: number;
  /** The chat reading the question, answering it (the answer model is read on the first answer) and returning. */
  answer: number;
  /** Process start to the chat returning: the sum of the stages above. */
  inProcess: number;
  /** Wall time outside the process's own clock: spawning it before its clock starts, and its exit. */
  spawnAndExit: number;
  /** CPU time of the whole process (user + system). */
  cpu: number;
}

export interface StartupReport {
  corpusDir: string;
  question: string;
  /** The chat's first line of reply to `question` (from the untimed start of `dist/`). */
  reply: string;
  /** Timed starts of each command. */
  runs: number;
  /** Whether this run built `dist/` first (it was missing or older than a source file). */
  built: boolean;
  /** Every timed start loaded the index from the cache its command's warm-up start wrote. */
  fromCache: boolean;
  /** Wall time of each command, from spawn to exit: median and best of `runs`. */
  wallMs: Record<TimedCommand, { command: string; median: number; best: number }>;
  targetMs: number;
  /** The median of `dist` under the target. */
  pass: boolean;
  /**
   * Where a start of `dist` goes: the median of each stage over `runs` more starts of it with the probe
   * preloaded (medians, so the stages need not add up exactly to `inProcess`).
   */
  breakdownMs: StartupStages;
}

/** The newest modification time of a file or of any file under a folder. */
function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(path, { recursive: true, encoding: "utf8" }).map(
      (name) => statSync(join(path, name)).mtimeMs,
    ),
  );
}

/**
 * Runs `npm run build` unless `dist/` is newer than everything it is compiled from; returns whether it built.
 */
export function ensureProductionBuild(progress: (message: string) => void): boolean {
  const entry = join(projectRoot, DIST_ENTRY);
  const fresh =
    existsSync(entry) &&
    existsSync(join(projectRoot, DIST_PROBE)) &&
    statSync(entry).mtimeMs >=
      Math.max(...BUILD_INPUTS.map((input) => newestChange(join(projectRoot, input))));
  if (fresh) return false;
  progress("start-up: building dist/ (npm run build)");
  const build = spawnSync("npm", ["run", "build"], { cwd: projectRoot, encoding: "utf8" });
  if (build.status !== 0)
    throw new CommandError(`npm run build failed (exit ${build.status}):\n${build.stdout}${build.stderr}`);
  return true;
}

/** Each file of a folder with its modification time, to see whether anything was rewritten since. */
function snapshot(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .sort()
    .map((name) => `${name}@${statSync(join(dir, name)).mtimeMs}`)
    .join("\n");
}

interface Start {
  ms: number;
  stdout: string;
  stderr: string;
}

/** Runs one command to its exit, with `input` on stdin; a failed start stops the benchmark. */
function start(
  label: string,
  file: string,
  args: readonly string[],
  env: Record<string, string>,
  input = "",
): Start {
  const started = performance.now();
  const run = spawnSync(file, args, { cwd: projectRoot, env, input, encoding: "utf8" });
  const ms = performance.now() - started;
  if (run.error !== undefined || run.status !== 0)
    throw new CommandError(
      `start-up: ${label} failed (${run.error?.message ?? `exit ${run.status}`}):\n${run.stderr}`,
    );
  return { ms, stdout: run.stdout, stderr: run.stderr };
}

/** The probe's report, the last line a probed start wrote on stderr, as stages. */
function stagesOf(probed: Start): StartupStages {
  const report = JSON.parse(probed.stderr.trimEnd().split("\n").at(-1) ?? "") as StartupProbeReport;
  const { nodeStarted, modulesLoaded, engineLoaded, chatDone } = report.marksMs;
  if (
    nodeStarted === undefined ||
    modulesLoaded === undefined ||
    engineLoaded === undefined ||
    chatDone === undefined
  )
    throw new CommandError(`start-up: the probe did not see every stage: ${JSON.stringify(report)}`);
  return {
    node: nodeStarted,
    modules: modulesLoaded - nodeStarted,
    engine: engineLoaded - modulesLoaded,
    answer: chatDone - engineLoaded,
    inProcess: chatDone,
    spawnAndExit: probed.ms - chatDone,
    cpu: report.cpuMs,
  };
}

/**
 * Times cached starts of the production build, of tsx and of bare Node, each command with its own index
 * cache, warmed by one untimed start. The commands take turns in each round, so drift (other work on the
 * machine, CPU frequency) hits them alike. Builds `dist/` first when it is stale.
 */
export function benchStartup(
  options: StartupBenchOptions,
  progress: (message: string) => void,
): StartupReport {
  const built = ensureProductionBuild(progress);
  const input = `${options.question}\n`;
  const dataDir = mkdtempSync(join(tmpdir(), "bench-start-data-"));
  const cacheDirs = {
    dist: mkdtempSync(join(tmpdir(), "bench-start-cache-")),
    tsx: mkdtempSync(join(tmpdir(), "bench-start-cache-")),
  };
  const env = (cacheDir: string) =>
    isolatedEnvironment({ CORPUS_DIR: options.corpusDir, CACHE_DIR: cacheDir, DATA_DIR: dataDir });
  const tsx = join(projectRoot, "node_modules/.bin/tsx");
  const probe = `--import=${pathToFileURL(join(projectRoot, DIST_PROBE)).href}`;
  const starts = {
    dist: () => start(COMMAND_LINES.dist, process.execPath, [DIST_ENTRY], env(cacheDirs.dist), input),
    tsx: () => start(COMMAND_LINES.tsx, tsx, ["src/main.ts"], env(cacheDirs.tsx), input),
    node: () => start(COMMAND_LINES.node, process.execPath, ["-e", "0"], env(cacheDirs.dist)),
    // The same start as `dist`, on its cache, with the probe preloaded.
    probed: () =>
      start(
        `${COMMAND_LINES.dist} (probed)`,
        process.execPath,
        [probe, DIST_ENTRY],
        env(cacheDirs.dist),
        input,
      ),
  };
  try {
    progress(`start-up: warming the index caches (one start each of ${COMMAND_LINES.dist} and tsx)`);
    const reply = starts.dist().stdout.split("\n")[0] ?? "";
    starts.tsx();
    const warm = { dist: snapshot(cacheDirs.dist), tsx: snapshot(cacheDirs.tsx) };

    progress(`start-up: ${options.runs} rounds of starts`);
    const wall: Record<TimedCommand, number[]> = { dist: [], tsx: [], node: [] };
    const stages: StartupStages[] = [];
    for (let round = 0; round < options.runs; round++) {
      wall.dist.push(starts.dist().ms);
      wall.tsx.push(starts.tsx().ms);
      wall.node.push(starts.node().ms);
      stages.push(stagesOf(starts.probed()));
    }

    const summary = (name: TimedCommand) => ({
      command: COMMAND_LINES[name],
      median: median(wall[name]),
      best: Math.min(...wall[name]),
    });
    const stageMedian = (stage: keyof StartupStages) => median(stages.map((each) => each[stage]));
    const distMedian = median(wall.dist);
    return {
      corpusDir: options.corpusDir,
      question: options.question,
      reply,
      runs: options.runs,
      built,
      fromCache:
        warm.dist !== "" && snapshot(cacheDirs.dist) === warm.dist && snapshot(cacheDirs.tsx) === warm.tsx,
      wallMs: { dist: summary("dist"), tsx: summary("tsx"), node: summary("node") },
      targetMs: STARTUP_TARGET_MS,
      pass: distMedian < STARTUP_TARGET_MS,
      breakdownMs: {
        node: stageMedian("node"),
        modules: stageMedian("modules"),
        engine: stageMedian("engine"),
        answer: stageMedian("answer"),
        inProcess: stageMedian("inProcess"),
        spawnAndExit: stageMedian("spawnAndExit"),
        cpu: stageMedian("cpu"),
      },
    };
  } finally {
    for (const dir of [dataDir, cacheDirs.dist, cacheDirs.tsx]) rmSync(dir, { recursive: true, force: true });
  }
}

/** The section as `npm run bench` prints it. */
export function formatStartup(report: StartupReport): string {
  const { wallMs, breakdownMs: stages } = report;
  const cell = (text: string, width: number) => text.padStart(width);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const wallRow = (name: TimedCommand, note = "") =>
    `  ${wallMs[name].command.padEnd(48)}${cell(seconds(wallMs[name].median), 8)}${cell(seconds(wallMs[name].best), 8)}   ${note}`.trimEnd();
  const stageRow = (label: string, ms: number) => `    ${label.padEnd(62)}${cell(formatMs(ms), 8)}`;
  const starts = `${report.runs} start${report.runs === 1 ? "" : "s"}`;
  return [
    `process start-up: cached start plus one answer, "${report.question}" piped to the terminal chat, ${starts} each`,
    `  corpus ${report.corpusDir}${report.built ? "; dist/ was stale and built first" : ""}`,
    `  ${"wall time, spawn to exit".padEnd(48)}${cell("median", 8)}${cell("best", 8)}`,
    wallRow("dist", `under ${seconds(report.targetMs)} (median): ${report.pass ? "PASS" : "FAIL"}`),
    wallRow("tsx"),
    wallRow("node"),
    `  reply: ${report.reply}; ${report.fromCache ? "every timed start read the index cache" : "NOT FROM CACHE: a timed start rewrote the index cache"}`,
    `  where a start of ${wallMs.dist.command} goes (median of ${starts}, marks in one process):`,
    stageRow("Node, up to our first line", stages.node),
    stageRow("our modules (everything main.js imports)", stages.modules),
    stageRow("configuration and the engine from the index cache", stages.engine),
    stageRow("the first answer (it reads the answer model), chat returns", stages.answer),
    stageRow("in the process, in all", stages.inProcess),
    stageRow("outside its clock (spawn, exit)", stages.spawnAndExit),
    stageRow("CPU time (user + system)", stages.cpu),
  ].join("\n");
}
