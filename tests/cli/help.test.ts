import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScript, scriptTimeout } from "../support/cli.ts";

/** Every command-line entry point, as people run it, and the file behind it. */
const entryPoints = [
  { command: "npm start", script: "src/main.ts" },
  { command: "npm run ask --", script: "src/cli/ask.ts" },
  { command: "npm run corpus --", script: "src/cli/corpus.ts" },
  { command: "npm run eval --", script: "src/cli/eval.ts" },
  { command: "npm run train --", script: "src/cli/train.ts" },
  { command: "npm run feedback --", script: "src/cli/feedback.ts" },
  { command: "npm run bench --", script: "src/cli/bench.ts" },
  { command: "npx tsx tests/e2e/discord-bench.ts", script: "tests/e2e/discord-bench.ts" },
  { command: "npm run backup --", script: "src/cli/backup.ts" },
  { command: "npm run forget --", script: "src/cli/forget.ts" },
  { command: "npm run deploy-commands", script: "scripts/deploy-commands.ts" },
];

describe("every command line", { timeout: scriptTimeout }, () => {
  it.each(entryPoints)("$command prints its usage with examples for --help", async ({ command, script }) => {
    const { code, stdout, stderr } = await runScript(script, ["--help"]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout.startsWith(`Usage: ${command}`)).toBe(true);
    expect(stdout).toMatch(/\nOptions:\n(?:.*\n)* {2}-h, --help {2,}show this help\n/u);
    expect(stdout).toMatch(/\nExamples:\n {2}\S/u);
  });

  // Every command parses with the same code (tests/cli/args.test.ts); this checks a script outside src/ uses it.
  it("answers an unknown option with one line and the usage, exit code 2", async () => {
    const { code, stdout, stderr } = await runScript("scripts/deploy-commands.ts", ["--frobnicate"]);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    const lines = stderr.split("\n");
    expect(lines[0]).toBe("usage error: unknown option --frobnicate");
    expect(lines[2]).toBe("Usage: npm run deploy-commands");
  });
});

describe("a missing file or folder named on the command line", { timeout: scriptTimeout }, () => {
  const missing = join(tmpdir(), "no-such-folder");

  it("is named in one line, exit code 2, by eval, corpus and bench", async () => {
    // One after the other: the machine running the tests is busy enough.
    const runs = [
      await runScript("src/cli/eval.ts", [join(missing, "dev.jsonl")]),
      await runScript("src/cli/corpus.ts", ["--corpus", missing]),
      await runScript("src/cli/bench.ts", ["--corpus", missing]),
    ];
    expect(runs.map(({ code, stderr }) => ({ code, stderr }))).toEqual([
      { code: 2, stderr: `evaluation file not found: ${join(missing, "dev.jsonl")}\n` },
      { code: 2, stderr: `corpus folder not found: ${missing}\n` },
      { code: 2, stderr: `corpus folder not found: ${missing}\n` },
    ]);
  });

  it("makes npm run eval without a file and without ../shared say what to pass", async () => {
    // From a folder with no ../shared beside it, as in a fresh clone.
    const cwd = join(mkdtempSync(join(tmpdir(), "clone-")), "repo");
    mkdirSync(cwd);
    const { code, stdout, stderr } = await runScript("src/cli/eval.ts", [], { cwd });
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr.trimEnd().split("\n")).toEqual([
      "eval: no question file given, and ../shared/eval/dev.jsonl (the team's evaluation data) is not beside the project; pass one, e.g. npm run eval -- tests/fixtures/blind/batch-01-lal-masjid.jsonl",
    ]);
  });
});
