/**
 * `npm run backup -- FILE`: an online, consistent copy of the bot's database, safe while the bot runs.
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { backupDatabase } from "../storage/backup.ts";
import { databasePath } from "../storage/database.ts";
import { CommandError, type CommandSpec, requireFolder, runCommand, UsageError } from "./args.ts";
import { botStorage, explainingDatabaseErrors } from "./bot-database.ts";

const backupCommand = {
  command: "npm run backup --",
  synopsis: ["FILE"],
  summary:
    "Copies DATA_DIR/bot.sqlite to FILE with SQLite's online backup API: a consistent copy as of one moment, safe while the bot runs and writes. The copy is checked with SQLite's integrity check before it takes FILE's name. An existing FILE is never overwritten.",
  options: {},
  positionals: true,
  examples: [
    "npm run backup -- backups/bot-$(date +%F).sqlite",
    "DATA_DIR=/srv/study-bot npm run backup -- /srv/backups/bot.sqlite",
  ],
  notes: [
    "To restore: stop the bot, copy FILE to DATA_DIR/bot.sqlite (remove bot.sqlite-wal and -shm), start it.",
  ],
} as const satisfies CommandSpec;

const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

await runCommand(backupCommand, async ({ positionals }) => {
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? "give the FILE to write the copy to" : "give one FILE");
  const target = resolve(positionals[0] as string);
  requireFolder(dirname(target), "backup folder");
  if (existsSync(target))
    throw new CommandError(
      `backup file already exists: ${target} (choose a new name; a backup never overwrites)`,
      2,
    );
  const storage = botStorage();
  if (storage.databaseUrl !== null)
    throw new CommandError(
      "DATABASE_URL is set: the data is in PostgreSQL, whose own tools back it up (pg_dump); this command copies the SQLite file",
    );
  const source = databasePath(storage.dataDir);
  const report = await explainingDatabaseErrors(async () => {
    try {
      return await backupDatabase(source, target);
    } catch (error) {
      if (error instanceof Database.SqliteError || (error as NodeJS.ErrnoException).code !== undefined)
        throw new CommandError(
          `backup failed: ${(error as Error).message} (nothing was written to ${target})`,
        );
      throw error;
    }
  });
  const counts = Object.entries(report.rows).map(([table, rows]) => `${table} ${rows}`);
  console.log(
    `Backed up ${source} to ${target} (schema ${report.version}, ${size(report.bytes)}, integrity ok); rows: ${counts.join(", ")}`,
  );
});
