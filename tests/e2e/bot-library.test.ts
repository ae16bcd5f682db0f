/**
 * Each server's own library, end to end: moderators add files (downloaded from the fake Discord's
 * attachment URLs) and Wikipedia articles (from a fake MediaWiki API) with /library, and questions on that
 * server, and only there, are answered from them.
 */
import { type APIMessage, ApplicationCommandPermissionType, InteractionType, MessageFlags } from "discord.js";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { databasePath, openDatabase } from "../../src/storage/database.ts";
import { LibraryStore } from "../../src/storage/library.ts";
import { makeDrawingOnlyPdf, makeTextPdf } from "../library/pdf-fixtures.ts";
import { FakeMediaWiki } from "../support/fake-mediawiki.ts";
import { bridgeNotes, lighthouseStripped, valleyNotes } from "../support/library-articles.ts";
import {
  botPerTest,
  buttonIdsOf,
  choicesOf,
  embedOf,
  eventually,
  type TestBot,
  textOf,
} from "./bot-harness.ts";
import {
  defaultGuildPeople,
  type FakeDiscord,
  type FakeUpload,
  fakeDiscordDefaults,
  type SendInteractionOptions,
} from "./fake-discord.ts";

const base = fakeDiscordDefaults.guilds[0];
if (!base) throw new Error("expected the fake's default guild");
const hallId = base.id;
const ownerId = base.ownerId;
const { aliceId, bobId, moderatorRoleId } = defaultGuildPeople;
const otherOwnerId = "1200000000000000009";
const otherHall = {
  id: "1300000000000000002",
  name: "Other Hall",
  ownerId: otherOwnerId,
  channels: [{ id: "1400000000000000009", name: "general" }],
  members: [
    { user: { id: otherOwnerId, username: "other-owner" } },
    { user: { id: aliceId, username: "alice" } },
  ],
};

let wiki: FakeMediaWiki;
beforeEach(async () => {
  wiki = await FakeMediaWiki.start({
    pages: {
      "Kestrel Lighthouse": [
        "The Kestrel Lighthouse is a lighthouse on a granite reef off Morvane. It was first lit in 1867.",
        "",
        "== History ==",
        "The keeper's cottage was added in 1872. The lamp was electrified in 1931.",
        "",
        "== References ==",
        "Smith, J. (1990). Lighthouses of the North.",
      ].join("\n"),
    },
    redirects: { "Kestrel light": "Kestrel Lighthouse" },
  });
});
afterEach(async () => {
  await wiki.stop();
});

const start = botPerTest((setup) => ({
  ...setup,
  fake: { guilds: [base, otherHall], ...setup.fake },
  library: { options: { wikipediaApiBase: wiki.apiBase }, ...setup.library },
}));

const upload = (filename: string, bytes: Uint8Array | string): FakeUpload => ({ filename, bytes });

/** Runs `/library <subcommand>` and returns what the moderator finally sees. */
async function library(
  fake: FakeDiscord,
  subcommand: string,
  options: SendInteractionOptions["options"] = {},
  extra: Partial<SendInteractionOptions> = {},
): Promise<APIMessage> {
  const sent = fake.sendInteraction({ name: "library", subcommand, options, userId: ownerId, ...extra });
  return fake.waitForInteractionReply(sent.id, 15_000);
}

/** Runs `/<name>` in a server (or a DM) and returns the reply. */
async function use(
  fake: FakeDiscord,
  name: string,
  options: SendInteractionOptions["options"] = {},
  extra: Partial<SendInteractionOptions> = {},
): Promise<APIMessage> {
  const sent = fake.sendInteraction({ name, options, userId: aliceId, ...extra });
  return fake.waitForInteractionReply(sent.id, 15_000);
}

/** Asks until the server's index is built (the first question after an add may be told to wait). */
async function ask(fake: FakeDiscord, question: string, extra: Partial<SendInteractionOptions> = {}) {
  for (let attempt = 0; ; attempt++) {
    const reply = await use(fake, "ask", { question }, extra);
    if (!(reply.content ?? "").includes("being built") || attempt > 50) return reply;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Everything a reply shows, embeds included, as one string. */
const shown = (message: APIMessage) =>
  [message.content ?? "", ...(message.embeds ?? []).map((embed) => JSON.stringify(embed))].join("\n");

async function storedTitles(test: TestBot, guildId: string): Promise<string[]> {
  return (await test.library.store.list(guildId)).map((article) => article.title);
}

describe("a server's own library", () => {
  it("adds a Markdown file, a stripped .txt and a PDF, says what it read, and answers from them with citations", async () => {
    const test = await start();
    const { fake } = test;

    const markdown = await library(fake, "add", { file: upload("velmar.md", bridgeNotes) });
    expect(markdown.flags).toBe(MessageFlags.Ephemeral);
    const added = embedOf(markdown);
    expect(added.title).toBe("Added: The Velmar Bridge");
    expect(added.description).toContain("1 section, 3 sentences");
    expect(added.description).toContain(
      "> The stone bridge over the river Velmar was built in 1820 by the engineer Tomas Reyn.",
    );
    expect(added.fields?.[0]?.value).toBe("Repairs");

    const stripped = embedOf(
      await library(fake, "add", {
        file: upload("kestrel-lighthouse.txt", lighthouseStripped),
        title: "Kestrel Lighthouse",
      }),
    );
    expect(stripped.title).toBe("Added: Kestrel Lighthouse");
    expect(stripped.description).toContain(
      "> The Kestrel Lighthouse stands on a granite reef off the coast of Morvane, a fishing town in the north.",
    );

    const pdf = await makeTextPdf([
      ["Orchard Notes", "The Amberley orchard was planted in 1904 by the Hale family."],
      ["Its cider press was installed in 1923 and still works today."],
    ]);
    const fromPdf = embedOf(
      await library(fake, "add", { file: upload("orchard.pdf", pdf), title: "Amberley Orchard" }),
    );
    expect(fromPdf.title).toBe("Added: Amberley Orchard");
    expect(fromPdf.description).toContain("from a PDF");

    const bridge = await ask(fake, "When was the Velmar bridge built?");
    expect(textOf(embedOf(bridge))).toContain("1820");
    expect(shown(bridge)).toContain("The Velmar Bridge");
    const lighthouse = await ask(fake, "When was the Kestrel Lighthouse electrified?");
    expect(textOf(embedOf(lighthouse))).toContain("1931");
    expect(shown(lighthouse)).toContain("Kestrel Lighthouse");
    const orchard = await ask(fake, "When was the cider press installed?");
    expect(textOf(embedOf(orchard))).toContain("1923");
    expect(shown(orchard)).toContain("Amberley Orchard");
    // The operator's article is still answered.
    expect(textOf(embedOf(await ask(fake, "When was Lal Masjid built?")))).toContain("1965");

    const list = embedOf(await library(fake, "list"));
    expect(list.description).toContain("**Amberley Orchard**");
    expect(list.description).toContain(`added by <@${ownerId}>`);
    expect(list.footer?.text).toMatch(/^3 of 50 articles/u);
  });

  it("adds a Wikipedia article through its redirect and cites the page", async () => {
    const test = await start();
    const { fake } = test;
    const reply = embedOf(await library(fake, "add-wikipedia", { title: "Kestrel light" }));
    expect(reply.title).toBe("Added: Kestrel Lighthouse");
    expect(reply.url).toBe("https://en.wikipedia.org/wiki/Kestrel_Lighthouse");
    expect(wiki.requests.length).toBe(1);

    const answer = await ask(fake, "When was the Kestrel lighthouse first lit?");
    expect(textOf(embedOf(answer))).toContain("1867");
    expect(shown(answer)).toContain("https://en.wikipedia.org/wiki/Kestrel_Lighthouse");

    const missing = await library(fake, "add-wikipedia", { title: "No Such Page Here" });
    expect(missing.content).toBe('No Wikipedia article is titled "No Such Page Here".');
    expect(await storedTitles(test, hallId)).toEqual(["Kestrel Lighthouse"]);
  });

  it("refuses members without Manage Server, even when a server admin lets them use the command", async () => {
    const test = await start();
    const { fake } = test;
    expect(() => fake.sendInteraction({ name: "library", subcommand: "list", userId: bobId })).toThrow(
      /hidden from members without permissions/u,
    );
    fake.setCommandPermissions(hallId, "library", [
      { id: moderatorRoleId, type: ApplicationCommandPermissionType.Role, permission: true },
    ]);
    const refused = await library(fake, "add", { file: upload("velmar.md", bridgeNotes) }, { userId: bobId });
    expect(refused.flags).toBe(MessageFlags.Ephemeral);
    expect(refused.content).toContain("Only members with the **Manage Server** permission");
    expect(await storedTitles(test, hallId)).toEqual([]);
    expect(fake.requests.some((request) => request.path.startsWith("/attachments/"))).toBe(false);
  });

  it("reads a server's library only for the messages that are for the bot, not for every chat line", async () => {
    const test = await start();
    const { fake } = test;
    await library(fake, "add", { file: upload("velmar.md", bridgeNotes) });
    expect(textOf(embedOf(await ask(fake, "When was the Velmar bridge built?")))).toContain("1820");
    const reads = vi.spyOn(test.library.store, "list");

    for (let n = 0; n < 10; n++) fake.sendMessage({ content: `just chatting, line ${n}`, authorId: aliceId });
    const question = fake.sendMessage({ content: "When was the Velmar bridge built?", mentionsBot: true });
    const reply = await fake.waitForChannelMessage(
      (message) => message.message_reference?.message_id === question.id,
    );

    expect(textOf(embedOf(reply))).toContain("1820");
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it("keeps each server's articles out of every other server and out of DMs", async () => {
    const test = await start();
    const { fake } = test;
    await library(fake, "add", { file: upload("velmar.md", bridgeNotes) });
    await library(
      fake,
      "add",
      { file: upload("valley.md", valleyNotes) },
      { guildId: otherHall.id, userId: otherOwnerId },
    );

    const inOther = { guildId: otherHall.id };
    const leaked = (message: APIMessage) => /Velmar Bridge|1820|Tomas Reyn/u.test(shown(message));

    const answer = await ask(fake, "When was the stone bridge over the river Velmar built?", inOther);
    expect(shown(answer)).toContain("The Green Valley");
    expect(leaked(answer)).toBe(false);
    expect(leaked(await use(fake, "search", { query: "Velmar bridge ferry" }, inOther))).toBe(false);
    expect(leaked(await use(fake, "about", {}, inOther))).toBe(false);
    expect(leaked(await use(fake, "sections", {}, inOther))).toBe(false);
    expect(leaked(await use(fake, "timeline", {}, inOther))).toBe(false);
    expect(leaked(await use(fake, "passage", { id: "the-velmar-bridge/lead/1" }, inOther))).toBe(false);

    for (const [name, option] of [
      ["passage", "id"],
      ["sections", "article"],
      ["search", "article"],
    ] as const) {
      const sent = fake.sendInteraction({
        type: InteractionType.ApplicationCommandAutocomplete,
        name,
        options: { [option]: "velmar" },
        focused: option,
        guildId: otherHall.id,
        userId: aliceId,
      });
      const [callback] = await fake.waitForInteractionResponse(sent.id);
      expect(JSON.stringify(choicesOf(callback))).not.toContain("velmar-bridge");
    }
    const autocompleteLibrary = fake.sendInteraction({
      type: InteractionType.ApplicationCommandAutocomplete,
      name: "library",
      subcommand: "remove",
      options: { article: "" },
      focused: "article",
      guildId: otherHall.id,
      userId: otherOwnerId,
    });
    const [libraryChoices] = await fake.waitForInteractionResponse(autocompleteLibrary.id);
    expect(choicesOf(libraryChoices).map((choice) => choice.value)).toEqual(["the-green-valley"]);

    // A quiz in the other server never asks about this server's article.
    for (let n = 0; n < 3; n++) expect(leaked(await use(fake, "quiz", {}, inOther))).toBe(false);

    const inDm = await ask(fake, "When was the stone bridge over the river Velmar built?", { dm: true });
    expect(leaked(inDm)).toBe(false);
    expect(shown(inDm)).not.toContain("Green Valley");

    // The owning server does see it.
    expect(
      textOf(embedOf(await ask(fake, "When was the stone bridge over the river Velmar built?"))),
    ).toContain("1820");
  });

  it("answers only from the server's own articles with /config library only-own", async () => {
    const test = await start();
    const { fake } = test;
    await library(fake, "add", { file: upload("velmar.md", bridgeNotes) });
    const sent = fake.sendInteraction({
      name: "config",
      subcommandGroup: "library",
      subcommand: "only-own",
      userId: ownerId,
    });
    expect((await fake.waitForInteractionReply(sent.id)).content).toContain("this server's library only");
    const about = await use(fake, "about");
    expect(shown(about)).toContain("The Velmar Bridge");
    expect(shown(about)).not.toContain("Lal Masjid");
    const lal = await ask(fake, "When was Lal Masjid built?");
    expect(shown(lal)).not.toContain("1965");
  });

  it("refuses every bad file and every limit with one private line, and changes nothing", async () => {
    const test = await start({
      library: {
        limits: { maxArticles: 2, maxTotalBytes: 900 },
        options: {
          wikipediaApiBase: wiki.apiBase,
          upload: { maxTextBytes: 600, maxDownloadBytes: 4000 },
        },
      },
    });
    const { fake } = test;
    const emptyPdf = await makeDrawingOnlyPdf();
    const cases: Array<[string, FakeUpload, RegExp]> = [
      [
        "unknown type",
        upload("notes.docx", "hello"),
        /Only \.txt, \.md, \.pdf, LaTeX \(\.tex\), \.html or subtitle \(\.srt, \.vtt\) files/u,
      ],
      ["not UTF-8", upload("latin.txt", Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e])), /UTF-8/u],
      ["binary", upload("blob.txt", Buffer.from([0x41, 0x00, 0x42, 0x00, 0x43])), /binary/iu],
      ["empty", upload("empty.md", "  \n\n "), /no text/iu],
      ["no text layer", upload("scan.pdf", emptyPdf), /text layer/iu],
      ["not a PDF", upload("fake.pdf", "this is not a pdf at all"), /PDF/u],
      [
        "text over the article limit",
        upload("long.md", `# Long\n\n${"Words go here. ".repeat(60)}`),
        /limit is 600 bytes/u,
      ],
      ["file over the download limit", upload("huge.md", "x".repeat(5000)), /download limit/u],
    ];
    for (const [what, file, expected] of cases) {
      const reply = await library(fake, "add", { file });
      expect(reply.flags, what).toBe(MessageFlags.Ephemeral);
      expect(reply.content, what).toMatch(expected);
      expect(reply.content?.split("\n"), what).toHaveLength(1);
      expect(reply.embeds ?? [], what).toEqual([]);
    }
    expect(await storedTitles(test, hallId)).toEqual([]);

    const small = (title: string, words: number) =>
      `# ${title}\n\n${`${title} was studied in 1900. `.repeat(words)}`;
    await library(fake, "add", { file: upload("a.md", small("Alpha", 15)) });
    const overTotal = await library(fake, "add", { file: upload("b.md", small("Beta", 20)) });
    expect(overTotal.content).toMatch(/would pass its 900 bytes of text/u);
    await library(fake, "add", { file: upload("c.md", small("Gamma", 5)) });
    const overCount = await library(fake, "add", { file: upload("d.md", small("Delta", 2)) });
    expect(overCount.content).toMatch(/full: 2 of 2 articles/u);
    const sharedTitle = await library(fake, "add", {
      file: upload("e.md", "# Lal Masjid\n\nIt is a mosque."),
    });
    expect(sharedTitle.content).toMatch(/shared articles already have one titled "Lal Masjid"/u);
    expect(await storedTitles(test, hallId)).toEqual(["Alpha", "Gamma"]);
  });

  it("offers to replace an article of the same title, and replaces it only on the moderator's confirm", async () => {
    const test = await start();
    const { fake } = test;
    await library(fake, "add", { file: upload("velmar.md", bridgeNotes) });
    const newer = bridgeNotes.replace("1911", "1913");
    const prompt = await library(fake, "add", { file: upload("velmar-v2.md", newer) });
    expect(prompt.content).toContain("already has **The Velmar Bridge**");
    const [confirmId = "", cancelId = ""] = buttonIdsOf(prompt);

    const press = (customId: string, userId = ownerId) =>
      fake.waitForInteractionReply(
        fake.sendInteraction({ type: InteractionType.MessageComponent, customId, message: prompt.id, userId })
          .id,
      );
    expect((await press(confirmId, aliceId)).content).toBe("Only the moderator who asked can confirm this.");
    expect((await test.library.store.texts(hallId))[0]?.text).toBe(bridgeNotes);

    const replaced = await press(confirmId);
    expect(embedOf(replaced).title).toBe("Replaced: The Velmar Bridge");
    expect((await test.library.store.texts(hallId)).map((a) => a.text)).toEqual([newer]);
    expect((await press(cancelId)).content).toBe("This confirmation expired, and nothing changed.");
    expect(textOf(embedOf(await ask(fake, "When was the Velmar bridge repaired?")))).toContain("1913");
  });

  it("shows a table of contents, removes an article after a confirm, and records every change in /config history", async () => {
    const test = await start();
    const { fake } = test;
    await library(fake, "add", { file: upload("velmar.md", bridgeNotes) });
    await ask(fake, "When was the Velmar bridge built?");
    const contents = embedOf(await library(fake, "show", { article: "the-velmar-bridge" }));
    expect(contents.title).toBe("The Velmar Bridge");
    expect(contents.description).toContain("Repairs");
    expect(contents.description).toContain("Markdown file");

    const prompt = await library(fake, "remove", { article: "the-velmar-bridge" });
    expect(prompt.content).toContain("Remove **The Velmar Bridge**");
    const [, cancelId = ""] = buttonIdsOf(prompt);
    const press = (customId: string) =>
      fake.waitForInteractionReply(
        fake.sendInteraction({
          type: InteractionType.MessageComponent,
          customId,
          message: prompt.id,
          userId: ownerId,
        }).id,
      );
    expect((await press(cancelId)).content).toBe("Cancelled: nothing changed.");
    expect(await storedTitles(test, hallId)).toEqual(["The Velmar Bridge"]);

    const again = await library(fake, "remove", { article: "The Velmar Bridge" });
    const [confirmAgain = ""] = buttonIdsOf(again);
    const removed = await fake.waitForInteractionReply(
      fake.sendInteraction({
        type: InteractionType.MessageComponent,
        customId: confirmAgain,
        message: again.id,
        userId: ownerId,
      }).id,
    );
    expect(removed.content).toBe("Removed **The Velmar Bridge** from this server's library.");
    expect(await storedTitles(test, hallId)).toEqual([]);
    expect(shown(await ask(fake, "When was the Velmar bridge built?"))).not.toContain("1820");

    const history = await fake.waitForInteractionReply(
      fake.sendInteraction({ name: "config", subcommand: "history", userId: ownerId }).id,
    );
    const lines = embedOf(history).description?.split("\n") ?? [];
    expect(lines[0]).toContain("removed **The Velmar Bridge** from the library");
    expect(lines[1]).toContain("added **The Velmar Bridge** to the library");
  });

  it("keeps every library across a restart, and marks a server the bot was removed from for purging", async () => {
    const first = await start();
    await library(first.fake, "add", { file: upload("velmar.md", bridgeNotes) });
    const { dataDir } = first;
    await first.stop();

    const second = await start({ dataDir });
    expect(textOf(embedOf(await ask(second.fake, "When was the Velmar bridge built?")))).toContain("1820");
    second.fake.removeBotFromGuild(hallId);
    await eventually(
      async () => ((await second.library.store.departedAt(hallId)) !== null ? true : undefined),
      "departure recorded",
    );
    expect(await storedTitles(second, hallId)).toEqual(["The Velmar Bridge"]);
    await second.stop();

    // Thirty days later the library is purged.
    const db = openDatabase(databasePath(dataDir));
    const store = new LibraryStore(db);
    expect(await store.purgeDeparted(Date.now() + 30 * 24 * 60 * 60 * 1000)).toEqual([hallId]);
    expect(await store.list(hallId)).toEqual([]);
    await db.close();
  });
});
