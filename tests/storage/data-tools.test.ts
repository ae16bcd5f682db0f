import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { backupDatabase } from "../../src/storage/backup.ts";
import {
  DatabaseError,
  openDatabase,
  openDatabaseForChanges,
  openDatabaseForReading,
  SCHEMA_VERSION,
} from "../../src/storage/database.ts";
import { FeedbackStore } from "../../src/storage/feedback.ts";
import { FORGOTTEN_MEMBER_ID, GuildSettingsStore } from "../../src/storage/guild-settings.ts";
import { forgetMember } from "../../src/storage/member-data.ts";
import { QuizScoreStore } from "../../src/storage/quiz-scores.ts";
import { column, type SqlDatabase } from "../../src/storage/sql.ts";
import { makeReadOnly, makeWritable } from "../support/files.ts";
import { storageBackends, useTestStorage } from "../support/postgres.ts";

const freshPath = () => join(mkdtempSync(join(tmpdir(), "bot-data-")), "bot.sqlite");
const alice = "1200000000000000002";
const bob = "1200000000000000003";
const server = "1300000000000000001";
const otherServer = "1300000000000000009";

/** Alice and Bob play and change settings on two servers, and Alice votes once. */
async function populate(db: SqlDatabase): Promise<void> {
  const scores = new QuizScoreStore(db);
  await scores.record(server, alice, true);
  await scores.record(server, alice, false);
  await scores.record(otherServer, alice, true);
  await scores.record(server, bob, true);
  const settings = new GuildSettingsStore(db);
  await settings.update(server, alice, (s) => ({ ...s, cooldownSeconds: 30 }));
  await settings.update(server, alice, (s) => ({ ...s, visibility: "private" }));
  await settings.update(otherServer, alice, (s) => ({ ...s, cooldownSeconds: 5 }));
  await settings.update(server, bob, (s) => ({ ...s, cooldownSeconds: 60 }));
  await (await FeedbackStore.open(db)).vote({
    voterId: alice,
    answerMessageId: "1600000000000000001",
    guildId: server,
    question: "when was lal masjid built",
    passageIds: ["lal-masjid/history/2"],
    vote: "up",
  });
}

/** A SQLite file holding what {@link populate} writes. */
async function populatedDatabase(): Promise<string> {
  const path = freshPath();
  const db = openDatabase(path);
  await populate(db);
  await db.close();
  return path;
}

/** Who made each settings change on a server, oldest first. */
function authors(db: SqlDatabase, guildId: string): Promise<string[]> {
  return column<string>(db, "SELECT user_id FROM settings_audit WHERE guild_id = ? ORDER BY id", [guildId]);
}

describe.each(storageBackends)("forgetting a member on %s", (backend) => {
  const storage = useTestStorage(backend);
  /** The populated database, as a tool opens it: another connection than the one that wrote it. */
  const populated = async () => {
    await populate(await storage.fresh());
    return storage.reopen();
  };

  it("on one server deletes their score there and takes their id out of its history, nothing else", async () => {
    const db = await populated();

    const forgotten = await forgetMember(db, alice, server);

    expect(forgotten).toEqual({
      quizScores: [{ guildId: server, correct: 1, answered: 2 }],
      settingsChanges: [{ guildId: server, changes: 2 }],
    });
    expect(await db.all("SELECT guild_id, user_id FROM quiz_scores ORDER BY guild_id, user_id")).toEqual([
      { guild_id: server, user_id: bob },
      { guild_id: otherServer, user_id: alice },
    ]);
    expect(await authors(db, server)).toEqual([FORGOTTEN_MEMBER_ID, FORGOTTEN_MEMBER_ID, bob]);
    expect(await authors(db, otherServer)).toEqual([alice]);
    // The changes themselves stay: only who made them is gone.
    expect((await new GuildSettingsStore(db).history(server)).map((entry) => entry.setting)).toEqual([
      "cooldownSeconds",
      "visibility",
      "cooldownSeconds",
    ]);
  });

  it("everywhere when no server is given, leaving votes (which hold no user id) alone", async () => {
    const db = await populated();
    const votesBefore = await db.all("SELECT * FROM answer_votes");

    const forgotten = await forgetMember(db, alice, null);

    expect(forgotten.quizScores.map((score) => score.guildId)).toEqual([server, otherServer]);
    expect(forgotten.settingsChanges).toEqual([
      { guildId: server, changes: 2 },
      { guildId: otherServer, changes: 1 },
    ]);
    expect(await column(db, "SELECT count(*) FROM quiz_scores WHERE user_id = ?", [alice])).toEqual([0]);
    expect(await column(db, "SELECT count(*) FROM settings_audit WHERE user_id = ?", [alice])).toEqual([0]);
    expect(await db.all("SELECT * FROM answer_votes")).toEqual(votesBefore);
    expect(await forgetMember(db, alice, null)).toEqual({ quizScores: [], settingsChanges: [] });
  });

  it("finds only the history in a database from before quiz scores, without migrating it", async () => {
    const db = await storage.fresh(2);
    await new GuildSettingsStore(db).update(server, alice, (s) => ({ ...s, cooldownSeconds: 30 }));

    expect(await forgetMember(db, alice, null)).toEqual({
      quizScores: [],
      settingsChanges: [{ guildId: server, changes: 1 }],
    });
    expect(await db.schemaVersion()).toBe(2);
    expect(await db.hasTable("quiz_scores")).toBe(false);
    expect(await authors(db, server)).toEqual([FORGOTTEN_MEMBER_ID]);
  });
});

describe("forgetting a member in a SQLite file", () => {
  it("opens a database from before quiz scores for changes without migrating it", async () => {
    const path = freshPath();
    const old = openDatabase(path, 2);
    await new GuildSettingsStore(old).update(server, alice, (s) => ({ ...s, cooldownSeconds: 30 }));
    await old.close();
    const { db, version } = openDatabaseForChanges(path);

    expect(await forgetMember(db, alice, null)).toEqual({
      quizScores: [],
      settingsChanges: [{ guildId: server, changes: 1 }],
    });
    expect(version).toBe(2);
    expect(db.connection.pragma("user_version", { simple: true })).toBe(2);
    await db.close();
  });

  it("refuses a database that is missing, read-only or from a newer bot before changing anything", async () => {
    const path = await populatedDatabase();
    expect(() => openDatabaseForChanges(join(path, "..", "missing.sqlite"))).toThrow(/does not exist/u);
    expect(readdirSync(join(path, ".."))).not.toContain("missing.sqlite");
    makeReadOnly(path);
    try {
      expect(() => openDatabaseForChanges(path)).toThrow(/not writable/u);
    } finally {
      makeWritable(path);
    }
    const newer = new Database(path);
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    expect(() => openDatabaseForChanges(path)).toThrow(DatabaseError);
  });
});

describe("backing up the database", () => {
  it("writes one self-contained, sound file with every row, and says what it holds", async () => {
    const source = await populatedDatabase();
    const target = join(mkdtempSync(join(tmpdir(), "backup-")), "copy.sqlite");

    const report = await backupDatabase(source, target);

    expect(report.version).toBe(SCHEMA_VERSION);
    expect(report.rows).toEqual({
      answer_votes: 1,
      feedback_salt: 1,
      guild_settings: 2,
      library_articles: 0,
      library_departures: 0,
      quiz_scores: 3,
      settings_audit: 4,
    });
    expect(readdirSync(join(target, ".."))).toEqual(["copy.sqlite"]);
    const copy = openDatabaseForReading(target).db;
    expect(copy.connection.pragma("journal_mode", { simple: true })).toBe("delete");
    expect((await new QuizScoreStore(copy).leaderboard(server, alice)).you).toMatchObject({
      correct: 1,
      answered: 2,
    });
    await copy.close();
    // The salt travels with the votes, so a restored database still recognises a voter.
    const salt = (path: string) => {
      const db = new Database(path, { readonly: true });
      const value = db.prepare("SELECT salt FROM feedback_salt").pluck().get();
      db.close();
      return value;
    };
    expect(salt(target)).toBe(salt(source));
  });

  it("refuses a missing database and leaves no file behind", async () => {
    const target = join(mkdtempSync(join(tmpdir(), "backup-")), "copy.sqlite");
    await expect(backupDatabase(join(tmpdir(), "no-such", "bot.sqlite"), target)).rejects.toThrow(
      /does not exist/u,
    );
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(join(target, ".."))).toEqual([]);
  });
});
