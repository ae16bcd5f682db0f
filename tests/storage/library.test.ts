import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { formatHistory } from "../../src/discord/format/settings.ts";
import { openDatabase, SCHEMA_VERSION } from "../../src/storage/database.ts";
import { GuildSettingsStore } from "../../src/storage/guild-settings.ts";
import {
  LIBRARY_RETENTION_MS,
  LibraryStore,
  libraryArticleId,
  type NewLibraryArticle,
} from "../../src/storage/library.ts";
import { forgetMember } from "../../src/storage/member-data.ts";

const freshPath = () => join(mkdtempSync(join(tmpdir(), "bot-data-")), "bot.sqlite");

const article = (guildId: string, title: string, text = `${title} is studied here. It matters.`) =>
  ({
    guildId,
    title,
    fileName: `${libraryArticleId(title)}.md`,
    source: "md",
    url: null,
    text,
    addedBy: "1300000000000000001",
  }) satisfies NewLibraryArticle;

describe("a server's library in the database", () => {
  it("stores an article under the slug of its title, with its size, and lists it by title", () => {
    const store = new LibraryStore(openDatabase(freshPath()));
    const added = store.add(article("1", "Cell Biology: An Overview"));
    store.add(article("1", "Atoms"));

    expect(added.ok && added.article.id).toBe("cell-biology-an-overview");
    // Ids are slugs as the corpus's file names get: letters of any script are kept, marks dropped.
    expect(libraryArticleId("Клеточная биология")).toBe("клеточная-биология");
    expect(libraryArticleId("Ṣalāt")).toBe("salat");
    expect(store.list("1").map((a) => a.title)).toEqual(["Atoms", "Cell Biology: An Overview"]);
    expect(store.usage("1")).toEqual({
      articles: 2,
      bytes: store.list("1").reduce((n, a) => n + a.bytes, 0),
    });
    expect(store.texts("1")[0]?.text).toBe("Atoms is studied here. It matters.");
    expect(store.list("2")).toEqual([]);
  });

  it("refuses a title the server already has, whatever its case, and replaces it only when asked", () => {
    const store = new LibraryStore(openDatabase(freshPath()));
    store.add(article("1", "Atoms", "Old text about atoms."));

    const clash = store.add(article("1", "ATOMS", "New text about atoms."));
    expect(clash.ok === false && "clash" in clash && clash.clash.title).toBe("Atoms");
    expect(store.texts("1").map((a) => a.text)).toEqual(["Old text about atoms."]);

    const replaced = store.add(article("1", "ATOMS", "New text about atoms."), { replace: true });
    expect(replaced.ok && replaced.replaced?.title).toBe("Atoms");
    expect(store.texts("1").map((a) => [a.title, a.text])).toEqual([["ATOMS", "New text about atoms."]]);
  });

  it("refuses an add past the article or text limit and changes nothing", () => {
    const store = new LibraryStore(openDatabase(freshPath()), { maxArticles: 2, maxTotalBytes: 100 });
    store.add(article("1", "One", "x".repeat(40)));
    store.add(article("1", "Two", "x".repeat(40)));

    const third = store.add(article("1", "Three", "x"));
    expect(third.ok === false && "limit" in third && third.limit).toBe("articles");
    const bigger = store.add(article("1", "Two", "x".repeat(70)), { replace: true });
    expect(bigger.ok === false && "limit" in bigger && bigger.limit).toBe("bytes");
    expect(store.usage("1")).toEqual({ articles: 2, bytes: 80 });
    // Another server has its own limits.
    expect(store.add(article("2", "Three", "x")).ok).toBe(true);
  });

  it("writes every add, replace and remove to the settings history, which names the article", () => {
    const db = openDatabase(freshPath());
    const store = new LibraryStore(db);
    const settings = new GuildSettingsStore(db);
    store.add(article("1", "Atoms"), { now: 1000 });
    store.add(article("1", "Atoms"), { replace: true, now: 2000 });
    store.remove("1", "atoms", "1300000000000000002", 3000);

    const history = settings.history("1");
    expect(history.map((entry) => [entry.setting, entry.userId, entry.at])).toEqual([
      ["library", "1300000000000000002", 3000],
      ["library", "1300000000000000001", 2000],
      ["library", "1300000000000000001", 1000],
    ]);
    const lines = formatHistory(history).embeds[0]?.description?.split("\n") ?? [];
    expect(lines[0]).toContain("removed **Atoms** from the library");
    expect(lines[1]).toContain("replaced the library article **Atoms**");
    expect(lines[2]).toContain("added **Atoms** to the library");
  });

  it("removes nothing for an unknown article", () => {
    const store = new LibraryStore(openDatabase(freshPath()));
    store.add(article("1", "Atoms"));
    expect(store.remove("1", "nothing", "9")).toBeNull();
    expect(store.remove("2", "atoms", "9")).toBeNull();
    expect(store.list("1")).toHaveLength(1);
  });

  it("keeps a left server's library for 30 days, then purges it; coming back cancels the purge", () => {
    const store = new LibraryStore(openDatabase(freshPath()));
    store.add(article("1", "Atoms"));
    store.add(article("2", "Atoms"));
    store.markDeparted("1", 0);
    store.markDeparted("2", 0);
    store.markPresent("2");

    expect(store.purgeDeparted(LIBRARY_RETENTION_MS - 1)).toEqual([]);
    expect(store.purgeDeparted(LIBRARY_RETENTION_MS)).toEqual(["1"]);
    expect(store.list("1")).toEqual([]);
    expect(store.list("2")).toHaveLength(1);
    expect(store.departedAt("1")).toBeNull();
  });

  it("survives reopening the database, and a database of the previous version migrates to it", () => {
    const path = freshPath();
    openDatabase(path, SCHEMA_VERSION - 1).close();
    const old = new Database(path);
    expect(
      old.prepare("SELECT name FROM sqlite_master WHERE name = 'library_articles'").get(),
    ).toBeUndefined();
    old.close();
    const first = openDatabase(path);
    new LibraryStore(first).add(article("1", "Atoms"));
    first.close();
    expect(new LibraryStore(openDatabase(path)).list("1").map((a) => a.title)).toEqual(["Atoms"]);
  });

  it("forgets who added an article when the member is forgotten, keeping the article", () => {
    const db = openDatabase(freshPath());
    const store = new LibraryStore(db);
    store.add(article("1", "Atoms"));
    forgetMember(db, "1300000000000000001", null);
    expect(store.list("1").map((a) => a.addedBy)).toEqual(["forgotten"]);
  });
});
