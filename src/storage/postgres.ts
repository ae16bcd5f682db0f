import type { Pool, PoolClient } from "pg";
import { migrationSql, SCHEMA_VERSION } from "./migrations.ts";
import { DatabaseError, isPostgresUrl, type SqlDatabase, type SqlParam, type SqlRunner } from "./sql.ts";

/**
 * Advisory lock keys (any 64-bit numbers, unique to this bot): migrations take one, every transaction the
 * other, so transactions take turns across processes as SQLite's write lock makes them.
 */
const MIGRATION_LOCK = 7_105_114_001;
const TRANSACTION_LOCK = 7_105_114_002;

/** PostgreSQL numbers `$1, $2, …` where the shared SQL writes `?` (no query has a `?` inside a literal). */
export function numberedPlaceholders(sql: string): string {
  let next = 0;
  return sql.replace(/\?/g, () => `$${++next}`);
}

type Queryable = Pick<PoolClient, "query">;

function runnerOver(target: Queryable): SqlRunner {
  const rows = async <Row>(sql: string, params: readonly SqlParam[] = []) =>
    (await target.query(numberedPlaceholders(sql), params as SqlParam[])).rows as Row[];
  return {
    dialect: "postgres",
    all: rows,
    async get<Row>(sql: string, params?: readonly SqlParam[]) {
      return (await rows<Row>(sql, params))[0];
    },
    async run(sql: string, params: readonly SqlParam[] = []) {
      return (await target.query(numberedPlaceholders(sql), params as SqlParam[])).rowCount ?? 0;
    },
  };
}

/** The URL without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(an unreadable DATABASE_URL)";
  }
}

/** The storage interface over a PostgreSQL connection pool. */
export class PostgresDatabase implements SqlDatabase {
  readonly dialect = "postgres";
  readonly #direct: SqlRunner;
  #closed: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    readonly location: string,
  ) {
    this.#direct = runnerOver(pool);
  }

  all<Row>(sql: string, params?: readonly SqlParam[]): Promise<Row[]> {
    return this.#direct.all<Row>(sql, params);
  }

  get<Row>(sql: string, params?: readonly SqlParam[]): Promise<Row | undefined> {
    return this.#direct.get<Row>(sql, params);
  }

  run(sql: string, params?: readonly SqlParam[]): Promise<number> {
    return this.#direct.run(sql, params);
  }

  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.#locked(TRANSACTION_LOCK, work);
  }

  /** Runs `work` in a transaction holding advisory lock `key`, released when the transaction ends. */
  async #locked<T>(key: number, work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      try {
        await client.query("SELECT pg_advisory_xact_lock($1)", [key]);
        const result = await work(runnerOver(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    } finally {
      client.release();
    }
  }

  async hasTable(table: string): Promise<boolean> {
    const found = await this.get<{ found: string | null }>("SELECT to_regclass(?) AS found", [table]);
    return found?.found != null;
  }

  async schemaVersion(): Promise<number> {
    if (!(await this.hasTable("schema_version"))) return 0;
    const row = await this.get<{ version: number }>("SELECT version FROM schema_version WHERE id = 1");
    return row?.version ?? 0;
  }

  /**
   * Migrates forward to `targetVersion` under the migration lock, in one transaction (PostgreSQL's DDL is
   * transactional): of processes starting together one migrates, the others wait and find the work done.
   * A database written by a newer version is refused, unchanged.
   */
  async migrate(targetVersion = SCHEMA_VERSION): Promise<void> {
    await this.#locked(MIGRATION_LOCK, async (tx) => {
      await tx.run(
        "CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)",
      );
      const row = await tx.get<{ version: number }>("SELECT version FROM schema_version WHERE id = 1");
      const current = row?.version ?? 0;
      if (current > targetVersion) {
        throw new DatabaseError(
          `${this.location} was written by a newer version of the bot (schema ${current}; this version knows up to ${targetVersion}); upgrade the bot — the database was left unchanged`,
        );
      }
      for (let next = current; next < targetVersion; next++) await tx.run(migrationSql(next, "postgres"));
      await tx.run(
        "INSERT INTO schema_version (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version",
        [targetVersion],
      );
    });
  }

  /** Ends the pool; closing again does nothing, as on SQLite. */
  close(): Promise<void> {
    this.#closed ??= this.pool.end();
    return this.#closed;
  }
}

/** The one line a PostgreSQL that cannot be reached, logged into or migrated is refused with. */
function unusable(location: string, error: unknown): DatabaseError {
  return new DatabaseError(`cannot use PostgreSQL at ${location}: ${(error as Error).message}`);
}

/** Bigints (counts, sums, ms timestamps) as JavaScript numbers, as SQLite gives them: all are far below 2^53. */
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Connects to the PostgreSQL at `url` without touching its schema (tools read and change rows only). A URL
 * that is not PostgreSQL's and a server that cannot be reached or refuses the login are one-line
 * `DatabaseError`s.
 */
export async function connectPostgres(url: string): Promise<PostgresDatabase> {
  const location = redactedUrl(url);
  if (!isPostgresUrl(url))
    throw new DatabaseError(`DATABASE_URL must start with postgres:// (got ${location})`);
  // Imported only here: an installation on SQLite never loads the driver.
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: 10_000,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8_OID || oid === NUMERIC_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // A connection lost while idle (a server restart) is dropped by the pool and replaced on the next query,
  // which reports any lasting failure itself; unhandled, this event would end the process.
  pool.on("error", () => undefined);
  const database = new PostgresDatabase(pool, location);
  try {
    await database.get("SELECT 1 AS reachable");
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw unusable(location, error);
  }
  return database;
}

/**
 * Connects to the PostgreSQL at `url` and migrates it to `targetVersion`; refused as by
 * {@link connectPostgres}, and when the database was written by a newer version, before anything is written.
 */
export async function openPostgres(url: string, targetVersion = SCHEMA_VERSION): Promise<PostgresDatabase> {
  const database = await connectPostgres(url);
  try {
    await database.migrate(targetVersion);
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error instanceof DatabaseError ? error : unusable(database.location, error);
  }
  return database;
}

/** An error PostgreSQL reported (the driver's errors carry its severity and SQLSTATE code). */
export function isPostgresError(error: unknown): error is Error & { code: string; severity: string } {
  return (
    error instanceof Error &&
    typeof (error as { severity?: unknown }).severity === "string" &&
    typeof (error as { code?: unknown }).code === "string"
  );
}
