import type { LogLevel } from "../config.ts";

/** Context attached to a log line: ids, names, timings. Message content only at debug level. */
export type LogFields = Record<string, unknown>;

/** A structured logger writing one JSON object per line. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

/** Where lines go and what must never appear in them. */
export interface LoggerOptions {
  level: LogLevel;
  /** Receives each finished line (without the newline); stdout by default. */
  write?: (line: string) => void;
  /** Strings replaced by `[redacted]` wherever they occur (the bot token). */
  secrets?: readonly string[];
}

const severity: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Errors as plain JSON: name, message, Discord code and status when present, and the stack. */
function serialize(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const { code, status } = value as Error & { code?: unknown; status?: unknown };
  return {
    name: value.name,
    message: value.message,
    ...(code === undefined ? {} : { code }),
    ...(status === undefined ? {} : { status }),
    stack: value.stack,
  };
}

/** Creates a JSON-lines logger: `{"time":…,"level":"info","msg":"…",…fields}`. */
export function createLogger(options: LoggerOptions, bound: LogFields = {}): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const secrets = (options.secrets ?? []).filter((secret) => secret.length > 0);
  const log = (level: LogLevel, message: string, fields: LogFields = {}) => {
    if (severity[level] < severity[options.level]) return;
    const entry = { time: new Date().toISOString(), level, msg: message, ...bound, ...fields };
    let line = JSON.stringify(entry, (_key, value: unknown) => serialize(value));
    for (const secret of secrets) line = line.replaceAll(secret, "[redacted]");
    write(line);
  };
  return {
    debug: (message, fields) => log("debug", message, fields),
    info: (message, fields) => log("info", message, fields),
    warn: (message, fields) => log("warn", message, fields),
    error: (message, fields) => log("error", message, fields),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}
