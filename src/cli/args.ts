/** Parsed command-line arguments: `--flag`, `--name value`, and positionals. */
export interface CliArgs {
  flags: Record<string, boolean>;
  values: Record<string, string | undefined>;
  positionals: string[];
}

/** Thrown for an unknown option or a missing value; the CLI prints its message and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Parses arguments against the options a command accepts; anything else is a `UsageError`. */
export function parseCliArgs(
  argv: readonly string[],
  accepted: { flags: string[]; values: string[] },
): CliArgs {
  const args: CliArgs = { flags: {}, values: {}, positionals: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith("--")) {
      args.positionals.push(arg);
      continue;
    }
    const name = arg.slice(2);
    if (accepted.flags.includes(name)) {
      args.flags[name] = true;
    } else if (accepted.values.includes(name)) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`--${name} needs a value`);
      args.values[name] = value;
      i++;
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  return args;
}

/** An integer option's value, or undefined when it was not given. */
export function integerOption(name: string, value: string | undefined, least: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < least)
    throw new UsageError(`--${name} needs an integer ≥ ${least}`);
  return parsed;
}
