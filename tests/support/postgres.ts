/**
 * A real PostgreSQL for tests, started by the tests themselves with no external service: PGlite (PostgreSQL
 * 17 compiled to WebAssembly, an npm package) behind pglite-socket, which speaks the wire protocol on
 * 127.0.0.1, so the bot's `pg` driver talks to it exactly as to a server. Its multiplexer lets several
 * connections (and several bot processes) share it; their transactions take turns.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { afterAll, afterEach } from "vitest";
import { openDatabase } from "../../src/storage/database.ts";
import { openPostgres, type PostgresDatabase } from "../../src/storage/postgres.ts";
import type { SqlDatabase } from "../../src/storage/sql.ts";

export interface TestPostgres {
  /** `postgres://…@127.0.0.1:PORT/postgres`. */
  readonly url: string;
  /** Empties the database: every table of the bot's schema is dropped. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the test PostgreSQL: in memory by default; with `dataDir`, its files are kept there, so a later
 * start on the same folder and `port` is the same database come back (an outage and its end).
 */
export async function startTestPostgres(
  options: { dataDir?: string; port?: number } = {},
): Promise<TestPostgres> {
  const db = await PGlite.create(options.dataDir);
  const server = new PGLiteSocketServer({
    db,
    port: options.port ?? 0,
    host: "127.0.0.1",
    maxConnections: 64,
  });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    async reset() {
      await db.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    },
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/** Opens (migrating) the PostgreSQL at `url`, gives it to `use`, and closes it however `use` ends. */
export async function withPostgres<T>(url: string, use: (db: PostgresDatabase) => Promise<T>): Promise<T> {
  const db = await openPostgres(url);
  try {
    return await use(db);
  } finally {
    await db.close();
  }
}

/** The two engines every storage test runs on. */
export const storageBackends = ["SQLite", "PostgreSQL"] as const;
export type StorageBackend = (typeof storageBackends)[number];

/** A fresh, migrated database per test on one backend, closed after each test. */
export interface TestStorage {
  /** A new empty database at the latest schema (or at `version`). */
  fresh(version?: number): Promise<SqlDatabase>;
  /** The same database as the last `fresh` one, opened again (as after a restart). */
  reopen(): Promise<SqlDatabase>;
}

let sharedPostgres: Promise<TestPostgres> | null = null;

/** Registers the hooks of a describe block whose tests run on `backend`. */
export function useTestStorage(backend: StorageBackend): TestStorage {
  const opened: SqlDatabase[] = [];
  let lastSqlitePath = "";
  const keep = (db: SqlDatabase) => {
    opened.push(db);
    return db;
  };
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close();
  });
  if (backend === "SQLite") {
    return {
      async fresh(version) {
        lastSqlitePath = join(mkdtempSync(join(tmpdir(), "bot-data-")), "bot.sqlite");
        return keep(openDatabase(lastSqlitePath, version));
      },
      async reopen() {
        return keep(openDatabase(lastSqlitePath));
      },
    };
  }
  afterAll(async () => {
    const started = sharedPostgres;
    sharedPostgres = null;
    await (await started)?.stop();
  });
  const postgres = () => {
    sharedPostgres ??= startTestPostgres();
    return sharedPostgres;
  };
  return {
    async fresh(version) {
      const server = await postgres();
      await server.reset();
      return keep(await openPostgres(server.url, version));
    },
    async reopen() {
      return keep(await openPostgres((await postgres()).url));
    },
  };
}
