import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import MiniSearch from "minisearch";
import { type AnswerContext, type AnswerExplanation, answerQuestion } from "./answer/answer.ts";
import { type AnswerModel, readAnswerModel } from "./answer/model.ts";
import { SentenceViews } from "./answer/sentence-view.ts";
import { defaultEngineOptions, ENGINE_VERSION, type EngineOptions } from "./index/options.ts";
import {
  buildSearchIndexSteps,
  type IndexedPassage,
  indexedPassages,
  miniSearchOptions,
  sectionFieldOf,
  Vocabulary,
} from "./index/search-index.ts";
import { type CorpusRead, fingerprintFiles, ingestCorpusSteps, readCorpusFiles } from "./ingest/corpus.ts";
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

/** A passage in the cache: its body sentences by index into its article's sections, not copied. */
type CachedPassage = Omit<Passage, "sentences"> & {
  sentences?: Passage["sentences"];
  sentenceIndexes?: number[];
};
type CachedArticle = Omit<Article, "passages"> & { passages: CachedPassage[] };

/** Everything the cache file holds. */
interface CachedEngine {
  version: number;
  key: string;
  articles: CachedArticle[];
  warnings: IngestWarning[];
  index: unknown;
  vocabulary: Array<[string, number]>;
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

/** Each build stage's usual share of the build time, and where it starts. */
const STAGE_SHARES = { ingest: [0, 0.6], index: [0.6, 0.3], cache: [0.9, 0.1] } as const;

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

/** Folders whose code decides what the cache holds: a change to any file there rebuilds the index. */
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

/** Articles for the cache: body passages refer to their sentences instead of repeating them. */
function toCached(articles: readonly Article[]): CachedArticle[] {
  return articles.map((article) => ({
    ...article,
    passages: article.passages.map(({ sentences, ...passage }) =>
      passage.kind === "body"
        ? { ...passage, sentenceIndexes: sentences.map((s) => s.index) }
        : { ...passage, sentences },
    ),
  }));
}

function fromCached(articles: readonly CachedArticle[]): Article[] {
  return articles.map((article) => {
    const byIndex = new Map(
      article.sections.flatMap((section) => section.sentences.map((s) => [s.index, s] as const)),
    );
    return {
      ...article,
      passages: article.passages.map(({ sentenceIndexes, sentences, ...passage }) => ({
        ...passage,
        sentences: sentences ?? (sentenceIndexes ?? []).flatMap((index) => byIndex.get(index) ?? []),
      })),
    };
  });
}

function readCache(
  path: string,
  key: string,
  options: EngineOptions,
  thesaurus: Thesaurus | undefined,
): { engine: QaEngine; warnings: IngestWarning[] } | null {
  if (!existsSync(path)) return null;
  try {
    const cached = JSON.parse(readFileSync(path, "utf8")) as CachedEngine;
    if (cached.version !== ENGINE_VERSION || cached.key !== key) return null;
    const index = MiniSearch.loadJS<IndexedPassage>(cached.index as never, miniSearchOptions(options));
    const articles = fromCached(cached.articles);
    const passageCount = articles.reduce((sum, article) => sum + article.passages.length, 0);
    const vocabulary = new Vocabulary(cached.vocabulary, passageCount);
    const engine = new QaEngine(articles, index, vocabulary, options, thesaurus);
    return { engine, warnings: cached.warnings };
  } catch {
    // A damaged cache is rebuilt, never trusted.
    return null;
  }
}

function writeCache(path: string, contents: CachedEngine): void {
  mkdirSync(join(path, ".."), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(contents));
  renameSync(temporary, path);
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
  const key = cacheKey([...sources.values()].join("\0"), options);
  const path = load.cacheDir === null ? null : join(load.cacheDir, "index.json");
  if (path !== null) {
    const cached = readCache(path, key, options, load.thesaurus);
    if (cached !== null) {
      const millis = performance.now() - started;
      return {
        engine: cached.engine,
        warnings: [...warnings, ...cached.warnings],
        sources,
        fromCache: true,
        millis,
      };
    }
  }
  // Reading's warnings go in first, so an empty corpus is refused with every file's reason.
  const allWarnings = [...warnings];
  const articles = yield* reportingSteps(
    ingestCorpusSteps(load.corpusDir, files, allWarnings),
    "ingest",
    files.length,
    load.onProgress,
  );
  const ingestWarnings = allWarnings.slice(warnings.length);
  const documents = indexedPassages(articles);
  const index = yield* reportingSteps(
    buildSearchIndexSteps(documents, options),
    "index",
    documents.length,
    load.onProgress,
  );
  const vocabulary = yield* Vocabulary.fromPassagesSteps(documents);
  if (path !== null) {
    try {
      writeCache(path, {
        version: ENGINE_VERSION,
        key,
        articles: toCached(articles),
        warnings: ingestWarnings,
        index: index.toJSON(),
        vocabulary: vocabulary.toJSON(),
      });
    } catch (error) {
      warnings.push({ file: path, message: `index cache not written: ${(error as Error).message}` });
    }
  }
  load.onProgress?.({ stage: "cache", done: 1, total: 1, fraction: 1 });
  return {
    engine: new QaEngine(articles, index, vocabulary, options, load.thesaurus),
    warnings: [...warnings, ...ingestWarnings],
    sources,
    fromCache: false,
    millis: performance.now() - started,
  };
}
