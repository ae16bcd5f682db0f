import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  CommandError,
  type CommandSpec,
  helpRequested,
  parseCommandLine,
  readInputFile,
  requireFolder,
  runCommand,
  UsageError,
  usageText,
} from "../../src/cli/args.ts";
import { readBoundaryModel } from "../../src/core/ingest/segment/boundary-model.ts";

const lookup = {
  command: "npm run lookup --",
  synopsis: ['[--json] [--corpus DIR] "words"'],
  summary: "Looks words up.",
  options: {
    json: { type: "boolean", description: "print JSON" },
    corpus: { type: "string", value: "DIR", description: "read this folder" },
  },
  positionals: true,
  examples: ['npm run lookup -- "red mosque"'],
  notes: ["Reads CORPUS_DIR."],
} as const satisfies CommandSpec;

const noArguments = { ...lookup, positionals: false } as const satisfies CommandSpec;

/** The message of the UsageError that parsing `argv` throws. */
function mistake(argv: string[], spec: CommandSpec = lookup): string {
  try {
    parseCommandLine(argv, spec);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`${argv.join(" ")} was accepted`);
}

describe("parsing a command line", () => {
  it("reads flags, options with a value (spaced or with =) and the other arguments in order", () => {
    expect(parseCommandLine(["--json", "red", "--corpus", "dir", "mosque"], lookup)).toEqual({
      values: { json: true, corpus: "dir" },
      positionals: ["red", "mosque"],
    });
    expect(parseCommandLine(["--corpus=dir"], lookup).values).toEqual({ corpus: "dir" });
  });

  it("names the mistake: an unknown option, a flag given a value, an option missing its value", () => {
    expect(mistake(["--frobnicate", "x"])).toBe("unknown option --frobnicate");
    expect(mistake(["-x"])).toBe("unknown option -x");
    expect(mistake(["--constructor"])).toBe("unknown option --constructor");
    expect(mistake(["--json=yes"])).toBe("--json takes no value");
    expect(mistake(["--corpus"])).toBe("--corpus needs a value (DIR)");
    expect(mistake(["--corpus", "--json"])).toBe("--corpus needs a value (DIR)");
    expect(mistake(["stray"], noArguments)).toBe('unexpected argument "stray"');
  });

  it("takes --help or -h anywhere among the options, even beside a mistake, but not after --", () => {
    expect(helpRequested(["--json", "-h"])).toBe(true);
    expect(helpRequested(["--frobnicate", "--help"])).toBe(true);
    expect(helpRequested(["--", "-h"])).toBe(false);
    expect(helpRequested(["what does -h mean"])).toBe(false);
    expect(parseCommandLine(["--", "-h"], lookup).positionals).toEqual(["-h"]);
  });

  it("describes the command in its usage: synopsis, summary, every option with --help, examples, notes", () => {
    expect(usageText(lookup).split("\n")).toEqual([
      'Usage: npm run lookup -- [--json] [--corpus DIR] "words"',
      "",
      "Looks words up.",
      "",
      "Options:",
      "  --json        print JSON",
      "  --corpus DIR  read this folder",
      "  -h, --help    show this help",
      "",
      "Examples:",
      '  npm run lookup -- "red mosque"',
      "",
      "Reads CORPUS_DIR.",
    ]);
  });
});

describe("running a command", () => {
  const printed = { out: [] as string[], err: [] as string[] };
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
    printed.out = [];
    printed.err = [];
  });

  /** Runs `main` as the command `spec` with `argv`, capturing what it prints and its exit code. */
  async function run(argv: string[], main: () => void = () => console.log("ran")) {
    vi.spyOn(console, "log").mockImplementation((line: string) => printed.out.push(line));
    vi.spyOn(console, "error").mockImplementation((line: string) => printed.err.push(line));
    await runCommand(lookup, main, argv);
    return { ...printed, exitCode: process.exitCode ?? 0 };
  }

  it("prints the usage on stdout for --help, without running the command", async () => {
    const { out, err, exitCode } = await run(["--help", "--frobnicate"]);
    expect(out).toEqual([usageText(lookup)]);
    expect(err).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("answers an unknown option with one line, then the usage and options, and exit code 2", async () => {
    const { out, err, exitCode } = await run(["--frobnicate"]);
    expect(out).toEqual([]);
    const lines = err.join("\n").split("\n");
    expect(lines[0]).toBe("usage error: unknown option --frobnicate");
    expect(lines).toContain('Usage: npm run lookup -- [--json] [--corpus DIR] "words"');
    expect(lines).toContain("  --corpus DIR  read this folder");
    expect(exitCode).toBe(2);
  });

  it("explains a command's own failure in its one line, with its exit code", async () => {
    const { err, exitCode } = await run([], () => {
      throw new CommandError("batch file not found: q.txt", 2);
    });
    expect(err).toEqual(["batch file not found: q.txt"]);
    expect(exitCode).toBe(2);
  });

  it("explains a missing or damaged model file in its one line, with exit code 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-model-"));
    writeFileSync(join(dir, "boundary-model.json"), "{");
    const { err, exitCode } = await run([], () => {
      readBoundaryModel(join(dir, "boundary-model.json"));
    });
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(
      /^boundary model .*boundary-model\.json could not be read .*npm run train-segmenter$/u,
    );
    expect(exitCode).toBe(1);
  });

  it("lets a bug keep its stack trace", async () => {
    await expect(
      run([], () => {
        throw new TypeError("a bug");
      }),
    ).rejects.toThrow("a bug");
  });
});

describe("input files and folders named on the command line", () => {
  const dir = mkdtempSync(join(tmpdir(), "cli-input-"));
  const file = join(dir, "questions.txt");
  writeFileSync(file, "when was it built\n");

  /** What `check` throws. */
  function failure(check: () => unknown): unknown {
    try {
      check();
    } catch (error) {
      return error;
    }
    throw new Error("it was accepted");
  }

  it("reads a file, and names a missing one, or a folder given for a file, in one line with exit code 2", () => {
    expect(readInputFile(file, "batch file")).toBe("when was it built\n");
    const missing = join(dir, "missing.txt");
    expect(failure(() => readInputFile(missing, "batch file"))).toMatchObject({
      message: `batch file not found: ${missing}`,
      exitCode: 2,
    });
    expect(failure(() => readInputFile(dir, "batch file"))).toMatchObject({
      message: `batch file is a folder, not a file: ${dir}`,
      exitCode: 2,
    });
    expect(failure(() => readInputFile(join(file, "below"), "batch file"))).toMatchObject({
      message: `batch file not found: ${join(file, "below")}`,
    });
  });

  it("accepts an existing folder and names a missing one, or a file given for a folder", () => {
    expect(() => requireFolder(dir, "corpus folder")).not.toThrow();
    expect(failure(() => requireFolder(join(dir, "nope"), "corpus folder"))).toMatchObject({
      message: `corpus folder not found: ${join(dir, "nope")}`,
      exitCode: 2,
    });
    expect(failure(() => requireFolder(file, "corpus folder"))).toMatchObject({
      message: `corpus folder is a file, not a folder: ${file}`,
    });
  });
});
