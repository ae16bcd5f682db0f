import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../support/paths.ts";

const run = promisify(execFile);
const tsx = join(projectRoot, "node_modules/.bin/tsx");
const cacheEnv = () => ({
  ...process.env,
  CACHE_DIR: mkdtempSync(join(tmpdir(), "ask-cache-")),
  DISCORD_TOKEN: "",
});

async function ask(args: string[]) {
  return run(tsx, ["src/cli/ask.ts", ...args], { cwd: projectRoot, env: cacheEnv() });
}

describe("npm run ask", () => {
  it("prints only the documented JSON on stdout with --json", async () => {
    const { stdout } = await ask(["--json", "when was lal masjid built"]);
    const answer = JSON.parse(stdout);
    expect(Object.keys(answer)).toEqual(["question", "answered", "answer", "excerpts", "related"]);
    expect(answer).toMatchObject({ question: "when was lal masjid built", answered: true, answer: "1965" });
    expect(Object.keys(answer.excerpts[0])).toEqual(
      expect.arrayContaining(["text", "article", "section", "passageId", "url", "score"]),
    );
    expect(answer.excerpts[0].text).toContain("1965");
  });

  it("answers a batch file with one JSON object per line, in order", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "batch-")), "questions.txt");
    writeFileSync(file, "who designed lal masjid\n\nwhat does CDA stand for\nwhen was the mosque rebuilt\n");
    const { stdout } = await ask(["--json", "--batch", file]);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.question)).toEqual([
      "who designed lal masjid",
      "what does CDA stand for",
      "when was the mosque rebuilt",
    ]);
    expect(lines.map((line) => line.answered)).toEqual([false, true, true]);
    expect(lines[0].related.length).toBeGreaterThan(0);
  });

  it("rejects an unknown option with a usage message and exit code 2", async () => {
    await expect(ask(["--frobnicate", "x"])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("unknown option --frobnicate"),
    });
  });

  it("reports a missing corpus folder in one line with exit code 1", async () => {
    await expect(ask(["--corpus", "/nonexistent/corpus", "anything"])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^corpus error: corpus folder not found/mu),
    });
  });

  it("names each unreadable file before refusing a corpus with no readable article", async () => {
    const dir = mkdtempSync(join(tmpdir(), "unreadable-"));
    writeFileSync(join(dir, "blank.txt"), "\n");
    writeFileSync(join(dir, "image.md"), Buffer.from([0x89, 0x50, 0x00, 0x0d]));
    const failure = await ask(["--corpus", dir, "anything"]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr.trim().split("\n")).toEqual([
      "warning: blank.txt: skipped: the file is empty",
      "warning: image.md: skipped: looks like a binary file",
      expect.stringMatching(/^corpus error: no readable articles in /u),
    ]);
  });
});
