import { resolve } from "node:path";
import { config as loadDotenv } from "dotenv";
import { loadConfig } from "../config.ts";
import { EngineBuild } from "../core/background-build.ts";
import { type LoadEngineOptions, type LoadedEngine, loadEngine } from "../core/engine.ts";
import { CorpusError } from "../core/ingest/corpus.ts";
import type { IngestWarning } from "../core/types.ts";
import { CommandError, requireFolder } from "./args.ts";
import { holdHeapGrowth } from "./heap-growth.ts";
import { progressReporter } from "./progress-line.ts";

function printWarnings(warnings: readonly IngestWarning[]): void {
  for (const warning of warnings) console.error(`warning: ${warning.file}: ${warning.message}`);
}

/**
 * A corpus that cannot be read as a one-line {@link CommandError}, after the warnings of every file it
 * skipped (they say why nothing was readable); any other error as it is.
 */
function explainCorpusError(error: unknown): unknown {
  if (!(error instanceof CorpusError)) return error;
  printWarnings(error.warnings);
  return new CommandError(`corpus error: ${error.message}`);
}

/** Runs `load`, turning a corpus that cannot be read into a one-line {@link CommandError}. */
export function explainingCorpusErrors<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    throw explainCorpusError(error);
  }
}

/** The label of the progress line while the index is built. */
export const progressLabel = "Building the index";

/** Where the corpus and its cache are, from `--corpus` or the configuration. */
function corpusLocation(corpusOverride: string | undefined, useCache: boolean) {
  loadDotenv({ quiet: true });
  const config = loadConfig();
  if (corpusOverride !== undefined) requireFolder(corpusOverride, "corpus folder");
  const corpusDir = resolve(corpusOverride ?? config.corpusDir);
  // A --corpus folder gets its own cache, so switching corpora never thrashes the default one.
  const cacheDir = useCache
    ? resolve(config.cacheDir, corpusOverride === undefined ? "default" : "custom")
    : null;
  return { corpusDir, cacheDir };
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
  const { corpusDir, cacheDir } = corpusLocation(corpusOverride, useCache);
  const onProgress = progressReporter(process.stderr, progressLabel);
  const loaded = explainingCorpusErrors(() => loadEngine({ corpusDir, cacheDir, onProgress }));
  printWarnings(loaded.warnings);
  return { ...loaded, corpusDir, cacheDir };
}

/** An engine {@link startEngineForCli} started: loaded at once from the cache, or building in the background. */
export interface StartedEngine {
  build: EngineBuild;
  /** The engine once built, after the warnings are printed; a corpus that cannot be read is a `CommandError`. */
  finished: Promise<LoadedEngine>;
  /** Where it loads from, without the progress line: what a corpus reload loads with. */
  load: LoadEngineOptions;
}

/**
 * {@link loadEngineForCli} for a program that serves while the index is built (the bot, the chat): the
 * folder is read and checked at once (a missing or empty one throws here as there), a cached index is
 * ready at once, and otherwise the build goes on in the background with a progress line on stderr. Once
 * loaded, the heap's growth is held for serving ({@link holdHeapGrowth}).
 */
export function startEngineForCli(corpusOverride: string | undefined): StartedEngine {
  const load: LoadEngineOptions = corpusLocation(corpusOverride, true);
  const onProgress = progressReporter(process.stderr, progressLabel);
  const build = explainingCorpusErrors(() => new EngineBuild({ ...load, onProgress }));
  const finished = build.finished.then(
    (loaded) => {
      printWarnings(loaded.warnings);
      holdHeapGrowth();
      return loaded;
    },
    (error: unknown) => {
      throw explainCorpusError(error);
    },
  );
  return { build, finished, load };
}
