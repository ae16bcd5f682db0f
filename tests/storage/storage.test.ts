import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { DatabaseError, MIGRATIONS, openDatabase, SCHEMA_VERSION } from "../../src/storage/database.ts";
import { defaultGuildSettings, GuildSettingsStore } from "../../src/storage/guild-settings.ts";
import { RateLimiter } from "../../src/storage/rate-limits.ts";
import { makeReadOnly, makeWritable } from "../support/files.ts";
import { projectRoot } from "../support/paths.ts";
import { startProcess } from "../support/processes.ts";

const freshPath = () => join(mkdtempSync(join(tmpdir(), "bot-data-")), "nested", "bot.sqlite");

describe("the settings database", () => {
  it("is created on first start, in WAL mode, at the latest schema version", () => {
    const db = openDatabase(freshPath());
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it("migrates an existing empty file (as `touch` leaves it) from nothing to the latest version", () => {
    const path = join(mkdtempSync(join(tmpdir(), "bot-data-")), "bot.sqlite");
    writeFileSync(path, "");
    const db = openDatabase(path);
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    const store = new GuildSettingsStore(db);
    store.update("9", "mod", (s) => ({ ...s, lookupsAllowed: false }));
    expect(store.history("9")).toHaveLength(1);
    db.close();
  });

  it("migrates a database of the previous schema version forward, keeping its settings", () => {
    const path = freshPath();
    openDatabase(path, SCHEMA_VERSION - 1).close();
    const old = new Database(path);
    old
      .prepare("INSERT INTO guild_settings VALUES (?, ?, ?)")
      .run("1", JSON.stringify({ cooldownSeconds: 42 }), 0);
    old.close();
    const db = openDatabase(path);
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(new GuildSettingsStore(db).get("1").cooldownSeconds).toBe(42);
    db.close();
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
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    new GuildSettingsStore(db).update("9", "mod", (s) => ({ ...s, lookupsAllowed: false }));
    db.close();
  }, 30_000);

  it("refuses a database written by a newer version and leaves it untouched", () => {
    const path = freshPath();
    openDatabase(path).close();
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

  it("refuses a read-only file with a clear message and loses nothing", () => {
    const path = freshPath();
    const store = new GuildSettingsStore(openDatabase(path));
    store.update("9", "mod", (s) => ({ ...s, cooldownSeconds: 99 }));
    makeReadOnly(path);
    try {
      expect(() => openDatabase(path)).toThrow(/not writable|read-only|readonly/iu);
    } finally {
      makeWritable(path);
    }
    expect(new GuildSettingsStore(openDatabase(path)).get("9").cooldownSeconds).toBe(99);
  });
});

describe("per-server settings", () => {
  const store = () => new GuildSettingsStore(openDatabase(freshPath()), ["111111111111111111"]);

  it("gives a server without settings the defaults, with QA_CHANNEL_IDS as free-text channels", () => {
    expect(store().get("9")).toEqual({ ...defaultGuildSettings, freeTextChannelIds: ["111111111111111111"] });
  });

  it("records every change in the audit history, newest first", () => {
    const settings = store();
    settings.update("9", "mod-1", (s) => ({ ...s, cooldownSeconds: 30 }), 1000);
    settings.update("9", "mod-2", (s) => ({ ...s, visibility: "private" }), 2000);
    expect(settings.get("9")).toMatchObject({ cooldownSeconds: 30, visibility: "private" });
    expect(settings.history("9")).toEqual([
      { userId: "mod-2", at: 2000, setting: "visibility", oldValue: "public", newValue: "private" },
      { userId: "mod-1", at: 1000, setting: "cooldownSeconds", oldValue: 10, newValue: 30 },
    ]);
  });

  it("rejects an out-of-range value with a clear message and changes nothing", () => {
    const settings = store();
    const result = settings.update("9", "mod", (s) => ({ ...s, cooldownSeconds: 4000 }));
    expect(result).toEqual({ ok: false, problem: expect.stringContaining("0 to 3600") });
    expect(settings.get("9").cooldownSeconds).toBe(10);
    expect(settings.history("9")).toEqual([]);
    expect(settings.update("9", "mod", (s) => ({ ...s, questionsPerMinute: 0 }))).toMatchObject({
      ok: false,
    });
  });

  it("resets to the defaults, recording the old settings", () => {
    const settings = store();
    settings.update("9", "mod", (s) => ({ ...s, answerMentions: false }));
    expect(settings.reset("9", "mod").answerMentions).toBe(true);
    expect(settings.history("9")[0]).toMatchObject({
      setting: "reset",
      oldValue: expect.objectContaining({ answerMentions: false }),
    });
  });

  it("takes other defaults when given some, and resets to them", () => {
    const settings = new GuildSettingsStore(openDatabase(freshPath()), [], { cooldownSeconds: 0 });
    expect(settings.get("9")).toEqual({ ...defaultGuildSettings, cooldownSeconds: 0 });
    settings.update("9", "mod", (s) => ({ ...s, cooldownSeconds: 60 }));
    expect(settings.reset("9", "mod").cooldownSeconds).toBe(0);
  });

  it("counts the servers that saved free-text channels", () => {
    const settings = new GuildSettingsStore(openDatabase(freshPath()));
    settings.update("1", "mod", (s) => ({ ...s, freeTextChannelIds: ["111111111111111111"] }));
    settings.update("2", "mod", (s) => ({ ...s, cooldownSeconds: 5 }));
    expect(settings.countWithFreeTextChannels()).toBe(1);
  });

  it("survives reopening the database", () => {
    const path = freshPath();
    new GuildSettingsStore(openDatabase(path)).update("9", "mod", (s) => ({ ...s, questionsPerMinute: 5 }));
    expect(new GuildSettingsStore(openDatabase(path)).get("9").questionsPerMinute).toBe(5);
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
