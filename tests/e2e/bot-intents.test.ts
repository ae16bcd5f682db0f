/**
 * MESSAGE_CONTENT_INTENT against a fake Discord whose application has, or lacks, the Message Content intent
 * switched on: `auto` falls back to running without it, `on` refuses to start, `off` never asks.
 */
import { GatewayCloseCodes, GatewayIntentBits, GatewayOpcodes } from "discord.js";
import { describe, expect, it } from "vitest";
import { describeStartupError, GatewayClosedError } from "../../src/discord/startup-errors.ts";
import { botPerTest, embedOf, type TestBot } from "./bot-harness.ts";
import { fakeDiscordDefaults } from "./fake-discord.ts";

const guild = fakeDiscordDefaults.guilds[0];
if (!guild) throw new Error("expected the fake's default guild");
const qaChannel = { id: "1400000000000000002", name: "ask-the-bot" };
const start = botPerTest((setup) => ({
  ...setup,
  qaChannelIds: [qaChannel.id],
  fake: { guilds: [{ ...guild, channels: [...guild.channels, qaChannel] }], ...setup.fake },
}));

/** Discord's answer when the Bot page of the Developer Portal has Message Content Intent off. */
const intentSwitchedOff = { privilegedIntents: 0 };

const identifiedIntents = (test: TestBot): number[] =>
  test.fake.gatewayPayloads
    .filter((payload) => payload.op === GatewayOpcodes.Identify)
    .map((payload) => (payload.d as { intents: number }).intents);

const asksForMessageContent = (intents: number) => (intents & GatewayIntentBits.MessageContent) !== 0;

/** The description of `/config show` as the server owner sees it. */
async function configShown(test: TestBot): Promise<string> {
  const shown = test.fake.sendInteraction({ name: "config", subcommand: "show", userId: guild?.ownerId });
  return embedOf(await test.fake.waitForInteractionReply(shown.id)).description ?? "";
}

describe("MESSAGE_CONTENT_INTENT=auto (the default)", () => {
  it("runs with the intent when Discord grants it: plain messages in a free-text channel are answered", async () => {
    const test = await start();

    expect(identifiedIntents(test).map(asksForMessageContent)).toEqual([true]);
    const plain = test.fake.sendMessage({ content: "when was it built", channelId: qaChannel.id });
    const reply = await test.fake.waitForChannelMessage(
      (message) => message.message_reference?.message_id === plain.id,
    );
    expect(embedOf(reply).title).toBe("1965");
    expect(await configShown(test)).toContain("Message Content intent: `auto`, granted by Discord.");
    expect(test.logs.filter((line) => line.level === "warn")).toEqual([]);
  });

  it("when Discord refuses the intent with 4014, logs one warning, reconnects without it and still answers mentions", async () => {
    const test = await start({ fake: intentSwitchedOff });

    expect(identifiedIntents(test).map(asksForMessageContent)).toEqual([true, false]);
    const warnings = test.logs.filter((line) => line.level === "warn" || line.level === "error");
    expect(warnings).toEqual([
      expect.objectContaining({
        msg: expect.stringContaining("Discord refused the Message Content intent"),
        code: GatewayCloseCodes.DisallowedIntents,
      }),
    ]);
    expect(test.logs).toContainEqual(
      expect.objectContaining({ msg: "bot ready", messageContentIntent: "auto", messageContent: false }),
    );

    const plain = test.fake.sendMessage({ content: "when was it built", channelId: qaChannel.id });
    const mention = test.fake.sendMessage({
      content: "when was it built",
      channelId: qaChannel.id,
      mentionsBot: true,
    });
    const reply = await test.fake.waitForChannelMessage(
      (message) => message.message_reference?.message_id === mention.id,
    );
    expect(embedOf(reply).title).toBe("1965");
    const shown = await configShown(test);
    expect(shown).toContain("Message Content intent: `auto`, refused by Discord");
    expect(shown).toContain("turn on **Message Content Intent**");
    // The plain message came first; its text arrived blanked, so nothing was sent about it.
    expect(test.fake.requests.some((request) => JSON.stringify(request.body ?? "").includes(plain.id))).toBe(
      false,
    );
  });
});

describe("MESSAGE_CONTENT_INTENT=on", () => {
  it("refuses to start when Discord refuses the intent, with one line saying what to do", async () => {
    const failure = await start({ messageContentIntent: "on", fake: intentSwitchedOff }).catch(
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(GatewayClosedError);
    expect((failure as GatewayClosedError).code).toBe(GatewayCloseCodes.DisallowedIntents);
    expect(describeStartupError(failure)).toMatch(
      /^Discord refused the MESSAGE_CONTENT intent.*Developer Portal/u,
    );
  });
});

describe("MESSAGE_CONTENT_INTENT=off", () => {
  it("never asks for the intent, so Discord has nothing to refuse, and /config show says so", async () => {
    const test = await start({ messageContentIntent: "off", fake: intentSwitchedOff });

    expect(identifiedIntents(test)).toEqual([
      GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages,
    ]);
    expect(await configShown(test)).toContain("Message Content intent: `off`, not asked for");
  });
});
