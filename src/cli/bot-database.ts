import Database from "better-sqlite3";
import { config as loadDotenv } from "dotenv";
import { loadConfig } from "../config.ts";
import { DatabaseError, databasePath } from "../storage/database.ts";
import { CommandError } from "./args.ts";

/** The bot's database file, `DATA_DIR/bot.sqlite`, with `.env` read first as the bot reads it. */
export function botDatabasePath(): string {
  loadDotenv({ quiet: true });
  return databasePath(loadConfig().dataDir);
}

/**
 * Runs `use`, turning a database that cannot be opened or written (refused by us, or by SQLite: busy past
 * the wait, disk full) into one line, `database error: …` (exit 1).
 */
export async function explainingDatabaseErrors<T>(use: () => T | Promise<T>): Promise<T> {
  try {
    return await use();
  } catch (error) {
    if (error instanceof DatabaseError || error instanceof Database.SqliteError)
      throw new CommandError(`database error: ${error.message}`);
    throw error;
  }
}
