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
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** The database file inside `DATA_DIR`. */
export function databasePath(dataDir: string): string {
  return join(dataDir, "bot.sqlite");
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
      throw new DatabaseError(
        `${path} is not writable by this user; fix its permissions (the file was left unchanged)`,
      );
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
    throw new DatabaseError(
      `${path} is not a readable SQLite database (${(error as Error).message}); move it aside or restore a backup — it was left unchanged`,
    );
  }
  try {
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version > targetVersion) {
      throw new DatabaseError(
        `${path} was written by a newer version of the bot (schema ${version}; this version knows up to ${targetVersion}); upgrade the bot — the file was left unchanged`,
      );
    }
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    const migrate = db.transaction(() => {
      for (let next = version; next < targetVersion; next++) {
        db.exec(MIGRATIONS[next] as string);
        db.pragma(`user_version = ${next + 1}`);
      }
    });
    migrate();
    return db;
  } catch (error) {
    db.close();
    if (error instanceof DatabaseError) throw error;
    throw new DatabaseError(`cannot use ${path}: ${(error as Error).message} (the file was left unchanged)`);
  }
}
