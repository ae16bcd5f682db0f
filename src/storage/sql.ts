/**
 * The one storage interface every store is written against. SQLite (embedded, the default) and PostgreSQL
 * (`DATABASE_URL`) implement it, so each query is written once: `?` marks parameters in order on both, and
 * the SQL sticks to what both engines read the same way (upserts with `excluded`, window functions,
 * `RETURNING`, `CASE` rather than summing booleans, quoted mixed-case aliases).
 */

/** A value bound to a `?` parameter. */
export type SqlParam = string | number | null;

/** Which engine a database runs on. */
export type SqlDialect = "sqlite" | "postgres";

/** Runs statements. Whole numbers come back as JavaScript numbers on both engines. */
export interface SqlRunner {
  readonly dialect: SqlDialect;
  /** Every row the statement returns. */
  all<Row>(sql: string, params?: readonly SqlParam[]): Promise<Row[]>;
  /** The first row, or undefined when there is none. */
  get<Row>(sql: string, params?: readonly SqlParam[]): Promise<Row | undefined>;
  /** Runs a statement that returns no rows; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlParam[]): Promise<number>;
}

/** An open database: statements, transactions, and what tools need to know about its schema. */
export interface SqlDatabase extends SqlRunner {
  /** Where it is, for messages: a file path, or a PostgreSQL URL without its password. */
  readonly location: string;
  /**
   * Runs `work` in one transaction, committed when it resolves and rolled back when it throws. Transactions
   * run one at a time across every process sharing the database (SQLite's write lock, an advisory lock on
   * PostgreSQL), so a read-check-write inside one (a library limit, a vote changed once) cannot race.
   */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** Whether the table exists: a database of an older schema lacks the later ones. */
  hasTable(table: string): Promise<boolean>;
  /** The schema version the database is at (the number of migrations applied). */
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}

/** The values of a query's one-column rows. */
export async function column<Value>(
  runner: SqlRunner,
  sql: string,
  params: readonly SqlParam[] = [],
): Promise<Value[]> {
  const rows = await runner.all<Record<string, Value>>(sql, params);
  return rows.map((row) => Object.values(row)[0] as Value);
}

/** Whether `url` names a PostgreSQL database (`postgres://…` or `postgresql://…`). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\/./u.test(url);
}

/** The bot's database could not be opened or used; nothing in it was changed. */
export class DatabaseError extends Error {
  override name = "DatabaseError";
}
