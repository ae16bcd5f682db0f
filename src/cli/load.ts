import { resolve } from "node:path";
import { config as loadDotenv } from "dotenv";
import { loadConfig } from "../config.ts";
import { type LoadedEngine, loadEngine } from "../core/engine.ts";
import { CorpusError } from "../core/ingest/corpus.ts";
import type { IngestWarning } from "../core/types.ts";
import { CommandError, requireFolder } from "./args.ts";

function printWarnings(warnings: readonly IngestWarning[]): void {
  for (const warning of warnings) console.error(`warning: ${warning.file}: ${warning.message}`);
}

/**
 * Runs `load`, turning a corpus that cannot be read into a one-line {@link CommandError}, after the
 * warnings of every file it skipped (they say why nothing was readable).
 */
export function explainingCorpusErrors<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof CorpusError) {
      printWarnings(error.warnings);
      throw new CommandError(`corpus error: ${error.message}`);
    }
    throw error;
  }
}

/**
 * Loads `.env`, the configuration and the engine for a command-line tool. Warnings go to stderr, one
 * line each naming the file, so stdout stays clean for `--json`. `corpusOverride` is `--corpus DIR`: a
 * folder named there that does not exist is a mistake in the command line (exit 2), one named by
 * `CORPUS_DIR` a problem of the set-up (exit 1).
 */
export function loadEngineForCli(
  corpusOverride: string | undefined,
  useCache = true,
): LoadedEngine & { corpusDir: string; cacheDir: string | null } {
  loadDotenv({ quiet: true });
  const config = loadConfig();
  if (corpusOverride !== undefined) requireFolder(corpusOverride, "corpus folder");
  const corpusDir = resolve(corpusOverride ?? config.corpusDir);
  // A --corpus folder gets its own cache, so switching corpora never thrashes the default one.
  const cacheDir = useCache
    ? resolve(config.cacheDir, corpusOverride === undefined ? "default" : "custom")
    : null;
  const loaded = explainingCorpusErrors(() => loadEngine({ corpusDir, cacheDir }));
  printWarnings(loaded.warnings);
  return { ...loaded, corpusDir, cacheDir };
}
