import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { realCorpusQuestions } from "../../src/cli/bench-questions.ts";
import { sharedDir } from "../support/paths.ts";
import { realEngine, realEngineWith } from "./bot-harness.ts";
import { benchmarkDiscord, benchPassed } from "./discord-bench.ts";

const questions = realCorpusQuestions(join(sharedDir, "eval/dev.jsonl"));

describe("the Discord benchmark", () => {
  it("answers each of 40 /ask interactions sent from a worker thread, 10 in flight, once each, and times them", async () => {
    const result = await benchmarkDiscord({ interactions: 40, concurrency: 10, warmUp: 10, questions });

    expect(result.mode).toBe("separate threads");
    expect(result.problems).toEqual([]);
    expect(result.answered).toBe(40);
    expect(result.callbacks.direct + result.callbacks.deferred).toBe(40);
    expect(result.callbacks.other).toBe(0);
    expect(result.rejected).toEqual({ unknownInteraction: 0, alreadyAcknowledged: 0, other: 0 });
    expect(result.botErrors).toBe(0);
    expect(benchPassed(result)).toBe(true);
    const { p50, p99, max } = result.latencyMs;
    for (const value of [p50, p99, max]) expect(Number.isFinite(value)).toBe(true);
    expect(0 < p50 && p50 <= p99 && p99 <= max).toBe(true);
    expect(result.botLoopBusy).toBeGreaterThan(0);
    expect(result.botLoopBusy).toBeLessThanOrEqual(1);
    // Linux, where the tests run: the bot's thread did the bot's work, a fraction of a ms at least per /ask.
    expect(result.botThreadMsPerInteraction?.running).toBeGreaterThan(0.1);
    expect(result.botThreadMsPerInteraction?.waitingForCore).toBeGreaterThanOrEqual(0);
  });

  it("still runs the fake Discord on the bot's event loop when asked, and answers each interaction once", async () => {
    const result = await benchmarkDiscord({
      interactions: 20,
      concurrency: 10,
      warmUp: 5,
      questions,
      sameThread: true,
    });

    expect(result.mode).toBe("same thread");
    expect(result.problems).toEqual([]);
    expect(result.answered).toBe(20);
    expect(result.callbacks.direct + result.callbacks.deferred).toBe(20);
    expect(benchPassed(result)).toBe(true);
    expect(result.latencyMs.p50).toBeGreaterThan(0);
  });

  it("counts interactions answered after Discord's window as unanswered, with their 10062 rejections", async () => {
    // Answers take 300 ms, within the bot's 1.5 s before deferring but past the fake's 200 ms window.
    const slow = realEngineWith({
      answer: async (question) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return realEngine().answer(question);
      },
    });
    const result = await benchmarkDiscord({
      interactions: 2,
      concurrency: 2,
      warmUp: 0,
      questions,
      engine: slow,
      fake: { interactionTimeoutMs: 200 },
    });

    expect(result.answered).toBe(0);
    expect(result.problems).toHaveLength(2);
    expect(result.rejected.unknownInteraction).toBeGreaterThanOrEqual(2);
    expect(Number.isNaN(result.latencyMs.p50)).toBe(true);
    expect(benchPassed(result)).toBe(false);
  });
});
