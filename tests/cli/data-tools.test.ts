import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { databasePath, openDatabase } from "../../src/storage/database.ts";
import { GuildSettingsStore } from "../../src/storage/guild-settings.ts";
import { QuizScoreStore } from "../../src/storage/quiz-scores.ts";
import { runScript, scriptTimeout } from "../support/cli.ts";
import { projectRoot } from "../support/paths.ts";

const alice = "1200000000000000002";
const bob = "1200000000000000003";
const server = "1300000000000000001";
const otherServer = "1300000000000000009";

const newDataDir = () => mkdtempSync(join(tmpdir(), "data-tools-"));

/** Rows of a table, counted in a read-only connection (the writer may be busy). */
function rowCount(path: string, table: "quiz_scores" | "settings_audit"): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
}

/** Polls until `done` holds, failing after `timeoutMs`. */
async function waitUntil(done: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("npm run backup", { timeout: scriptTimeout }, () => {
  let writer: ChildProcess | undefined;
  afterEach(() => {
    writer?.kill("SIGKILL");
    writer = undefined;
  });

  it("copies the database while it is being written: the copy is sound and consistent", async () => {
    const dataDir = newDataDir();
    const live = databasePath(dataDir);
    await openDatabase(live).close();
    // Node itself with tsx as a loader: the tsx command would run the writer in a child that a kill of
    // tsx leaves running after the test.
    writer = spawn(process.execPath, ["--import", "tsx", "tests/support/busy-writer.ts", live], {
      cwd: projectRoot,
      stdio: "ignore",
    });
    await waitUntil(() => rowCount(live, "quiz_scores") >= 20, "the writer has written 20 rows");
    const writtenBefore = rowCount(live, "quiz_scores");
    const target = join(newDataDir(), "copy.sqlite");

    const { code, stdout, stderr } = await runScript("src/cli/backup.ts", [target], {
      env: { DATA_DIR: dataDir },
    });

    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    const copied = rowCount(target, "quiz_scores");
    // Each of the writer's transactions adds one score and one audited change: a torn copy would differ.
    expect(rowCount(target, "settings_audit")).toBe(copied);
    expect(copied).toBeGreaterThanOrEqual(writtenBefore);
    // The writer went on after the copy was taken, so the copy was made while it wrote.
    await waitUntil(() => rowCount(live, "quiz_scores") > copied, "the writer has written past the copy");
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    copy.close();
    expect(stdout.replace(/\d+(?:\.\d)? [KM]B/u, "SIZE")).toBe(
      `Backed up ${live} to ${target} (schema 5, SIZE, integrity ok); rows: answer_votes 0, feedback_salt 1, guild_settings 1, library_articles 0, library_departures 0, quiz_scores ${copied}, settings_audit ${copied}\n`,
    );
  });

  it("never overwrites a file, and names a missing folder or database in one line", async () => {
    const dataDir = newDataDir();
    const existing = join(newDataDir(), "taken.sqlite");
    writeFileSync(existing, "an earlier backup");
    const missingFolder = join(tmpdir(), "no-such-folder");

    const noDatabase = await runScript("src/cli/backup.ts", [join(newDataDir(), "copy.sqlite")], {
      env: { DATA_DIR: dataDir },
    });
    await openDatabase(databasePath(dataDir)).close();
    const taken = await runScript("src/cli/backup.ts", [existing], { env: { DATA_DIR: dataDir } });
    const noFolder = await runScript("src/cli/backup.ts", [join(missingFolder, "copy.sqlite")], {
      env: { DATA_DIR: dataDir },
    });

    expect([noDatabase, taken, noFolder].map(({ code, stderr }) => ({ code, stderr }))).toEqual([
      {
        code: 1,
        stderr: `database error: ${databasePath(dataDir)} does not exist (the bot creates it on first start)\n`,
      },
      {
        code: 2,
        stderr: `backup file already exists: ${existing} (choose a new name; a backup never overwrites)\n`,
      },
      { code: 2, stderr: `backup folder not found: ${missingFolder}\n` },
    ]);
    expect(readFileSync(existing, "utf8")).toBe("an earlier backup");
    expect(existsSync(missingFolder)).toBe(false);
  });
});

describe("npm run forget", { timeout: scriptTimeout }, () => {
  it("deletes a member's scores, takes their id out of the settings history, and says what it removed", async () => {
    const dataDir = newDataDir();
    const db = openDatabase(databasePath(dataDir));
    const scores = new QuizScoreStore(db);
    await scores.record(server, alice, true);
    await scores.record(otherServer, alice, false);
    await scores.record(server, bob, true);
    await new GuildSettingsStore(db).update(server, alice, (s) => ({ ...s, cooldownSeconds: 30 }));
    await db.close();
    const forget = (args: string[]) => runScript("src/cli/forget.ts", args, { env: { DATA_DIR: dataDir } });

    const onOneServer = await forget(["--user", alice, "--guild", otherServer]);
    const everywhere = await forget(["--user", alice]);
    const again = await forget(["--user", alice]);

    const path = databasePath(dataDir);
    expect(onOneServer.stdout).toBe(
      `Forgot member ${alice} on server ${otherServer} in ${path}:\n  deleted quiz score on server ${otherServer}: 0 correct of 1\n`,
    );
    expect(everywhere.stdout).toBe(
      [
        `Forgot member ${alice} in ${path}:`,
        `  deleted quiz score on server ${server}: 1 correct of 1`,
        `  settings history on server ${server}: their id taken out of 1 change`,
        "",
      ].join("\n"),
    );
    expect(again.stdout).toBe(`Nothing stored about member ${alice} in ${path}.\n`);
    expect([onOneServer, everywhere, again].map((run) => run.code)).toEqual([0, 0, 0]);
    const after = new Database(path, { readonly: true });
    expect(after.prepare("SELECT user_id FROM quiz_scores").pluck().all()).toEqual([bob]);
    expect(after.prepare("SELECT user_id FROM settings_audit").pluck().all()).toEqual(["forgotten"]);
    after.close();
  });

  it("refuses a name or mention for an id, and a missing database, in one line", async () => {
    const dataDir = newDataDir();
    const mention = await runScript("src/cli/forget.ts", ["--user", "<@1200000000000000002>"], {
      env: { DATA_DIR: dataDir },
    });
    const missing = await runScript("src/cli/forget.ts", ["--user", alice], { env: { DATA_DIR: dataDir } });

    expect(mention.code).toBe(2);
    expect(mention.stderr.split("\n")[0]).toBe(
      'usage error: --user needs a Discord id (digits only), not "<@1200000000000000002>"',
    );
    expect({ code: missing.code, stderr: missing.stderr }).toEqual({
      code: 1,
      stderr: `database error: ${databasePath(dataDir)} does not exist (the bot creates it on first start)\n`,
    });
    expect(existsSync(databasePath(dataDir))).toBe(false);
  });
});
