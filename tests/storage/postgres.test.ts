/** What only the PostgreSQL backend has to get right: the store tests run on it too, beside SQLite. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DatabaseError, openStorageForTool, SCHEMA_VERSION } from "../../src/storage/database.ts";
import { FeedbackStore, feedbackReport } from "../../src/storage/feedback.ts";
import { GuildSettingsStore } from "../../src/storage/guild-settings.ts";
import { LibraryStore, type NewLibraryArticle } from "../../src/storage/library.ts";
import { openPostgres, type PostgresDatabase } from "../../src/storage/postgres.ts";
import { QuizScoreStore } from "../../src/storage/quiz-scores.ts";
import { column, type SqlDatabase } from "../../src/storage/sql.ts";
import { startTestPostgres, type TestPostgres } from "../support/postgres.ts";

let server: TestPostgres;
const opened: SqlDatabase[] = [];
/** Opens (and migrates) the test server's database, closed after the test. */
const open = async (version?: number): Promise<PostgresDatabase> => {
  const db = await openPostgres(server.url, version);
  opened.push(db);
  return db;
};

beforeAll(async () => {
  server = await startTestPostgres();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(async () => {
  await server.reset();
});
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
});

/** The error `opening` is refused with; fails the test when it opens instead. */
async function refusal(opening: Promise<SqlDatabase>): Promise<Error> {
  const db = await opening.catch((error: unknown) => error as Error);
  if (!(db instanceof Error)) {
    await db.close();
    throw new Error("the database was opened");
  }
  return db;
}

/** Every table of the bot's schema with its rows, to tell whether anything changed. */
async function snapshot(db: SqlDatabase): Promise<Record<string, unknown[]>> {
  const tables = await column<string>(
    db,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  const rows: Record<string, unknown[]> = {};
  for (const table of tables) rows[table] = await db.all(`SELECT * FROM "${table}" ORDER BY 1`);
  return rows;
}

describe("the bot's PostgreSQL database", () => {
  it("refuses a database written by a newer version and leaves it unchanged", async () => {
    const db = await open();
    await new GuildSettingsStore(db).update("1", "mod", (s) => ({ ...s, cooldownSeconds: 30 }));
    await db.run("UPDATE schema_version SET version = ?", [SCHEMA_VERSION + 3]);
    const before = await snapshot(db);

    const refused = openPostgres(server.url);
    await expect(refused).rejects.toThrow(DatabaseError);
    await expect(refused).rejects.toThrow(
      `newer version of the bot (schema ${SCHEMA_VERSION + 3}; this version knows up to ${SCHEMA_VERSION})`,
    );
    const tool = openStorageForTool({ databaseUrl: server.url, dataDir: "" }, true);
    await expect(tool).rejects.toThrow(DatabaseError);
    await expect(tool).rejects.toThrow(/newer version of the bot/u);

    expect(await snapshot(db)).toEqual(before);
    expect(await db.schemaVersion()).toBe(SCHEMA_VERSION + 3);
  });

  it("is migrated once when two bots start together on an empty database", async () => {
    const [first, second] = await Promise.all([openPostgres(server.url), openPostgres(server.url)]);
    opened.push(first, second);

    expect(await first.schemaVersion()).toBe(SCHEMA_VERSION);
    expect(await second.schemaVersion()).toBe(SCHEMA_VERSION);
    // Migration 4 inserts the salt: run twice, it would have failed or added a second row.
    expect(await column(first, "SELECT count(*) FROM feedback_salt")).toEqual([1]);
    expect(await column(first, "SELECT count(*) FROM schema_version")).toEqual([1]);
    // Both connections use the one salt, so a voter is recognised whichever process sees the press.
    expect((await FeedbackStore.open(first)).voterKey("a", "m")).toBe(
      (await FeedbackStore.open(second)).voterKey("a", "m"),
    );
  });

  it("refuses a server that cannot be reached in one line naming PostgreSQL, never showing the password", async () => {
    const error = await refusal(openPostgres("postgres://postgres@127.0.0.1:1/postgres"));
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error.message).toMatch(/PostgreSQL/u);
    expect(error.message).not.toContain("\n");

    const withPassword = await refusal(openPostgres("postgres://bot:secret@127.0.0.1:1/x"));
    expect(withPassword).toBeInstanceOf(DatabaseError);
    expect(withPassword.message).toMatch(/PostgreSQL/u);
    expect(withPassword.message).not.toContain("\n");
    expect(withPassword.message).not.toContain("secret");
  });

  it("refuses a URL that is not PostgreSQL's, never showing the password", async () => {
    const error = await refusal(openPostgres("mysql://bot:secret@127.0.0.1/x"));
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error.message).toMatch(/postgres:\/\//u);
    expect(error.message).not.toContain("secret");
  });

  it("gives timestamps past 2^31 and counts back as JavaScript numbers", async () => {
    const db = await open();
    const now = Date.now();
    expect(now).toBeGreaterThan(2 ** 31);

    const settings = new GuildSettingsStore(db);
    await settings.update("1", "mod", (s) => ({ ...s, freeTextChannelIds: ["2"] }), now);
    expect((await settings.history("1"))[0]?.at).toBe(now);
    expect(await settings.countWithFreeTextChannels()).toBe(1);

    const scores = new QuizScoreStore(db);
    await scores.record("1", "a", true, now);
    await scores.record("1", "a", false, now + 1);
    expect(await scores.leaderboard("1", "a")).toEqual({
      top: [{ userId: "a", correct: 1, answered: 2, rank: 1 }],
      you: { userId: "a", correct: 1, answered: 2, rank: 1 },
      players: 1,
    });

    const feedback = await FeedbackStore.open(db);
    const press = { voterId: "a", answerMessageId: "m", guildId: "1", question: "q", passageIds: [] };
    await feedback.vote({ ...press, vote: "down" }, now);
    expect(await feedbackReport(db, 5)).toEqual({
      totals: { up: 0, down: 1, answers: 1 },
      downVoted: [{ question: "q", passageIds: [], down: 1, up: 0, lastVoteAt: now }],
    });

    const library = new LibraryStore(db);
    await library.add(article("Atoms"), { now });
    expect((await library.list("1"))[0]).toMatchObject({ addedAt: now, bytes: 5 });
    expect(await library.usage("1")).toEqual({ articles: 1, bytes: 5 });
    await library.markDeparted("1", now);
    expect(await library.departedAt("1")).toBe(now);

    const counted = await db.get<Record<string, unknown>>(
      "SELECT count(*) AS n, sum(updated_at) AS total, max(updated_at) AS latest FROM quiz_scores",
    );
    expect(counted).toEqual({ n: 1, total: now + 1, latest: now + 1 });
  });

  it("holds an advisory lock through each transaction, released when it ends", async () => {
    const db = await open();
    const advisoryLocks = "SELECT granted FROM pg_locks WHERE locktype = 'advisory'";

    const held = await db.transaction((tx) => tx.all(advisoryLocks));

    // The test server runs one transaction at a time anyway: what makes separate servers' transactions
    // take turns on a real PostgreSQL is this lock.
    expect(held).toEqual([{ granted: true }]);
    expect(await db.all(advisoryLocks)).toEqual([]);
  });

  it("lets one of two adds at once from two connections pass a server's article limit", async () => {
    const limits = { maxArticles: 3, maxTotalBytes: 10_000 };
    const [first, second] = await Promise.all([openPostgres(server.url), openPostgres(server.url)]);
    opened.push(first, second);
    await new LibraryStore(first, limits).add(article("One"));
    await new LibraryStore(first, limits).add(article("Two"));

    const results = await Promise.all([
      new LibraryStore(first, limits).add(article("Three")),
      new LibraryStore(second, limits).add(article("Four")),
    ]);

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(
      results.filter((result) => !result.ok && "limit" in result && result.limit === "articles"),
    ).toHaveLength(1);
    expect(await new LibraryStore(second, limits).usage("1")).toEqual({ articles: 3, bytes: 15 });
  });
});

function article(title: string): NewLibraryArticle {
  return {
    guildId: "1",
    title,
    fileName: `${title}.md`,
    source: "md",
    url: null,
    text: "x".repeat(5),
    addedBy: "mod",
  };
}
