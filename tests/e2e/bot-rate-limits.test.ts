/**
 * Cooldowns and server rate caps under bursts of 50 questions, through the fake Discord and the real client:
 * exactly the allowed questions are answered, and each member is told once (privately, or with one ⏳).
 */
import { MessageFlags } from "discord.js";
import { describe, expect, it } from "vitest";
import type { GuildSettings } from "../../src/storage/guild-settings.ts";
import { botPerTest, eventually, type TestBot } from "./bot-harness.ts";
import { type FakeDiscord, fakeDiscordDefaults, type InteractionResponseEvent } from "./fake-discord.ts";

const base = fakeDiscordDefaults.guilds[0];
if (!base) throw new Error("expected the fake's default guild");
const aliceId = "1200000000000000002";
const bobId = "1200000000000000003";
const askChannel = { id: "1400000000000000002", name: "ask-the-bot" };
const students = Array.from({ length: 50 }, (_, n) => ({
  id: String(1210000000000000000n + BigInt(n)),
  username: `student-${n}`,
}));
const busyGuild = {
  ...base,
  channels: [...base.channels, askChannel],
  members: [...base.members, ...students.map((user) => ({ user }))],
};

const startBot = botPerTest();

function start(limits: Pick<GuildSettings, "cooldownSeconds" | "questionsPerMinute">): Promise<TestBot> {
  return startBot({ fake: { guilds: [busyGuild] }, qaChannelIds: [askChannel.id], guildDefaults: limits });
}

/** Sends `/ask` once for each asker, all at once, and returns what the bot did for each, in order. */
async function askAll(fake: FakeDiscord, askers: readonly string[]): Promise<InteractionResponseEvent[][]> {
  const sent = askers.map((userId) =>
    fake.sendInteraction({ name: "ask", options: { question: "when was it built" }, userId }),
  );
  return Promise.all(sent.map((interaction) => fake.waitForInteractionResponse(interaction.id)));
}

/** Sorts each interaction's single answer: an answer embed, the wait notice, or the bare ⏳. */
function tally(responses: readonly InteractionResponseEvent[][]) {
  const messages = responses.map((events) => {
    expect(events).toHaveLength(1);
    const message = events[0]?.message;
    if (!message) throw new Error("expected a message");
    return message;
  });
  const refusals = messages.filter((message) => message.embeds.length === 0);
  for (const refusal of refusals) expect(refusal.flags).toBe(MessageFlags.Ephemeral);
  return {
    answers: messages.filter((message) => message.embeds[0]?.title === "1965").length,
    notices: refusals.filter((message) => message.content.length > 2).map((message) => message.content),
    bare: refusals.filter((message) => message.content === "⏳").length,
  };
}

describe("cooldowns and rate caps for /ask", () => {
  it("answers one of 50 questions a member sends at once, tells them once, and only ⏳ after that", async () => {
    const { fake } = await start({ cooldownSeconds: 10, questionsPerMinute: 600 });

    const first = tally(await askAll(fake, Array(50).fill(aliceId)));
    const again = tally(await askAll(fake, Array(5).fill(aliceId)));
    const other = tally(await askAll(fake, [bobId]));

    expect(first.answers).toBe(1);
    expect(first.notices).toHaveLength(1);
    expect(first.notices[0]).toMatch(/^⏳ One question at a time: you can ask again in (9|10) seconds/u);
    expect(first.bare).toBe(48);
    expect(again).toEqual({ answers: 0, notices: [], bare: 5 });
    expect(other.answers).toBe(1);
  });

  it("answers the server's cap out of 50 members asking at once and tells each of the rest once", async () => {
    const { fake } = await start({ cooldownSeconds: 10, questionsPerMinute: 20 });
    const askers = students.map((student) => student.id);

    const responses = await askAll(fake, askers);
    const burst = tally(responses);
    const refusedAskers = askers.filter((_, index) => responses[index]?.[0]?.message?.embeds.length === 0);
    const retry = tally(await askAll(fake, refusedAskers));

    expect(burst.answers).toBe(20);
    expect(burst.notices).toHaveLength(30);
    for (const notice of burst.notices) expect(notice).toContain("This server has reached its limit");
    expect(retry.notices).toEqual([]);
    expect(retry.answers).toBeLessThanOrEqual(1);
  });
});

describe("cooldowns and rate caps in a free-text channel", () => {
  const reactions = (fake: FakeDiscord) =>
    fake.requests.filter((request) => request.method === "PUT" && request.path.includes("/reactions/⏳/"));
  const replies = (fake: FakeDiscord) =>
    fake.requests.filter(
      (request) => request.method === "POST" && request.path === `/channels/${askChannel.id}/messages`,
    );

  /**
   * Sends a question in a DM (where the server's cap does not apply) and waits for its answer: every message
   * before it has been handled.
   */
  async function settle(fake: FakeDiscord): Promise<void> {
    const control = fake.sendMessage({ content: "when was it built", dm: true, authorId: bobId });
    await fake.waitForChannelMessage((message) => message.message_reference?.message_id === control.id);
  }

  it("answers one of 50 messages a member sends at once and marks the first refused one with a single ⏳", async () => {
    const { fake } = await start({ cooldownSeconds: 10, questionsPerMinute: 600 });

    const sent = Array.from({ length: 50 }, () =>
      fake.sendMessage({ content: "when was it built", channelId: askChannel.id, authorId: aliceId }),
    );
    await eventually(
      () => (replies(fake).length >= 1 && reactions(fake).length >= 1) || undefined,
      "a reply and a ⏳",
    );
    await settle(fake);

    expect(replies(fake)).toHaveLength(1);
    expect(reactions(fake).map((request) => request.path)).toEqual([
      `/channels/${askChannel.id}/messages/${sent[1]?.id}/reactions/⏳/@me`,
    ]);
  });

  it("answers the server's cap out of 50 members and gives each of the rest one ⏳, and no channel message", async () => {
    const { fake } = await start({ cooldownSeconds: 10, questionsPerMinute: 20 });

    for (const student of students) {
      fake.sendMessage({ content: "when was it built", channelId: askChannel.id, authorId: student.id });
    }
    await eventually(
      () => (replies(fake).length >= 20 && reactions(fake).length >= 30) || undefined,
      "the burst",
    );
    const answered = replies(fake).length;
    // Ten of those told to wait try again at once: nothing more for them.
    for (const student of students.slice(20, 30)) {
      fake.sendMessage({ content: "when was it built", channelId: askChannel.id, authorId: student.id });
    }
    await settle(fake);

    expect(answered).toBe(20);
    expect(reactions(fake)).toHaveLength(30);
    expect(replies(fake).length - answered).toBeLessThanOrEqual(1);
  }, 15_000);
});
