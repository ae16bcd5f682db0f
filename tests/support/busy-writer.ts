/**
 * `tsx tests/support/busy-writer.ts DB`: writes to the bot's database as a busy bot would, until killed. Each
 * transaction adds one quiz score and one settings change, so a consistent copy holds as many of one as of
 * the other.
 */
import { openDatabase } from "../../src/storage/database.ts";
import { GuildSettingsStore } from "../../src/storage/guild-settings.ts";
import { QuizScoreStore } from "../../src/storage/quiz-scores.ts";
import type { SqlDatabase, SqlParam, SqlRunner } from "../../src/storage/sql.ts";

const path = process.argv[2];
if (path === undefined) throw new Error("usage: tsx tests/support/busy-writer.ts DB");
const db = openDatabase(path);
const server = "1300000000000000001";

/**
 * The database as seen from inside one transaction: the stores' statements, and the transaction a store
 * opens itself, all run in it, so both stores' writes commit together.
 */
function within(tx: SqlRunner): SqlDatabase {
  return {
    dialect: tx.dialect,
    location: db.location,
    all: <Row>(sql: string, params?: readonly SqlParam[]) => tx.all<Row>(sql, params),
    get: <Row>(sql: string, params?: readonly SqlParam[]) => tx.get<Row>(sql, params),
    run: (sql: string, params?: readonly SqlParam[]) => tx.run(sql, params),
    transaction: (work) => work(tx),
    hasTable: () => Promise.reject(new Error("not inside a transaction")),
    schemaVersion: () => Promise.reject(new Error("not inside a transaction")),
    close: () => Promise.reject(new Error("not inside a transaction")),
  };
}

const writeOne = (n: number) =>
  db.transaction(async (tx) => {
    const inside = within(tx);
    await new QuizScoreStore(inside).record(server, `member-${n}`, n % 2 === 0);
    // Cooldowns 1…3600 in turn: every change differs from the one before, so each is audited.
    await new GuildSettingsStore(inside).update(server, "1200000000000000002", (current) => ({
      ...current,
      cooldownSeconds: (n % 3600) + 1,
    }));
  });

let written = 0;
// About a thousand transactions a second at most: busy, without taking a whole core from the other tests.
const writeNext = async (): Promise<void> => {
  await writeOne(written++);
  setTimeout(writeNext, 1);
};
await writeNext();
