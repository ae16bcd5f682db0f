import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { DatabaseError, MIGRATIONS, openDatabase, SCHEMA_VERSION } from "../../src/storage/database.ts";
import { defaultGuildSettings, GuildSettingsStore } from "../../src/storage/guild-settings.ts";
import { RateLimiter } from "../../src/storage/rate-limits.ts";
import { makeReadOnly, makeWritable } from "../support/files.ts";
import { projectRoot } from "../support/paths.ts";
import { storageBackends, useTestStorage } from "../support/postgres.ts";
import { startProcess } from "../support/processes.ts";

const freshPath = () => join(mkdtempSync(join(tmpdir(), "bot-data-")), "nested", "bot.sqlite");

describe("the settings database file", () => {
  it("is created on first start, in WAL mode, at the latest schema version", async () => {
    const db = openDatabase(freshPath());
    expect(db.connection.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.connection.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    await db.close();
  });

  it("answers a repeated statement right after the table it reads changes", async () => {
    const db = openDatabase(freshPath());
    await db.run("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
    await db.run("INSERT INTO notes (text) VALUES (?)", ["first"]);
    const everything = "SELECT * FROM notes ORDER BY id";
    expect(await db.all(everything)).toEqual([{ id: 1, text: "first" }]);
    // The statement prepared above is kept; SQLite prepares it again when the schema changes under it.
    await db.run("ALTER TABLE notes ADD COLUMN author TEXT");
    await db.run("INSERT INTO notes (text, author) VALUES (?, ?)", ["second", "mod"]);
    expect(await db.all(everything)).toEqual([
      { id: 1, text: "first", author: null },
      { id: 2, text: "second", author: "mod" },
    ]);
    await db.close();
  });

  it("migrates an existing empty file (as `touch` leaves it) from nothing to the latest version", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "bot-data-")), "bot.sqlite");
    writeFileSync(path, "");
    const db = openDatabase(path);
    expect(db.connection.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    const store = new GuildSettingsStore(db);
    await store.update("9", "mod", (s) => ({ ...s, lookupsAllowed: false }));
    expect(await store.history("9")).toHaveLength(1);
    await db.close();
  });

  it("migrates once when another process is migrating the same new file: it waits and finds the work done", async () => {
    const path = freshPath();
    mkdirSync(dirname(path), { recursive: true });
    const holder = startProcess(
      process.execPath,
      ["--import", "tsx", "tests/support/migration-holder.ts", path],
      {
        cwd: projectRoot,
        env: { PATH: process.env.PATH },
      },
    );
    await new Promise<void>((resolve) => {
      holder.child.stdout?.on("data", () => {
        if (holder.stdout().includes("holding")) resolve();
      });
    });

    const db = openDatabase(path);

    expect(await holder.exited).toBe(0);
    expect(db.connection.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    const update = await new GuildSettingsStore(db).update("9", "mod", (s) => ({
      ...s,
      lookupsAllowed: false,
    }));
    expect(update.ok).toBe(true);
    await db.close();
  }, 30_000);

  it("opens for each of several connections that open the same new file at the same moment, as bot processes do", async () => {
    // Three threads stand in for processes, opening 150 new files together; before the switch to WAL was
    // retried, about one round in six failed with "database is locked".
    const paths = Array.from({ length: 150 }, () =>
      join(mkdtempSync(join(tmpdir(), "bot-data-")), "bot.sqlite"),
    );
    const workers = 3;
    const arrivals = new Int32Array(new SharedArrayBuffer(4));
    const failures = await Promise.all(
      Array.from(
        { length: workers },
        () =>
          new Promise<string[]>((resolve, reject) => {
            const worker = new Worker(join(projectRoot, "tests/support/ts-worker.mjs"), {
              workerData: {
                entry: pathToFileURL(join(projectRoot, "tests/support/open-together.ts")).href,
                paths,
                arrivals,
                workers,
              },
            });
            worker.on("message", resolve);
            worker.on("error", reject);
          }),
      ),
    );
    expect(failures.flat()).toEqual([]);
    for (const path of paths.slice(0, 5)) {
      const db = new Database(path, { readonly: true });
      expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
      db.close();
    }
  }, 60_000);

  it("refuses a database written by a newer version and leaves it untouched", async () => {
    const path = freshPath();
    await openDatabase(path).close();
    const newer = new Database(path);
    newer.pragma(`user_version = ${SCHEMA_VERSION + 3}`);
    newer.close();
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrow(DatabaseError);
    expect(() => openDatabase(path)).toThrow(/newer version of the bot/u);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it("refuses a corrupt file with a clear message and changes nothing", () => {
    const path = join(mkdtempSync(join(tmpdir(), "bot-data-")), "bot.sqlite");
    writeFileSync(path, "this is not a database, just some text that is long enough to have a header");
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrow(/not a readable SQLite database/u);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it("refuses a read-only file with a clear message and loses nothing", async () => {
    const path = freshPath();
    const written = openDatabase(path);
    await new GuildSettingsStore(written).update("9", "mod", (s) => ({ ...s, cooldownSeconds: 99 }));
    await written.close();
    makeReadOnly(path);
    try {
      expect(() => openDatabase(path)).toThrow(/not writable|read-only|readonly/iu);
    } finally {
      makeWritable(path);
    }
    const reopened = openDatabase(path);
    expect((await new GuildSettingsStore(reopened).get("9")).cooldownSeconds).toBe(99);
    await reopened.close();
  });
});

describe.each(storageBackends)("the settings database on %s", (backend) => {
  const storage = useTestStorage(backend);

  it("is created at the latest schema version", async () => {
    const db = await storage.fresh();
    expect(await db.schemaVersion()).toBe(SCHEMA_VERSION);
    expect(await db.hasTable("guild_settings")).toBe(true);
  });

  it("migrates a database of the previous schema version forward, keeping its data", async () => {
    const old = await storage.fresh(SCHEMA_VERSION - 1);
    expect(await old.schemaVersion()).toBe(SCHEMA_VERSION - 1);
    await old.run("INSERT INTO guild_settings (guild_id, settings, updated_at) VALUES (?, ?, ?)", [
      "1",
      JSON.stringify({ cooldownSeconds: 42 }),
      0,
    ]);
    await old.close();

    const db = await storage.reopen();

    expect(await db.schemaVersion()).toBe(MIGRATIONS.length);
    expect((await new GuildSettingsStore(db).get("1")).cooldownSeconds).toBe(42);
  });
});

describe.each(storageBackends)("per-server settings on %s", (backend) => {
  const storage = useTestStorage(backend);
  const store = async () => new GuildSettingsStore(await storage.fresh(), ["111111111111111111"]);

  it("gives a server without settings the defaults, with QA_CHANNEL_IDS as free-text channels", async () => {
    expect(await (await store()).get("9")).toEqual({
      ...defaultGuildSettings,
      freeTextChannelIds: ["111111111111111111"],
    });
  });

  it("records every change in the audit history, newest first", async () => {
    const settings = await store();
    await settings.update("9", "mod-1", (s) => ({ ...s, cooldownSeconds: 30 }), 1000);
    await settings.update("9", "mod-2", (s) => ({ ...s, visibility: "private" }), 2000);
    expect(await settings.get("9")).toMatchObject({ cooldownSeconds: 30, visibility: "private" });
    expect(await settings.history("9")).toEqual([
      { userId: "mod-2", at: 2000, setting: "visibility", oldValue: "public", newValue: "private" },
      { userId: "mod-1", at: 1000, setting: "cooldownSeconds", oldValue: 10, newValue: 30 },
    ]);
  });

  it("rejects an out-of-range value with a clear message and changes nothing", async () => {
    const settings = await store();
    const result = await settings.update("9", "mod", (s) => ({ ...s, cooldownSeconds: 4000 }));
    expect(result).toEqual({ ok: false, problem: expect.stringContaining("0 to 3600") });
    expect((await settings.get("9")).cooldownSeconds).toBe(10);
    expect(await settings.history("9")).toEqual([]);
    expect(await settings.update("9", "mod", (s) => ({ ...s, questionsPerMinute: 0 }))).toMatchObject({
      ok: false,
    });
  });

  it("resets to the defaults, recording the old settings", async () => {
    const settings = await store();
    await settings.update("9", "mod", (s) => ({ ...s, answerMentions: false }));
    expect((await settings.reset("9", "mod")).answerMentions).toBe(true);
    expect((await settings.history("9"))[0]).toMatchObject({
      setting: "reset",
      oldValue: expect.objectContaining({ answerMentions: false }),
    });
  });

  it("takes other defaults when given some, and resets to them", async () => {
    const settings = new GuildSettingsStore(await storage.fresh(), [], { cooldownSeconds: 0 });
    expect(await settings.get("9")).toEqual({ ...defaultGuildSettings, cooldownSeconds: 0 });
    await settings.update("9", "mod", (s) => ({ ...s, cooldownSeconds: 60 }));
    expect((await settings.reset("9", "mod")).cooldownSeconds).toBe(0);
  });

  it("counts the servers that saved free-text channels", async () => {
    const settings = new GuildSettingsStore(await storage.fresh());
    await settings.update("1", "mod", (s) => ({ ...s, freeTextChannelIds: ["111111111111111111"] }));
    await settings.update("2", "mod", (s) => ({ ...s, cooldownSeconds: 5 }));
    expect(await settings.countWithFreeTextChannels()).toBe(1);
  });

  it("survives reopening the database", async () => {
    const first = await storage.fresh();
    await new GuildSettingsStore(first).update("9", "mod", (s) => ({ ...s, questionsPerMinute: 5 }));
    await first.close();
    expect((await new GuildSettingsStore(await storage.reopen()).get("9")).questionsPerMinute).toBe(5);
  });
});

describe("cooldowns and rate caps", () => {
  it("lets a member ask once per cooldown and tells them only once", () => {
    const limiter = new RateLimiter();
    const settings = { cooldownSeconds: 10, questionsPerMinute: 600 };
    const decisions = Array.from({ length: 50 }, (_, n) => limiter.take("g", "alice", settings, 1000 + n));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(1);
    expect(decisions.filter((d) => !d.allowed && d.notify)).toHaveLength(1);
    expect(limiter.take("g", "alice", settings, 1000 + 10_001)).toEqual({ allowed: true });
    expect(limiter.take("g", "bob", settings, 1001)).toEqual({ allowed: true });
  });

  it("caps the whole server per minute across many members", () => {
    const limiter = new RateLimiter();
    const settings = { cooldownSeconds: 0, questionsPerMinute: 20 };
    const decisions = Array.from({ length: 50 }, (_, n) => limiter.take("g", `user-${n}`, settings, 5000));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(20);
    expect(decisions.at(-1)).toMatchObject({ allowed: false, reason: "server-rate" });
    expect(limiter.take("g", "late", settings, 5000 + 3_000)).toEqual({ allowed: true });
  });
});
