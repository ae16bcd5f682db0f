import { createHash } from "node:crypto";
import { slugify } from "../core/ingest/article.ts";
import { column, type SqlDatabase, type SqlRunner } from "./sql.ts";

/** Where a server's article came from. */
export const librarySources = ["txt", "md", "pdf", "wikipedia"] as const;
export type LibrarySource = (typeof librarySources)[number];

/** One article of a server's own library, without its text. */
export interface LibraryArticle {
  guildId: string;
  /** Unique within the server: the slug of its title. */
  id: string;
  title: string;
  /** The uploaded file's name, or the Wikipedia title. */
  fileName: string;
  source: LibrarySource;
  /** Where citations link to (a Wikipedia page); null for uploads. */
  url: string | null;
  /** The moderator who added it, {@link OPERATOR_USER_ID}, or `forgotten` after `npm run forget`. */
  addedBy: string;
  addedAt: number;
  /** UTF-8 bytes of its text. */
  bytes: number;
  /** A hash of what the engine reads from it (title, url, text): a server's index is keyed by these. */
  contentHash: string;
}

/** A library article with its text, as the engine reads it. */
export interface LibraryArticleText extends LibraryArticle {
  text: string;
}

/** An article to add: what the command understood, before the store gives it its id, size and hash. */
export interface NewLibraryArticle {
  guildId: string;
  title: string;
  fileName: string;
  source: LibrarySource;
  url: string | null;
  text: string;
  addedBy: string;
}

/** How much one server may keep. Every field has its default in {@link defaultLibraryLimits}. */
export interface LibraryLimits {
  /** Articles per server. */
  maxArticles: number;
  /** UTF-8 bytes of text per server, all articles together. */
  maxTotalBytes: number;
}

export const defaultLibraryLimits: LibraryLimits = { maxArticles: 50, maxTotalBytes: 10 * 1024 * 1024 };

/** What one server's library holds. */
export interface LibraryUsage {
  articles: number;
  bytes: number;
}

/** The result of adding an article. A refused add changed nothing. */
export type LibraryAddition =
  | { ok: true; article: LibraryArticle; replaced: LibraryArticle | null }
  /** An article with the same title is already there; adding again with `replace` swaps it. */
  | { ok: false; clash: LibraryArticle }
  | { ok: false; limit: "articles" | "bytes"; usage: LibraryUsage; limits: LibraryLimits };

/** Who `npm run library` changes are recorded as: the operator, from the shell, has no Discord id. */
export const OPERATOR_USER_ID = "operator";

/** How long a server's library is kept after the bot leaves the server, before it is purged. */
export const LIBRARY_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** An article id from a title: its slug, as the corpus's file names get, at most 60 characters. */
export function libraryArticleId(title: string): string {
  return slugify(title).slice(0, 60).replace(/-+$/u, "");
}

/** Titles compare without case and extra spaces: "Cell biology" clashes with "cell  Biology". */
export function titleKey(title: string): string {
  return title.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
}

const contentHashOf = (title: string, url: string | null, text: string) =>
  createHash("sha256")
    .update(`${title}\0${url ?? ""}\0${text}`)
    .digest("hex");

interface ArticleRow {
  guild_id: string;
  article_id: string;
  title: string;
  file_name: string;
  source: LibrarySource;
  url: string | null;
  added_by: string;
  added_at: number;
  bytes: number;
  content_hash: string;
}

const ARTICLE_COLUMNS =
  "guild_id, article_id, title, file_name, source, url, added_by, added_at, bytes, content_hash";

const toArticle = (row: ArticleRow): LibraryArticle => ({
  guildId: row.guild_id,
  id: row.article_id,
  title: row.title,
  fileName: row.file_name,
  source: row.source,
  url: row.url,
  addedBy: row.added_by,
  addedAt: row.added_at,
  bytes: row.bytes,
  contentHash: row.content_hash,
});

/** What the audit trail records of an article: enough for `/config history` to say what changed. */
const auditValue = (article: LibraryArticle) => ({
  title: article.title,
  id: article.id,
  source: article.source,
  bytes: article.bytes,
});

/**
 * Each server's own articles, in the bot's database. Every add, replace and remove is written to the
 * settings audit (setting `library`) in the same transaction, so `/config history` shows it. Limits are
 * checked inside that transaction too, so two adds at once cannot pass a limit together.
 */
export class LibraryStore {
  constructor(
    private readonly db: SqlDatabase,
    readonly limits: LibraryLimits = defaultLibraryLimits,
  ) {}

  /** A server's articles by title. */
  list(guildId: string): Promise<LibraryArticle[]> {
    return listed(this.db, guildId);
  }

  /** A server's articles with their texts, in the order {@link list} gives. */
  async texts(guildId: string): Promise<LibraryArticleText[]> {
    const rows = await this.db.all<ArticleRow & { text: string }>(
      `SELECT ${ARTICLE_COLUMNS}, text FROM library_articles WHERE guild_id = ? ORDER BY title, article_id`,
      [guildId],
    );
    return rows.map((row) => ({ ...toArticle(row), text: row.text }));
  }

  get(guildId: string, id: string): Promise<LibraryArticle | null> {
    return articleById(this.db, guildId, id);
  }

  /** The article with this title (compared by {@link titleKey}), if the server has one. */
  byTitle(guildId: string, title: string): Promise<LibraryArticle | null> {
    return articleByTitle(this.db, guildId, title);
  }

  usage(guildId: string): Promise<LibraryUsage> {
    return usageOf(this.db, guildId);
  }

  /**
   * Adds an article, or with `replace` swaps the server's article of the same title for it. Refused,
   * changing nothing, when the title is taken (without `replace`) or a limit would be passed.
   */
  add(entry: NewLibraryArticle, options: { replace?: boolean; now?: number } = {}): Promise<LibraryAddition> {
    const now = options.now ?? Date.now();
    const bytes = Buffer.byteLength(entry.text, "utf8");
    return this.db.transaction(async (tx): Promise<LibraryAddition> => {
      const clash = await articleByTitle(tx, entry.guildId, entry.title);
      if (clash && !options.replace) return { ok: false, clash };
      const usage = await usageOf(tx, entry.guildId);
      const after = {
        articles: usage.articles + (clash ? 0 : 1),
        bytes: usage.bytes - (clash?.bytes ?? 0) + bytes,
      };
      if (after.articles > this.limits.maxArticles)
        return { ok: false, limit: "articles", usage, limits: this.limits };
      if (after.bytes > this.limits.maxTotalBytes)
        return { ok: false, limit: "bytes", usage, limits: this.limits };
      if (clash) await deleteArticle(tx, entry.guildId, clash.id);
      const id = await freeId(tx, entry.guildId, libraryArticleId(entry.title));
      const article: LibraryArticle = {
        guildId: entry.guildId,
        id,
        title: entry.title,
        fileName: entry.fileName,
        source: entry.source,
        url: entry.url,
        addedBy: entry.addedBy,
        addedAt: now,
        bytes,
        contentHash: contentHashOf(entry.title, entry.url, entry.text),
      };
      await tx.run(
        `INSERT INTO library_articles (${ARTICLE_COLUMNS}, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          article.guildId,
          article.id,
          article.title,
          article.fileName,
          article.source,
          article.url,
          article.addedBy,
          article.addedAt,
          article.bytes,
          article.contentHash,
          entry.text,
        ],
      );
      await audit(
        tx,
        entry.guildId,
        entry.addedBy,
        now,
        clash ? auditValue(clash) : null,
        auditValue(article),
      );
      return { ok: true, article, replaced: clash };
    });
  }

  /** Removes one article; returns it, or null when the server has no such article (nothing changes). */
  remove(guildId: string, id: string, userId: string, now = Date.now()): Promise<LibraryArticle | null> {
    return this.db.transaction(async (tx) => {
      const article = await articleById(tx, guildId, id);
      if (article === null) return null;
      await deleteArticle(tx, guildId, id);
      await audit(tx, guildId, userId, now, auditValue(article), null);
      return article;
    });
  }

  /** Servers that have at least one article. */
  guildsWithArticles(): Promise<string[]> {
    return column<string>(this.db, "SELECT DISTINCT guild_id FROM library_articles ORDER BY guild_id");
  }

  /** The bot left the server (it was removed, not an outage): its library is kept for a while, then purged. */
  async markDeparted(guildId: string, now = Date.now()): Promise<void> {
    await this.db.run(
      "INSERT INTO library_departures (guild_id, departed_at) VALUES (?, ?) ON CONFLICT (guild_id) DO NOTHING",
      [guildId, now],
    );
  }

  /** The bot is in the server (again): its library is no longer up for purging. */
  async markPresent(guildId: string): Promise<void> {
    await this.db.run("DELETE FROM library_departures WHERE guild_id = ?", [guildId]);
  }

  /** When the bot left the server, or null while it is there. */
  async departedAt(guildId: string): Promise<number | null> {
    const row = await this.db.get<{ departed_at: number }>(
      "SELECT departed_at FROM library_departures WHERE guild_id = ?",
      [guildId],
    );
    return row?.departed_at ?? null;
  }

  /**
   * Deletes the libraries of servers the bot left at least `retentionMs` ago, and their departure records;
   * returns those servers' ids.
   */
  purgeDeparted(now = Date.now(), retentionMs = LIBRARY_RETENTION_MS): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const due = await column<string>(
        tx,
        "SELECT guild_id FROM library_departures WHERE departed_at <= ? ORDER BY guild_id",
        [now - retentionMs],
      );
      for (const guildId of due) {
        await tx.run("DELETE FROM library_articles WHERE guild_id = ?", [guildId]);
        await tx.run("DELETE FROM library_departures WHERE guild_id = ?", [guildId]);
      }
      return due;
    });
  }
}

// The queries below take a runner, so a transaction runs them on its own connection.

async function listed(runner: SqlRunner, guildId: string): Promise<LibraryArticle[]> {
  const rows = await runner.all<ArticleRow>(
    `SELECT ${ARTICLE_COLUMNS} FROM library_articles WHERE guild_id = ? ORDER BY title, article_id`,
    [guildId],
  );
  return rows.map(toArticle);
}

async function articleById(runner: SqlRunner, guildId: string, id: string): Promise<LibraryArticle | null> {
  const row = await runner.get<ArticleRow>(
    `SELECT ${ARTICLE_COLUMNS} FROM library_articles WHERE guild_id = ? AND article_id = ?`,
    [guildId, id],
  );
  return row ? toArticle(row) : null;
}

async function articleByTitle(
  runner: SqlRunner,
  guildId: string,
  title: string,
): Promise<LibraryArticle | null> {
  const key = titleKey(title);
  return (await listed(runner, guildId)).find((article) => titleKey(article.title) === key) ?? null;
}

async function usageOf(runner: SqlRunner, guildId: string): Promise<LibraryUsage> {
  const row = await runner.get<LibraryUsage>(
    "SELECT count(*) AS articles, coalesce(sum(bytes), 0) AS bytes FROM library_articles WHERE guild_id = ?",
    [guildId],
  );
  return { articles: row?.articles ?? 0, bytes: row?.bytes ?? 0 };
}

/** The first of `base`, `base-2`, `base-3`, … the server does not use yet. */
async function freeId(runner: SqlRunner, guildId: string, base: string): Promise<string> {
  const taken = new Set(
    await column<string>(runner, "SELECT article_id FROM library_articles WHERE guild_id = ?", [guildId]),
  );
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

async function deleteArticle(runner: SqlRunner, guildId: string, id: string): Promise<void> {
  await runner.run("DELETE FROM library_articles WHERE guild_id = ? AND article_id = ?", [guildId, id]);
}

async function audit(
  runner: SqlRunner,
  guildId: string,
  userId: string,
  at: number,
  oldValue: unknown,
  newValue: unknown,
): Promise<void> {
  await runner.run(
    "INSERT INTO settings_audit (guild_id, user_id, at, setting, old_value, new_value) VALUES (?, ?, ?, 'library', ?, ?)",
    [guildId, userId, at, JSON.stringify(oldValue), JSON.stringify(newValue)],
  );
}
