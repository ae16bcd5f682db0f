import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import {
  DatabaseError,
  openDatabase,
  openDatabaseForReading,
  SCHEMA_VERSION,
} from "../../src/storage/database.ts";
import { FEEDBACK_SCHEMA_VERSION, FeedbackStore, feedbackReport } from "../../src/storage/feedback.ts";
import { GuildSettingsStore } from "../../src/storage/guild-settings.ts";
import { QuizScoreStore } from "../../src/storage/quiz-scores.ts";
import { column } from "../../src/storage/sql.ts";
import { storageBackends, useTestStorage } from "../support/postgres.ts";

const freshPath = () => join(mkdtempSync(join(tmpdir(), "bot-data-")), "bot.sqlite");
/** The schema the bot was released with before quiz scores and votes. */
const settingsOnlyVersion = 2;
const alice = "1200000000000000002";
const bob = "1200000000000000003";
const guild = "1300000000000000001";

/** Everything SQLite wrote for a database: the file and its write-ahead log. */
function storedBytes(path: string): string {
  const files = readdirSync(join(path, "..")).filter((name) => name.startsWith("bot.sqlite"));
  return Buffer.concat(files.map((name) => readFileSync(join(path, "..", name)))).toString("latin1");
}

const press = {
  voterId: alice,
  answerMessageId: "1600000000000000001",
  guildId: guild,
  question: "when was lal masjid built",
  passageIds: ["lal-masjid/history/2"],
};

describe.each(storageBackends)("the study tables on %s", (backend) => {
  const storage = useTestStorage(backend);

  it("are added to a database of the settings-only schema, which keeps its settings", async () => {
    const old = await storage.fresh(settingsOnlyVersion);
    await old.run("INSERT INTO guild_settings (guild_id, settings, updated_at) VALUES (?, ?, ?)", [
      guild,
      JSON.stringify({ cooldownSeconds: 42 }),
      0,
    ]);
    expect(await old.hasTable("quiz_scores")).toBe(false);
    await old.close();

    const db = await storage.reopen();
    expect(await db.schemaVersion()).toBe(SCHEMA_VERSION);
    expect(FEEDBACK_SCHEMA_VERSION).toBeLessThanOrEqual(SCHEMA_VERSION);
    expect((await new GuildSettingsStore(db).get(guild)).cooldownSeconds).toBe(42);
    await new QuizScoreStore(db).record(guild, alice, true);
    expect((await new QuizScoreStore(db).leaderboard(guild, alice)).you).toMatchObject({ correct: 1 });
    expect(await (await FeedbackStore.open(db)).vote({ ...press, vote: "up" })).toBe("recorded");
  });
});

describe("the study tables in a SQLite file", () => {
  it("can be read without being created, migrated or changed, and refuse what cannot be read", async () => {
    const path = freshPath();
    await openDatabase(path, settingsOnlyVersion).close();
    const before = readFileSync(path);

    const opened = openDatabaseForReading(path);
    expect(opened.version).toBe(settingsOnlyVersion);
    await expect(opened.db.run("CREATE TABLE x (y)")).rejects.toThrow(/readonly/u);
    await opened.db.close();
    expect(readFileSync(path).equals(before)).toBe(true);

    expect(() => openDatabaseForReading(join(path, "..", "missing.sqlite"))).toThrow(/does not exist/u);
    expect(readdirSync(join(path, ".."))).not.toContain("missing.sqlite");
    const newer = new Database(path);
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    expect(() => openDatabaseForReading(path)).toThrow(/newer version of the bot/u);
    writeFileSync(path, "not a database, only text long enough to fill what would be the header");
    expect(() => openDatabaseForReading(path)).toThrow(DatabaseError);
  });
});

describe.each(storageBackends)("quiz scores on %s", (backend) => {
  const storage = useTestStorage(backend);

  it("rank by correct answers, then fewer tries, equal scores sharing a rank, each server apart", async () => {
    const scores = new QuizScoreStore(await storage.fresh());
    const record = async (userId: string, results: boolean[], server = guild) => {
      for (const [n, correct] of results.entries()) await scores.record(server, userId, correct, n);
    };
    await record("1", [true, true, false]);
    await record("2", [true, true]);
    await record("3", [true, false, true]);
    await record("4", [false]);
    await record(alice, [true, true, true, true], "another server");

    const board = await scores.leaderboard(guild, "4", 2);

    expect(board.top).toEqual([
      { userId: "2", correct: 2, answered: 2, rank: 1 },
      { userId: "1", correct: 2, answered: 3, rank: 2 },
    ]);
    expect(board.you).toEqual({ userId: "4", correct: 0, answered: 1, rank: 4 });
    expect(board.players).toBe(4);
    expect((await scores.leaderboard(guild, "3")).top.map((score) => score.rank)).toEqual([1, 2, 2, 4]);
    expect((await scores.leaderboard(guild, alice)).you).toBeNull();
  });

  it("add up answers recorded at the same moment", async () => {
    const scores = new QuizScoreStore(await storage.fresh());
    await Promise.all(Array.from({ length: 10 }, (_, n) => scores.record(guild, alice, n % 2 === 0, n)));
    expect((await scores.leaderboard(guild, alice)).you).toEqual({
      userId: alice,
      correct: 5,
      answered: 10,
      rank: 1,
    });
  });
});

describe.each(storageBackends)("votes on answers on %s", (backend) => {
  const storage = useTestStorage(backend);

  it("record a vote, ignore the same vote again, take one change, then stay final", async () => {
    const db = await storage.fresh();
    const feedback = await FeedbackStore.open(db);

    const outcomes = [];
    for (const vote of ["up", "up", "down", "up", "down"] as const)
      outcomes.push(await feedback.vote({ ...press, vote }));

    expect(outcomes).toEqual(["recorded", "unchanged", "changed", "final", "final"]);
    expect(await db.all("SELECT vote, changed FROM answer_votes")).toEqual([{ vote: -1, changed: 1 }]);
  });

  it("keep one vote per person per answer under a salted hash, never the user id", async () => {
    const db = await storage.fresh();
    const feedback = await FeedbackStore.open(db);
    await feedback.vote({ ...press, vote: "down" });
    await feedback.vote({ ...press, vote: "down", answerMessageId: "1600000000000000002" });
    await feedback.vote({ ...press, vote: "up", voterId: bob });

    const keys = await column<string>(db, "SELECT voter_key FROM answer_votes");
    expect(new Set(keys).size).toBe(3);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{64}$/u);
    const stored = JSON.stringify(await db.all("SELECT * FROM answer_votes"));
    expect(stored).toContain("when was lal masjid built");
    for (const userId of [alice, bob]) expect(stored).not.toContain(userId);
    // Another database has its own salt: the same voter on the same answer gets another key there.
    const otherDatabase = await storage.fresh();
    expect((await FeedbackStore.open(otherDatabase)).voterKey(alice, press.answerMessageId)).not.toBe(
      feedback.voterKey(alice, press.answerMessageId),
    );
  });

  it("are reported most down-voted first, with both counts, the passages and the last vote time", async () => {
    const db = await storage.fresh();
    const feedback = await FeedbackStore.open(db);
    const vote = (voterId: string, question: string, choice: "up" | "down", at: number) =>
      feedback.vote({ ...press, voterId, question, answerMessageId: question, vote: choice }, at);
    await vote("1", "who designed it", "down", 10);
    await vote("2", "who designed it", "down", 30);
    await vote("3", "who designed it", "up", 20);
    await vote("1", "when was it built", "down", 40);
    await vote("1", "what does lal masjid mean", "up", 50);

    const report = await feedbackReport(db, 10);

    expect(report.totals).toEqual({ up: 2, down: 3, answers: 3 });
    expect(report.downVoted).toEqual([
      { question: "who designed it", passageIds: ["lal-masjid/history/2"], down: 2, up: 1, lastVoteAt: 30 },
      { question: "when was it built", passageIds: ["lal-masjid/history/2"], down: 1, up: 0, lastVoteAt: 40 },
    ]);
    expect((await feedbackReport(db, 1)).downVoted).toHaveLength(1);
  });

  it("are reported as none on a database without votes", async () => {
    expect(await feedbackReport(await storage.fresh(), 10)).toEqual({
      totals: { up: 0, down: 0, answers: 0 },
      downVoted: [],
    });
  });
});

describe("votes in a SQLite file", () => {
  it("leave no voter's id anywhere in the file or its write-ahead log", async () => {
    const path = freshPath();
    const db = openDatabase(path);
    const feedback = await FeedbackStore.open(db);
    await feedback.vote({ ...press, vote: "down" });
    await feedback.vote({ ...press, vote: "down", answerMessageId: "1600000000000000002" });
    await feedback.vote({ ...press, vote: "up", voterId: bob });
    await db.close();

    const stored = storedBytes(path);
    expect(stored).toContain("when was lal masjid built");
    for (const userId of [alice, bob]) expect(stored).not.toContain(userId);
  });
});
