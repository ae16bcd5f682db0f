/**
 * The command-line layer every entry point shares: arguments parsed with `node:util` `parseArgs` against a
 * {@link CommandSpec}, `--help`/`-h` printing the usage made from it, and expected failures explained in one
 * line on stderr with an exit code instead of a stack trace.
 */
import { readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { ConfigError } from "../config.ts";
import { ModelError } from "../core/model-error.ts";

/** One option a command accepts. */
export interface OptionSpec {
  /** A flag (`--json`) or an option that takes a value (`--corpus DIR`). */
  type: "boolean" | "string";
  /** What the value is, as the usage shows it (`DIR`, `FILE`, `N`); options with a value only. */
  value?: string;
  /** What the option does, in one line. */
  description: string;
}

/** What a command accepts and how it is used; its `--help` text is made from this. */
export interface CommandSpec<Options extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  /** How the command is run, up to its arguments: `npm run ask --`. */
  command: string;
  /** The argument forms after `command`, one per way of using it: `[options] "question"`. */
  synopsis: readonly string[];
  /** What the command does, in a sentence or two. */
  summary: string;
  options: Options;
  /** Whether arguments other than options are accepted (a question, files); the synopsis names them. */
  positionals: boolean;
  /** Whole command lines a reader can copy, each with a `#` comment when it needs one. */
  examples: readonly string[];
  /** Anything else the reader needs: environment variables, where output goes. */
  notes?: readonly string[];
}

/** The values given for a command's options: `true` for a flag, the text for an option with a value. */
export type OptionValues<Options extends Record<string, OptionSpec>> = {
  [Name in keyof Options]?: Options[Name]["type"] extends "boolean" ? true : string;
};

/** A command line parsed against its {@link CommandSpec}. */
export interface ParsedCommandLine<Options extends Record<string, OptionSpec>> {
  values: OptionValues<Options>;
  positionals: string[];
}

/** A failure the command explains in one line on stderr, never with a stack trace, before exiting. */
export class CommandError extends Error {
  override name = "CommandError";
  constructor(
    message: string,
    /** 2 for a mistake in what was typed (arguments, a missing input file), 1 for anything else. */
    readonly exitCode: number = 1,
  ) {
    super(message);
  }
}

/** The arguments do not fit the command: the line is followed by the command's usage, exit code 2. */
export class UsageError extends CommandError {
  override name = "UsageError";
  constructor(message: string) {
    super(message, 2);
  }
}

/** `--help` or `-h` was given: the usage is printed on stdout and nothing else is done (exit code 0). */
class HelpRequested extends Error {
  override name = "HelpRequested";
}

const helpLine = { flags: "-h, --help", description: "show this help" };

/** `Usage:` and one line per way of using the command. */
function synopsisLines(spec: CommandSpec): string[] {
  const [first = "", ...others] = spec.synopsis;
  return [
    `Usage: ${spec.command} ${first}`.trimEnd(),
    ...others.map((other) => `       ${spec.command} ${other}`.trimEnd()),
  ];
}

/** `Options:` and one aligned line per option, `--help` last. */
function optionLines(spec: CommandSpec): string[] {
  const options = [
    ...Object.entries(spec.options).map(([name, option]) => ({
      flags: option.value === undefined ? `--${name}` : `--${name} ${option.value}`,
      description: option.description,
    })),
    helpLine,
  ];
  const width = Math.max(...options.map((option) => option.flags.length)) + 2;
  return ["Options:", ...options.map((option) => `  ${option.flags.padEnd(width)}${option.description}`)];
}

/** Text as lines of at most `width` characters, broken between words. */
function wrapped(text: string, width = 100): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  return [...lines, line];
}

/** The `--help` text of a command: usage, summary, options, examples and notes. */
export function usageText(spec: CommandSpec): string {
  const lines = [
    ...synopsisLines(spec),
    "",
    ...wrapped(spec.summary),
    "",
    ...optionLines(spec),
    "",
    "Examples:",
    ...spec.examples.map((example) => `  ${example}`),
  ];
  if (spec.notes !== undefined && spec.notes.length > 0)
    lines.push("", ...spec.notes.flatMap((note) => wrapped(note)));
  return lines.join("\n");
}

/** What a mistake in the arguments is answered with: the mistake, the usage and the options. */
function usageErrorText(spec: CommandSpec, mistake: string): string {
  const lines = [`usage error: ${mistake}`, "", ...synopsisLines(spec), "", ...optionLines(spec)];
  return [...lines, "", "--help also shows examples."].join("\n");
}

/** The tokens `parseArgs` makes of `argv`, options known or not, so every mistake gets a message of ours. */
function tokensOf(argv: readonly string[], options: Record<string, OptionSpec>) {
  const types = Object.fromEntries(
    Object.entries(options).map(([name, option]) => [name, { type: option.type }]),
  );
  return parseArgs({
    args: [...argv],
    options: { ...types, help: { type: "boolean", short: "h" } },
    strict: false,
    allowPositionals: true,
    tokens: true,
  }).tokens;
}

/** Whether `--help` or `-h` is among the options of `argv` (not after `--`). */
export function helpRequested(argv: readonly string[]): boolean {
  return tokensOf(argv, {}).some((token) => token.kind === "option" && token.name === "help");
}

/**
 * Parses `argv` against `spec`. An unknown option, a flag given a value, an option without its value, or an
 * argument where none is accepted is a {@link UsageError}; `--help` anywhere among the options wins over them.
 */
export function parseCommandLine<const Options extends Record<string, OptionSpec>>(
  argv: readonly string[],
  spec: CommandSpec<Options>,
): ParsedCommandLine<Options> {
  const tokens = tokensOf(argv, spec.options);
  if (tokens.some((token) => token.kind === "option" && token.name === "help")) throw new HelpRequested();
  const values: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") positionals.push(token.value);
    if (token.kind !== "option") continue;
    // Own options only: `--constructor` is no option, whatever Object.prototype holds.
    const option = Object.hasOwn(spec.options, token.name) ? spec.options[token.name] : undefined;
    if (option === undefined) throw new UsageError(`unknown option ${token.rawName}`);
    if (option.type === "boolean") {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
      values[token.name] = true;
    } else if (token.value === undefined || (!token.inlineValue && token.value.startsWith("-"))) {
      // `--corpus --json` is a forgotten value, not a folder named "--json".
      throw new UsageError(`${token.rawName} needs a value (${option.value ?? "a value"})`);
    } else {
      values[token.name] = token.value;
    }
  }
  if (!spec.positionals && positionals.length > 0)
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  return { values: values as OptionValues<Options>, positionals };
}

/**
 * Runs a command-line entry point: parses `argv` against `spec`, then runs `main` with what was given, its
 * failures explained as {@link explainingFailures} does.
 */
export async function runCommand<const Options extends Record<string, OptionSpec>>(
  spec: CommandSpec<Options>,
  main: (args: ParsedCommandLine<Options>) => void | Promise<void>,
  argv: readonly string[] = process.argv.slice(2),
): Promise<void> {
  await explainingFailures(spec, () => main(parseCommandLine(argv, spec)));
}

/**
 * Runs `run`, explaining what it throws: help goes to stdout (exit 0); a {@link UsageError} prints
 * `usage error: …` and the usage (exit 2); a {@link CommandError}, a configuration problem or a missing or
 * damaged model file prints its line(s) (its exit code, 1 for the others); anything else is a bug and keeps
 * its stack trace.
 */
export async function explainingFailures(spec: CommandSpec, run: () => void | Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof HelpRequested) {
      console.log(usageText(spec));
    } else if (error instanceof UsageError) {
      console.error(usageErrorText(spec, error.message));
      process.exitCode = error.exitCode;
    } else if (error instanceof CommandError) {
      console.error(error.message);
      process.exitCode = error.exitCode;
    } else if (error instanceof ConfigError) {
      for (const problem of error.problems) console.error(`config error: ${problem}`);
      process.exitCode = 1;
    } else if (error instanceof ModelError) {
      console.error(error.message);
      process.exitCode = 1;
    } else {
      throw error;
    }
  }
}

/** An integer option's value, or undefined when it was not given. */
export function integerOption(name: string, value: string | undefined, least: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < least)
    throw new UsageError(`--${name} needs an integer ≥ ${least}`);
  return parsed;
}

/** Why a path given on the command line cannot be used as `kind`, in words, or null when it can. */
function pathProblem(path: string, kind: "file" | "folder"): string | null {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" || code === "ENOTDIR" ? "not found" : `cannot be read (${code})`;
  }
  if (kind === "file" && !isFile) return "is a folder, not a file";
  if (kind === "folder" && isFile) return "is a file, not a folder";
  return null;
}

/** The text of an input file named on the command line; a missing or unreadable one is a one-line error (exit 2). */
export function readInputFile(path: string, what: string): string {
  const problem = pathProblem(path, "file");
  if (problem !== null) throw new CommandError(`${what} ${problem}: ${path}`, 2);
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new CommandError(`${what} cannot be read (${(error as NodeJS.ErrnoException).code}): ${path}`, 2);
  }
}

/** Checks that a folder named on the command line exists; a missing one is a one-line error (exit 2). */
export function requireFolder(path: string, what: string): void {
  const problem = pathProblem(path, "folder");
  if (problem !== null) throw new CommandError(`${what} ${problem}: ${path}`, 2);
}
