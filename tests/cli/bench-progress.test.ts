import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { progressBar } from "../../src/cli/bench-progress.ts";

/** A non-terminal stream and everything written to it. */
function capture(isTTY: boolean): { stream: PassThrough & { isTTY?: boolean }; text: () => string } {
  const stream: PassThrough & { isTTY?: boolean } = new PassThrough();
  stream.isTTY = isTTY;
  const chunks: string[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, text: () => chunks.join("") };
}

describe("the benchmark's progress bar", () => {
  it("writes a line per tenth into a file or pipe, then one at 100% when done", () => {
    const { stream, text } = capture(false);
    const bar = progressBar(stream, "building");
    for (let done = 1; done <= 1000; done++) bar.update(done / 1000, `${done}/1000`);
    bar.done();
    const lines = text().trimEnd().split("\n");
    expect(lines).toHaveLength(11);
    expect(lines[0]).toMatch(/^… building \[\.{30}\] +0% \d+ s 1\/1000$/u);
    expect(lines[5]).toMatch(/^… building \[#{15}\.{15}\] +50% \d+ s 500\/1000$/u);
    expect(lines[10]).toMatch(/^… building \[#{30}\] 100% \d+ s$/u);
  });

  it("redraws one line in place on a terminal and shows a build's stage", () => {
    const { stream, text } = capture(true);
    const bar = progressBar(stream, "building");
    bar.build({ stage: "index", done: 2500, total: 10_000, fraction: 0.675 });
    bar.done();
    const clearToEnd = "\u001b[K";
    const frames = text().split("\r").slice(1);
    expect(frames).toHaveLength(2);
    expect(frames[0]).toMatch(/^… building \[#{20}\.{10}\] +68% \d+ s index 2,500\/10,000/u);
    expect(frames[0]?.endsWith(clearToEnd)).toBe(true);
    expect(frames[1]).toMatch(/^… building \[#{30}\] 100% \d+ s/u);
    expect(frames[1]?.endsWith(`${clearToEnd}\n`)).toBe(true);
  });

  it("draws nothing without a stream", () => {
    const bar = progressBar(null, "building");
    bar.update(0.5);
    bar.done();
  });
});
