import { GatewayOpcodes, InteractionResponseType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import type { Command } from "../../src/discord/command.ts";
import { botPerTest, embedOf, eventually, realEngine, realEngineWith } from "./bot-harness.ts";

const start = botPerTest();

/** The real engine, except that answering "break please" throws like a bug in the core would. */
const brittleEngine = realEngineWith({
  answer: (question) => {
    if (question === "break please") throw new Error("index exploded");
    return realEngine().answer(question);
  },
});

/** A command that defers and then fails, as a handler with a bug after acknowledging would. */
const failingAfterDefer: Command = {
  data: new SlashCommandBuilder().setName("flashcards").setDescription("Review flashcards"),
  access: "question",
  async execute(interaction) {
    await interaction.deferReply();
    throw new Error("flashcard deck failed");
  },
};

describe("failures inside handlers", () => {
  it("apologizes privately when a command throws, logs it with context, and answers the next command", async () => {
    const { fake, logs } = await start({ engine: brittleEngine });

    const broken = fake.sendInteraction({ name: "ask", options: { question: "break please" } });
    const apology = await fake.waitForInteractionReply(broken.id);
    expect(apology.flags).toBe(MessageFlags.Ephemeral);
    expect(apology.content).toContain("Sorry, something went wrong");
    const logged = await eventually(
      () => logs.find((line) => line.msg === "interaction failed"),
      "the error log",
    );
    expect(logged).toMatchObject({
      level: "error",
      command: "ask",
      guild: fake.defaultGuildId,
      error: { message: "index exploded" },
    });

    const next = fake.sendInteraction({ name: "ask", options: { question: "when was it built" } });
    expect(embedOf(await fake.waitForInteractionReply(next.id)).title).toBe("1965");
  });

  it("fills a deferred reply with the apology when a command fails after deferring", async () => {
    const { fake } = await start({ commands: [...commands, failingAfterDefer] });

    const sent = fake.sendInteraction({ name: "flashcards" });
    const events = await fake.waitForInteractionResponse(sent.id);

    expect(events.map((event) => event.kind)).toEqual(["callback", "followUp"]);
    expect(events[0]?.callbackType).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect((await fake.waitForInteractionReply(sent.id)).content).toContain("Sorry, something went wrong");
    const after = fake.sendInteraction({ name: "sections" });
    expect(embedOf(await fake.waitForInteractionReply(after.id)).title).toBe("Lal Masjid");
  });

  it("apologizes in the thread of a mention whose answering failed, and keeps answering", async () => {
    const { fake } = await start({ engine: brittleEngine });

    const broken = fake.sendMessage({ content: "break please", mentionsBot: true });
    const apology = await fake.waitForChannelMessage(
      (message) => message.message_reference?.message_id === broken.id,
    );
    expect(apology.content).toContain("Sorry, something went wrong");

    const next = fake.sendMessage({ content: "when was it built", mentionsBot: true });
    const reply = await fake.waitForChannelMessage(
      (message) => message.message_reference?.message_id === next.id,
    );
    expect(embedOf(reply).title).toBe("1965");
  });

  it("tells the user a command is unknown when Discord still lists one the bot no longer has", async () => {
    const { fake } = await start();

    const sent = fake.sendInteraction({ name: "flashcards" });
    const reply = await fake.waitForInteractionReply(sent.id);

    expect(reply.flags).toBe(MessageFlags.Ephemeral);
    expect(reply.content).toContain("I don't know this command");
  });
});

describe("connection faults", () => {
  it("resumes after the gateway connection drops mid-session and answers again", async () => {
    const { fake, bot } = await start();
    const first = fake.sendInteraction({ name: "ask", options: { question: "when was it built" } });
    await fake.waitForInteractionReply(first.id);
    const resumed = new Promise<void>((resolve) => bot.client.once("shardResume", () => resolve()));

    fake.dropConnection();
    const duringDrop = fake.sendInteraction({
      name: "ask",
      options: { question: "who was appointed its first imam?" },
    });
    await fake.waitForGatewayPayload((payload) => payload.op === GatewayOpcodes.Resume);
    await resumed;

    const replayed = await fake.waitForInteractionReply(duringDrop.id);
    expect(embedOf(replayed).description).toContain("Maulana Muhammad Abdullah");
    const later = fake.sendInteraction({ name: "ask", options: { question: "when was it built" } });
    expect(embedOf(await fake.waitForInteractionReply(later.id)).title).toBe("1965");
  });

  it("delivers an interaction reply exactly once after a 429, leaving the retry to discord.js", async () => {
    const { fake } = await start();
    fake.failNext({
      method: "POST",
      pathPattern: /^\/interactions\/\d+\/[^/]+\/callback$/u,
      status: 429,
      retryAfter: 0.2,
    });

    const sent = fake.sendInteraction({ name: "ask", options: { question: "when was it built" } });
    const reply = await fake.waitForInteractionReply(sent.id);

    expect(embedOf(reply).title).toBe("1965");
    const callbacks = fake.requests.filter(
      (request) => request.path === `/interactions/${sent.id}/${sent.token}/callback`,
    );
    expect(callbacks.map((request) => request.status)).toEqual([429, 204]);
    expect(await fake.waitForInteractionResponse(sent.id)).toHaveLength(1);
  });

  it("delivers a message reply exactly once after a 429", async () => {
    const { fake } = await start();
    fake.failNext({
      method: "POST",
      pathPattern: /^\/channels\/\d+\/messages$/u,
      status: 429,
      retryAfter: 0.2,
    });

    const sent = fake.sendMessage({ content: "when was it built", mentionsBot: true });
    await fake.waitForChannelMessage((message) => message.message_reference?.message_id === sent.id);

    const posts = fake.requests.filter(
      (request) => request.method === "POST" && request.path.endsWith("/messages"),
    );
    expect(posts.map((request) => request.status)).toEqual([429, 200]);
  });
});

describe("graceful shutdown", () => {
  it("finishes a reply in flight before disconnecting, and turns away what comes after", async () => {
    let answering: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      answering = resolve;
    });
    const slowEngine = realEngineWith({
      answer: async (question) => {
        answering();
        await new Promise((resolve) => setTimeout(resolve, 300));
        return realEngine().answer(question);
      },
    });
    const { fake, bot } = await start({ engine: slowEngine });
    const sent = fake.sendInteraction({ name: "ask", options: { question: "when was it built" } });
    await started;

    const stopping = bot.shutdown();
    const late = fake.sendInteraction({ name: "ask", options: { question: "when was it built" } });
    const turnedAway = await fake.waitForInteractionReply(late.id);
    await stopping;

    expect(turnedAway).toMatchObject({
      flags: MessageFlags.Ephemeral,
      content: expect.stringContaining("restarting"),
    });
    expect(embedOf(await fake.waitForInteractionReply(sent.id, 100)).title).toBe("1965");
    await eventually(
      () => fake.gatewayConnections.every((connection) => connection.closedAt !== undefined) || undefined,
      "the gateway to close",
    );
  });

  it("does not wait for a stuck reply longer than the grace period", async () => {
    const stuckEngine = realEngineWith({ answer: () => new Promise(() => {}) });
    const { fake, bot, logs } = await start({
      engine: stuckEngine,
      options: { shutdownGraceMs: 200, deferAfterMs: 50 },
    });
    const sent = fake.sendInteraction({ name: "ask", options: { question: "when was it built" } });
    await fake.waitForInteractionResponse(sent.id, 5000, (events) => events.length > 0);

    const begun = Date.now();
    await bot.shutdown();

    expect(Date.now() - begun).toBeLessThan(1000);
    expect(
      logs.find((line) => line.msg === "shutdown grace period ended with replies unfinished"),
    ).toMatchObject({
      count: 1,
    });
  });
});
