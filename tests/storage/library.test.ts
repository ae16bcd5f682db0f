import { describe, expect, it } from "vitest";
import { formatHistory } from "../../src/discord/format/settings.ts";
import { SCHEMA_VERSION } from "../../src/storage/database.ts";
import { GuildSettingsStore } from "../../src/storage/guild-settings.ts";
import {
  LIBRARY_RETENTION_MS,
  LibraryStore,
  libraryArticleId,
  type NewLibraryArticle,
} from "../../src/storage/library.ts";
import { forgetMember } from "../../src/storage/member-data.ts";
import { storageBackends, useTestStorage } from "../support/postgres.ts";

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

describe.each(storageBackends)("a server's library in the database on %s", (backend) => {
  const storage = useTestStorage(backend);

  it("stores an article under the slug of its title, with its size, and lists it by title", async () => {
    const store = new LibraryStore(await storage.fresh());
    const added = await store.add(article("1", "Cell Biology: An Overview"));
    await store.add(article("1", "Atoms"));

    expect(added.ok && added.article.id).toBe("cell-biology-an-overview");
    // Ids are slugs as the corpus's file names get: letters of any script are kept, marks dropped.
    expect(libraryArticleId("Клеточная биология")).toBe("клеточная-биология");
    expect(libraryArticleId("Ṣalāt")).toBe("salat");
    const listed = await store.list("1");
    expect(listed.map((a) => a.title)).toEqual(["Atoms", "Cell Biology: An Overview"]);
    expect(await store.usage("1")).toEqual({
      articles: 2,
      bytes: listed.reduce((n, a) => n + a.bytes, 0),
    });
    expect((await store.texts("1"))[0]?.text).toBe("Atoms is studied here. It matters.");
    expect(await store.list("2")).toEqual([]);
    expect(await store.get("1", "atoms")).toEqual(listed[0]);
    expect(await store.byTitle("1", "cell biology:  an overview")).toEqual(listed[1]);
    expect(await store.guildsWithArticles()).toEqual(["1"]);
  });

  it("refuses a title the server already has, whatever its case, and replaces it only when asked", async () => {
    const store = new LibraryStore(await storage.fresh());
    await store.add(article("1", "Atoms", "Old text about atoms."));

    const clash = await store.add(article("1", "ATOMS", "New text about atoms."));
    expect(clash.ok === false && "clash" in clash && clash.clash.title).toBe("Atoms");
    expect((await store.texts("1")).map((a) => a.text)).toEqual(["Old text about atoms."]);

    const replaced = await store.add(article("1", "ATOMS", "New text about atoms."), { replace: true });
    expect(replaced.ok && replaced.replaced?.title).toBe("Atoms");
    expect((await store.texts("1")).map((a) => [a.title, a.text])).toEqual([
      ["ATOMS", "New text about atoms."],
    ]);
  });

  it("refuses an add past the article or text limit and changes nothing", async () => {
    const store = new LibraryStore(await storage.fresh(), { maxArticles: 2, maxTotalBytes: 100 });
    await store.add(article("1", "One", "x".repeat(40)));
    await store.add(article("1", "Two", "x".repeat(40)));

    const third = await store.add(article("1", "Three", "x"));
    expect(third.ok === false && "limit" in third && third.limit).toBe("articles");
    const bigger = await store.add(article("1", "Two", "x".repeat(70)), { replace: true });
    expect(bigger.ok === false && "limit" in bigger && bigger.limit).toBe("bytes");
    expect(await store.usage("1")).toEqual({ articles: 2, bytes: 80 });
    // Another server has its own limits.
    expect((await store.add(article("2", "Three", "x"))).ok).toBe(true);
  });

  it("lets only one of two adds at once pass the article limit", async () => {
    const store = new LibraryStore(await storage.fresh(), { maxArticles: 2, maxTotalBytes: 1000 });
    await store.add(article("1", "One"));

    const results = await Promise.all([store.add(article("1", "Two")), store.add(article("1", "Three"))]);

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(
      results.filter((result) => !result.ok && "limit" in result && result.limit === "articles"),
    ).toHaveLength(1);
    expect((await store.usage("1")).articles).toBe(2);
  });

  it("writes every add, replace and remove to the settings history, which names the article", async () => {
    const db = await storage.fresh();
    const store = new LibraryStore(db);
    const settings = new GuildSettingsStore(db);
    await store.add(article("1", "Atoms"), { now: 1000 });
    await store.add(article("1", "Atoms"), { replace: true, now: 2000 });
    await store.remove("1", "atoms", "1300000000000000002", 3000);

    const history = await settings.history("1");
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

  it("removes nothing for an unknown article", async () => {
    const store = new LibraryStore(await storage.fresh());
    await store.add(article("1", "Atoms"));
    expect(await store.remove("1", "nothing", "9")).toBeNull();
    expect(await store.remove("2", "atoms", "9")).toBeNull();
    expect(await store.list("1")).toHaveLength(1);
  });

  it("keeps a left server's library for 30 days, then purges it; coming back cancels the purge", async () => {
    const store = new LibraryStore(await storage.fresh());
    await store.add(article("1", "Atoms"));
    await store.add(article("2", "Atoms"));
    await store.markDeparted("1", 0);
    await store.markDeparted("2", 0);
    await store.markPresent("2");

    expect(await store.departedAt("1")).toBe(0);
    expect(await store.departedAt("2")).toBeNull();
    expect(await store.purgeDeparted(LIBRARY_RETENTION_MS - 1)).toEqual([]);
    expect(await store.purgeDeparted(LIBRARY_RETENTION_MS)).toEqual(["1"]);
    expect(await store.list("1")).toEqual([]);
    expect(await store.list("2")).toHaveLength(1);
    expect(await store.departedAt("1")).toBeNull();
  });

  it("survives reopening the database, and a database of the previous version migrates to it", async () => {
    const old = await storage.fresh(SCHEMA_VERSION - 1);
    expect(await old.hasTable("library_articles")).toBe(false);
    await old.close();
    const first = await storage.reopen();
    await new LibraryStore(first).add(article("1", "Atoms"));
    await first.close();
    expect((await new LibraryStore(await storage.reopen()).list("1")).map((a) => a.title)).toEqual(["Atoms"]);
  });

  it("forgets who added an article when the member is forgotten, keeping the article", async () => {
    const db = await storage.fresh();
    const store = new LibraryStore(db);
    await store.add(article("1", "Atoms"));
    await forgetMember(db, "1300000000000000001", null);
    expect((await store.list("1")).map((a) => a.addedBy)).toEqual(["forgotten"]);
  });
});
