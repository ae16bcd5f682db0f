/**
 * Moderated study servers, end to end: moderators change the settings with /config through the fake Discord,
 * the real client and a real SQLite file, and the bot follows them in slash commands and plain messages.
 */
import {
  type APIMessage,
  ApplicationCommandPermissionType,
  ChannelType,
  InteractionType,
  MessageFlags,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import type { Answer } from "../../src/core/types.ts";
import { databasePath, openDatabase } from "../../src/storage/database.ts";
import { GuildSettingsStore } from "../../src/storage/guild-settings.ts";
import { botPerTest, buttonIdsOf, embedOf, realEngineWith, type TestBot, textOf } from "./bot-harness.ts";
import {
  defaultGuildPeople,
  type FakeDiscord,
  fakeDiscordDefaults,
  type SendInteractionOptions,
} from "./fake-discord.ts";

const base = fakeDiscordDefaults.guilds[0];
if (!base) throw new Error("expected the fake's default guild");
const guildId = base.id;
const ownerId = base.ownerId;
const { aliceId, bobId, moderatorRoleId } = defaultGuildPeople;
const student = { id: "1500000000000000002", name: "Student", permissions: 0n };
const carol = { id: "1200000000000000004", username: "carol" };
const general = base.channels[0]?.id ?? "";
const askChannel = { id: "1400000000000000002", name: "ask-the-bot" };
const quietRoom = { id: "1400000000000000003", name: "quiet-room" };
const studyRooms = {
  id: "1400000000000000004",
  name: "Study rooms",
  type: ChannelType.GuildCategory as const,
};
const studyGuild = {
  ...base,
  channels: [...base.channels, askChannel, quietRoom, studyRooms],
  roles: [...(base.roles ?? []), student],
  members: [...base.members, { user: carol, roleIds: [student.id] }],
};

const start = botPerTest((setup) => ({ ...setup, fake: { guilds: [studyGuild], ...setup.fake } }));

/** Runs `/config <route>` (e.g. "channel add") as `userId`, the server owner by default, and returns the reply. */
async function config(
  fake: FakeDiscord,
  route: string,
  options: SendInteractionOptions["options"] = {},
  userId = ownerId,
): Promise<APIMessage> {
  const [first = "", second] = route.split(" ");
  const sent = fake.sendInteraction({
    name: "config",
    ...(second ? { subcommandGroup: first, subcommand: second } : { subcommand: first }),
    options,
    userId,
  });
  return fake.waitForInteractionReply(sent.id);
}

/** Runs `/<name>` as `userId` and returns the reply. */
async function use(
  fake: FakeDiscord,
  name: string,
  options: SendInteractionOptions["options"] = {},
  extra: Partial<SendInteractionOptions> = {},
): Promise<APIMessage> {
  const sent = fake.sendInteraction({ name, options, ...extra });
  return fake.waitForInteractionReply(sent.id);
}

/** The bot's reply to a plain message, once it comes. */
function replyTo(fake: FakeDiscord, messageId: string): Promise<APIMessage> {
  return fake.waitForChannelMessage((message) => message.message_reference?.message_id === messageId);
}

/** Whether the bot sent anything that refers to this message (a reply or a reaction). */
function touched(fake: FakeDiscord, messageId: string): boolean {
  return fake.requests.some(
    (request) => request.path.includes(messageId) || JSON.stringify(request.body ?? "").includes(messageId),
  );
}

/** The settings as stored in the database file, read through a connection of its own. */
async function storedSettings(test: TestBot) {
  const db = openDatabase(databasePath(test.dataDir));
  try {
    const store = new GuildSettingsStore(db);
    return {
      history: await store.history(guildId),
      cooldownSeconds: (await store.get(guildId)).cooldownSeconds,
    };
  } finally {
    await db.close();
  }
}

/** The registered commands without the option limits Discord's client enforces, as a stale registration. */
function withoutClientLimits(
  body: RESTPostAPIChatInputApplicationCommandsJSONBody,
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return JSON.parse(JSON.stringify(body), (key, value: unknown) =>
    key === "min_value" || key === "max_value" || key === "channel_types" ? undefined : value,
  ) as RESTPostAPIChatInputApplicationCommandsJSONBody;
}

describe("/config", () => {
  it("lets a moderator make a channel free-text: a plain message there is answered, one elsewhere is not", async () => {
    const test = await start({ messageContentIntent: "on" });
    const { fake } = test;

    const saved = await config(fake, "channel add", { channel: askChannel.id });
    expect(saved.flags).toBe(MessageFlags.Ephemeral);
    expect(saved.content).toBe(`Saved. **Free-text channels**: none → <#${askChannel.id}>.`);

    const elsewhere = fake.sendMessage({ content: "when was it built", channelId: general });
    const there = fake.sendMessage({ content: "when was it built", channelId: askChannel.id });
    expect(embedOf(await replyTo(fake, there.id)).title).toBe("1965");
    expect(touched(fake, elsewhere.id)).toBe(false);
    expect((await storedSettings(test)).history).toMatchObject([
      { userId: ownerId, setting: "freeTextChannelIds", oldValue: [], newValue: [askChannel.id] },
    ]);
  });

  it("tells the moderator, and the operator at the next start, that free-text channels need the Message Content intent", async () => {
    const first = await start({ messageContentIntent: "off" });

    const saved = await config(first.fake, "channel add", { channel: askChannel.id });
    expect(saved.content).toContain("Saved.");
    expect(saved.content).toContain("**Message Content Intent**");
    expect(saved.content).toContain("MESSAGE_CONTENT_INTENT=auto");

    await first.stop();
    const second = await start({ messageContentIntent: "off", dataDir: first.dataDir });
    expect(second.logs).toContainEqual(
      expect.objectContaining({
        level: "warn",
        msg: expect.stringContaining("MESSAGE_CONTENT_INTENT is off"),
        servers: 1,
      }),
    );
    const shown = embedOf(await config(second.fake, "show"));
    expect(shown.fields).toContainEqual({
      name: "Free-text channels",
      value: `<#${askChannel.id}>`,
      inline: true,
    });
    expect(shown.description).toContain("Message Content Intent");
  });

  it("refuses a member without Manage Server even when Integrations lets them run it, and changes nothing", async () => {
    const test = await start();
    const { fake } = test;
    // As registered, Discord does not offer /config to bob, whose Moderator role lacks Manage Server...
    expect(() =>
      fake.sendInteraction({
        name: "config",
        subcommand: "cooldown",
        options: { seconds: 60 },
        userId: bobId,
      }),
    ).toThrow(/hidden from members without permissions/u);
    // ...until a server admin allows the role in Server Settings → Integrations.
    fake.setCommandPermissions(guildId, "config", [
      { id: moderatorRoleId, type: ApplicationCommandPermissionType.Role, permission: true },
    ]);

    const refused = await config(fake, "cooldown", { seconds: 60 }, bobId);
    const resetRefused = await config(fake, "reset", {}, bobId);

    for (const reply of [refused, resetRefused]) {
      expect(reply.flags).toBe(MessageFlags.Ephemeral);
      expect(reply.content).toContain("Only members with the **Manage Server** permission");
      expect(reply.components ?? []).toEqual([]);
    }
    expect((await storedSettings(test)).history).toEqual([]);
    const shown = embedOf(await config(fake, "show"));
    expect(shown.fields).toContainEqual({ name: "Cooldown per member", value: "none", inline: true });
  });

  it("refuses out-of-range numbers and non-text channels, even when Discord's registration is stale", async () => {
    const test = await start();
    const { fake } = test;
    expect(() =>
      fake.sendInteraction({
        name: "config",
        subcommand: "cooldown",
        options: { seconds: 4000 },
        userId: ownerId,
      }),
    ).toThrow(/above 3600/u);
    expect(() =>
      fake.sendInteraction({
        name: "config",
        subcommandGroup: "channel",
        subcommand: "add",
        options: { channel: studyRooms.id },
        userId: ownerId,
      }),
    ).toThrow(/channel_types/u);
    await test.bot.client.application.commands.set(
      commands.map((command) => withoutClientLimits(command.data.toJSON())),
    );

    const replies = [
      await config(fake, "cooldown", { seconds: 4000 }),
      await config(fake, "rate", { "per-minute": 0 }),
      await config(fake, "rate", { "per-minute": 601 }),
      await config(fake, "channel add", { channel: studyRooms.id }),
      await config(fake, "silence add", { channel: studyRooms.id }),
      await config(fake, "roles add", { role: guildId }),
    ];

    expect(replies.map((reply) => reply.content)).toEqual([
      "The cooldown must be a whole number of seconds from 0 to 3600. Nothing was changed.",
      "The rate must be a whole number of questions per minute from 1 to 600. Nothing was changed.",
      "The rate must be a whole number of questions per minute from 1 to 600. Nothing was changed.",
      `<#${studyRooms.id}> is not a channel people write in. Pick a text or announcement channel, a forum or a thread. Nothing was changed.`,
      `<#${studyRooms.id}> is not a channel people write in. Pick a text or announcement channel, a forum or a thread. Nothing was changed.`,
      "@\u200Beveryone can't be added: with no roles set, everyone can ask. Nothing was changed.",
    ]);
    for (const reply of replies) expect(reply.flags).toBe(MessageFlags.Ephemeral);
    expect((await storedSettings(test)).history).toEqual([]);
  });

  it("shows the history: who (without pinging), when, what, old → new, at most the last 20", async () => {
    const test = await start();
    const { fake } = test;
    for (let seconds = 1; seconds <= 21; seconds++) {
      await test.settings.update(
        guildId,
        aliceId,
        (settings) => ({ ...settings, cooldownSeconds: seconds }),
        1_000,
      );
    }
    await config(fake, "roles add", { role: student.id });
    await config(fake, "mentions off");

    const sent = fake.sendInteraction({ name: "config", subcommand: "history", userId: ownerId });
    const reply = await fake.waitForInteractionReply(sent.id);

    expect(reply.flags).toBe(MessageFlags.Ephemeral);
    const lines = embedOf(reply).description?.split("\n") ?? [];
    expect(lines).toHaveLength(20);
    expect(lines[0]).toMatch(
      new RegExp(`^<t:\\d+:R> <@${ownerId}> changed \\*\\*Mentions\\*\\*: answered → ignored$`, "u"),
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^<t:\\d+:R> <@${ownerId}> changed \\*\\*Who can ask\\*\\*: everyone → <@&${student.id}>$`,
        "u",
      ),
    );
    expect(lines[2]).toBe(`<t:1:R> <@${aliceId}> changed **Cooldown per member**: 20 s → 21 s`);
    const callback = fake.requests.find((request) => request.path.startsWith(`/interactions/${sent.id}/`));
    expect(callback?.body).toMatchObject({ data: { allowed_mentions: { parse: [] } } });
  });

  it("resets only when the moderator who asked confirms, and refuses everyone else's press", async () => {
    const test = await start();
    const { fake } = test;
    await config(fake, "cooldown", { seconds: 30 });
    const prompt = await config(fake, "reset");
    expect(prompt.flags).toBe(MessageFlags.Ephemeral);
    const [confirmId = ""] = buttonIdsOf(prompt);

    const press = (userId: string) =>
      fake.sendInteraction({ type: InteractionType.MessageComponent, customId: confirmId, userId });
    const byAlice = await fake.waitForInteractionReply(press(aliceId).id);
    expect(byAlice.flags).toBe(MessageFlags.Ephemeral);
    expect(byAlice.content).toContain("Only the moderator who ran `/config reset` can confirm it");
    expect((await test.settings.get(guildId)).cooldownSeconds).toBe(30);

    const byOwner = await fake.waitForInteractionReply(press(ownerId).id);
    expect(byOwner.id).toBe(prompt.id);
    expect(embedOf(byOwner).description).toContain("All settings are back to their defaults");
    expect(byOwner.components).toEqual([]);
    expect((await storedSettings(test)).history[0]).toMatchObject({ setting: "reset", userId: ownerId });
    expect((await test.settings.get(guildId)).cooldownSeconds).toBe(0);
  });

  it("lets the reset confirmation expire without changing anything", async () => {
    const test = await start({ options: { resetConfirmTtlMs: 150 } });
    const { fake } = test;
    await config(fake, "cooldown", { seconds: 30 });
    const prompt = await config(fake, "reset");
    await new Promise((resolve) => setTimeout(resolve, 250));

    const pressed = fake.sendInteraction({
      type: InteractionType.MessageComponent,
      customId: buttonIdsOf(prompt)[0] ?? "",
      userId: ownerId,
    });
    const expired = await fake.waitForInteractionReply(pressed.id);

    expect(embedOf(expired).description).toContain("This confirmation expired, and nothing changed");
    expect(expired.components).toEqual([]);
    expect((await test.settings.get(guildId)).cooldownSeconds).toBe(30);
  });
});

describe("the server's rules", () => {
  it("in a silenced channel, never replies in public: mentions get nothing, slash commands answer privately", async () => {
    const { fake } = await start({ messageContentIntent: "on" });
    await config(fake, "channel add", { channel: quietRoom.id });
    const silenced = await config(fake, "silence add", { channel: quietRoom.id });
    expect(silenced.content).toContain("is also a free-text channel: silence wins");

    const mention = fake.sendMessage({
      content: "when was it built",
      mentionsBot: true,
      channelId: quietRoom.id,
    });
    const plain = fake.sendMessage({ content: "when was it built", channelId: quietRoom.id });
    const asked = await use(
      fake,
      "ask",
      { question: "when was it built", private: false },
      { channelId: quietRoom.id },
    );
    const searched = await use(fake, "search", { query: "mosque" }, { channelId: quietRoom.id });
    const control = fake.sendMessage({ content: "when was it built", mentionsBot: true, channelId: general });
    await replyTo(fake, control.id);

    expect(asked.flags).toBe(MessageFlags.Ephemeral);
    expect(embedOf(asked).title).toBe("1965");
    expect(searched.flags).toBe(MessageFlags.Ephemeral);
    expect(touched(fake, mention.id) || touched(fake, plain.id)).toBe(false);
    expect(fake.requests.filter((request) => request.path === `/channels/${quietRoom.id}/messages`)).toEqual(
      [],
    );
    // Moderators are never locked out of /config, even there.
    const shown = await use(
      fake,
      "config",
      {},
      { subcommand: "show", channelId: quietRoom.id, userId: ownerId },
    );
    expect(embedOf(shown).title).toBe("My settings on this server");
  });

  it("lets only members with an allowed role ask: others get a private refusal, or silence in plain messages", async () => {
    const { fake } = await start();
    await config(fake, "roles add", { role: student.id });

    const refused = await use(fake, "ask", { question: "when was it built" }, { userId: aliceId });
    const lookupRefused = await use(fake, "passage", { id: "lal-masjid/history/2" }, { userId: aliceId });
    const help = await use(fake, "help", {}, { userId: aliceId });
    const ignored = fake.sendMessage({ content: "when was it built", mentionsBot: true, authorId: aliceId });
    const allowed = await use(fake, "ask", { question: "when was it built" }, { userId: carol.id });
    const answered = fake.sendMessage({
      content: "when was it built",
      mentionsBot: true,
      authorId: carol.id,
    });
    await replyTo(fake, answered.id);

    for (const reply of [refused, lookupRefused]) {
      expect(reply.flags).toBe(MessageFlags.Ephemeral);
      expect(reply.content).toContain(`only members with one of these roles can ask me: <@&${student.id}>`);
    }
    expect(embedOf(help).title).toBe("How to ask me");
    expect(embedOf(allowed).title).toBe("1965");
    expect(allowed.flags ?? 0).toBe(0);
    expect(touched(fake, ignored.id)).toBe(false);
  });

  it("refuses /search and /passage privately while lookups are off, and keeps answering /ask", async () => {
    const { fake } = await start();
    await config(fake, "lookups off");

    const search = await use(fake, "search", { query: "mosque" });
    const passage = await use(fake, "passage", { id: "lal-masjid/history/2" });
    const ask = await use(fake, "ask", { question: "when was it built" });

    for (const reply of [search, passage]) {
      expect(reply.flags).toBe(MessageFlags.Ephemeral);
      expect(reply.content).toContain("turned `/search` and `/passage` off");
    }
    expect(embedOf(ask).title).toBe("1965");
  });

  it("answers /ask privately by default when the server says so, unless the asker chooses public", async () => {
    const { fake } = await start();
    await config(fake, "visibility private");

    const byDefault = await use(fake, "ask", { question: "when was it built" });
    const chosenPublic = await use(fake, "ask", { question: "when was it built", private: false });

    expect(byDefault.flags).toBe(MessageFlags.Ephemeral);
    expect(chosenPublic.flags ?? 0).toBe(0);
  });

  it("ignores mentions when mention answering is off, and DMs when DM_ANSWERS is off", async () => {
    const { fake } = await start({ dmAnswers: false });
    await config(fake, "mentions off");

    const mention = fake.sendMessage({ content: "when was it built", mentionsBot: true });
    const dm = fake.sendMessage({ content: "when was it built", dm: true });
    const dmAsk = await use(fake, "ask", { question: "when was it built" }, { dm: true });
    const slash = await use(fake, "ask", { question: "when was it built" });

    expect(dmAsk.content).toContain("I don't answer questions in direct messages");
    expect(embedOf(slash).title).toBe("1965");
    expect(touched(fake, mention.id) || touched(fake, dm.id)).toBe(false);
  });
});

describe("mass mentions", () => {
  const bait = `@everyone @here <@&${student.id}> <@${bobId}>`;
  // Mentions are no words of a question (a message of mentions alone asks nothing), so the bait comes with one.
  const baitQuestion = `${bait} when was it built`;
  const baitAnswer = (question: string): Answer => ({
    question,
    answered: true,
    answer: `${bait} 1965`,
    related: [],
    excerpts: [
      {
        text: `It was built in 1965, ${bait} wrote.`,
        article: "@everyone's mosque",
        articleId: "lal-masjid",
        section: "@here",
        passageId: "lal-masjid/history/2",
        url: null,
        score: 1,
        answerSpan: { start: 16, end: 20 },
      },
    ],
  });

  /** The message bodies the bot sent: channel messages, interaction replies and updates, edits and follow-ups. */
  function sentBodies(fake: FakeDiscord): Array<Record<string, unknown>> {
    return fake.requests.flatMap((request) => {
      const body = request.body as Record<string, unknown> | undefined;
      if (!body || request.status >= 400) return [];
      if (request.path.endsWith("/callback")) return body.data ? [body.data as Record<string, unknown>] : [];
      const isMessage =
        (request.method === "POST" && request.path.endsWith("/messages")) ||
        request.path.startsWith("/webhooks/");
      return isMessage ? [body] : [];
    });
  }

  it("never pings roles, @everyone or @here, whatever the articles or the question contain", async () => {
    const { fake } = await start({
      engine: realEngineWith({ answer: baitAnswer }),
      qaChannelIds: [askChannel.id],
    });
    await config(fake, "roles add", { role: student.id });
    await config(fake, "history");
    await config(fake, "show");
    await use(fake, "ask", { question: baitQuestion }, { userId: carol.id });
    await use(fake, "ask", { question: baitQuestion }, { userId: aliceId });
    await use(fake, "search", { query: "mosque" }, { userId: carol.id });
    const mention = fake.sendMessage({ content: baitQuestion, mentionsBot: true, authorId: carol.id });
    const freeText = fake.sendMessage({
      content: baitQuestion,
      channelId: askChannel.id,
      authorId: carol.id,
    });
    await replyTo(fake, mention.id);
    await replyTo(fake, freeText.id);

    const bodies = sentBodies(fake).filter((body) => body.content || body.embeds);
    expect(bodies.length).toBeGreaterThanOrEqual(8);
    for (const body of bodies) {
      expect(body.allowed_mentions).toMatchObject({ parse: [] });
      const shown = [
        String(body.content ?? ""),
        ...((body.embeds ?? []) as Parameters<typeof textOf>[0][]).map(textOf),
      ];
      expect(shown.join("\n")).not.toMatch(/@(everyone|here)\b/u);
    }
  });
});
