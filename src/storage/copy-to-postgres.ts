/**
 * Copies an installation's SQLite database into PostgreSQL (`npm run migrate-to-postgres`). The copy runs in
 * one transaction on the target, so it lands whole or not at all, and it is idempotent: every row is keyed
 * (the audit trail, which has no natural key, by its whole content), so a second run adds nothing and a run
 * after the source gained rows adds just those.
 */
import type { SqlDatabase, SqlParam, SqlRunner } from "./sql.ts";

/** How one table was copied. */
export interface TableCopy {
  table: string;
  /** Rows in the source (0 when the source's older schema lacks the table). */
  source: number;
  /** Rows the copy added to the target; the others were there already (and were brought up to date). */
  added: number;
  /** Rows in the target afterwards. */
  target: number;
}

/** The source's votes are keyed under another salt than the target's votes: copying would break both. */
export class SaltConflictError extends Error {
  override name = "SaltConflictError";
}

interface TableSpec {
  table: string;
  columns: readonly string[];
  /** The primary key the target's upsert matches on; null to match on every column (the audit trail). */
  key: readonly string[] | null;
  /** Source order, so rows that get new ids (the audit trail) keep their order. */
  orderBy: string;
}

/** Every table of the schema with data worth keeping, in an order that respects none: there are no foreign keys. */
const copiedTables: readonly TableSpec[] = [
  {
    table: "guild_settings",
    columns: ["guild_id", "settings", "updated_at"],
    key: ["guild_id"],
    orderBy: "guild_id",
  },
  {
    table: "settings_audit",
    columns: ["guild_id", "user_id", "at", "setting", "old_value", "new_value"],
    key: null,
    orderBy: "id",
  },
  {
    table: "quiz_scores",
    columns: ["guild_id", "user_id", "correct", "answered", "updated_at"],
    key: ["guild_id", "user_id"],
    orderBy: "guild_id, user_id",
  },
  {
    table: "answer_votes",
    columns: ["voter_key", "guild_id", "question", "passage_ids", "vote", "changed", "voted_at"],
    key: ["voter_key"],
    orderBy: "voter_key",
  },
  {
    table: "library_articles",
    columns: [
      "guild_id",
      "article_id",
      "title",
      "file_name",
      "source",
      "url",
      "added_by",
      "added_at",
      "bytes",
      "content_hash",
      "text",
    ],
    key: ["guild_id", "article_id"],
    orderBy: "guild_id, article_id",
  },
  {
    table: "library_departures",
    columns: ["guild_id", "departed_at"],
    key: ["guild_id"],
    orderBy: "guild_id",
  },
];

async function count(runner: SqlRunner, table: string): Promise<number> {
  return (await runner.get<{ rows: number }>(`SELECT count(*) AS rows FROM ${table}`))?.rows ?? 0;
}

/** Inserts one row, or brings the keyed row up to date; resolves to whether it was new. */
async function upsert(tx: SqlRunner, spec: TableSpec, row: Record<string, SqlParam>): Promise<boolean> {
  const values = spec.columns.map((column) => row[column] ?? null);
  const placeholders = spec.columns.map(() => "?").join(", ");
  const into = `INSERT INTO ${spec.table} (${spec.columns.join(", ")})`;
  if (spec.key === null) {
    // No key: the same change (who, when, what, from, to) is the same row.
    const matches = spec.columns.map((column) => `${column} IS NOT DISTINCT FROM ?`).join(" AND ");
    const present = await tx.get(`SELECT 1 AS present FROM ${spec.table} WHERE ${matches}`, values);
    if (present) return false;
    await tx.run(`${into} VALUES (${placeholders})`, values);
    return true;
  }
  const key = spec.key;
  const where = key.map((column) => `${column} = ?`).join(" AND ");
  const existed = await tx.get(
    `SELECT 1 AS present FROM ${spec.table} WHERE ${where}`,
    key.map((column) => row[column] ?? null),
  );
  const updates = spec.columns.filter((column) => !key.includes(column));
  await tx.run(
    `${into} VALUES (${placeholders}) ON CONFLICT (${key.join(", ")}) DO UPDATE SET ${updates
      .map((column) => `${column} = excluded.${column}`)
      .join(", ")}`,
    values,
  );
  return existed === undefined;
}

/**
 * Copies every row of `source` (a SQLite database, of this schema or an older one) into `target` (a
 * PostgreSQL database migrated to this schema). The votes' salt is copied too, so a vote cast before the
 * move can still be changed once after it; a target that already holds votes under another salt is refused
 * with a {@link SaltConflictError}, unchanged.
 */
export async function copyDatabase(source: SqlDatabase, target: SqlDatabase): Promise<TableCopy[]> {
  const present = new Map<string, boolean>();
  for (const spec of copiedTables) present.set(spec.table, await source.hasTable(spec.table));
  const sourceSalt = present.get("answer_votes")
    ? (await source.get<{ salt: string }>("SELECT salt FROM feedback_salt WHERE id = 1"))?.salt
    : undefined;
  return target.transaction(async (tx) => {
    if (sourceSalt !== undefined) {
      const targetSalt = (await tx.get<{ salt: string }>("SELECT salt FROM feedback_salt WHERE id = 1"))
        ?.salt;
      if (targetSalt !== sourceSalt) {
        if ((await count(tx, "answer_votes")) > 0)
          throw new SaltConflictError(
            "the target already holds votes of its own, keyed under another salt than the source's; copy into an empty database",
          );
        await tx.run("UPDATE feedback_salt SET salt = ? WHERE id = 1", [sourceSalt]);
      }
    }
    const copies: TableCopy[] = [];
    for (const spec of copiedTables) {
      const rows = present.get(spec.table)
        ? await source.all<Record<string, SqlParam>>(
            `SELECT ${spec.columns.join(", ")} FROM ${spec.table} ORDER BY ${spec.orderBy}`,
          )
        : [];
      let added = 0;
      for (const row of rows) if (await upsert(tx, spec, row)) added++;
      copies.push({ table: spec.table, source: rows.length, added, target: await count(tx, spec.table) });
    }
    return copies;
  });
}
