import type Database from "better-sqlite3";
import { RecentlyUsed } from "../core/recently-used.ts";
import type { SqlDatabase, SqlParam, SqlRunner } from "./sql.ts";
import { Turns } from "./turns.ts";

/** Prepared statements kept per connection: the bot's SQL is a fixed set of about 60 texts. */
const STATEMENT_CACHE_CAPACITY = 200;

/**
 * Statements on one better-sqlite3 connection, run at once (the driver is synchronous). Each SQL text is
 * prepared once and reused: a settings read took 8 µs prepared anew and 1.5 µs reused, and preparing was
 * most of the bot's time in SQLite (about 4% of its work per `/ask` at 2,000 articles).
 */
function runnerOver(db: Database.Database): SqlRunner {
  const statements = new RecentlyUsed<Database.Statement>(STATEMENT_CACHE_CAPACITY);
  const prepared = (sql: string) => statements.getOrMake(sql, () => db.prepare(sql));
  return {
    dialect: "sqlite",
    async all<Row>(sql: string, params: readonly SqlParam[] = []) {
      return prepared(sql).all(...params) as Row[];
    },
    async get<Row>(sql: string, params: readonly SqlParam[] = []) {
      return prepared(sql).get(...params) as Row | undefined;
    },
    async run(sql: string, params: readonly SqlParam[] = []) {
      return prepared(sql).run(...params).changes;
    },
  };
}

/**
 * The storage interface over a SQLite file. One connection serves the whole process, so while a transaction
 * awaits between its statements, every other statement waits for it to end: none may slip into it.
 */
export class SqliteDatabase implements SqlDatabase {
  readonly dialect = "sqlite";
  readonly #direct: SqlRunner;
  /** Statements and transactions, one at a time. */
  readonly #turns = new Turns();

  constructor(
    /** The better-sqlite3 connection, for what only SQLite has (the online backup API). */
    readonly connection: Database.Database,
    readonly location: string,
  ) {
    this.#direct = runnerOver(connection);
  }

  all<Row>(sql: string, params?: readonly SqlParam[]): Promise<Row[]> {
    return this.#turns.run(() => this.#direct.all<Row>(sql, params));
  }

  get<Row>(sql: string, params?: readonly SqlParam[]): Promise<Row | undefined> {
    return this.#turns.run(() => this.#direct.get<Row>(sql, params));
  }

  run(sql: string, params?: readonly SqlParam[]): Promise<number> {
    return this.#turns.run(() => this.#direct.run(sql, params));
  }

  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.#turns.run(async () => {
      // IMMEDIATE: the write lock is taken first, so processes sharing the file take turns, never deadlock.
      this.connection.exec("BEGIN IMMEDIATE");
      try {
        const result = await work(this.#direct);
        this.connection.exec("COMMIT");
        return result;
      } catch (error) {
        if (this.connection.inTransaction) this.connection.exec("ROLLBACK");
        throw error;
      }
    });
  }

  async hasTable(table: string): Promise<boolean> {
    const found = await this.get("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?", [
      table,
    ]);
    return found !== undefined;
  }

  schemaVersion(): Promise<number> {
    return this.#turns.run(async () => this.connection.pragma("user_version", { simple: true }) as number);
  }

  close(): Promise<void> {
    return this.#turns.run(async () => {
      if (this.connection.open) this.connection.close();
    });
  }
}
