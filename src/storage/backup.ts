import { renameSync, rmSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import { DatabaseError, openDatabaseForReading } from "./database.ts";

/** What a backup holds, read back from the copy itself. */
export interface BackupReport {
  /** The schema version of the copy, as of the bot that wrote the original. */
  version: number;
  /** Rows in each table of the copy, by table name. */
  rows: Record<string, number>;
  bytes: number;
}

/**
 * Copies the database at `sourcePath` to `targetPath` with SQLite's online backup API, consistent as of
 * one moment even while the bot writes, and never blocking it (in WAL mode a reader does not hold writers
 * up). The copy is written beside the target under another name and renamed into place only once it has
 * passed SQLite's integrity check, so `targetPath` is either a whole, sound database or absent. It is a
 * single file (rollback journal mode): copy it back as `bot.sqlite` to restore, and the bot returns it to
 * WAL mode on start. `targetPath` is replaced if it exists: the caller decides whether it may.
 */
export async function backupDatabase(sourcePath: string, targetPath: string): Promise<BackupReport> {
  const partialPath = `${targetPath}.partial`;
  const { db: source } = openDatabaseForReading(sourcePath);
  // A copy left by an interrupted run is no database to copy into.
  rmSync(partialPath, { force: true });
  let report: Omit<BackupReport, "bytes">;
  try {
    // After the first step copy all remaining pages in one: a step reads one snapshot, and a write by the
    // bot between steps would restart the copy, which small steps might never outrun.
    await source.connection.backup(partialPath, { progress: ({ totalPages }) => totalPages });
    report = checkedCopy(partialPath);
  } catch (error) {
    rmSync(partialPath, { force: true });
    throw error;
  } finally {
    await source.close();
  }
  renameSync(partialPath, targetPath);
  return { ...report, bytes: statSync(targetPath).size };
}

/** Makes the copy one self-contained file, checks its integrity and counts its rows. */
function checkedCopy(path: string): Omit<BackupReport, "bytes"> {
  const copy = new Database(path, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
    const integrity = copy.pragma("integrity_check", { simple: true });
    if (integrity !== "ok")
      throw new DatabaseError(
        `the copy failed SQLite's integrity check (${String(integrity)}); nothing was kept`,
      );
    return { version: copy.pragma("user_version", { simple: true }) as number, rows: rowCounts(copy) };
  } finally {
    copy.close();
  }
}

function rowCounts(db: Database.Database): Record<string, number> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((table) => [
      table,
      db
        .prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`)
        .pluck()
        .get() as number,
    ]),
  );
}
