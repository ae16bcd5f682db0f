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

describe("the study tables", () => {
  it("are added to a database of the settings-only schema, which keeps its settings", () => {
    const path = freshPath();
    openDatabase(path, settingsOnlyVersion).close();
    const old = new Database(path);
    old
      .prepare("INSERT INTO guild_settings VALUES (?, ?, ?)")
      .run(guild, JSON.stringify({ cooldownSeconds: 42 }), 0);
    old.close();

    const db = openDatabase(path);
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(FEEDBACK_SCHEMA_VERSION).toBeLessThanOrEqual(SCHEMA_VERSION);
    expect(new GuildSettingsStore(db).get(guild).cooldownSeconds).toBe(42);
    new QuizScoreStore(db).record(guild, alice, true);
    expect(new FeedbackStore(db).vote({ ...press, vote: "up" })).toBe("recorded");
    db.close();
  });

  it("can be read without being created, migrated or changed, and refuse what cannot be read", () => {
    const path = freshPath();
    openDatabase(path, settingsOnlyVersion).close();
    const before = readFileSync(path);

    const opened = openDatabaseForReading(path);
    expect(opened.version).toBe(settingsOnlyVersion);
    expect(() => opened.db.prepare("CREATE TABLE x (y)").run()).toThrow(/readonly/u);
    opened.db.close();
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

describe("quiz scores", () => {
  it("rank by correct answers, then fewer tries, equal scores sharing a rank, each server apart", () => {
    const db = openDatabase(freshPath());
    const scores = new QuizScoreStore(db);
    const record = (userId: string, results: boolean[], server = guild) => {
      for (const [n, correct] of results.entries()) scores.record(server, userId, correct, n);
    };
    record("1", [true, true, false]);
    record("2", [true, true]);
    record("3", [true, false, true]);
    record("4", [false]);
    record(alice, [true, true, true, true], "another server");

    const board = scores.leaderboard(guild, "4", 2);

    expect(board.top).toEqual([
      { userId: "2", correct: 2, answered: 2, rank: 1 },
      { userId: "1", correct: 2, answered: 3, rank: 2 },
    ]);
    expect(board.you).toEqual({ userId: "4", correct: 0, answered: 1, rank: 4 });
    expect(board.players).toBe(4);
    expect(scores.leaderboard(guild, "3").top.map((score) => score.rank)).toEqual([1, 2, 2, 4]);
    expect(scores.leaderboard(guild, alice).you).toBeNull();
    db.close();
  });
});

const press = {
  voterId: alice,
  answerMessageId: "1600000000000000001",
  guildId: guild,
  question: "when was lal masjid built",
  passageIds: ["lal-masjid/history/2"],
};

describe("votes on answers", () => {
  it("record a vote, ignore the same vote again, take one change, then stay final", () => {
    const db = openDatabase(freshPath());
    const feedback = new FeedbackStore(db);

    const outcomes = (["up", "up", "down", "up", "down"] as const).map((vote) =>
      feedback.vote({ ...press, vote }),
    );

    expect(outcomes).toEqual(["recorded", "unchanged", "changed", "final", "final"]);
    expect(db.prepare("SELECT vote, changed FROM answer_votes").all()).toEqual([{ vote: -1, changed: 1 }]);
    db.close();
  });

  it("keep one vote per person per answer under a salted hash, never the user id", () => {
    const path = freshPath();
    const db = openDatabase(path);
    const feedback = new FeedbackStore(db);
    feedback.vote({ ...press, vote: "down" });
    feedback.vote({ ...press, vote: "down", answerMessageId: "1600000000000000002" });
    feedback.vote({ ...press, vote: "up", voterId: bob });

    const keys = db.prepare("SELECT voter_key FROM answer_votes").pluck().all() as string[];
    expect(new Set(keys).size).toBe(3);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{64}$/u);
    const otherDatabase = openDatabase(freshPath());
    expect(new FeedbackStore(otherDatabase).voterKey(alice, press.answerMessageId)).not.toBe(
      feedback.voterKey(alice, press.answerMessageId),
    );
    otherDatabase.close();
    db.close();
    const stored = storedBytes(path);
    expect(stored).toContain("when was lal masjid built");
    for (const userId of [alice, bob]) expect(stored).not.toContain(userId);
  });

  it("are reported most down-voted first, with both counts, the passages and the last vote time", () => {
    const db = openDatabase(freshPath());
    const feedback = new FeedbackStore(db);
    const vote = (voterId: string, question: string, choice: "up" | "down", at: number) =>
      feedback.vote({ ...press, voterId, question, answerMessageId: question, vote: choice }, at);
    vote("1", "who designed it", "down", 10);
    vote("2", "who designed it", "down", 30);
    vote("3", "who designed it", "up", 20);
    vote("1", "when was it built", "down", 40);
    vote("1", "what does lal masjid mean", "up", 50);

    const report = feedbackReport(db, 10);

    expect(report.totals).toEqual({ up: 2, down: 3, answers: 3 });
    expect(report.downVoted).toEqual([
      { question: "who designed it", passageIds: ["lal-masjid/history/2"], down: 2, up: 1, lastVoteAt: 30 },
      { question: "when was it built", passageIds: ["lal-masjid/history/2"], down: 1, up: 0, lastVoteAt: 40 },
    ]);
    expect(feedbackReport(db, 1).downVoted).toHaveLength(1);
    db.close();
  });
});
