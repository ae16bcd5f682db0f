import { accessSync, constants, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { migrationSql, SCHEMA_VERSION } from "./migrations.ts";
import { connectPostgres, openPostgres } from "./postgres.ts";
import { DatabaseError, type SqlDatabase } from "./sql.ts";
import { SqliteDatabase } from "./sqlite.ts";

export { MIGRATIONS, SCHEMA_VERSION } from "./migrations.ts";
export { DatabaseError } from "./sql.ts";

/** How long a process waits for another's hold on the SQLite file before giving up, in milliseconds. */
const BUSY_WAIT_MS = 5000;

/** Where the bot keeps its data: PostgreSQL when `databaseUrl` is set, else SQLite in `dataDir`. */
export interface StorageLocation {
  /** `DATABASE_URL`: a `postgres://` URL, or null for the embedded SQLite file. */
  databaseUrl: string | null;
  /** `DATA_DIR`, holding `bot.sqlite` when there is no `databaseUrl`. */
  dataDir: string;
}

/** Where the database is, for messages: the SQLite file, or the URL without its password. */
export function storageDescription(location: StorageLocation): string {
  return location.databaseUrl === null ? databasePath(location.dataDir) : "PostgreSQL (DATABASE_URL)";
}

/**
 * Opens the bot's database, creating and migrating it as needed: PostgreSQL at `databaseUrl` when set (the
 * migrations run under an advisory lock), else SQLite at `DATA_DIR/bot.sqlite`. Refusals are one-line
 * `DatabaseError`s, with nothing written.
 */
export async function openStorage(location: StorageLocation): Promise<SqlDatabase> {
  if (location.databaseUrl !== null) return openPostgres(location.databaseUrl);
  return openDatabase(databasePath(location.dataDir));
}

/**
 * Opens the existing database for a tool: never created or migrated (the schema is the bot's business).
 * `readonly` holds SQLite to reading; PostgreSQL has no such mode for one connection, and tools that only
 * report issue only SELECTs.
 */
export async function openStorageForTool(
  location: StorageLocation,
  readonly: boolean,
): Promise<DatabaseForReading> {
  if (location.databaseUrl === null) {
    const path = databasePath(location.dataDir);
    return readonly ? openDatabaseForReading(path) : openDatabaseForChanges(path);
  }
  const db = await connectPostgres(location.databaseUrl);
  const version = await db.schemaVersion();
  if (version > SCHEMA_VERSION) {
    await db.close();
    throw newerVersionError(db.location, version, SCHEMA_VERSION);
  }
  return { db, version };
}

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
export function openDatabase(path: string, targetVersion = SCHEMA_VERSION): SqliteDatabase {
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
    db.pragma(`busy_timeout = ${BUSY_WAIT_MS}`);
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version > targetVersion) throw newerVersionError(path, version, targetVersion);
    switchToWal(db);
    db.pragma("foreign_keys = ON");
    // Under the write lock, taken first (IMMEDIATE), with the version read again inside: of processes
    // starting together, one migrates and the others find the work done.
    const migrate = db.transaction(() => {
      const current = db.pragma("user_version", { simple: true }) as number;
      for (let next = current; next < targetVersion; next++) {
        db.exec(migrationSql(next, "sqlite"));
        db.pragma(`user_version = ${next + 1}`);
      }
    });
    migrate.immediate();
    return new SqliteDatabase(db, path);
  } catch (error) {
    db.close();
    if (error instanceof DatabaseError) throw error;
    throw new DatabaseError(`cannot use ${path}: ${(error as Error).message} (the file was left unchanged)`);
  }
}

/**
 * Puts the file in WAL mode, trying again for up to 5 s while it is busy: when several processes open a new
 * file at once, SQLite refuses the switch at once (SQLITE_BUSY) instead of calling the busy handler.
 */
function switchToWal(db: Database.Database): void {
  const deadline = Date.now() + BUSY_WAIT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      db.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw error;
      Atomics.wait(pause, 0, 0, 10);
    }
  }
}

/** An existing database opened by a tool, with the schema version it is at. */
export interface DatabaseForReading<Db extends SqlDatabase = SqlDatabase> {
  db: Db;
  version: number;
}

/** Opens a database that must already exist, without creating, migrating or (when `readonly`) writing it. */
function openExistingDatabase(path: string, readonly: boolean): DatabaseForReading<SqliteDatabase> {
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
  return { db: new SqliteDatabase(db, path), version };
}

/**
 * Opens an existing database read-only, for reports and backups: nothing is created, migrated or written, so
 * a database of an older schema is read as it is (the caller checks `version`). A missing file, a file that
 * is not a SQLite database, and one written by a newer version are refused with a `DatabaseError`, as by
 * {@link openDatabase}.
 */
export function openDatabaseForReading(path: string): DatabaseForReading<SqliteDatabase> {
  return openExistingDatabase(path, true);
}

/**
 * Opens an existing database for a data tool to change rows in, while the bot may be running: never created
 * or migrated (the schema is the bot's business), and a write waits up to 5 s for the bot's own. Refused as
 * by {@link openDatabaseForReading}, and also when the file is not writable.
 */
export function openDatabaseForChanges(path: string): DatabaseForReading<SqliteDatabase> {
  const opened = openExistingDatabase(path, false);
  opened.db.connection.pragma(`busy_timeout = ${BUSY_WAIT_MS}`);
  return opened;
}
