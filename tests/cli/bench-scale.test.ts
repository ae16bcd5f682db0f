import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  benchScale,
  defaultScaleBenchOptions,
  formatScale,
  measurePassagesPerArticle,
  syntheticArticlesFor,
} from "../../src/cli/bench-scale.ts";
import { defaultCorpusDir } from "../support/paths.ts";

// Builds twice and starts five child processes under tsx (a second or two each on a busy machine).
const timeout = 180_000;

describe("sizing the generated corpus for --passages", () => {
  it("asks for enough generated articles to reach the passages beside the seed corpus's", () => {
    expect(syntheticArticlesFor(100_000, 11, 40)).toBe(9088);
    expect(syntheticArticlesFor(1_000_000, 10.5, 0)).toBe(95_239);
    // A seed corpus as large as the request still gets one generated article.
    expect(syntheticArticlesFor(30, 11, 40)).toBe(1);
  });

  it("measures about eleven passages per generated article, the same for the same seed", () => {
    const workDir = mkdtempSync(join(tmpdir(), "bench-sizing-"));
    try {
      const perArticle = measurePassagesPerArticle(42, workDir);
      expect(perArticle).toBeGreaterThan(8);
      expect(perArticle).toBeLessThan(14);
      expect(measurePassagesPerArticle(42, workDir)).toBe(perArticle);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  });
});

describe("the scale section of npm run bench", () => {
  it(
    "builds a 300-passage haystack, measures ours beside plain MiniSearch, and prints every row with a verdict",
    () => {
      const report = benchScale(
        {
          ...defaultScaleBenchOptions,
          passages: 300,
          seed: 42,
          seedCorpusDir: defaultCorpusDir,
          devPath: join(tmpdir(), "no-such-folder", "dev.jsonl"),
          buildOnly: false,
          rounds: 1,
          coldStarts: 1,
          memoryQuestions: 100,
          rssEvery: 50,
        },
        () => {},
        null,
      );

      // Within one article's passages of the request, and the seed article among them.
      expect(Math.abs(report.passages - 300)).toBeLessThan(report.passagesPerArticle + 1);
      expect(report.articles).toBe(report.syntheticArticles + 1);
      expect(report.cacheError).toBeNull();
      expect(report.cacheBytes.ours).toBeGreaterThan(0);
      expect(report.cacheBytes.plain).toBeGreaterThan(0);
      expect(report.buildMs.ours).toBeGreaterThan(0);
      expect(report.buildMs.plain).toBeGreaterThan(0);

      const cold = report.coldStart;
      expect(cold?.runs).toBe(1);
      expect(cold?.firstAnswered).toBe(true);
      expect(cold?.ours.load).toBeGreaterThan(0);
      expect(cold?.ours.wall).toBeGreaterThan(cold?.ours.loadAndAnswer ?? Number.NaN);
      expect(cold?.plain?.load).toBeGreaterThan(0);

      // 100 fact questions, 15 off-topic; no dev questions without the dev file.
      expect(report.latency?.questions).toBe(115);
      expect(report.latency?.rounds).toBe(1);
      expect(report.latency?.ours.p99).toBeGreaterThanOrEqual(report.latency?.ours.p50 ?? Number.NaN);

      const memory = report.memory;
      expect(memory?.questions).toBe(100);
      expect(memory?.ours.at.map((each) => each.answered)).toEqual([50, 100]);
      // The second run collects garbage at each checkpoint: what is kept is there, and less than the RSS.
      expect(memory?.ours.kept?.at.map((each) => each.answered)).toEqual([50, 100]);
      for (const kept of memory?.ours.kept?.at ?? []) {
        expect(kept.heap).toBeGreaterThan(0);
        expect(kept.heap).toBeLessThan(memory?.ours.peak ?? 0);
      }
      // Plain keeps nothing between searches: its memory is read at the first checkpoint only.
      expect(memory?.plain.at.map((each) => each.answered)).toEqual([50]);
      for (const use of [memory?.ours, memory?.plain]) {
        expect(use?.afterLoad).toBeGreaterThan(10 * 1024 * 1024);
        expect(use?.peak).toBeGreaterThanOrEqual(Math.max(...(use?.at ?? []).map((each) => each.rss)));
      }

      expect(report.haystack).toEqual({ skipped: expect.stringContaining("dev.jsonl is absent") });
      expect(report.sanity?.answerAt1).toBeGreaterThan(0.5);
      expect(report.sanity?.offTopicAbstention).toBeGreaterThan(0.5);

      const text = formatScale(report);
      for (const row of [
        "build (first run)",
        "cache file size",
        "cold start + one answer (vs plain build)",
        "per question p50",
        "per question p99",
        "RSS after loading from the cache",
        "RSS after 50 questions",
        "RSS after 100 questions",
        "peak RSS of that process",
      ])
        expect(text).toMatch(new RegExp(`\\n {2}${row.replace(/[()+]/gu, "\\$&")} +\\d`, "u"));
      expect(text).toContain("haystack: skipped");
      expect(report.targets.map((target) => target.target)).toHaveLength(6);
      expect(text).toMatch(/\n {4}(PASS|FAIL) {2}per question p50 ≤ 0\.05× plain: /u);
    },
    timeout,
  );

  it(
    "builds and caches ours only in build-only mode, then starts once from the cache",
    () => {
      const report = benchScale(
        {
          ...defaultScaleBenchOptions,
          passages: 200,
          seed: 7,
          seedCorpusDir: defaultCorpusDir,
          devPath: join(tmpdir(), "no-such-folder", "dev.jsonl"),
          buildOnly: true,
        },
        () => {},
        null,
      );
      expect(report.cacheBytes.ours).toBeGreaterThan(0);
      expect(report.cacheBytes.plain).toBeNull();
      expect(report.buildMs.plain).toBeNull();
      expect(report.coldStart?.runs).toBe(1);
      expect(report.coldStart?.ours.load).toBeGreaterThan(0);
      expect(report.latency).toBeNull();
      expect(report.memory).toBeNull();
      expect(report.targets).toEqual([
        { target: "builds and writes the cache", measured: expect.any(String), pass: true },
      ]);
    },
    timeout,
  );
});
