import { describe, expect, it } from "vitest";
import { progressLine, progressReporter } from "../../src/cli/progress-line.ts";
import type { BuildProgress } from "../../src/core/engine.ts";

/** A stream that keeps what is written, as a terminal (`isTTY`) or as a log file. */
function capture(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (text: string) => writes.push(text) > 0 } };
}

/** Reports of a build of 100 articles and 1000 passages, one per tenth of a second on the given clock. */
function reportBuild(report: (progress: BuildProgress) => void, clock: { ms: number }): void {
  for (let done = 10; done <= 100; done += 10) {
    clock.ms += 100;
    report({ stage: "ingest", done, total: 100, fraction: (0.6 * done) / 100 });
  }
  for (let done = 100; done <= 1000; done += 100) {
    clock.ms += 100;
    report({ stage: "index", done, total: 1000, fraction: 0.6 + (0.3 * done) / 1000 });
  }
  clock.ms += 100;
  report({ stage: "cache", done: 1, total: 1, fraction: 1 });
}

describe("the progress line of a build", () => {
  it("on a terminal, redraws one bar in place and ends the line with the time taken", () => {
    const clock = { ms: 0 };
    const { writes, stream } = capture(true);
    reportBuild(progressReporter(stream, "Building the index", { quietMs: 0, now: () => clock.ms }), clock);

    expect(writes).toHaveLength(21);
    expect(writes.every((text) => text.startsWith("\r"))).toBe(true);
    expect(writes.slice(0, -1).every((text) => !text.includes("\n"))).toBe(true);
    expect(writes).toContain(
      "\rBuilding the index [##################------] 75% (writing the index 500/1000)\x1b[K",
    );
    expect(writes.at(-1)).toBe("\rBuilding the index: done in 2.1 s\x1b[K\n");
  });

  it("on a terminal, redraws only when the percent changes, however often reports come", () => {
    const { writes, stream } = capture(true);
    const report = progressReporter(stream, "Building the index", { quietMs: 0 });
    for (let done = 1; done <= 1000; done++) {
      report({ stage: "index", done, total: 1000, fraction: 0.6 + (0.3 * done) / 1000 });
    }

    expect(writes).toHaveLength(31);
    expect(writes.at(-1)).toBe(
      "\rBuilding the index [######################--] 90% (writing the index 1000/1000)\x1b[K",
    );
  });

  it("in a log, writes a plain line each time another tenth is done", () => {
    const clock = { ms: 0 };
    const { writes, stream } = capture(false);
    reportBuild(progressReporter(stream, "Building the index", { quietMs: 0, now: () => clock.ms }), clock);

    expect(writes).toEqual([
      "Building the index: 6% (reading and indexing articles 10/100)\n",
      "Building the index: 12% (reading and indexing articles 20/100)\n",
      "Building the index: 24% (reading and indexing articles 40/100)\n",
      "Building the index: 30% (reading and indexing articles 50/100)\n",
      "Building the index: 42% (reading and indexing articles 70/100)\n",
      "Building the index: 54% (reading and indexing articles 90/100)\n",
      "Building the index: 60% (reading and indexing articles 100/100)\n",
      "Building the index: 72% (writing the index 400/1000)\n",
      "Building the index: 81% (writing the index 700/1000)\n",
      "Building the index: 90% (writing the index 1000/1000)\n",
      "Building the index: done in 2.1 s\n",
    ]);
  });

  it("shows nothing for a build that finishes within the quiet time, and starts once it is over", () => {
    const clock = { ms: 0 };
    const quick = capture(false);
    reportBuild(
      progressReporter(quick.stream, "Building the index", { quietMs: 5000, now: () => clock.ms }),
      clock,
    );
    expect(quick.writes).toEqual([]);

    clock.ms = 0;
    const slower = capture(false);
    reportBuild(
      progressReporter(slower.stream, "Building the index", { quietMs: 1000, now: () => clock.ms }),
      clock,
    );
    expect(slower.writes[0]).toBe("Building the index: 60% (reading and indexing articles 100/100)\n");
    expect(slower.writes.at(-1)).toBe("Building the index: done in 2.1 s\n");
  });

  it("shows any long task's share and detail, once per tenth in a log, and nothing without a stream", () => {
    const clock = { ms: 0 };
    const { writes, stream } = capture(false);
    const line = progressLine(stream, "scale: latency", { quietMs: 0, now: () => clock.ms });
    for (let done = 1; done <= 200; done++) {
      clock.ms += 10;
      line.update(done / 200, `question ${done}`);
    }
    line.done();
    expect(writes).toHaveLength(12);
    expect(writes[0]).toBe("scale: latency: 0% (question 1)\n");
    expect(writes[10]).toBe("scale: latency: 100% (question 200)\n");
    expect(writes[5]).toBe("scale: latency: 50% (question 100)\n");
    expect(writes.at(-1)).toBe("scale: latency: done in 2.0 s\n");
    const silent = progressLine(null, "nothing", { quietMs: 0 });
    silent.update(0.5, "half");
    silent.done();
  });
});
