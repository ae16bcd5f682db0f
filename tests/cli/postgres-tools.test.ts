/**
 * The shell's data tools on an installation kept in PostgreSQL: with DATABASE_URL set they read and change
 * that database (never a SQLite file in DATA_DIR), and `npm run backup` says to use PostgreSQL's own tools.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FeedbackStore } from "../../src/storage/feedback.ts";
import { LibraryStore } from "../../src/storage/library.ts";
import { QuizScoreStore } from "../../src/storage/quiz-scores.ts";
import { runScript, scriptTimeout } from "../support/cli.ts";
import { startTestPostgres, type TestPostgres, withPostgres } from "../support/postgres.ts";

const server = "1300000000000000001";
const alice = "1200000000000000002";

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startTestPostgres();
  await withPostgres(postgres.url, async (db) => {
    await new QuizScoreStore(db).record(server, alice, true);
    await (await FeedbackStore.open(db)).vote({
      voterId: alice,
      answerMessageId: "1500000000000000001",
      guildId: server,
      question: "when was the bridge built",
      passageIds: ["velmar/lead/1"],
      vote: "down",
    });
  });
});
afterAll(async () => {
  await postgres.stop();
});

describe("the data tools with DATABASE_URL", { timeout: scriptTimeout }, () => {
  it("report votes, manage a server's library and forget a member in PostgreSQL, writing no SQLite file", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "pg-tools-"));
    const env = { DATABASE_URL: postgres.url, DATA_DIR: dataDir };

    const feedback = await runScript("src/cli/feedback.ts", [], { env });
    expect(feedback.stderr).toBe("");
    expect(feedback.stdout).toContain("1 vote on 1 answer in PostgreSQL (DATABASE_URL): 0 👍, 1 👎");

    const notes = join(dataDir, "velmar.md");
    writeFileSync(notes, "# The Velmar Bridge\n\nThe Velmar Bridge was built in 1820 of local stone.\n");
    const added = await runScript("src/cli/library.ts", ["add", notes, "--guild", server], { env });
    expect(added.code).toBe(0);
    const listed = await runScript("src/cli/library.ts", ["list", "--guild", server], { env });
    expect(listed.stdout).toContain('"The Velmar Bridge"');

    const forgotten = await runScript("src/cli/forget.ts", ["--user", alice], { env });
    expect(forgotten.code).toBe(0);
    expect(forgotten.stdout).toContain(`Forgot member ${alice} in PostgreSQL (DATABASE_URL):`);
    expect(forgotten.stdout).toContain("1 correct of 1");

    await withPostgres(postgres.url, async (db) => {
      expect(await db.get("SELECT count(*) AS rows FROM quiz_scores")).toEqual({ rows: 0 });
      expect((await new LibraryStore(db).list(server)).map((article) => article.title)).toEqual([
        "The Velmar Bridge",
      ]);
    });
    expect(existsSync(join(dataDir, "bot.sqlite"))).toBe(false);

    const backup = await runScript("src/cli/backup.ts", [join(dataDir, "copy.sqlite")], { env });
    expect(backup.code).toBe(1);
    expect(backup.stderr.trim()).toBe(
      "DATABASE_URL is set: the data is in PostgreSQL, whose own tools back it up (pg_dump); this command copies the SQLite file",
    );
  });
});
