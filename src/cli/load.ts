import { resolve } from "node:path";
import { config as loadDotenv } from "dotenv";
import { ConfigError, loadConfig } from "../config.ts";
import { type LoadedEngine, loadEngine } from "../core/engine.ts";
import { CorpusError } from "../core/ingest/corpus.ts";
import type { IngestWarning } from "../core/types.ts";
import { UsageError } from "./args.ts";

/**
 * Loads `.env`, the configuration and the engine for a command-line tool. Warnings go to stderr, one
 * line each naming the file, so stdout stays clean for `--json`. `corpusOverride` is `--corpus DIR`.
 */
export function loadEngineForCli(
  corpusOverride: string | undefined,
  useCache = true,
): LoadedEngine & { corpusDir: string; cacheDir: string | null } {
  loadDotenv({ quiet: true });
  const config = loadConfig();
  const corpusDir = resolve(corpusOverride ?? config.corpusDir);
  // A --corpus folder gets its own cache, so switching corpora never thrashes the default one.
  const cacheDir = useCache
    ? resolve(config.cacheDir, corpusOverride === undefined ? "default" : "custom")
    : null;
  const loaded = loadEngine({ corpusDir, cacheDir });
  printWarnings(loaded.warnings);
  return { ...loaded, corpusDir, cacheDir };
}

function printWarnings(warnings: readonly IngestWarning[]): void {
  for (const warning of warnings) console.error(`warning: ${warning.file}: ${warning.message}`);
}

/** Runs a command-line entry point, turning expected failures into one clear line and exit code. */
export async function runCli(main: () => void | Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`usage error: ${error.message}`);
      process.exitCode = 2;
    } else if (error instanceof ConfigError) {
      for (const problem of error.problems) console.error(`config error: ${problem}`);
      process.exitCode = 1;
    } else if (error instanceof CorpusError) {
      printWarnings(error.warnings);
      console.error(`corpus error: ${error.message}`);
      process.exitCode = 1;
    } else {
      throw error;
    }
  }
}
