/**
 * Each server's own study library: what `/library` and `npm run library` do, with no Discord in it. An
 * article is read the way the engine will read it before it is stored, so a moderator sees at once what
 * was understood, and a file the engine cannot read is refused with nothing stored.
 */
import type { LibraryConfig } from "../config.ts";
import { ingestFile } from "../core/ingest/corpus.ts";
import type { Article } from "../core/types.ts";
import {
  type LibraryArticle,
  type LibrarySource,
  LibraryStore,
  libraryArticleId,
  type NewLibraryArticle,
  titleKey,
} from "../storage/library.ts";
import type { SqlDatabase } from "../storage/sql.ts";
import { defaultUploadLimits, extractUploadText, formatBytes, type UploadLimits } from "./extract.ts";
import type { LibraryEngines } from "./guild-engines.ts";
import { fetchWikipediaArticle } from "./wikipedia.ts";

/** Tunable behaviour of server libraries. Every field has its default in {@link defaultServerLibraryOptions}. */
export interface ServerLibraryOptions {
  upload: UploadLimits;
  /** The MediaWiki API `/library add-wikipedia` reads (`WIKIPEDIA_API_BASE`). */
  wikipediaApiBase: string;
  /** How long a download (attachment or Wikipedia) may take (ms). */
  fetchTimeoutMs: number;
  /** Sent to Wikipedia, which asks every client to name itself. */
  userAgent: string;
}

export const defaultServerLibraryOptions: ServerLibraryOptions = {
  upload: defaultUploadLimits,
  wikipediaApiBase: "https://en.wikipedia.org/w/api.php",
  fetchTimeoutMs: 15_000,
  userAgent: "wiki-study-bot (Discord study assistant)",
};

/** What was understood of an article, shown to the moderator who added it. */
export interface ArticleSummary {
  title: string;
  /** Section headings in order (the lead is not listed). */
  sections: string[];
  sentences: number;
  passages: number;
  /** The first two sentences, as the engine reads them. */
  firstSentences: string[];
}

/** An article read and checked, ready to store. */
export interface UnderstoodArticle {
  entry: NewLibraryArticle;
  summary: ArticleSummary;
}

/** What adding an article did. A refused add (`problem` or `clash`) changed nothing. */
export type LibraryAddOutcome =
  | { result: "added"; article: LibraryArticle; replaced: LibraryArticle | null; summary: ArticleSummary }
  /** One line for the moderator, naming the limit or the problem. */
  | { result: "refused"; problem: string }
  /** The server has an article of that title: adding `pending` again with `replace` swaps it. */
  | { result: "clash"; existing: LibraryArticle; pending: UnderstoodArticle };

/** What the engine reads of an article: its sections and passages. */
function summarize(article: Article): ArticleSummary {
  const sentences = article.sections.flatMap((section) => section.sentences);
  return {
    title: article.title,
    sections: article.sections.flatMap((section) => (section.heading === null ? [] : [section.heading])),
    sentences: sentences.length,
    passages: article.passages.filter((passage) => passage.kind === "body").length,
    firstSentences: sentences.slice(0, 2).map((sentence) => sentence.text),
  };
}

const MAX_TITLE_LENGTH = 100;

/** A server's library: reading articles, adding, replacing, removing and listing them. */
export class ServerLibrary {
  readonly options: ServerLibraryOptions;

  constructor(
    readonly store: LibraryStore,
    /** The servers' engines, warmed after a change; null where nothing answers (the CLI). */
    readonly engines: LibraryEngines | null,
    /** Titles of the operator's articles, which a server's article may not take. */
    private readonly operatorTitles: () => readonly string[],
    options: Partial<ServerLibraryOptions> = {},
  ) {
    this.options = { ...defaultServerLibraryOptions, ...options };
  }

  /**
   * Reads an article's text as the engine will, and checks it can be stored: readable sentences, a
   * usable title that no shared article has, and the size limit. `title` overrides the one in the text.
   */
  understand(input: {
    guildId: string;
    userId: string;
    fileName: string;
    source: LibrarySource;
    text: string;
    url: string | null;
    title?: string | null;
  }): UnderstoodArticle | { problem: string } {
    const bytes = Buffer.byteLength(input.text, "utf8");
    if (bytes > this.options.upload.maxTextBytes) {
      return {
        problem: `The text is ${formatBytes(bytes)}; the limit is ${formatBytes(this.options.upload.maxTextBytes)} per article.`,
      };
    }
    const wanted = input.title?.replace(/\s+/gu, " ").trim() || null;
    if (wanted !== null && wanted.length > MAX_TITLE_LENGTH)
      return { problem: `The title is too long: at most ${MAX_TITLE_LENGTH} characters.` };
    const read = (title: string | null) =>
      ingestFile({
        file: input.fileName,
        id: libraryArticleId(title ?? input.fileName),
        text: input.text,
        metadata: {
          ...(title === null ? {} : { title }),
          ...(input.url === null ? {} : { url: input.url }),
        },
      });
    const article = read(wanted);
    if (article === null) return { problem: "No readable sentences were found in it, so nothing was added." };
    const title = article.title.replace(/\s+/gu, " ").trim().slice(0, MAX_TITLE_LENGTH);
    if (!/[\p{L}\p{N}]/u.test(title))
      return { problem: "Its title has no letters or digits: give one with the title option." };
    const key = titleKey(title);
    if (this.operatorTitles().some((shared) => titleKey(shared) === key)) {
      return {
        problem: `The bot's shared articles already have one titled "${title}": add it under another title.`,
      };
    }
    return {
      entry: {
        guildId: input.guildId,
        title,
        fileName: input.fileName,
        source: input.source,
        url: input.url,
        text: input.text,
        addedBy: input.userId,
      },
      summary: summarize(article),
    };
  }

  /** Stores an understood article (replacing the one of the same title with `replace`). */
  async add(
    understood: UnderstoodArticle,
    options: { replace?: boolean; now?: number } = {},
  ): Promise<LibraryAddOutcome> {
    const added = await this.store.add(understood.entry, options);
    if (added.ok) {
      this.engines?.warm(understood.entry.guildId);
      return {
        result: "added",
        article: added.article,
        replaced: added.replaced,
        summary: understood.summary,
      };
    }
    if ("clash" in added) return { result: "clash", existing: added.clash, pending: understood };
    const { limits, usage } = added;
    return {
      result: "refused",
      problem:
        added.limit === "articles"
          ? `This server's library is full: ${usage.articles} of ${limits.maxArticles} articles. Remove one first.`
          : `This server's library would pass its ${formatBytes(limits.maxTotalBytes)} of text (it holds ${formatBytes(usage.bytes)}). Remove an article first.`,
    };
  }

  /** Reads an uploaded file (`.txt`, `.md`, `.pdf`, `.tex`, `.html`, `.srt` or `.vtt`) and adds it. */
  async addUpload(input: {
    guildId: string;
    userId: string;
    fileName: string;
    bytes: Uint8Array;
    title?: string | null;
    replace?: boolean;
  }): Promise<LibraryAddOutcome> {
    const extracted = await extractUploadText(input.fileName, input.bytes, this.options.upload);
    if (!extracted.ok) return { result: "refused", problem: extracted.problem };
    const understood = this.understand({
      guildId: input.guildId,
      userId: input.userId,
      fileName: input.fileName,
      source: extracted.kind,
      text: extracted.text,
      url: null,
      title: input.title ?? null,
    });
    if ("problem" in understood) return { result: "refused", problem: understood.problem };
    return this.add(understood, { replace: input.replace });
  }

  /** Fetches a Wikipedia article's plain text and adds it, citing the page. */
  async addWikipedia(input: {
    guildId: string;
    userId: string;
    title: string;
    replace?: boolean;
  }): Promise<LibraryAddOutcome> {
    const fetched = await fetchWikipediaArticle(input.title, {
      apiBase: this.options.wikipediaApiBase,
      timeoutMs: this.options.fetchTimeoutMs,
      maxTextBytes: this.options.upload.maxTextBytes,
      userAgent: this.options.userAgent,
    });
    if (!fetched.ok) return { result: "refused", problem: fetched.problem };
    const understood = this.understand({
      guildId: input.guildId,
      userId: input.userId,
      fileName: fetched.article.title,
      source: "wikipedia",
      text: fetched.article.text,
      url: fetched.article.url,
      title: fetched.article.title,
    });
    if ("problem" in understood) return { result: "refused", problem: understood.problem };
    return this.add(understood, { replace: input.replace });
  }

  /** Removes an article; null when the server has no article with that id (nothing changes). */
  async remove(guildId: string, articleId: string, userId: string): Promise<LibraryArticle | null> {
    const removed = await this.store.remove(guildId, articleId, userId);
    if (removed !== null) this.engines?.warm(guildId);
    return removed;
  }

  /** The server's articles whose title or id contains what was typed, for autocomplete. */
  async suggest(guildId: string, typed: string, limit: number): Promise<LibraryArticle[]> {
    const needle = typed.trim().toLowerCase();
    return (await this.store.list(guildId))
      .filter((article) => needle === "" || `${article.title} ${article.id}`.toLowerCase().includes(needle))
      .slice(0, limit);
  }
}

/**
 * The library over the bot's database with the operator's limits (`LIBRARY_*`, `WIKIPEDIA_API_BASE`): what
 * the bot and `npm run library` both manage.
 */
export function serverLibraryFromConfig(
  db: SqlDatabase,
  config: LibraryConfig,
  /** Makes the servers' engines over the store; null where nothing answers (the CLI). */
  enginesOver: ((store: LibraryStore) => LibraryEngines) | null,
  operatorTitles: () => readonly string[],
  userAgent?: string,
): ServerLibrary {
  const store = new LibraryStore(db, {
    maxArticles: config.maxArticles,
    maxTotalBytes: config.maxTotalBytes,
  });
  return new ServerLibrary(store, enginesOver?.(store) ?? null, operatorTitles, {
    upload: { ...defaultUploadLimits, maxTextBytes: config.maxArticleBytes },
    wikipediaApiBase: config.wikipediaApiBase,
    ...(userAgent === undefined ? {} : { userAgent }),
  });
}
