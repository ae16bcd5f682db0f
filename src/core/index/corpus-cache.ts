/**
 * The index cache: one SQLite file holding the ingested articles and the MiniSearch index, so a restart
 * skips ingestion and indexing. It scales where one JSON file could not (a JSON string stops at V8's
 * maximum string length, about 127k passages): the index is stored in rows of a few thousand terms, and
 * each article's sentences in a row of their own. Loading reads the index and an outline of every article
 * (titles, sections, passage ids); sentence text is read when a passage is first needed and only the most
 * recently used articles' sentences are kept in memory.
 */
import { renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import type MiniSearch from "minisearch";
import { RecentlyUsed } from "../recently-used.ts";
import type { Article, IngestWarning, Passage, Section, Sentence } from "../types.ts";
import type { EngineOptions } from "./options.ts";
import {
  loadPackedIndex,
  type PackedIndexHead,
  type PackedRow,
  packedRows,
  packIndexHead,
} from "./packed-index.ts";
import { type IndexedPassage, miniSearchOptions, Vocabulary } from "./search-index.ts";

/** The cache file's name inside the cache folder. */
export const CORPUS_CACHE_FILE = "corpus.sqlite";

/** The single JSON file earlier versions cached into; removed when a new cache is written. */
export const LEGACY_CACHE_FILE = "index.json";

/** Tunable behaviour of the cache. Every field has its default in {@link defaultCorpusCacheOptions}. */
export interface CorpusCacheOptions {
  /** Articles whose sentences stay in memory once read (least recently used go first). */
  articlesInMemory: number;
  /** Index terms (or vocabulary terms) per stored row: small enough to parse quickly, few enough rows. */
  termsPerRow: number;
}

export const defaultCorpusCacheOptions: CorpusCacheOptions = { articlesInMemory: 512, termsPerRow: 5000 };

/** Sentences `[from, to)` by position in the article's stored sentences. */
type SentenceRange = [from: number, to: number];

/** What stays in memory of a section: everything but its sentences. */
interface SectionOutline {
  slug: string;
  heading: string | null;
  captions: string[];
  sentences: SentenceRange;
}

/**
 * What is stored of a passage besides its sentences: a tuple, not an object, as a cold start reads one per
 * passage and a million of them is where keys cost.
 */
type PassageOutline = [
  id: string,
  sectionSlug: string,
  sectionHeading: string,
  kind: Passage["kind"],
  from: number,
  to: number,
];

/** An article without its sentences. */
type ArticleOutline = Omit<Article, "sections" | "passages"> & {
  sections: SectionOutline[];
  passages: PassageOutline[];
};

/**
 * A stored sentence: its index in the article, readable text and word tags. Source tokens are left out:
 * answering never reads them, and they were four fifths of the old cache.
 */
type StoredSentence = [index: number, text: string, wordTags: string[], parent?: number];

/** An article's sentences in index order (sections first, then captions and lists), and its outline. */
function splitArticle(article: Article): { outline: ArticleOutline; sentences: StoredSentence[] } {
  const byIndex = new Map<number, Sentence>();
  for (const section of article.sections) for (const s of section.sentences) byIndex.set(s.index, s);
  for (const passage of article.passages) for (const s of passage.sentences) byIndex.set(s.index, s);
  const ordered = [...byIndex.values()].sort((a, b) => a.index - b.index);
  const position = new Map(ordered.map((sentence, n) => [sentence.index, n] as const));
  // Sections and passages hold runs of consecutive sentences, so a range says which.
  const rangeOf = (sentences: readonly Sentence[]): SentenceRange => {
    const first = sentences[0];
    if (first === undefined) return [0, 0];
    const from = position.get(first.index) ?? 0;
    sentences.forEach((sentence, n) => {
      if (position.get(sentence.index) !== from + n) throw new Error(`${article.id}: sentences out of order`);
    });
    return [from, from + sentences.length];
  };
  const { sections, passages, ...metadata } = article;
  return {
    outline: {
      ...metadata,
      sections: sections.map(({ sentences, ...section }) => ({
        ...section,
        sentences: rangeOf(sentences),
      })),
      passages: passages.map((passage): PassageOutline => {
        const [from, to] = rangeOf(passage.sentences);
        return [passage.id, passage.sectionSlug, passage.sectionHeading, passage.kind, from, to];
      }),
    },
    sentences: ordered.map((s) =>
      s.parent === undefined ? [s.index, s.text, s.wordTags] : [s.index, s.text, s.wordTags, s.parent],
    ),
  };
}

const SCHEMA = `
  CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE outlines (position INTEGER PRIMARY KEY, outline TEXT NOT NULL);
  CREATE TABLE sentences (article_id TEXT PRIMARY KEY, sentences TEXT NOT NULL);
  CREATE TABLE index_rows (position INTEGER PRIMARY KEY, terms TEXT NOT NULL, postings BLOB NOT NULL);
`;

/** Writes a cache file article by article while the corpus is indexed, then the index; atomic on finish. */
export class CorpusCacheWriter {
  readonly #path: string;
  readonly #temporary: string;
  readonly #database: Database.Database;
  readonly #addOutline: Database.Statement;
  readonly #addSentences: Database.Statement;
  #articles = 0;

  /** Starts a cache at `path` (written to a temporary file beside it until {@link finish}). */
  constructor(path: string) {
    this.#path = path;
    this.#temporary = `${path}.${process.pid}.tmp`;
    rmSync(this.#temporary, { force: true });
    this.#database = new Database(this.#temporary);
    // A half-written file is thrown away, never read: no journal needed.
    this.#database.pragma("journal_mode = OFF");
    this.#database.pragma("synchronous = OFF");
    this.#database.exec(SCHEMA);
    this.#database.exec("BEGIN");
    this.#addOutline = this.#database.prepare("INSERT INTO outlines VALUES (?, ?)");
    this.#addSentences = this.#database.prepare("INSERT INTO sentences VALUES (?, ?)");
  }

  addArticle(article: Article): void {
    const { outline, sentences } = splitArticle(article);
    this.#addOutline.run(this.#articles++, JSON.stringify(outline));
    this.#addSentences.run(article.id, JSON.stringify(sentences));
  }

  /** Writes the index, the vocabulary and what identifies the cache, then puts the file in place. */
  finish(
    identity: { version: number; key: string },
    index: MiniSearch<IndexedPassage>,
    vocabulary: Vocabulary,
    warnings: readonly IngestWarning[],
    options: CorpusCacheOptions = defaultCorpusCacheOptions,
  ): void {
    const addRow = this.#database.prepare("INSERT INTO index_rows VALUES (?, ?, ?)");
    let position = 0;
    for (const row of packedRows(index, vocabulary.passageFrequencies, options.termsPerRow))
      addRow.run(position++, JSON.stringify(row.terms), row.postings);
    const setMeta = this.#database.prepare("INSERT INTO meta VALUES (?, ?)");
    setMeta.run("index", JSON.stringify(packIndexHead(index)));
    setMeta.run("passages", String(vocabulary.passageCount));
    setMeta.run("warnings", JSON.stringify(warnings));
    // Written last: a file without them is never taken for a finished cache.
    setMeta.run("version", String(identity.version));
    setMeta.run("key", identity.key);
    this.#database.exec("COMMIT");
    this.#database.close();
    renameSync(this.#temporary, this.#path);
    // The cache file versions before this one wrote (hundreds of MB at scale), never read again.
    rmSync(join(dirname(this.#path), LEGACY_CACHE_FILE), { force: true });
  }

  /** Closes and deletes the unfinished file. */
  abandon(): void {
    if (this.#database.open) this.#database.close();
    rmSync(this.#temporary, { force: true });
  }
}

/** The sentences of recently used articles, read from the cache file on demand. */
class StoredSentences {
  readonly #read: Database.Statement;
  readonly #held: RecentlyUsed<Sentence[]>;

  constructor(database: Database.Database, capacity: number) {
    this.#held = new RecentlyUsed(capacity);
    this.#read = database.prepare("SELECT sentences FROM sentences WHERE article_id = ?").pluck();
  }

  of(articleId: string): Sentence[] {
    return this.#held.getOrMake(articleId, () => {
      const stored = JSON.parse(
        (this.#read.get(articleId) as string | undefined) ?? "[]",
      ) as StoredSentence[];
      return stored.map(
        ([index, text, wordTags, parent]): Sentence =>
          parent === undefined ? { index, text, wordTags } : { index, text, wordTags, parent },
      );
    });
  }
}

/** An article whose sections' and passages' sentences (and passage text) are read when first used. */
function lazyArticle(outline: ArticleOutline, stored: StoredSentences): Article {
  const sentencesIn = ([from, to]: SentenceRange) => stored.of(outline.id).slice(from, to);
  const sections = outline.sections.map(
    ({ sentences: range, ...section }): Section => ({
      ...section,
      get sentences() {
        return sentencesIn(range);
      },
    }),
  );
  const passages = outline.passages.map(
    ([id, sectionSlug, sectionHeading, kind, from, to]): Passage => ({
      id,
      articleId: outline.id,
      sectionSlug,
      sectionHeading,
      kind,
      get sentences() {
        return sentencesIn([from, to]);
      },
      get text() {
        return sentencesIn([from, to])
          .map((sentence) => sentence.text)
          .join(" ");
      },
    }),
  );
  return { ...outline, sections, passages };
}

/** A cache file as loaded: articles (sentences read on demand), index, vocabulary and the build's warnings. */
export interface LoadedCorpusCache {
  articles: Article[];
  index: MiniSearch<IndexedPassage>;
  vocabulary: Vocabulary;
  warnings: IngestWarning[];
}

/**
 * Opens the cache at `path` when it was written for `identity` (same version and key), or returns null
 * when it is missing, for something else, or damaged. With `reuse`, the index and vocabulary just built
 * are kept instead of being read back.
 */
export function openCorpusCache(
  path: string,
  identity: { version: number; key: string },
  engineOptions: EngineOptions,
  options: CorpusCacheOptions = defaultCorpusCacheOptions,
  reuse?: { index: MiniSearch<IndexedPassage>; vocabulary: Vocabulary },
): LoadedCorpusCache | null {
  let database: Database.Database;
  try {
    database = new Database(path, { readonly: true, fileMustExist: true });
  } catch {
    return null;
  }
  try {
    const meta = new Map(
      database
        .prepare("SELECT name, value FROM meta")
        .raw()
        .all()
        .map((row) => row as [string, string]),
    );
    if (meta.get("version") !== String(identity.version) || meta.get("key") !== identity.key) {
      database.close();
      return null;
    }
    const stored = new StoredSentences(database, options.articlesInMemory);
    const articles = database
      .prepare("SELECT outline FROM outlines ORDER BY position")
      .pluck()
      .all()
      .map((row) => lazyArticle(JSON.parse(row as string) as ArticleOutline, stored));
    // Row by row, so only one row's text is held besides what it becomes.
    function* rows(): Generator<PackedRow> {
      const read = database.prepare("SELECT terms, postings FROM index_rows ORDER BY position");
      for (const row of read.iterate() as Iterable<{ terms: string; postings: Buffer }>)
        yield { terms: JSON.parse(row.terms) as string[], postings: row.postings };
    }
    const passageCount = Number(meta.get("passages"));
    let corpus = reuse;
    if (corpus === undefined) {
      const head = JSON.parse(meta.get("index") ?? "{}") as PackedIndexHead;
      const { index, passageFrequencies } = loadPackedIndex(head, rows(), miniSearchOptions(engineOptions));
      corpus = { index, vocabulary: new Vocabulary(passageFrequencies, passageCount) };
    }
    // The database stays open for the articles' sentences; it is read-only, and closes with the process.
    return { articles, ...corpus, warnings: JSON.parse(meta.get("warnings") ?? "[]") };
  } catch {
    // A damaged cache is rebuilt, never trusted.
    database.close();
    return null;
  }
}
