import { describe, expect, it } from "vitest";
import {
  benchStartup,
  defaultStartupBenchOptions,
  formatStartup,
  STARTUP_TARGET_MS,
} from "../../src/cli/bench-startup.ts";
import { defaultCorpusDir } from "../support/paths.ts";

// Builds dist/ when it is stale (tsc, up to a minute on a busy machine), then starts the program nine times.
const timeout = 300_000;

describe("the start-up section of npm run bench", () => {
  it(
    "times cached starts of dist/, tsx and bare Node that answer the piped question, and splits dist/'s start into stages",
    () => {
      const report = benchStartup(
        { ...defaultStartupBenchOptions, corpusDir: defaultCorpusDir, runs: 1 },
        () => {},
      );

      expect(report.reply).toBe("Answer: **1965**");
      expect(report.fromCache).toBe(true);
      expect(report.runs).toBe(1);
      expect(Object.keys(report.wallMs)).toEqual(["dist", "tsx", "node"]);
      for (const { median, best } of Object.values(report.wallMs)) {
        expect(best).toBeGreaterThan(0);
        expect(best).toBe(median);
      }
      expect(report.targetMs).toBe(STARTUP_TARGET_MS);
      expect(report.pass).toBe(report.wallMs.dist.median < STARTUP_TARGET_MS);

      const { node, modules, engine, answer, inProcess, spawnAndExit, cpu } = report.breakdownMs;
      for (const stage of [node, modules, engine, answer, spawnAndExit, cpu])
        expect(stage).toBeGreaterThan(0);
      // One start: its stages add up to its time in the process, and the wall time adds spawn and exit.
      expect(node + modules + engine + answer).toBeCloseTo(inProcess, 6);

      const text = formatStartup(report);
      expect(text).toMatch(
        /\n {2}node dist\/src\/main\.js +\d+\.\d\d s +\d+\.\d\d s +under 0\.50 s \(median\): (PASS|FAIL)\n/u,
      );
      expect(text).toContain("reply: Answer: **1965**; every timed start read the index cache");
    },
    timeout,
  );
});
