import { GatewayIntentBits, GatewayOpcodes, OverwriteType, PermissionFlagsBits } from "discord.js";
import { describe, expect, it } from "vitest";
import { botPerTest, embedOf, eventually, type TestBot, textOf } from "./bot-harness.ts";
import { fakeDiscordDefaults } from "./fake-discord.ts";

const guild = fakeDiscordDefaults.guilds[0];
if (!guild) throw new Error("expected the fake's default guild");
const qaChannel = { id: "1400000000000000002", name: "ask-the-bot" };
const readOnlyChannel = {
  id: "1400000000000000003",
  name: "announcements",
  permissionOverwrites: [{ id: guild.id, type: OverwriteType.Role, deny: PermissionFlagsBits.SendMessages }],
};
const otherBot = { id: "1200000000000000009", username: "quiz-bot", bot: true };
const guildWithChannels = {
  ...guild,
  channels: [...guild.channels, qaChannel, readOnlyChannel],
  members: [...guild.members, { user: otherBot }],
};

const start = botPerTest((setup) => ({ ...setup, fake: { guilds: [guildWithChannels], ...setup.fake } }));

/** The POST that created the bot's reply to `messageId`. */
function replyRequest(test: TestBot, messageId: string) {
  return test.fake.requests.find(
    (request) =>
      request.method === "POST" &&
      (request.body as { message_reference?: { message_id?: string } } | undefined)?.message_reference
        ?.message_id === messageId,
  );
}

describe("questions in plain messages", () => {
  it("answers a guild message that mentions the bot, as a reply that pings no one", async () => {
    const test = await start();
    const { fake } = test;

    const sent = fake.sendMessage({ content: "when was it built", mentionsBot: true });
    const reply = await fake.waitForChannelMessage(
      (message) => message.message_reference?.message_id === sent.id,
    );

    const embed = embedOf(reply);
    expect(embed.author?.name).toBe("Q: when was it built");
    expect(embed.title).toBe("1965");
    expect(embed.description).toContain("`lal-masjid/history/2`");
    expect(reply.mentions).toEqual([]);
    expect(replyRequest(test, sent.id)?.body).toMatchObject({
      allowed_mentions: { parse: [], replied_user: false },
    });
  });

  it("answers any direct message", async () => {
    const { fake } = await start();

    const sent = fake.sendMessage({ dm: true, content: "who was appointed its first imam?" });
    const reply = await fake.waitForChannelMessage(
      (message) => message.message_reference?.message_id === sent.id,
    );

    expect(reply.channel_id).toBe(sent.channelId);
    expect(embedOf(reply).description).toContain("Maulana Muhammad Abdullah");
  });

  it("shows the help text for a bare mention", async () => {
    const { fake } = await start();

    const sent = fake.sendMessage({ content: `<@${fake.botUserId}>` });
    const reply = await fake.waitForChannelMessage(
      (message) => message.message_reference?.message_id === sent.id,
    );

    expect(embedOf(reply).title).toBe("How to ask me");
  });

  it("ignores messages from bots, itself included, and answers the next person", async () => {
    const { fake } = await start();

    const fromBot = fake.sendMessage({
      content: "when was it built",
      mentionsBot: true,
      authorId: otherBot.id,
    });
    const fromUser = fake.sendMessage({ content: "when was it built", mentionsBot: true });
    await fake.waitForChannelMessage((message) => message.message_reference?.message_id === fromUser.id);

    const botPosts = fake.requests.filter(
      (request) => request.method === "POST" && request.path.includes("/messages"),
    );
    expect(botPosts).toHaveLength(1);
    expect(fake.requests.some((request) => JSON.stringify(request.body ?? "").includes(fromBot.id))).toBe(
      false,
    );
  });

  it("reads mentions and @everyone as no part of the question, and pings no one", async () => {
    const test = await start();
    const { fake } = test;

    const sent = fake.sendMessage({
      content: "@everyone <@1200000000000000003> when was it built",
      mentionsBot: true,
    });
    const reply = await fake.waitForChannelMessage(
      (message) => message.message_reference?.message_id === sent.id,
    );

    expect(reply.mention_everyone).toBe(false);
    expect(reply.mentions).toEqual([]);
    expect(embedOf(reply).author?.name).toBe("Q: when was it built");
    expect(embedOf(reply).title).toBe("1965");
    expect(textOf(embedOf(reply))).not.toMatch(/@everyone/u);
    expect(replyRequest(test, sent.id)?.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it("refuses an over-long question politely without answering it", async () => {
    const { fake } = await start();

    const sent = fake.sendMessage({ content: `why ${"really ".repeat(100)}?`, mentionsBot: true });
    const reply = await fake.waitForChannelMessage(
      (message) => message.message_reference?.message_id === sent.id,
    );

    expect(reply.content).toMatch(/That question is \d+ characters long; please keep it under 500/u);
    expect(reply.embeds).toEqual([]);
  });

  it("stays silent in channels where it may not post, and says why in the log", async () => {
    const { fake, logs } = await start();

    fake.sendMessage({ content: "when was it built", mentionsBot: true, channelId: readOnlyChannel.id });
    const warning = await eventually(
      () => logs.find((line) => line.msg === "cannot reply here: missing permissions"),
      "the missing-permissions warning",
    );

    expect(warning).toMatchObject({ channel: readOnlyChannel.id, missing: ["SendMessages"] });
    expect(fake.requests.filter((request) => request.path.endsWith("/messages"))).toEqual([]);
  });
});

describe("free-text channels from QA_CHANNEL_IDS (servers without settings of their own)", () => {
  it("answers every message in a free-text channel, and only there", async () => {
    const { fake } = await start({ qaChannelIds: [qaChannel.id] });
    const identify = await fake.waitForGatewayPayload((payload) => payload.op === GatewayOpcodes.Identify);
    expect((identify.d as { intents: number }).intents & GatewayIntentBits.MessageContent).toBeTruthy();

    const elsewhere = fake.sendMessage({ content: "when was it built" });
    const inQaChannel = fake.sendMessage({ content: "when was it built", channelId: qaChannel.id });
    const reply = await fake.waitForChannelMessage(
      (message) => message.message_reference?.message_id === inQaChannel.id,
    );

    expect(embedOf(reply).title).toBe("1965");
    expect(fake.requests.some((request) => JSON.stringify(request.body ?? "").includes(elsewhere.id))).toBe(
      false,
    );
  });
  it("stays quiet there on chatter that asks nothing, but asks a mention for a question", async () => {
    const test = await start({ qaChannelIds: [qaChannel.id] });
    const { fake, logs } = test;

    const chatter = fake.sendMessage({ content: "what is it? actually", channelId: qaChannel.id });
    await eventually(
      () => logs.find((line) => line.msg === "message handled" && line.outcome === "ignored"),
      "the chatter handled without a reply",
    );
    const mentioned = fake.sendMessage({ content: "what is it? actually", mentionsBot: true });
    const reply = await fake.waitForChannelMessage(
      (message) => message.message_reference?.message_id === mentioned.id,
    );

    expect(embedOf(reply).description).toContain("I couldn't find anything to look up in that.");
    expect(replyRequest(test, chatter.id)).toBeUndefined();
  });
});
