/**
 * The corpus served while the bot runs, reloaded without a restart: on SIGHUP and, with `CORPUS_WATCH=on`,
 * when the corpus folder changes. A reload reads and indexes the folder in slices between the bot's other
 * work, then swaps the engine in one assignment: an event takes the engine that is current when it arrives
 * and keeps it to the end, so questions in flight finish on the old engine. When nothing loads, the old
 * engine stays.
 */
import { type FSWatcher, watch } from "node:fs";
import { EngineBuild } from "./core/background-build.ts";
import { type LoadEngineOptions, type LoadedEngine, loadEngineSteps, type QaEngine } from "./core/engine.ts";
import { CorpusError, fingerprintFiles, isCorpusFileName, readCorpusFiles } from "./core/ingest/corpus.ts";
import { runStepsInSlices } from "./core/steps.ts";
import type { Article, IngestWarning } from "./core/types.ts";
import type { Logger } from "./discord/logger.ts";

/** Tunable behaviour of corpus reloads. Every field has its default in {@link defaultCorpusReloadOptions}. */
export interface CorpusReloadOptions {
  /** How long the folder must stay quiet after a change before a watched reload starts (ms). */
  watchDebounceMs: number;
  /** Longest stretch of reload work before the bot gets to answer again (ms). */
  sliceMs: number;
}

export const defaultCorpusReloadOptions: CorpusReloadOptions = { watchDebounceMs: 500, sliceMs: 10 };

/** What one reload did. Article ids are sorted. */
export type ReloadOutcome =
  | {
      result: "reloaded";
      added: string[];
      removed: string[];
      changed: string[];
      articles: number;
      passages: number;
    }
  | { result: "unchanged" }
  /** Nothing could be loaded (`reason` says why); the previous engine is still served. */
  | { result: "failed"; reason: string };

const sortedDifference = (from: Iterable<string>, without: ReadonlySet<string>) =>
  [...from].filter((id) => !without.has(id)).sort();

/** Which articles a reload added, removed or changed, comparing the files they came from. */
function articleChanges(
  articlesBefore: readonly Article[],
  sourcesBefore: ReadonlyMap<string, string>,
  after: LoadedEngine,
) {
  const idsBefore = new Set(articlesBefore.map((article) => article.id));
  const idsAfter = new Set(after.engine.articles.map((article) => article.id));
  return {
    added: sortedDifference(idsAfter, idsBefore),
    removed: sortedDifference(idsBefore, idsAfter),
    changed: [...idsAfter]
      .filter((id) => idsBefore.has(id) && sourcesBefore.get(id) !== after.sources.get(id))
      .sort(),
  };
}

function sameSources(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([id, fingerprint]) => b.get(id) === fingerprint);
}

/** The engine being served, and the reloads that replace it. */
export class ReloadableCorpus {
  readonly #load: LoadEngineOptions;
  readonly #logger: Logger;
  readonly #options: CorpusReloadOptions;
  /** Null while the engine of the start is still being built. */
  #loaded: LoadedEngine | null;
  /** The build of the start, until it is done (when the corpus was not loaded beforehand). */
  #build: EngineBuild | null;
  /** The reload waiting for the one in progress; requests arriving meanwhile share it. */
  #queued: Promise<ReloadOutcome> | undefined;
  #latest: Promise<unknown> = Promise.resolve();

  /**
   * `start` is the engine loaded at start from the same `load` options, or its build still under way: until
   * that finishes, {@link current} is null and a reload waits for it.
   */
  constructor(
    start: LoadedEngine | EngineBuild,
    load: LoadEngineOptions,
    logger: Logger,
    options: Partial<CorpusReloadOptions> = {},
  ) {
    this.#load = load;
    this.#logger = logger;
    this.#options = { ...defaultCorpusReloadOptions, ...options };
    if (start instanceof EngineBuild) {
      this.#loaded = start.loaded;
      this.#build = start;
      const built = start.finished.then((loaded) => {
        this.#loaded = loaded;
        this.#build = null;
      });
      // A failed build is the caller's to report (through `finished`); reloads only wait for it to end.
      this.#latest = built.catch(() => undefined);
    } else {
      this.#loaded = start;
      this.#build = null;
    }
  }

  /** The engine new questions are answered with; null while the engine of the start is being built. */
  get current(): QaEngine | null {
    return this.#loaded?.engine ?? null;
  }

  /** Share of the start's build done, 0–1: 1 once there is an engine. */
  get buildFraction(): number {
    return this.#loaded === null ? (this.#build?.fraction ?? 0) : 1;
  }

  /**
   * Reads the folder again and, when it changed, swaps in a new engine. Reloads never overlap: one asked
   * for during another runs after it, reading the folder as it is then. Never rejects.
   */
  reload(trigger: string): Promise<ReloadOutcome> {
    if (this.#queued) return this.#queued;
    const queued = this.#latest.then(() => {
      this.#queued = undefined;
      return this.#reloadNow(trigger);
    });
    this.#queued = queued;
    this.#latest = queued;
    return queued;
  }

  /**
   * Reloads whenever an article or sidecar in the folder changes, once the folder has been quiet for
   * `watchDebounceMs`. Returns what stops watching.
   */
  watch(): () => void {
    let timer: NodeJS.Timeout | undefined;
    let watcher: FSWatcher;
    try {
      watcher = watch(this.#load.corpusDir, (_event, name) => {
        if (name !== null && !isCorpusFileName(name)) return;
        clearTimeout(timer);
        timer = setTimeout(() => void this.reload("corpus folder changed"), this.#options.watchDebounceMs);
      });
    } catch (error) {
      this.#logger.warn("cannot watch the corpus folder: reload it with SIGHUP", {
        folder: this.#load.corpusDir,
        reason: (error as Error).message,
      });
      return () => undefined;
    }
    watcher.on("error", (error) =>
      this.#logger.warn("stopped watching the corpus folder: reload it with SIGHUP", {
        folder: this.#load.corpusDir,
        reason: error.message,
      }),
    );
    return () => {
      clearTimeout(timer);
      watcher.close();
    };
  }

  async #reloadNow(trigger: string): Promise<ReloadOutcome> {
    const started = performance.now();
    const previous = this.#loaded;
    try {
      const read = readCorpusFiles(this.#load.corpusDir);
      if (previous !== null && sameSources(fingerprintFiles(read.files), previous.sources)) {
        this.#logSkippedFiles(read.warnings);
        this.#logger.info("corpus unchanged", { trigger });
        return { result: "unchanged" };
      }
      const next = await runStepsInSlices(loadEngineSteps(this.#load, read), this.#options.sliceMs);
      this.#logSkippedFiles(next.warnings);
      this.#loaded = next;
      const outcome = {
        result: "reloaded" as const,
        ...articleChanges(previous?.engine.articles ?? [], previous?.sources ?? new Map(), next),
        articles: next.engine.articles.length,
        passages: next.engine.context.passagesById.size,
      };
      this.#logger.info("corpus reloaded", {
        trigger,
        ...outcome,
        millis: Math.round(performance.now() - started),
      });
      return outcome;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const fields = { trigger, reason, articles: previous?.engine.articles.length ?? 0 };
      if (error instanceof CorpusError) {
        this.#logger.warn("corpus reload failed: still serving the previous articles", fields);
      } else {
        this.#logger.error("corpus reload failed: still serving the previous articles", { ...fields, error });
      }
      return { result: "failed", reason };
    }
  }

  #logSkippedFiles(warnings: readonly IngestWarning[]): void {
    for (const warning of warnings) {
      this.#logger.warn("corpus warning", { file: warning.file, problem: warning.message });
    }
  }
}

/**
 * Reloads the corpus on SIGHUP and, with `watchFolder`, when its folder changes. Returns what stops both.
 * Only for the bot: in a terminal, SIGHUP means the terminal closed.
 */
export function reloadOnRequest(corpus: ReloadableCorpus, watchFolder: boolean): () => void {
  const onHangup = () => void corpus.reload("SIGHUP");
  process.on("SIGHUP", onHangup);
  const stopWatching = watchFolder ? corpus.watch() : () => undefined;
  return () => {
    process.off("SIGHUP", onHangup);
    stopWatching();
  };
}
