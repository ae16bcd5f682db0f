import Database from "better-sqlite3";
import { config as loadDotenv } from "dotenv";
import { loadConfig } from "../config.ts";
import { DatabaseError, type StorageLocation, storageDescription } from "../storage/database.ts";
import { isPostgresError } from "../storage/postgres.ts";
import { CommandError } from "./args.ts";

/**
 * The bot's database as the bot finds it, with `.env` read first as the bot reads it: PostgreSQL at
 * `DATABASE_URL` when set, else `DATA_DIR/bot.sqlite`; and how messages name it.
 */
export function botStorage(): StorageLocation & { description: string } {
  loadDotenv({ quiet: true });
  const { dataDir, databaseUrl } = loadConfig();
  const location = { dataDir, databaseUrl };
  return { ...location, description: storageDescription(location) };
}

/**
 * Runs `use`, turning a database that cannot be opened or written (refused by us, by SQLite: busy past the
 * wait, disk full, or by PostgreSQL) into one line, `database error: …` (exit 1).
 */
export async function explainingDatabaseErrors<T>(use: () => T | Promise<T>): Promise<T> {
  try {
    return await use();
  } catch (error) {
    if (error instanceof DatabaseError || error instanceof Database.SqliteError || isPostgresError(error))
      throw new CommandError(`database error: ${error.message}`);
    throw error;
  }
}
