/**
 * The engine each server is answered with. A server with no library of its own and the default scope is
 * answered by the operator's engine. Any other server gets an engine of its own over the articles it
 * sees (the operator's plus its own, or only its own), built on its first question (or right after its
 * library changes), cached on disk under `CACHE_DIR/libraries/<guild id>` keyed by the content of every
 * article in it, and kept in memory for the most recently used servers within a memory budget.
 *
 * Isolation is by construction: a server's engine is built from the operator's files and that server's
 * rows only, and direct messages get the operator's engine.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import MiniSearch from "minisearch";
import { EngineBuild } from "../core/background-build.ts";
import { QaEngine } from "../core/engine.ts";
import { defaultEngineOptions, type EngineOptions } from "../core/index/options.ts";
import { miniSearchOptions, PassageFrequencyCounter } from "../core/index/search-index.ts";
import { type CorpusFile, readCorpusFiles } from "../core/ingest/corpus.ts";
import type { GuildSettings } from "../storage/guild-settings.ts";
import type { LibraryArticle, LibraryArticleText } from "../storage/library.ts";

/** Tunable behaviour of the servers' engines. Every field has its default in {@link defaultLibraryEngineOptions}. */
export interface LibraryEngineOptions {
  /** Memory the servers' engines may hold together (`LIBRARY_CACHE_MB`); the least recently used go first. */
  maxMemoryBytes: number;
  /** How long an event waits for its server's engine to be built before it is told to try again (ms). */
  waitForBuildMs: number;
  /** Longest stretch of build work before the bot's other events run (ms). */
  sliceMs: number;
  /**
   * Memory an engine holds per byte of article text, measured (see docs/library.md): what the budget
   * counts an engine as.
   */
  bytesPerTextByte: number;
}

export const defaultLibraryEngineOptions: LibraryEngineOptions = {
  maxMemoryBytes: 256 * 1024 * 1024,
  waitForBuildMs: 1000,
  sliceMs: 10,
  bytesPerTextByte: 72,
};

/** What the engines read a server's library from (the library store). */
export interface LibrarySource {
  list(guildId: string): Promise<LibraryArticle[]>;
  texts(guildId: string): Promise<LibraryArticleText[]>;
}

/** What the engines read a server's scope from (the settings store). */
export interface LibraryScopeSource {
  get(guildId: string): Promise<Pick<GuildSettings, "library">>;
}

/** The operator's corpus: its folder, and the engine served from it now (null while it is first built). */
export interface OperatorCorpus {
  readonly corpusDir: string;
  /** Any object standing for the engine: a reload's new engine changes every server's key. */
  current(): object | null;
}

/** A server's engine is being built: the share done so far, 0–1. */
export class LibraryBuilding {
  constructor(readonly fraction: number) {}
}

interface ServerEngine {
  /** What it was built from: the operator's engine, the scope, and each article's content hash. */
  key: string;
  engine: QaEngine;
  /** What the memory budget counts it as. */
  bytes: number;
}

interface ServerBuild {
  key: string;
  /** Null until the server's texts are read, and for a server that sees no article at all. */
  build: EngineBuild | null;
  /** Null when the build failed and the server is answered from the operator's engine meanwhile. */
  finished: Promise<QaEngine | null>;
}

/** Engines of the operator's corpus get an id each, so a reload changes every server's key. */
const operatorIds = new WeakMap<object, number>();
let nextOperatorId = 1;
function operatorIdOf(engine: object | null): number {
  if (engine === null) return 0;
  let id = operatorIds.get(engine);
  if (id === undefined) {
    id = nextOperatorId++;
    operatorIds.set(engine, id);
  }
  return id;
}

/** The engines of the servers that have a view of their own, most recently used last. */
export class LibraryEngines {
  readonly #engines = new Map<string, ServerEngine>();
  readonly #builds = new Map<string, ServerBuild>();
  readonly #options: LibraryEngineOptions;
  #bytes = 0;

  constructor(
    private readonly library: LibrarySource,
    private readonly scopes: LibraryScopeSource,
    private readonly operator: OperatorCorpus,
    /** Folder for the operator's index cache; null keeps servers' indexes in memory only. */
    private readonly cacheDir: string | null,
    options: Partial<LibraryEngineOptions> = {},
    private readonly engineOptions: EngineOptions = defaultEngineOptions,
    /** Told when a server's engine could not be built (the bot logs it). */
    private readonly onBuildError: (guildId: string, error: unknown) => void = () => undefined,
  ) {
    this.#options = { ...defaultLibraryEngineOptions, ...options };
  }

  /**
   * The engine for an event in this server (null: a direct message), or {@link LibraryBuilding} when its
   * engine is still being built after `waitForBuildMs`. Null means the operator's engine is the one to use.
   */
  async engineFor(guildId: string | null): Promise<QaEngine | LibraryBuilding | null> {
    if (guildId === null) return null;
    const [articles, { library: scope }] = await Promise.all([
      this.library.list(guildId),
      this.scopes.get(guildId),
    ]);
    if (articles.length === 0 && scope === "shared") return null;
    const operatorEngine = scope === "shared" ? this.operator.current() : null;
    if (scope === "shared" && operatorEngine === null) return null;
    const key = [
      scope,
      operatorIdOf(operatorEngine),
      ...articles.map((a) => `${a.id}:${a.contentHash}`),
    ].join("\0");
    const kept = this.#engines.get(guildId);
    if (kept?.key === key) {
      // Most recently used last.
      this.#engines.delete(guildId);
      this.#engines.set(guildId, kept);
      return kept.engine;
    }
    const build = this.#startBuild(guildId, key, scope);
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([
      build.finished,
      new Promise<LibraryBuilding>((resolve) => {
        timer = setTimeout(
          () => resolve(new LibraryBuilding(build.build?.fraction ?? 0)),
          this.#options.waitForBuildMs,
        );
      }),
    ]);
    clearTimeout(timer);
    return waited;
  }

  /** Starts building the server's engine now (after its library changed), so its next question need not wait. */
  warm(guildId: string): void {
    void this.engineFor(guildId).catch(() => undefined);
  }

  /** Drops the server's engine from memory and its index cache from disk (its library was purged). */
  forget(guildId: string): void {
    this.#drop(guildId);
    if (this.cacheDir !== null) rmSync(this.#cacheDirOf(guildId), { recursive: true, force: true });
  }

  /** Servers whose engines are in memory, and what the budget counts them as together. */
  get memory(): { servers: number; bytes: number } {
    return { servers: this.#engines.size, bytes: this.#bytes };
  }

  #cacheDirOf(guildId: string): string {
    return join(this.cacheDir ?? "", "libraries", guildId);
  }

  #startBuild(guildId: string, key: string, scope: GuildSettings["library"]): ServerBuild {
    const running = this.#builds.get(guildId);
    if (running?.key === key) return running;
    const server: ServerBuild = { key, build: null, finished: Promise.resolve(null) };
    const built = this.library.texts(guildId).then((articles) => {
      const operatorFiles = scope === "shared" ? readCorpusFiles(this.operator.corpusDir).files : [];
      const files = [...operatorFiles, ...libraryFiles(articles, operatorFiles)];
      const textBytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.text, "utf8"), 0);
      const keep = (engine: QaEngine): QaEngine => {
        this.#keep(guildId, { key, engine, bytes: textBytes * this.#options.bytesPerTextByte });
        return engine;
      };
      if (files.length === 0) return keep(emptyEngine(this.engineOptions));
      server.build = new EngineBuild(
        {
          corpusDir: `the library of server ${guildId}`,
          cacheDir: this.cacheDir === null ? null : this.#cacheDirOf(guildId),
          engine: this.engineOptions,
        },
        { sliceMs: this.#options.sliceMs },
        { files, warnings: [] },
      );
      return server.build.finished.then((loaded) => keep(loaded.engine));
    });
    // A failed build is reported and not kept, so the next question tries again; meanwhile the server is
    // answered from the operator's articles (shared scope) or from none.
    server.finished = built.catch((error: unknown) => {
      this.onBuildError(guildId, error);
      return scope === "shared" ? null : emptyEngine(this.engineOptions);
    });
    void server.finished.finally(() => {
      if (this.#builds.get(guildId) === server) this.#builds.delete(guildId);
    });
    this.#builds.set(guildId, server);
    return server;
  }

  /** Keeps a built engine, dropping the least recently used others while the budget is passed. */
  #keep(guildId: string, engine: ServerEngine): void {
    this.#drop(guildId);
    this.#engines.set(guildId, engine);
    this.#bytes += engine.bytes;
    for (const [otherId] of this.#engines) {
      if (this.#bytes <= this.#options.maxMemoryBytes || otherId === guildId) break;
      this.#drop(otherId);
    }
  }

  #drop(guildId: string): void {
    const kept = this.#engines.get(guildId);
    if (kept === undefined) return;
    this.#engines.delete(guildId);
    this.#bytes -= kept.bytes;
  }
}

/**
 * A server's articles as corpus files. An id the operator's corpus also uses gets a suffix, so passage ids
 * stay unique in the server's engine.
 */
function libraryFiles(articles: readonly LibraryArticleText[], operatorFiles: readonly CorpusFile[]) {
  const used = new Set(operatorFiles.map((file) => file.id));
  return articles.map((article): CorpusFile => {
    let id = article.id;
    for (let n = 2; used.has(id); n++) id = `${article.id}-${n}`;
    used.add(id);
    return {
      file: article.fileName,
      id,
      text: article.text,
      metadata: { title: article.title, ...(article.url === null ? {} : { url: article.url }) },
    };
  });
}

/** An engine with no articles: a server that answers only from its own library, which is empty. */
function emptyEngine(options: EngineOptions): QaEngine {
  return new QaEngine(
    [],
    new MiniSearch(miniSearchOptions(options)),
    new PassageFrequencyCounter().vocabulary(),
    options,
  );
}
