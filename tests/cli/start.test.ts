import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../support/paths.ts";

const tsx = join(projectRoot, "node_modules/.bin/tsx");

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command in the project without a Discord token, feeding it `input` as piped stdin. */
function run(command: string, args: string[], input = ""): Promise<Finished> {
  return new Promise((resolve) => {
    const child = execFile(
      command,
      args,
      {
        cwd: projectRoot,
        env: { ...process.env, DISCORD_TOKEN: "", CACHE_DIR: mkdtempSync(join(tmpdir(), "start-cache-")) },
      },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(input);
  });
}

/** A corpus folder holding one small article of our own. */
function smallCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), "start-corpus-"));
  writeFileSync(
    join(dir, "quillford.txt"),
    "Quillford is a small harbour town on the northern coast. It was founded in 1842 by fishermen from the south.\n\nHistory\n\nThe harbour wall was built in 1901 after a great storm destroyed the old pier.\n",
  );
  return dir;
}

describe("npm start's arguments", () => {
  it("answers from the --corpus folder, through npm as people run it", async () => {
    const { code, stdout } = await run(
      "npm",
      ["--silent", "start", "--", "--corpus", smallCorpus()],
      "when was quillford founded\n/sections\n",
    );
    expect(code).toBe(0);
    expect(stdout).toContain("Answer: **1842**");
    expect(stdout).toContain("Quillford (quillford)");
    expect(stdout).not.toContain("Lal Masjid");
  });

  it("prints its usage with examples for --help and -h, and starts nothing", async () => {
    for (const flag of ["--help", "-h"]) {
      const { code, stdout, stderr } = await run(tsx, ["src/main.ts", flag]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: npm start -- \[--corpus DIR\]/u);
      expect(stdout).toContain('echo "when was lal masjid built" | npm start');
      expect(stderr).toBe("");
    }
  });

  it("refuses an unknown flag in one line followed by the usage, exit 2", async () => {
    const { code, stdout, stderr } = await run(tsx, ["src/main.ts", "--frobnicate"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    const [first, second] = stderr.split("\n");
    expect(first).toBe("usage error: unknown option --frobnicate");
    expect(second).toBe("");
    expect(stderr).toMatch(/^Usage: npm start/mu);
    expect(stderr).not.toMatch(/^\s+at /mu);
  });

  it("names a missing --corpus folder in one line, exit 2", async () => {
    const { code, stderr } = await run(tsx, ["src/main.ts", "--corpus", "/nonexistent/corpus"]);
    expect(code).toBe(2);
    expect(stderr).toBe("corpus folder not found: /nonexistent/corpus\n");
  });
});
