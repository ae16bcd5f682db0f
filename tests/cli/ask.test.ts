import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScript, scriptTimeout } from "../support/cli.ts";

const ask = (args: string[]) => runScript("src/cli/ask.ts", args);

/** A batch file with these lines. */
function batchFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "batch-")), "questions.txt");
  writeFileSync(file, text);
  return file;
}

describe("npm run ask", { timeout: scriptTimeout }, () => {
  it("prints only the documented JSON on stdout with --json", async () => {
    const { stdout, code } = await ask(["--json", "when was lal masjid built"]);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(Object.keys(answer)).toEqual(["question", "answered", "answer", "excerpts", "related"]);
    expect(answer).toMatchObject({ question: "when was lal masjid built", answered: true, answer: "1965" });
    expect(Object.keys(answer.excerpts[0])).toEqual(
      expect.arrayContaining(["text", "article", "section", "passageId", "url", "score"]),
    );
    expect(answer.excerpts[0].text).toContain("1965");
  });

  it("answers line n of a batch file on line n of the output, a blank line with an empty-question result", async () => {
    const file = batchFile(
      "who designed lal masjid\n\nwhat does CDA stand for\n   \nwhen was the mosque rebuilt\n",
    );
    const { stdout } = await ask(["--json", "--batch", file]);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.question)).toEqual([
      "who designed lal masjid",
      "",
      "what does CDA stand for",
      "",
      "when was the mosque rebuilt",
    ]);
    expect(lines.map((line) => line.answered)).toEqual([false, false, true, false, true]);
    expect([lines[1].reason, lines[3].reason]).toEqual(["empty-question", "empty-question"]);
    expect(lines[0].reason).not.toBe("empty-question");
    expect(lines[0].related.length).toBeGreaterThan(0);
  });

  it("repeats each question above its answer in text output, blank lines included", async () => {
    const file = batchFile("when was lal masjid built\n\nwhen was the mosque rebuilt");
    const { stdout } = await ask(["--batch", file]);
    const questionLines = stdout.split("\n").filter((line) => line.startsWith("Q: "));
    expect(questionLines).toEqual([
      "Q: when was lal masjid built",
      "Q: (empty question)",
      "Q: when was the mosque rebuilt",
    ]);
    expect(stdout).toMatch(/^Q: when was lal masjid built\nAnswer: \*\*1965\*\*/u);
    expect(stdout).toContain("Q: (empty question)\nAsk a question about the articles");
    const chatter = await ask(["lol ok"]);
    expect(chatter.stdout).toContain("Q: lol ok\nI couldn't find anything to look up in that.");
    const single = await ask(["when was lal masjid built"]);
    expect(single.stdout.split("\n").slice(0, 2)).toEqual([
      "Q: when was lal masjid built",
      "Answer: **1965**",
    ]);
  });

  it("prints its usage for -h instead of answering it, and takes -h after -- as the question", async () => {
    const help = await ask(["-h"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run ask -- /u);
    expect(help.stdout).toContain("Examples:");
    const question = await ask(["--json", "--", "-h"]);
    expect(JSON.parse(question.stdout)).toMatchObject({ question: "-h" });
  });

  it("rejects an unknown option with one line, the usage and exit code 2", async () => {
    const { code, stderr, stdout } = await ask(["--frobnicate", "x"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.split("\n")[0]).toBe("usage error: unknown option --frobnicate");
    expect(stderr).toContain("Usage: npm run ask -- ");
  });

  it("names a missing batch file or corpus folder in one line with exit code 2, never a stack trace", async () => {
    const missingFile = join(tmpdir(), "no-such-dir", "questions.txt");
    const batch = await ask(["--batch", missingFile]);
    expect({ code: batch.code, stderr: batch.stderr }).toEqual({
      code: 2,
      stderr: `batch file not found: ${missingFile}\n`,
    });
    const corpus = await ask(["--corpus", "/nonexistent/corpus", "anything"]);
    expect({ code: corpus.code, stderr: corpus.stderr }).toEqual({
      code: 2,
      stderr: "corpus folder not found: /nonexistent/corpus\n",
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
