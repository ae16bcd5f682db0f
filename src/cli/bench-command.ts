import type { CommandSpec } from "./args.ts";
import { BUILD_ONLY_FROM } from "./bench-scale.ts";
import { defaultStartupBenchOptions } from "./bench-startup.ts";
import { defaultSyntheticCorpusOptions } from "./synthetic-corpus.ts";

/** What the Discord benchmark sends unless told otherwise. */
export const defaultDiscordBenchOptions = {
  /** `/ask` interactions timed and checked. */
  interactions: 500,
  /** Interactions in flight at once. */
  concurrency: 20,
  /** Untimed interactions sent first. */
  warmUp: 20,
};

/**
 * The command line of `npm run bench`, which runs two benchmarks with the same arguments: the engine's
 * (`src/cli/bench.ts`) and the Discord round trip's (`tests/e2e/discord-bench.ts`). Both accept every option,
 * each using its own, so one usage describes them.
 */
export const benchCommand = {
  command: "npm run bench --",
  synopsis: [
    "[--json] [--corpus DIR] [--starts N] [--articles N] [--seed S] [--rounds R] [--interactions N] [--concurrency C] [--warm-up W] [--same-thread]",
    "--passages N [--build-only] [--json] [--corpus DIR] [--seed S] [--rounds R] [--interactions N] [--concurrency C] [--warm-up W] [--same-thread]",
  ],
  summary:
    "Times a cached start plus one answer of the production build (node dist/src/main.js, built first when stale) beside tsx and bare Node, with where the time goes; then our engine against plain MiniSearch on the real corpus and on a generated one (index build, cached start-up, latency p50/p99, memory), then sends /ask interactions through the fake Discord (in a worker thread, or on the bot's event loop with --same-thread) to the real bot and times each until Discord would have its answer. With --passages N, the scale section (issue 11) replaces the engine sections: ours beside plain MiniSearch at N passages, the real corpus hidden among generated articles.",
  options: {
    json: { type: "boolean", description: "print each benchmark's report as one JSON object on stdout" },
    corpus: { type: "string", value: "DIR", description: "the real corpus to time (default: corpus)" },
    starts: {
      type: "string",
      value: "N",
      description: `timed process starts of each command (default ${defaultStartupBenchOptions.runs})`,
    },
    articles: {
      type: "string",
      value: "N",
      description: `articles in the generated corpus (default ${defaultSyntheticCorpusOptions.articles})`,
    },
    seed: {
      type: "string",
      value: "S",
      description: `seed of the generated corpus (default ${defaultSyntheticCorpusOptions.seed})`,
    },
    rounds: {
      type: "string",
      value: "R",
      description: "rounds of questions timed (default: enough for 2000 samples)",
    },
    passages: {
      type: "string",
      value: "N",
      description: `instead of the sections above, the scale section: the corpus among generated articles making about N passages, ours beside plain MiniSearch (build, cache size, cold start, p50/p99, memory, haystack answer@1; ours only from ${BUILD_ONLY_FROM.toLocaleString("en-US")})`,
    },
    "build-only": {
      type: "boolean",
      description: "with --passages: build and cache ours only, then one cold start from the cache",
    },
    interactions: {
      type: "string",
      value: "N",
      description: `Discord: /ask interactions timed (default ${defaultDiscordBenchOptions.interactions})`,
    },
    concurrency: {
      type: "string",
      value: "C",
      description: `Discord: interactions in flight at once (default ${defaultDiscordBenchOptions.concurrency})`,
    },
    "warm-up": {
      type: "string",
      value: "W",
      description: `Discord: untimed interactions sent first (default ${defaultDiscordBenchOptions.warmUp})`,
    },
    "same-thread": {
      type: "boolean",
      description:
        "Discord: run the fake Discord on the bot's event loop instead of in a worker thread (times then include the fake's work)",
    },
  },
  positionals: false,
  examples: [
    "npm run bench",
    "npm run bench -- --starts 3 --articles 200 --rounds 3 --interactions 100   # a quick run",
    "npm run bench -- --json > bench.jsonl",
    "npm run bench -- --same-thread   # the Discord half with the fake Discord on the bot's event loop, to compare",
    "npm run bench -- --passages 100000   # issue 11's table, 10-15 minutes",
    "NODE_OPTIONS=--max-old-space-size=16384 npm run bench -- --passages 1000000 --build-only",
  ],
  notes: ["Progress goes to stderr. Absolute times depend on the machine; the ratios are what to compare."],
} as const satisfies CommandSpec;
