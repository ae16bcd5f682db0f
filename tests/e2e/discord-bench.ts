/**
 * `npx tsx tests/e2e/discord-bench.ts` (options in `USAGE` below), also the second half of `npm run bench`.
 *
 * How fast the bot acknowledges `/ask` under load: the real bot (real discord.js client, real engine over
 * the real corpus) runs against FakeDiscord, and each interaction is timed from the moment its
 * INTERACTION_CREATE is sent to the moment the fake has accepted its callback. Interactions go out through
 * a sliding window: `concurrency` are in flight at any time, and the next is sent as soon as one is fully
 * answered (for a deferral, once its reply is edited in). Afterwards every interaction must have had exactly
 * one accepted callback, no 10062 (too late) or 40060 (answered twice) rejection, and a visible answer.
 *
 * By default the fake and the driver that times it run in a worker thread and the bot in this one, as in
 * production, where Discord is another machine: the bot's event loop does none of the fake's work. With
 * `sameThread` (`--same-thread`) all three share one event loop, as before, and every time includes the
 * fake's own work and its wait behind the fake.
 *
 * It lives under tests/ rather than src/cli/ because it drives FakeDiscord, the test fake: the product never
 * needs it.
 */
import { mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { threadId } from "node:worker_threads";
import { InteractionResponseType, RESTJSONErrorCodes } from "discord.js";
import { helpRequested, integerOption, type OptionValues, runCommand } from "../../src/cli/args.ts";
import { benchCommand, defaultDiscordBenchOptions } from "../../src/cli/bench-command.ts";
import { realCorpusQuestions } from "../../src/cli/bench-questions.ts";
import { holdHeapGrowth } from "../../src/cli/heap-growth.ts";
import { formatMs, percentile } from "../../src/cli/latency.ts";
import { explainingCorpusErrors } from "../../src/cli/load.ts";
import { loadEngine, type QaEngine } from "../../src/core/engine.ts";
import type { StudyEngine } from "../../src/discord/command.ts";
import { eventually, startBotAgainst, testToken } from "./bot-harness.ts";
import { deferredAnswerWaitMs, interactionTokenOf, startBenchDiscordHere } from "./discord-bench-driver.ts";
import type { FakeDiscordOptions, RecordedRequest } from "./fake-discord.ts";
import { startBenchDiscordInWorker } from "./fake-discord-worker.ts";

/** What to send; every field has its default in {@link defaultDiscordBenchOptions}. */
export interface DiscordBenchOptions {
  /** `/ask` interactions timed and checked. */
  interactions: number;
  /** Interactions in flight at once (a sliding window, not batches). */
  concurrency: number;
  /** Questions asked in turn, from the first again after the last. */
  questions: readonly string[];
  /**
   * Interactions sent first, through the same window, to warm the JIT and discord.js's lazy paths. They are
   * checked like the others but left out of the latency figures and counts.
   */
  warmUp: number;
  /** What the bot answers from; the engine over the project's corpus when omitted. */
  engine?: StudyEngine;
  /** How the fake Discord behaves, e.g. a shorter interaction window; Discord's own when omitted. */
  fake?: Partial<FakeDiscordOptions>;
  /** Where the bot sends its REST requests, e.g. a proxy in front of the fake; the fake itself when omitted. */
  apiBase?: string;
  /**
   * Runs the fake Discord and the driver on the bot's event loop instead of in a worker thread, so each time
   * includes the fake's work (the benchmark before the worker, kept to compare).
   */
  sameThread?: boolean;
}

/** Where the fake Discord ran: in a worker thread beside the bot's, or on the bot's own event loop. */
export type DiscordBenchMode = "separate threads" | "same thread";

/** What one benchmark run measured. Counts cover the timed interactions only. */
export interface DiscordBenchResult {
  mode: DiscordBenchMode;
  interactions: number;
  concurrency: number;
  warmUp: number;
  /** Distinct questions asked. */
  questions: number;
  /**
   * INTERACTION_CREATE sent → callback accepted, in ms, over the timed interactions that got a callback
   * (NaN when none did).
   */
  latencyMs: { p50: number; p99: number; max: number; mean: number };
  /** Exactly one accepted callback, no rejected one, and a visible answer (a deferral's edit included). */
  answered: number;
  /** Accepted callbacks by type: 4 a direct reply, 5 a deferral ("thinking…"), anything else. */
  callbacks: { direct: number; deferred: number; other: number };
  /** Callbacks Discord would have rejected: 10062 after the 3 s window, 40060 for a second callback. */
  rejected: { unknownInteraction: number; alreadyAcknowledged: number; other: number };
  /** Errors the bot logged while handling (each also ends in an apology instead of an answer). */
  botErrors: number;
  /** One line per interaction (warm-up included) that was not answered exactly once, e.g. for a log. */
  problems: string[];
  /** From the first timed interaction sent to the last one answered. */
  wallMs: number;
  /**
   * The share of the timed run the bot's event loop was busy (the fake's too with `sameThread`). Near 1 the
   * bot's own work limits how fast answers come, and more in flight only lengthens the queue.
   */
  botLoopBusy: number;
  /**
   * The bot's thread (the fake's too with `sameThread`) over the timed run, per timed interaction: time on a
   * core, which holds whatever else the machine runs, and time ready to run but waiting for a core, which is
   * what other work on the machine added. Null where Linux's schedstat cannot be read.
   */
  botThreadMsPerInteraction: { running: number; waitingForCore: number } | null;
}

const isCallback = (request: RecordedRequest) => request.path.endsWith("/callback");
const accepted = (request: RecordedRequest) => request.status < 300;
const errorCode = (request: RecordedRequest) =>
  (request.responseBody as { code?: unknown } | undefined)?.code;

/** How one interaction was answered, judged from every request the bot made for it. */
function judge(requests: readonly RecordedRequest[]) {
  const callbacks = requests.filter(isCallback);
  const acceptedCallbacks = callbacks.filter(accepted);
  const rejectedCodes = callbacks.filter((request) => !accepted(request)).map(errorCode);
  const callbackType = (acceptedCallbacks[0]?.body as { type?: InteractionResponseType } | undefined)?.type;
  const visible =
    callbackType === InteractionResponseType.ChannelMessageWithSource ||
    (callbackType === InteractionResponseType.DeferredChannelMessageWithSource &&
      requests.some((request) => !isCallback(request) && accepted(request)));
  const answered = acceptedCallbacks.length === 1 && rejectedCodes.length === 0 && visible;
  const problem = answered
    ? undefined
    : `${acceptedCallbacks.length} accepted callback(s)${
        rejectedCodes.length > 0 ? `, rejected with ${rejectedCodes.join(", ")}` : ""
      }${acceptedCallbacks.length > 0 && !visible ? ", no visible answer" : ""}`;
  return { callbackType, rejectedCodes, answered, problem };
}

/**
 * Starts a fake Discord and the real bot, sends `warmUp` and then `interactions` `/ask` interactions through
 * a sliding window of `concurrency`, and reports acknowledgement latency and whether each was answered once.
 */
export async function benchmarkDiscord(
  options: Partial<DiscordBenchOptions> & Pick<DiscordBenchOptions, "questions">,
): Promise<DiscordBenchResult> {
  const { interactions, concurrency, questions, warmUp, engine, sameThread } = {
    ...defaultDiscordBenchOptions,
    ...options,
  };
  if (questions.length === 0) throw new Error("benchmarkDiscord needs at least one question");
  const fakeOptions = { token: testToken, ...options.fake };
  const discord = sameThread
    ? await startBenchDiscordHere(fakeOptions)
    : await startBenchDiscordInWorker(fakeOptions);
  // The bot's settings database, in a folder of the bench's own, removed when it ends.
  const dataDir = mkdtempSync(join(tmpdir(), "discord-bench-data-"));
  try {
    const testBot = await startBotAgainst(options.apiBase ?? discord.apiBase, { engine, dataDir });
    try {
      const warmUpRound = await discord.send({ count: warmUp, concurrency, questions });
      const loopBefore = performance.eventLoopUtilization();
      const scheduleBefore = threadSchedule();
      const timedRound = await discord.send({ count: interactions, concurrency, questions });
      const scheduleAfter = threadSchedule();
      const loopBusy = performance.eventLoopUtilization(loopBefore).utilization;

      // Wait for the bot to finish with every interaction, so a late second callback would be on record too.
      const total = warmUp + interactions;
      const finished = () =>
        testBot.logs.filter((line) => line.msg === "interaction handled" || line.msg === "interaction failed")
          .length;
      await eventually(
        () => (finished() >= total ? true : undefined),
        "the bot to log every interaction",
        deferredAnswerWaitMs,
      );

      const requestsByToken = new Map<string, RecordedRequest[]>();
      for (const request of await discord.interactionRequests()) {
        const token = interactionTokenOf(request);
        if (token !== undefined) requestsByToken.set(token, [...(requestsByToken.get(token) ?? []), request]);
      }

      const result: DiscordBenchResult = {
        // Where the fake was seen to run, not where it was asked to.
        mode: timedRound.threadId === threadId ? "same thread" : "separate threads",
        interactions,
        concurrency,
        warmUp,
        questions: new Set(questions).size,
        latencyMs: latencySummary(timedRound.outcomes.flatMap((outcome) => outcome.latencyMs ?? [])),
        answered: 0,
        callbacks: { direct: 0, deferred: 0, other: 0 },
        rejected: { unknownInteraction: 0, alreadyAcknowledged: 0, other: 0 },
        botErrors: testBot.logs.filter((line) => line.level === "error").length,
        problems: [],
        wallMs: timedRound.wallMs,
        botLoopBusy: loopBusy,
        botThreadMsPerInteraction:
          scheduleBefore && scheduleAfter
            ? {
                running: (scheduleAfter.runningMs - scheduleBefore.runningMs) / interactions,
                waitingForCore: (scheduleAfter.waitingMs - scheduleBefore.waitingMs) / interactions,
              }
            : null,
      };
      for (const [n, outcome] of [...warmUpRound.outcomes, ...timedRound.outcomes].entries()) {
        const verdict = judge(requestsByToken.get(outcome.token) ?? []);
        const label = n < warmUp ? "warm-up interaction" : "interaction";
        if (verdict.problem)
          result.problems.push(`${label} ${outcome.id} ("${outcome.question}"): ${verdict.problem}`);
        if (n < warmUp) continue;
        if (verdict.answered) result.answered++;
        if (verdict.callbackType === InteractionResponseType.ChannelMessageWithSource)
          result.callbacks.direct++;
        else if (verdict.callbackType === InteractionResponseType.DeferredChannelMessageWithSource)
          result.callbacks.deferred++;
        else if (verdict.callbackType !== undefined) result.callbacks.other++;
        for (const code of verdict.rejectedCodes) {
          if (code === RESTJSONErrorCodes.UnknownInteraction) result.rejected.unknownInteraction++;
          else if (code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged)
            result.rejected.alreadyAcknowledged++;
          else result.rejected.other++;
        }
      }
      return result;
    } finally {
      await testBot.stop();
    }
  } finally {
    await discord.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * How long the calling thread has run on a core and waited for one, in ms, from Linux's
 * `/proc/thread-self/schedstat` (nanoseconds); undefined where it cannot be read.
 */
function threadSchedule(): { runningMs: number; waitingMs: number } | undefined {
  try {
    const [running, waiting] = readFileSync("/proc/thread-self/schedstat", "utf8").split(" ").map(Number);
    if (running === undefined || waiting === undefined || Number.isNaN(running + waiting)) return undefined;
    return { runningMs: running / 1e6, waitingMs: waiting / 1e6 };
  } catch {
    return undefined;
  }
}

function latencySummary(samples: readonly number[]): DiscordBenchResult["latencyMs"] {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
  };
}

/** Every timed interaction answered exactly once, and nothing went wrong on the way (warm-up included). */
export function benchPassed(result: DiscordBenchResult): boolean {
  return result.answered === result.interactions && result.problems.length === 0 && result.botErrors === 0;
}

function formatResult(result: DiscordBenchResult): string {
  const { latencyMs, callbacks, rejected } = result;
  const rejections = [
    `${rejected.unknownInteraction} × 10062`,
    `${rejected.alreadyAcknowledged} × 40060`,
    `${rejected.other} other`,
  ].join(", ");
  const lines = [
    `discord: ${result.interactions} /ask interactions (${result.questions} distinct questions) through the fake Discord to the real bot, sliding window of ${result.concurrency} in flight, after ${result.warmUp} untimed warm-up`,
    result.mode === "separate threads"
      ? "  the fake Discord and the driver in a worker thread, the bot in the main thread (as in production)"
      : "  the fake Discord, the driver and the bot on one event loop (--same-thread): times include the fake's work",
    `  INTERACTION_CREATE → callback   p50 ${formatMs(latencyMs.p50)}, p99 ${formatMs(latencyMs.p99)}, max ${formatMs(latencyMs.max)}, mean ${formatMs(latencyMs.mean)}`,
    `  answered exactly once: ${result.answered}/${result.interactions} ${benchPassed(result) ? "PASS" : "FAIL"}`,
    `  callbacks: ${callbacks.direct} direct replies (type 4), ${callbacks.deferred} deferrals (type 5), ${callbacks.other} other; rejected: ${rejections}; bot errors: ${result.botErrors}`,
    `  ${formatMs(result.wallMs)} in all, ${((result.interactions / result.wallMs) * 1000).toFixed(0)} interactions/s; ${result.mode === "same thread" ? "the shared" : "the bot's"} event loop busy ${(result.botLoopBusy * 100).toFixed(0)}% of it`,
    ...(result.botThreadMsPerInteraction
      ? [
          `  ${result.mode === "same thread" ? "the shared" : "the bot's"} thread per /ask: ${formatMs(result.botThreadMsPerInteraction.running)} on a core, ${formatMs(result.botThreadMsPerInteraction.waitingForCore)} waiting for one (other work on the machine)`,
        ]
      : []),
    ...result.problems.slice(0, 10).map((problem) => `  ${problem}`),
  ];
  if (result.problems.length > 10) lines.push(`  … and ${result.problems.length - 10} more`);
  return lines.join("\n");
}

/** `npx tsx tests/e2e/discord-bench.ts`, the second half of `npm run bench`: its options, its own usage. */
const discordBenchCommand = {
  ...benchCommand,
  command: "npx tsx tests/e2e/discord-bench.ts",
  summary:
    "The Discord half of npm run bench: sends /ask interactions through the fake Discord to the real bot, times each until Discord would have its answer, and checks every one was answered exactly once. The fake Discord runs in a worker thread beside the bot's unless --same-thread. It accepts the engine benchmark's options too, and ignores them.",
};

/**
 * The engine over `corpusDir` as the bot has it on every start but its first: loaded from its index cache,
 * which is built here first in a temporary folder (removed again). An engine built without a cache holds
 * every sentence of every article (194 MB of heap for the 2,000-article corpus, against 55 MB loaded from
 * the cache), which the bot never serves from.
 */
function engineFromItsCache(corpusDir: string): QaEngine {
  const cacheDir = mkdtempSync(join(tmpdir(), "discord-bench-cache-"));
  console.error(`… discord: building the index cache of ${corpusDir}, then starting from it`);
  try {
    return explainingCorpusErrors(() => {
      loadEngine({ corpusDir, cacheDir });
      const loaded = loadEngine({ corpusDir, cacheDir });
      if (!loaded.fromCache)
        throw new Error("discord: the engine was rebuilt instead of loaded from its cache");
      return loaded.engine;
    });
  } finally {
    // The cache file stays open for the articles' sentences; removing it leaves the open file readable.
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

async function main(values: OptionValues<typeof benchCommand.options>): Promise<void> {
  const interactions =
    integerOption("interactions", values.interactions, 1) ?? defaultDiscordBenchOptions.interactions;
  const concurrency =
    integerOption("concurrency", values.concurrency, 1) ?? defaultDiscordBenchOptions.concurrency;
  const warmUp = integerOption("warm-up", values["warm-up"], 0) ?? defaultDiscordBenchOptions.warmUp;
  const engine = values.corpus === undefined ? undefined : engineFromItsCache(values.corpus);
  // As the bot serves (cli/load.ts).
  holdHeapGrowth();
  console.error("… discord: starting the fake Discord and the bot");
  const result = await benchmarkDiscord({
    interactions,
    concurrency,
    warmUp,
    questions: realCorpusQuestions(),
    engine,
    sameThread: values["same-thread"] === true,
  });
  console.log(values.json ? JSON.stringify(result) : formatResult(result));
  if (!benchPassed(result)) process.exitCode = 1;
}

const argv = process.argv.slice(2);
const runDirectly =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
// Under `npm run bench -- --help` the engine's benchmark has already printed the usage of both.
const helpAlreadyShown = process.env.npm_lifecycle_event === "bench" && helpRequested(argv);
if (runDirectly && !helpAlreadyShown)
  await runCommand(discordBenchCommand, ({ values }) => main(values), argv);
