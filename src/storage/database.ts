import { accessSync, constants, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";

/** The bot's SQLite database could not be opened or used; nothing in it was changed. */
export class DatabaseError extends Error {
  override name = "DatabaseError";
}

/**
 * Forward-only schema migrations, in order; version n is reached by running the first n.
 * A released migration is never edited: a change is a new migration at the end.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: per-server settings, one JSON document per server.
  `CREATE TABLE guild_settings (
     guild_id   TEXT PRIMARY KEY,
     settings   TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   );`,
  // 2: who changed which setting, when, from what to what.
  `CREATE TABLE settings_audit (
     id        INTEGER PRIMARY KEY AUTOINCREMENT,
     guild_id  TEXT NOT NULL,
     user_id   TEXT NOT NULL,
     at        INTEGER NOT NULL,
     setting   TEXT NOT NULL,
     old_value TEXT,
     new_value TEXT
   );
   CREATE INDEX settings_audit_by_guild ON settings_audit (guild_id, at DESC, id DESC);`,
  // 3: quiz scores per member per server (quizzes in DMs are not scored).
  `CREATE TABLE quiz_scores (
     guild_id   TEXT NOT NULL,
     user_id    TEXT NOT NULL,
     correct    INTEGER NOT NULL,
     answered   INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (guild_id, user_id)
   );`,
  // 4: votes on answers. A voter is known only by a keyed hash of their id and the answer message's id,
  // under a salt generated here, once per database: enough to let a vote change once, never who voted.
  `CREATE TABLE feedback_salt (
     id   INTEGER PRIMARY KEY CHECK (id = 1),
     salt TEXT NOT NULL
   );
   INSERT INTO feedback_salt (id, salt) VALUES (1, lower(hex(randomblob(32))));
   CREATE TABLE answer_votes (
     voter_key   TEXT PRIMARY KEY,
     guild_id    TEXT,
     question    TEXT NOT NULL,
     passage_ids TEXT NOT NULL,
     vote        INTEGER NOT NULL CHECK (vote IN (-1, 1)),
     changed     INTEGER NOT NULL DEFAULT 0,
     voted_at    INTEGER NOT NULL
   );`,
  // 5: each server's own articles (text included), and when the bot left a server, so its library is
  // purged 30 days later.
  `CREATE TABLE library_articles (
     guild_id     TEXT NOT NULL,
     article_id   TEXT NOT NULL,
     title        TEXT NOT NULL,
     file_name    TEXT NOT NULL,
     source       TEXT NOT NULL CHECK (source IN ('txt', 'md', 'pdf', 'wikipedia')),
     url          TEXT,
     added_by     TEXT NOT NULL,
     added_at     INTEGER NOT NULL,
     bytes        INTEGER NOT NULL,
     content_hash TEXT NOT NULL,
     text         TEXT NOT NULL,
     PRIMARY KEY (guild_id, article_id)
   );
   CREATE TABLE library_departures (
     guild_id    TEXT PRIMARY KEY,
     departed_at INTEGER NOT NULL
   );`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** The database file inside `DATA_DIR`. */
export function databasePath(dataDir: string): string {
  return join(dataDir, "bot.sqlite");
}

function unreadableError(path: string, error: unknown): DatabaseError {
  return new DatabaseError(
    `${path} is not a readable SQLite database (${(error as Error).message}); move it aside or restore a backup — it was left unchanged`,
  );
}

function notWritableError(path: string): DatabaseError {
  return new DatabaseError(
    `${path} is not writable by this user; fix its permissions (the file was left unchanged)`,
  );
}

function newerVersionError(path: string, version: number, known: number): DatabaseError {
  return new DatabaseError(
    `${path} was written by a newer version of the bot (schema ${version}; this version knows up to ${known}); upgrade the bot — the file was left unchanged`,
  );
}

/**
 * Opens (creating when absent) the database at `path` in WAL mode and migrates it forward to
 * `targetVersion`. A file written by a newer version, a file that is not a SQLite database, or a
 * read-only file is refused with a `DatabaseError` before anything is written.
 */
export function openDatabase(path: string, targetVersion = SCHEMA_VERSION): Database.Database {
  const existed = existsSync(path);
  if (existed) {
    try {
      accessSync(path, constants.R_OK | constants.W_OK);
    } catch {
      throw notWritableError(path);
    }
  } else {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw new DatabaseError(`cannot create the data folder ${dirname(path)}: ${(error as Error).message}`);
    }
  }
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: existed });
    // Reading the header first: a damaged or foreign file fails here, before WAL mode rewrites anything.
    db.pragma("schema_version", { simple: true });
  } catch (error) {
    throw unreadableError(path, error);
  }
  try {
    // Waiting for another process's write (several bot processes share one file) instead of failing.
    db.pragma("busy_timeout = 5000");
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version > targetVersion) throw newerVersionError(path, version, targetVersion);
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    // Under the write lock, taken first (IMMEDIATE), with the version read again inside: of processes
    // starting together, one migrates and the others find the work done.
    const migrate = db.transaction(() => {
      const current = db.pragma("user_version", { simple: true }) as number;
      for (let next = current; next < targetVersion; next++) {
        db.exec(MIGRATIONS[next] as string);
        db.pragma(`user_version = ${next + 1}`);
      }
    });
    migrate.immediate();
    return db;
  } catch (error) {
    db.close();
    if (error instanceof DatabaseError) throw error;
    throw new DatabaseError(`cannot use ${path}: ${(error as Error).message} (the file was left unchanged)`);
  }
}

/** An existing database opened by a tool, with the schema version it is at. */
export interface DatabaseForReading {
  db: Database.Database;
  version: number;
}

/** Opens a database that must already exist, without creating, migrating or (when `readonly`) writing it. */
function openExistingDatabase(path: string, readonly: boolean): DatabaseForReading {
  if (!existsSync(path))
    throw new DatabaseError(`${path} does not exist (the bot creates it on first start)`);
  if (!readonly) {
    try {
      accessSync(path, constants.R_OK | constants.W_OK);
    } catch {
      throw notWritableError(path);
    }
  }
  let db: Database.Database;
  let version: number;
  try {
    db = new Database(path, { readonly, fileMustExist: true });
    version = db.pragma("user_version", { simple: true }) as number;
  } catch (error) {
    throw unreadableError(path, error);
  }
  if (version > SCHEMA_VERSION) {
    db.close();
    throw newerVersionError(path, version, SCHEMA_VERSION);
  }
  return { db, version };
}

/**
 * Opens an existing database read-only, for reports and backups: nothing is created, migrated or written, so
 * a database of an older schema is read as it is (the caller checks `version`). A missing file, a file that
 * is not a SQLite database, and one written by a newer version are refused with a `DatabaseError`, as by
 * {@link openDatabase}.
 */
export function openDatabaseForReading(path: string): DatabaseForReading {
  return openExistingDatabase(path, true);
}

/**
 * Opens an existing database for a data tool to change rows in, while the bot may be running: never created
 * or migrated (the schema is the bot's business), and a write waits up to 5 s for the bot's own. Refused as
 * by {@link openDatabaseForReading}, and also when the file is not writable.
 */
export function openDatabaseForChanges(path: string): DatabaseForReading {
  const opened = openExistingDatabase(path, false);
  opened.db.pragma("busy_timeout = 5000");
  return opened;
}

/** Whether the database has the table: one of an older schema lacks the later ones. */
export function hasTable(db: Database.Database, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}
