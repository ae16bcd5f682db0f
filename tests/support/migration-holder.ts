/**
 * `node --import tsx tests/support/migration-holder.ts DB`: migrates a new database to the latest schema
 * inside a write transaction it holds open for a moment, printing `holding` once it holds it: another
 * process starting then must wait for it and find the work done.
 */
import Database from "better-sqlite3";
import { MIGRATIONS } from "../../src/storage/database.ts";

const path = process.argv[2];
if (path === undefined) throw new Error("usage: migration-holder.ts DB");
const db = new Database(path);
db.pragma("journal_mode = WAL");
db.exec("BEGIN IMMEDIATE");
for (const [n, migration] of MIGRATIONS.entries()) {
  db.exec(migration);
  db.pragma(`user_version = ${n + 1}`);
}
process.stdout.write("holding\n");
setTimeout(() => {
  db.exec("COMMIT");
  db.close();
}, 700);
