import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import MiniSearch from "minisearch";
import { type AnswerContext, type AnswerExplanation, answerQuestion } from "./answer/answer.ts";
import { type AnswerModel, readAnswerModel } from "./answer/model.ts";
import { SentenceViews } from "./answer/sentence-view.ts";
import { ArticleIndexes } from "./index/article-indexes.ts";
import {
  CORPUS_CACHE_FILE,
  CorpusCacheWriter,
  defaultCorpusCacheOptions,
  openCorpusCache,
} from "./index/corpus-cache.ts";
import { defaultEngineOptions, ENGINE_VERSION, type EngineOptions } from "./index/options.ts";
import {
  type IndexedPassage,
  indexedPassages,
  miniSearchOptions,
  PassageFrequencyCounter,
  sectionFieldOf,
  type Vocabulary,
} from "./index/search-index.ts";
import {
  type CorpusFile,
  type CorpusRead,
  fingerprintFiles,
  ingestEachSteps,
  readCorpusFiles,
} from "./ingest/corpus.ts";
import { DEFAULT_BOUNDARY_MODEL_PATH } from "./ingest/segment/boundary-model.ts";
import { runSteps, type Steps } from "./steps.ts";
import { curatedThesaurus, type Thesaurus } from "./text/synonyms.ts";
import type { Answer, Article, Excerpt, IngestWarning, Passage } from "./types.ts";

/** One hit of a plain passage search (`/search`). */
export interface PassageHit {
  passage: Passage;
  article: Article;
  score: number;
}

/** A passage with its place among its article's passages. */
export interface PassageInContext {
  passage: Passage;
  article: Article;
  previousId: string | null;
  nextId: string | null;
}

/** The question-answering engine over one ingested corpus. */
export class QaEngine {
  readonly articles: readonly Article[];
  /** What answering reads (index, vocabulary, sentence views): training examines questions through it. */
  readonly context: AnswerContext;

  constructor(
    articles: Article[],
    index: MiniSearch<IndexedPassage>,
    vocabulary: Vocabulary,
    options: EngineOptions,
    thesaurus: Thesaurus = curatedThesaurus,
    private answerModel: AnswerModel | null = null,
  ) {
    this.articles = articles;
    this.context = {
      index,
      vocabulary,
      options,
      passagesById: new Map(articles.flatMap((article) => article.passages.map((p) => [p.id, p] as const))),
      articlesById: new Map(articles.map((article) => [article.id, article] as const)),
      views: new SentenceViews(sectionFieldOf),
      articleIndexes: new ArticleIndexes(options),
      thesaurus,
    };
  }

  /** The learned models answering uses: the committed model file unless another was given. */
  get model(): AnswerModel {
    this.answerModel ??= readAnswerModel();
    return this.answerModel;
  }

  /** Answers a question with cited excerpts, or says the corpus does not contain the answer. */
  answer(question: string, explain?: (explanation: AnswerExplanation) => void): Answer {
    return answerQuestion(this.context, this.model, question, explain);
  }

  /** Plain passage search, best first; `articleId` restricts it to one article. */
  search(query: string, articleId?: string): PassageHit[] {
    const hits = this.context.index.search(query, {
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      prefix: (term) => term.length >= 4,
      filter: articleId === undefined ? undefined : (hit) => (hit.id as string).startsWith(`${articleId}/`),
    });
    return hits.flatMap((hit) => {
      const found = this.passageInContext(hit.id as string);
      return found ? [{ passage: found.passage, article: found.article, score: hit.score }] : [];
    });
  }

  /** A passage by id with its neighbours' ids, or null when there is no such passage. */
  passageInContext(id: string): PassageInContext | null {
    const passage = this.context.passagesById.get(id);
    const article = passage && this.context.articlesById.get(passage.articleId);
    if (!passage || !article) return null;
    const at = article.passages.indexOf(passage);
    return {
      passage,
      article,
      previousId: article.passages[at - 1]?.id ?? null,
      nextId: article.passages[at + 1]?.id ?? null,
    };
  }

  /** Passage ids for autocomplete: ids or section headings containing what was typed, then text matches. */
  suggestPassages(typed: string, limit: number): Passage[] {
    const needle = typed.trim().toLowerCase();
    const all = [...this.context.passagesById.values()];
    if (needle === "") return all.slice(0, limit);
    const byName = all.filter(
      (p) => p.id.includes(needle) || p.sectionHeading.toLowerCase().includes(needle),
    );
    if (byName.length >= limit) return byName.slice(0, limit);
    const byText = this.search(needle)
      .map((hit) => hit.passage)
      .filter((p) => !byName.includes(p));
    return [...byName, ...byText].slice(0, limit);
  }

  /**
   * What the article says right after an excerpt: the next sentences (up to two, within the excerpt
   * length limit), cited to their own passage. Empty at the end of the article.
   */
  excerptsAfter(excerpt: Excerpt | undefined): Excerpt[] {
    const found = excerpt && this.passageInContext(excerpt.passageId);
    if (!excerpt || !found) return [];
    const sentences = found.article.passages
      .filter((passage) => passage.kind === "body")
      .flatMap((passage) => passage.sentences.map((sentence) => ({ sentence, passage })));
    const shown = sentences.map((entry) => excerpt.text.includes(entry.sentence.text.slice(0, 40)));
    const last = shown.lastIndexOf(true);
    if (last < 0) return [];
    const following = sentences.slice(last + 1, last + 3);
    const first = following[0];
    if (!first) return [];
    const limit = this.context.options.maxExcerptChars;
    const fits = following.filter(
      (_, n) =>
        following
          .slice(0, n + 1)
          .map((e) => e.sentence.text)
          .join(" ").length <= limit,
    );
    const text = (fits.length > 0 ? fits : [first])
      .map((entry) => entry.sentence.text)
      .join(" ")
      .slice(0, limit);
    return [
      {
        text,
        article: found.article.title,
        articleId: found.article.id,
        section: first.passage.sectionHeading,
        passageId: first.passage.id,
        url: found.article.url,
        score: 0,
        answerSpan: null,
      },
    ];
  }

  article(id: string): Article | undefined {
    return this.context.articlesById.get(id);
  }
}

/** Where and how to load the engine. */
export interface LoadEngineOptions {
  corpusDir: string;
  /** Folder for the index cache; null disables caching. */
  cacheDir: string | null;
  engine?: EngineOptions;
  /** Paraphrases used when matching questions; the curated thesaurus by default. */
  thesaurus?: Thesaurus;
  /** Called as a build advances (not when the cache is used), so a caller can show how far it got. */
  onProgress?: (progress: BuildProgress) => void;
}

/** How far a build has got: `done` of `total` units of its current stage. */
export interface BuildProgress {
  stage: "ingest" | "index" | "cache";
  done: number;
  total: number;
  /** Share of the whole build done, 0–1 (the stages weighted by their usual cost). */
  fraction: number;
}

/**
 * Where each build stage starts and its usual share of the build time: `ingest` reads and indexes each
 * file, `index` writes the index to the cache, `cache` is done.
 */
const STAGE_SHARES = { ingest: [0, 0.9], index: [0.9, 0.1], cache: [1, 0] } as const;

/** Passes `steps` through, reporting after each step how many of `total` are done. */
function* reportingSteps<Result>(
  steps: Steps<Result>,
  stage: BuildProgress["stage"],
  total: number,
  onProgress: LoadEngineOptions["onProgress"],
): Steps<Result> {
  if (onProgress === undefined) return yield* steps;
  const [start, share] = STAGE_SHARES[stage];
  // About 200 reports per stage at most: enough for a smooth bar, cheap at a million passages.
  const every = Math.max(1, Math.floor(total / 200));
  let done = 0;
  for (;;) {
    const next = steps.next();
    if (next.done) {
      onProgress({ stage, done: total, total, fraction: start + share });
      return next.value;
    }
    done++;
    if (done % every === 0)
      onProgress({
        stage,
        done,
        total,
        fraction: start + (share * Math.min(done, total)) / Math.max(1, total),
      });
    yield;
  }
}

export interface LoadedEngine {
  engine: QaEngine;
  warnings: IngestWarning[];
  /** A fingerprint of each corpus file read, by article id: what a reload compares to say what changed. */
  sources: ReadonlyMap<string, string>;
  /** Whether the index came from the cache. */
  fromCache: boolean;
  millis: number;
}

/**
 * Folders whose code decides what the cache holds, and the boundary model ingestion reads: a change to
 * any of them rebuilds the index.
 */
const CACHED_CODE_FOLDERS = ["ingest", "index", "text"];

let codeFingerprint: string | null = null;

/**
 * A hash of the ingestion and indexing code itself, so an upgraded bot never loads a cache an older
 * version wrote (ENGINE_VERSION alone relies on someone remembering to bump it).
 */
function engineCodeFingerprint(): string {
  if (codeFingerprint === null) {
    const hash = createHash("sha256");
    const here = dirname(fileURLToPath(import.meta.url));
    for (const folder of CACHED_CODE_FOLDERS) {
      const dir = join(here, folder);
      const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((name) =>
        statSync(join(dir, name)).isFile(),
      );
      for (const name of files.sort()) hash.update(name).update(readFileSync(join(dir, name)));
    }
    // Ingestion segments stripped articles with this model: retraining it changes the cached sentences.
    hash.update(readFileSync(DEFAULT_BOUNDARY_MODEL_PATH));
    codeFingerprint = hash.digest("hex");
  }
  return codeFingerprint;
}

function cacheKey(fingerprint: string, options: EngineOptions): string {
  return createHash("sha256")
    .update(`${ENGINE_VERSION}\0${engineCodeFingerprint()}\0${JSON.stringify(options)}\0${fingerprint}`)
    .digest("hex")
    .slice(0, 32);
}

/**
 * Loads the corpus and its index: from the cache when the corpus files and options are unchanged,
 * otherwise by ingesting and indexing (and then writing the cache).
 */
export function loadEngine(load: LoadEngineOptions): LoadedEngine {
  return runSteps(loadEngineSteps(load));
}

/**
 * {@link loadEngine} as steps (a file or a passage each), so a reload can run them in slices while the bot
 * answers; `read` is the corpus folder as already read, when the caller has read it.
 */
export function* loadEngineSteps(load: LoadEngineOptions, read?: CorpusRead): Steps<LoadedEngine> {
  const started = performance.now();
  const options = load.engine ?? defaultEngineOptions;
  const { files, warnings } = read ?? readCorpusFiles(load.corpusDir);
  const sources = fingerprintFiles(files);
  const identity = { version: ENGINE_VERSION, key: cacheKey([...sources.values()].join("\0"), options) };
  const path = load.cacheDir === null ? null : join(load.cacheDir, CORPUS_CACHE_FILE);
  const loaded = (
    corpus: { articles: Article[]; index: MiniSearch<IndexedPassage>; vocabulary: Vocabulary },
    moreWarnings: readonly IngestWarning[],
    fromCache: boolean,
  ): LoadedEngine => ({
    engine: new QaEngine(corpus.articles, corpus.index, corpus.vocabulary, options, load.thesaurus),
    warnings: [...warnings, ...moreWarnings],
    sources,
    fromCache,
    millis: performance.now() - started,
  });
  if (path !== null) {
    const cached = openCorpusCache(path, identity, options);
    if (cached !== null) return loaded(cached, cached.warnings, true);
  }
  // Reading's warnings go in first, so an empty corpus is refused with every file's reason.
  let fellBack = false;
  if (path !== null) {
    let writer: CorpusCacheWriter | null = null;
    try {
      mkdirSync(dirname(path), { recursive: true });
      writer = new CorpusCacheWriter(path);
      const withCache = [...warnings];
      const built = yield* reportingSteps(
        buildCorpusSteps(load.corpusDir, files, withCache, options, writer),
        "ingest",
        files.length,
        load.onProgress,
      );
      const ingestWarnings = withCache.slice(warnings.length);
      load.onProgress?.({ stage: "index", done: 0, total: 1, fraction: STAGE_SHARES.index[0] });
      try {
        writer.finish(identity, built.index, built.vocabulary, ingestWarnings);
      } catch (error) {
        throw new CacheWriteError((error as Error).message);
      }
      // Served from the file just written, so only recently used articles' sentences stay in memory.
      const written = openCorpusCache(path, identity, options, defaultCorpusCacheOptions, {
        index: built.index,
        vocabulary: built.vocabulary,
      });
      if (written === null) throw new CacheWriteError("the written cache could not be read back");
      load.onProgress?.({ stage: "cache", done: 1, total: 1, fraction: 1 });
      return loaded(written, ingestWarnings, false);
    } catch (error) {
      writer?.abandon();
      // Creating the folder or the file failed before building, or writing failed during it.
      if (writer !== null && !(error instanceof CacheWriteError)) throw error;
      warnings.push({ file: path, message: `index cache not written: ${(error as Error).message}` });
      fellBack = writer !== null;
    }
  }
  // No cache, or it could not be written (disk full, permissions): the articles are kept in memory. After a
  // failed write the build starts again (nothing was kept while writing), its progress not reported again.
  const inMemory = [...warnings];
  const built = yield* reportingSteps(
    buildCorpusSteps(load.corpusDir, files, inMemory, options, null),
    "ingest",
    files.length,
    fellBack ? undefined : load.onProgress,
  );
  load.onProgress?.({ stage: "cache", done: 1, total: 1, fraction: 1 });
  return loaded(built, inMemory.slice(warnings.length), false);
}

/** Writing the cache failed while building; the build is started again without it. */
class CacheWriteError extends Error {}

interface BuiltCorpus {
  /** Every article when nothing is cached; empty when the articles went to the cache file instead. */
  articles: Article[];
  index: MiniSearch<IndexedPassage>;
  vocabulary: Vocabulary;
}

/**
 * Ingests and indexes the corpus article by article. With a cache writer, each article goes to the cache
 * file as soon as it is indexed and is not kept, so a build holds the index and one article at a time.
 */
function* buildCorpusSteps(
  dir: string,
  files: readonly CorpusFile[],
  warnings: IngestWarning[],
  options: EngineOptions,
  writer: CorpusCacheWriter | null,
): Steps<BuiltCorpus> {
  const index = new MiniSearch<IndexedPassage>(miniSearchOptions(options));
  const frequencies = new PassageFrequencyCounter();
  const articles: Article[] = [];
  yield* ingestEachSteps(dir, files, warnings, (article) => {
    for (const document of indexedPassages([article])) {
      index.add(document);
      frequencies.add(document);
    }
    if (writer === null) {
      articles.push(article);
      return;
    }
    try {
      writer.addArticle(article);
    } catch (error) {
      throw new CacheWriteError((error as Error).message);
    }
  });
  return { articles, index, vocabulary: frequencies.vocabulary() };
}
