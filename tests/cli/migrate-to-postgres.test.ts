import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/storage/database.ts";
import { FeedbackStore } from "../../src/storage/feedback.ts";
import { GuildSettingsStore } from "../../src/storage/guild-settings.ts";
import { LibraryStore } from "../../src/storage/library.ts";
import { QuizScoreStore } from "../../src/storage/quiz-scores.ts";
import { runScript, scriptTimeout } from "../support/cli.ts";
import { startTestPostgres, type TestPostgres, withPostgres } from "../support/postgres.ts";

const server = "1300000000000000001";
const alice = "1200000000000000002";
const bob = "1200000000000000003";
const vote = {
  voterId: alice,
  answerMessageId: "1500000000000000001",
  guildId: server,
  question: "when was lal masjid built",
  passageIds: ["lal-masjid-p3"],
  vote: "down",
} as const;

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startTestPostgres();
});
afterAll(async () => {
  await postgres.stop();
});

/** A SQLite installation with a row in every table: settings and their history, scores, a vote, a library. */
async function installation(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), "migrate-")), "bot.sqlite");
  const db = openDatabase(path);
  const settings = new GuildSettingsStore(db);
  await settings.update(server, alice, (s) => ({ ...s, cooldownSeconds: 45 }), 1_000);
  await settings.update(server, bob, (s) => ({ ...s, freeTextChannelIds: ["1400000000000000001"] }), 2_000);
  const scores = new QuizScoreStore(db);
  await scores.record(server, alice, true, 3_000);
  await scores.record(server, alice, false, 4_000);
  await scores.record(server, bob, true, 5_000);
  await (await FeedbackStore.open(db)).vote(vote, 6_000);
  const library = new LibraryStore(db);
  await library.add(
    {
      guildId: server,
      title: "The Velmar Bridge",
      fileName: "velmar.md",
      source: "md",
      url: null,
      text: "The Velmar Bridge was built in 1820.",
      addedBy: alice,
    },
    { now: 7_000 },
  );
  await library.markDeparted("1300000000000000009", 8_000);
  await db.close();
  return path;
}

const migrate = (args: string[]) => runScript("src/cli/migrate-to-postgres.ts", args);

describe("npm run migrate-to-postgres", { timeout: scriptTimeout }, () => {
  it("copies every table into PostgreSQL, where the bot finds the same data, and a second run adds nothing", async () => {
    await postgres.reset();
    const path = await installation();
    const first = await migrate(["--from", path, "--to", postgres.url]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("9 rows added");

    await withPostgres(postgres.url, async (db) => {
      const settings = new GuildSettingsStore(db);
      expect((await settings.get(server)).cooldownSeconds).toBe(45);
      expect((await settings.history(server)).map((entry) => [entry.userId, entry.setting])).toEqual([
        [alice, "library"],
        [bob, "freeTextChannelIds"],
        [alice, "cooldownSeconds"],
      ]);
      const board = await new QuizScoreStore(db).leaderboard(server, alice);
      expect(board.top.map((score) => [score.userId, score.correct, score.answered])).toEqual([
        [bob, 1, 1],
        [alice, 1, 2],
      ]);
      // The salt came along: the vote cast before the move can still be changed, once.
      const feedback = await FeedbackStore.open(db);
      expect(await feedback.vote({ ...vote, vote: "up" })).toBe("changed");
      expect(await feedback.vote(vote)).toBe("final");
      const library = new LibraryStore(db);
      expect((await library.texts(server)).map((article) => article.text)).toEqual([
        "The Velmar Bridge was built in 1820.",
      ]);
      expect(await library.departedAt("1300000000000000009")).toBe(8_000);
    });

    const second = await migrate(["--from", path, "--to", postgres.url]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("0 rows added");
    await withPostgres(postgres.url, async (db) => {
      expect(await db.get("SELECT count(*) AS rows FROM settings_audit")).toEqual({ rows: 3 });
      expect(await db.get("SELECT count(*) AS rows FROM quiz_scores")).toEqual({ rows: 2 });
    });
  });

  it("adds only what the file gained since the last run", async () => {
    await postgres.reset();
    const path = await installation();
    expect((await migrate(["--from", path, "--to", postgres.url])).code).toBe(0);
    const source = openDatabase(path);
    await new QuizScoreStore(source).record(server, alice, true, 9_000);
    await new GuildSettingsStore(source).update(server, bob, (s) => ({ ...s, cooldownSeconds: 5 }), 9_500);
    await source.close();

    const rerun = await migrate(["--from", path, "--to", postgres.url]);
    expect(rerun.code).toBe(0);
    // The audit entry is new; alice's score and the settings row were there and are brought up to date.
    expect(rerun.stdout).toContain("1 row added");
    await withPostgres(postgres.url, async (db) => {
      expect((await new GuildSettingsStore(db).get(server)).cooldownSeconds).toBe(5);
      const board = await new QuizScoreStore(db).leaderboard(server, alice);
      expect(board.you).toMatchObject({ correct: 2, answered: 3 });
    });
  });

  it("refuses a target holding votes of its own under another salt, and changes nothing", async () => {
    await postgres.reset();
    const path = await installation();
    await withPostgres(postgres.url, async (target) => {
      await (await FeedbackStore.open(target)).vote({ ...vote, answerMessageId: "1500000000000000002" });
    });

    const refused = await migrate(["--from", path, "--to", postgres.url]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(refused.stderr).toContain("already holds votes of its own");
    await withPostgres(postgres.url, async (db) => {
      expect(await db.get("SELECT count(*) AS rows FROM guild_settings")).toEqual({ rows: 0 });
      expect(await db.get("SELECT count(*) AS rows FROM answer_votes")).toEqual({ rows: 1 });
    });
  });

  it("explains a missing file, a missing target and an unreachable server in one line, without the password", async () => {
    const missing = await migrate(["--from", join(tmpdir(), "no-such-bot.sqlite"), "--to", postgres.url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("does not exist: nothing to copy");

    const path = await installation();
    const noTarget = await migrate(["--from", path]);
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toContain("give --to URL (or set DATABASE_URL)");

    const unreachable = await migrate(["--from", path, "--to", "postgres://bot:hunter2@127.0.0.1:1/bot"]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr.trim().split("\n")).toHaveLength(1);
    expect(unreachable.stderr).toMatch(
      /^database error: cannot use PostgreSQL at postgres:\/\/bot:\*\*\*@127\.0\.0\.1:1\/bot/,
    );
    expect(unreachable.stderr).not.toContain("hunter2");
  });
});
