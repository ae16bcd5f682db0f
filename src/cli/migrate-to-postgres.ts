/**
 * `npm run migrate-to-postgres -- [--from FILE] [--to URL]`: copies an installation's SQLite database into
 * PostgreSQL, so the bot can move to `DATABASE_URL` with its settings, history, scores, votes and libraries.
 */
import { existsSync } from "node:fs";
import { config as loadDotenv } from "dotenv";
import { loadConfig } from "../config.ts";
import { copyDatabase, SaltConflictError } from "../storage/copy-to-postgres.ts";
import { databasePath, openDatabaseForReading } from "../storage/database.ts";
import { openPostgres, redactedUrl } from "../storage/postgres.ts";
import { CommandError, type CommandSpec, runCommand, UsageError } from "./args.ts";
import { explainingDatabaseErrors } from "./bot-database.ts";
import { plural } from "./chat-format.ts";

const migrateCommand = {
  command: "npm run migrate-to-postgres --",
  synopsis: ["[--from FILE] [--to URL]"],
  summary:
    "Copies every row of the bot's SQLite database (settings and their history, quiz scores, votes, server libraries) into PostgreSQL, creating or migrating its schema first, in one transaction. Idempotent: running it again adds only what the file gained since. The SQLite file is only read.",
  options: {
    from: {
      type: "string",
      value: "FILE",
      description: "the SQLite database (default: DATA_DIR/bot.sqlite)",
    },
    to: { type: "string", value: "URL", description: "the PostgreSQL database (default: DATABASE_URL)" },
  },
  positionals: false,
  examples: [
    "npm run migrate-to-postgres -- --from data/bot.sqlite --to postgres://bot:secret@db:5432/bot",
    "DATABASE_URL=postgres://bot@localhost/bot npm run migrate-to-postgres",
  ],
  notes: [
    "Stop the bot first (or run again after stopping it, to copy what it wrote meanwhile), then start it with DATABASE_URL set.",
  ],
} as const satisfies CommandSpec;

await runCommand(migrateCommand, async ({ values }) => {
  loadDotenv({ quiet: true });
  const config = loadConfig();
  const from = values.from ?? databasePath(config.dataDir);
  const to = values.to ?? config.databaseUrl;
  if (to === null) throw new UsageError("give --to URL (or set DATABASE_URL): the PostgreSQL to copy into");
  if (!existsSync(from)) throw new CommandError(`${from} does not exist: nothing to copy`, 2);
  const copies = await explainingDatabaseErrors(async () => {
    const { db: source } = openDatabaseForReading(from);
    try {
      const target = await openPostgres(to);
      try {
        return await copyDatabase(source, target);
      } catch (error) {
        if (error instanceof SaltConflictError) throw new CommandError(`not copied: ${error.message}`);
        throw error;
      } finally {
        await target.close();
      }
    } finally {
      await source.close();
    }
  });
  const added = copies.reduce((sum, copy) => sum + copy.added, 0);
  console.log(`Copied ${from} to ${redactedUrl(to)}: ${plural(added, "row")} added.`);
  for (const copy of copies) {
    console.log(
      `  ${copy.table.padEnd(20)} ${String(copy.source).padStart(6)} in the file, ${String(copy.added).padStart(6)} added, ${String(copy.target).padStart(6)} in PostgreSQL`,
    );
  }
});
