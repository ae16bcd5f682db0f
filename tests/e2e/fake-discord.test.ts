import { inflateSync } from "node:zlib";
import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ApplicationCommandPermissionType,
  ApplicationCommandType,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  type ClientEvents,
  type ClientOptions,
  type DiscordAPIError,
  GatewayCloseCodes,
  GatewayIntentBits,
  GatewayOpcodes,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  ModalBuilder,
  OverwriteType,
  Partials,
  PermissionFlagsBits,
  Routes,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
} from "discord.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { WebSocket } from "ws";
import {
  FakeDiscord,
  type FakeDiscordOptions,
  type FakeGuild,
  fakeDiscordDefaults,
  shardOf,
  shardTestGuildIds,
} from "./fake-discord.ts";

function fail(message: string): never {
  throw new Error(message);
}

const bobId =
  fakeDiscordDefaults.guilds[0]?.members.find((member) => member.user.username === "bob")?.user.id ?? "";

let fake: FakeDiscord | undefined;
let client: Client | undefined;
/** Clients of sharding tests, which may run several at once. */
let shardClients: Client[] = [];

afterEach(async () => {
  await client?.destroy();
  for (const shardClient of shardClients) await shardClient.destroy();
  await fake?.stop();
  client = undefined;
  shardClients = [];
  fake = undefined;
});

/** Resolves with the next client event that matches, or rejects after `timeoutMs`. */
function nextClientEvent<Event extends keyof ClientEvents>(
  emitter: Client,
  event: Event,
  matches: (...args: ClientEvents[Event]) => boolean = () => true,
  timeoutMs = 5000,
): Promise<ClientEvents[Event]> {
  return new Promise((resolve, reject) => {
    const listener = (...args: ClientEvents[Event]) => {
      if (!matches(...args)) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args);
    };
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`No ${event} event within ${timeoutMs} ms`));
    }, timeoutMs);
    emitter.on(event, listener);
  });
}

/** Starts a fake and logs a real client into it with the bot's production intents. */
async function startBot(options: Partial<FakeDiscordOptions> = {}) {
  const started = await FakeDiscord.start(options);
  fake = started;
  const bot = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    rest: { api: started.apiBase },
  });
  client = bot;
  const ready = nextClientEvent(bot, "clientReady");
  await bot.login(started.options.token);
  const [readyClient] = await ready;
  return { fake: started, client: readyClient };
}

/** A fake whose application has only `privilegedIntents` switched on, and a client asking for Message Content. */
async function clientAskingForMessageContent(privilegedIntents: number) {
  const started = await FakeDiscord.start({ privilegedIntents });
  fake = started;
  const bot = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.MessageContent],
    rest: { api: started.apiBase },
  });
  client = bot;
  return { started, bot };
}

/** Registers an /ask command like the bot's own, so interactions take their option types from it. */
async function registerAsk(readyClient: Client<true>) {
  await readyClient.application.commands.set([
    {
      name: "ask",
      description: "Ask a question about the study articles",
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: "question",
          description: "What you want to know",
          required: true,
          autocomplete: true,
        },
        { type: ApplicationCommandOptionType.User, name: "for", description: "Who the answer is for" },
      ],
    },
  ]);
}

/** Resolves with the first JSON text frame the socket receives. */
function nextJson(socket: WebSocket): Promise<{ op: number; d: unknown; t: string | null }> {
  return new Promise((resolve) => socket.once("message", (data) => resolve(JSON.parse(data.toString()))));
}

/**
 * Opens a raw gateway socket to `started` and, after HELLO, sends IDENTIFY with the right token and `data`;
 * `ready` is the next frame (READY unless refused), `closed` the close code.
 */
async function identifyOnRawSocket(started: FakeDiscord, data: { intents: number; shard?: unknown }) {
  const socket = new WebSocket(`${started.gatewayUrl}?v=10&encoding=json`);
  await nextJson(socket);
  const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
  const ready = nextJson(socket);
  socket.send(JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: started.options.token, ...data } }));
  return { socket, closed, ready };
}

describe("a real discord.js Client against FakeDiscord", () => {
  it("becomes ready and sees the guild with its channels", async () => {
    const { fake, client } = await startBot();

    expect(client.user.id).toBe(fake.botUserId);
    const guild = client.guilds.cache.get(fake.defaultGuildId);
    expect(guild?.name).toBe("Study Hall");
    expect(guild?.channels.cache.get(fake.defaultChannelId)?.name).toBe("general");
    const identify = fake.gatewayPayloads.find((payload) => payload.op === GatewayOpcodes.Identify);
    expect(identify?.d).toMatchObject({
      token: fake.options.token,
      intents: GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages,
    });
    expect(fake.gatewayConnections[0]?.query).toMatchObject({ v: "10", encoding: "json" });
  });

  it("delivers a slash command with its options and member, and records the ephemeral reply", async () => {
    const { fake, client } = await startBot();
    await registerAsk(client);
    const received = nextClientEvent(client, "interactionCreate");

    const sent = fake.sendInteraction({
      name: "ask",
      options: { question: "When was Faisal Mosque built?", for: bobId },
    });
    const [interaction] = await received;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
    expect(interaction.commandName).toBe("ask");
    expect(interaction.options.getString("question")).toBe("When was Faisal Mosque built?");
    expect(interaction.options.getUser("for")?.username).toBe("bob");
    expect(interaction.options.getMember("for")).toMatchObject({ id: bobId });
    expect(interaction.channelId).toBe(fake.defaultChannelId);
    expect(interaction.guildId).toBe(fake.defaultGuildId);
    expect(interaction.member?.user.id).toBe(fake.defaultUserId);
    expect(interaction.user.username).toBe("alice");
    await interaction.reply({ content: "It was completed in 1986.", flags: MessageFlags.Ephemeral });

    const reply = await fake.waitForInteractionReply(sent.id);
    expect(reply.content).toBe("It was completed in 1986.");
    expect(reply.flags).toBe(MessageFlags.Ephemeral);
    const callback = await fake.waitForRequest((request) =>
      request.path.endsWith(`/${sent.id}/${sent.token}/callback`),
    );
    expect(callback).toMatchObject({
      method: "POST",
      status: 204,
      query: { with_response: "false" },
      body: {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: { content: "It was completed in 1986." },
      },
    });
    expect(callback.headers.authorization).toBeUndefined();
  });

  it("records a deferred reply and its edit in order", async () => {
    const { fake, client } = await startBot();
    const received = nextClientEvent(client, "interactionCreate");
    const sent = fake.sendInteraction({ name: "slow", options: { topic: "architecture" } });
    const [interaction] = await received;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");

    await interaction.deferReply();
    await interaction.editReply("The mosque was designed by Vedat Dalokay.");

    const events = await fake.waitForInteractionResponse(sent.id);
    expect(events.map((event) => event.kind)).toEqual(["callback", "editOriginal"]);
    expect(events[0]?.callbackType).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(events[0]?.message?.flags).toBe(MessageFlags.Loading);
    const reply = await fake.waitForInteractionReply(sent.id);
    expect(reply.content).toBe("The mosque was designed by Vedat Dalokay.");
    expect(reply.flags).toBe(0);
    const editRequest = await fake.waitForRequest((request) => request.method === "PATCH");
    expect(editRequest.rawPath).toContain("/messages/%40original");
  });

  it("fills an ephemeral deferred reply with the first follow-up and posts later ones as new messages", async () => {
    const { fake, client } = await startBot();
    const received = nextClientEvent(client, "interactionCreate");
    const sent = fake.sendInteraction({ name: "slow" });
    const [interaction] = await received;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");

    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const first = await interaction.followUp("Here is the answer.");
    const second = await interaction.followUp({ content: "And a source.", flags: MessageFlags.Ephemeral });

    const events = await fake.waitForInteractionResponse(sent.id, 5000, (answers) => answers.length === 3);
    expect(events.map((event) => event.kind)).toEqual(["callback", "followUp", "followUp"]);
    expect(first.id).toBe(events[0]?.message?.id);
    expect(second.id).not.toBe(first.id);
    expect(await fake.waitForInteractionReply(sent.id)).toMatchObject({
      content: "Here is the answer.",
      flags: MessageFlags.Ephemeral,
    });
  });

  it("records an autocomplete response", async () => {
    const { fake, client } = await startBot();
    await registerAsk(client);
    const received = nextClientEvent(client, "interactionCreate");
    const sent = fake.sendInteraction({
      type: InteractionType.ApplicationCommandAutocomplete,
      name: "ask",
      options: { question: "Fai" },
      focused: "question",
    });
    const [interaction] = await received;
    if (!interaction.isAutocomplete()) throw new Error("expected an autocomplete interaction");
    expect(interaction.options.getFocused(true)).toMatchObject({ name: "question", value: "Fai" });

    await interaction.respond([{ name: "Faisal Mosque", value: "faisal-mosque" }]);

    const [callback] = await fake.waitForInteractionResponse(sent.id);
    expect(callback?.callbackType).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(callback?.body).toMatchObject({
      data: { choices: [{ name: "Faisal Mosque", value: "faisal-mosque" }] },
    });
  });

  it("lets a button interaction update the message that carries the button", async () => {
    const { fake, client } = await startBot();
    const channel = client.channels.cache.get(fake.defaultChannelId);
    if (channel?.type !== ChannelType.GuildText) throw new Error("expected the text channel");
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId("more:faisal").setLabel("More").setStyle(ButtonStyle.Primary),
    );
    const posted = await channel.send({ content: "Faisal Mosque is in Islamabad.", components: [row] });
    const received = nextClientEvent(client, "interactionCreate");

    const sent = fake.sendInteraction({ type: InteractionType.MessageComponent, customId: "more:faisal" });
    const [interaction] = await received;
    if (!interaction.isButton()) throw new Error("expected a button interaction");
    expect(interaction.message.id).toBe(posted.id);
    await interaction.update({ content: "It can hold 300,000 worshippers.", components: [] });

    const shown = await fake.waitForInteractionReply(sent.id);
    expect(shown).toMatchObject({
      id: posted.id,
      content: "It can hold 300,000 worshippers.",
      components: [],
    });
    expect(fake.message(posted.id)?.content).toBe("It can hold 300,000 worshippers.");
  });

  it("delivers a select menu choice, reading the component type from the message", async () => {
    const { fake, client } = await startBot();
    const channel = client.channels.cache.get(fake.defaultChannelId);
    if (channel?.type !== ChannelType.GuildText) throw new Error("expected the text channel");
    const menu = new StringSelectMenuBuilder()
      .setCustomId("topic")
      .addOptions({ label: "History", value: "history" }, { label: "Architecture", value: "architecture" });
    await channel.send({
      content: "Pick a topic",
      components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)],
    });
    const received = nextClientEvent(client, "interactionCreate");

    fake.sendInteraction({
      type: InteractionType.MessageComponent,
      customId: "topic",
      values: ["architecture"],
    });
    const [interaction] = await received;

    if (!interaction.isStringSelectMenu()) throw new Error("expected a string select interaction");
    expect(interaction.values).toEqual(["architecture"]);
  });

  it("delivers a user context menu command with its target resolved", async () => {
    const { fake, client } = await startBot();
    await client.application.commands.set([{ name: "Study buddy", type: ApplicationCommandType.User }]);
    const received = nextClientEvent(client, "interactionCreate");

    fake.sendInteraction({ name: "Study buddy", targetId: bobId });
    const [interaction] = await received;

    if (!interaction.isUserContextMenuCommand()) throw new Error("expected a user context menu command");
    expect(interaction.targetUser.username).toBe("bob");
    expect(interaction.targetMember).toMatchObject({ id: bobId });
  });

  it("opens a modal from a button and receives its submission", async () => {
    const { fake, client } = await startBot();
    const channel = client.channels.cache.get(fake.defaultChannelId);
    if (channel?.type !== ChannelType.GuildText) throw new Error("expected the text channel");
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId("feedback").setLabel("Feedback").setStyle(ButtonStyle.Secondary),
    );
    const posted = await channel.send({ content: "Was this useful?", components: [row] });
    const openForm = nextClientEvent(client, "interactionCreate");

    const button = fake.sendInteraction({
      type: InteractionType.MessageComponent,
      customId: "feedback",
      message: posted.id,
    });
    const [buttonInteraction] = await openForm;
    if (!buttonInteraction.isButton()) throw new Error("expected a button interaction");
    await buttonInteraction.showModal(
      new ModalBuilder()
        .setCustomId("feedback-form")
        .setTitle("Feedback")
        .addComponents(
          new ActionRowBuilder<TextInputBuilder>().addComponents(
            new TextInputBuilder()
              .setCustomId("comment")
              .setLabel("Comment")
              .setStyle(TextInputStyle.Paragraph),
          ),
        ),
    );
    const [modalCallback] = await fake.waitForInteractionResponse(button.id);
    expect(modalCallback?.callbackType).toBe(InteractionResponseType.Modal);
    const submitted = nextClientEvent(client, "interactionCreate");

    const submission = fake.sendInteraction({
      type: InteractionType.ModalSubmit,
      customId: "feedback-form",
      fields: { comment: "Very clear, thanks" },
    });
    const [modalInteraction] = await submitted;
    if (!modalInteraction.isModalSubmit()) throw new Error("expected a modal submission");
    expect(modalInteraction.fields.getTextInputValue("comment")).toBe("Very clear, thanks");
    await modalInteraction.reply({ content: "Thanks for the feedback!", flags: MessageFlags.Ephemeral });
    expect((await fake.waitForInteractionReply(submission.id)).content).toBe("Thanks for the feedback!");
  });

  it("delivers a guild message that mentions the bot, and records the reply with its message_reference", async () => {
    const { fake, client } = await startBot();
    const fromUser = nextClientEvent(client, "messageCreate", (message) => !message.author.bot);

    const sent = fake.sendMessage({ content: "what is the tallest minaret?", mentionsBot: true });
    const [message] = await fromUser;
    expect(message.content).toBe(`<@${fake.botUserId}> what is the tallest minaret?`);
    expect(message.mentions.users.has(fake.botUserId)).toBe(true);
    expect(message.member?.id).toBe(fake.defaultUserId);
    const echo = nextClientEvent(client, "messageCreate", (echoed) => echoed.author.id === fake?.botUserId);
    await message.reply("Faisal Mosque's minarets are 90 m tall.");

    const reply = await fake.waitForChannelMessage(
      (posted) => posted.message_reference?.message_id === sent.id,
    );
    expect(reply.content).toBe("Faisal Mosque's minarets are 90 m tall.");
    expect(reply.channel_id).toBe(fake.defaultChannelId);
    const [echoed] = await echo;
    expect(echoed.id).toBe(reply.id);
  });

  it("records files the bot uploads and the reactions it adds", async () => {
    const { fake, client } = await startBot();
    const channel = client.channels.cache.get(fake.defaultChannelId);
    if (channel?.type !== ChannelType.GuildText) throw new Error("expected the text channel");

    const posted = await channel.send({
      content: "Notes attached.",
      files: [{ attachment: Buffer.from("Faisal Mosque, 1986"), name: "notes.txt" }],
    });
    await posted.react("👍");

    const upload = await fake.waitForRequest((request) => request.files.length > 0);
    expect(upload.body).toMatchObject({ content: "Notes attached." });
    expect(upload.files[0]).toMatchObject({ filename: "notes.txt" });
    expect(upload.files[0]?.data.toString()).toBe("Faisal Mosque, 1986");
    expect(posted.attachments.first()?.name).toBe("notes.txt");
    expect(fake.message(posted.id)?.reactions).toMatchObject([{ emoji: { name: "👍" }, count: 1, me: true }]);
  });

  it("refuses to post where the bot lacks Send Messages, with 403 50013", async () => {
    const guild = fakeDiscordDefaults.guilds[0];
    if (!guild) throw new Error("expected the default guild");
    const readOnly = {
      id: "1400000000000000009",
      name: "announcements",
      permissionOverwrites: [
        { id: guild.id, type: OverwriteType.Role, deny: PermissionFlagsBits.SendMessages },
      ],
    };
    const { fake, client } = await startBot({
      guilds: [{ ...guild, channels: [...guild.channels, readOnly] }],
    });
    const channel = client.channels.cache.get(readOnly.id);
    if (channel?.type !== ChannelType.GuildText) throw new Error("expected the text channel");

    await expect(channel.send("Hello")).rejects.toMatchObject({ status: 403, code: 50013 });
    expect(channel.permissionsFor(fake.botUserId)?.has(PermissionFlagsBits.SendMessages)).toBe(false);
  });

  it("answers the bot's lookups of its application, members, roles and channels", async () => {
    const { fake, client } = await startBot();
    const guild = client.guilds.cache.get(fake.defaultGuildId);
    if (!guild) throw new Error("expected the guild");

    const application = await client.application.fetch();
    const bob = await guild.members.fetch(bobId);
    const roles = await guild.roles.fetch();
    const channel = await client.channels.fetch(fake.defaultChannelId, { force: true });

    expect(application.name).toBe(fake.options.applicationName);
    expect(bob.roles.cache.map((role) => role.name)).toContain("Moderator");
    expect(roles.map((role) => role.name)).toEqual(expect.arrayContaining(["@everyone", "Moderator"]));
    expect(channel?.id).toBe(fake.defaultChannelId);
    await expect(guild.members.fetch("1299999999999999999")).rejects.toMatchObject({ code: 10007 });
    await expect(client.rest.get("/voice/regions")).rejects.toMatchObject({ status: 404, code: 0 });
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: "/voice/regions", status: 404 });
  });

  it("blanks guild message content without the MessageContent intent unless the bot is mentioned", async () => {
    const { fake, client } = await startBot();
    const received = nextClientEvent(client, "messageCreate");

    fake.sendMessage({ content: "just chatting" });
    const [message] = await received;
    expect(message.content).toBe("");
  });

  it("delivers a direct message, and the bot can answer in the DM", async () => {
    const { fake, client } = await startBot();
    const received = nextClientEvent(client, "messageCreate");

    const sent = fake.sendMessage({ dm: true, content: "hello bot" });
    const [message] = await received;
    expect(message.channel.type).toBe(ChannelType.DM);
    expect(message.inGuild()).toBe(false);
    expect(message.content).toBe("hello bot");
    await message.channel.send("Hello! Ask me about the articles.");

    const reply = await fake.waitForChannelMessage((posted) => posted.channel_id === sent.channelId);
    expect(reply.content).toBe("Hello! Ask me about the articles.");

    const toBob = await client.users.send(bobId, "Your quiz is ready.");
    const opened = await fake.waitForRequest((request) => request.path === "/users/@me/channels");
    expect(opened.body).toEqual({ recipient_id: bobId });
    expect(toBob.channel.type).toBe(ChannelType.DM);
  });

  it("retries an interaction reply after a 429 so it arrives exactly once", async () => {
    const { fake, client } = await startBot();
    fake.failNext({
      method: "POST",
      pathPattern: /^\/interactions\/\d+\/[^/]+\/callback$/,
      status: 429,
      retryAfter: 0.2,
    });
    const received = nextClientEvent(client, "interactionCreate");
    const sent = fake.sendInteraction({ name: "ping" });
    const [interaction] = await received;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");

    await interaction.reply("pong");

    const callbacks = fake.requests.filter(
      (request) => request.path === `/interactions/${sent.id}/${sent.token}/callback`,
    );
    expect(callbacks.map((request) => request.status)).toEqual([429, 204]);
    const [limited, accepted] = callbacks;
    expect((accepted?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(200);
    expect(await fake.waitForInteractionResponse(sent.id)).toHaveLength(1);
  });

  it("retries a channel message after a 500 and stores it once", async () => {
    const { fake, client } = await startBot();
    fake.failNext({ method: "POST", pathPattern: /^\/channels\/\d+\/messages$/, status: 500 });
    const channel = client.channels.cache.get(fake.defaultChannelId);
    if (channel?.type !== ChannelType.GuildText) throw new Error("expected the text channel");

    const posted = await channel.send("Reading list updated.");

    const attempts = fake.requests.filter(
      (request) => request.path === `/channels/${fake.defaultChannelId}/messages`,
    );
    expect(attempts.map((request) => request.status)).toEqual([500, 200]);
    expect(fake.message(posted.id)?.content).toBe("Reading list updated.");
  });

  it.each([
    { drop: "a TCP drop", closeCode: undefined },
    { drop: "close code 4000", closeCode: 4000 },
  ])("resumes through /resume after $drop and replays what it missed", async ({ closeCode }) => {
    const { fake, client } = await startBot();
    const resumed = nextClientEvent(client, "shardResume");
    const received = nextClientEvent(client, "interactionCreate");

    fake.dropConnection({ closeCode });
    const sent = fake.sendInteraction({ name: "ping" });
    const resume = await fake.waitForGatewayPayload((payload) => payload.op === GatewayOpcodes.Resume);
    await resumed;
    const [interaction] = await received;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
    await interaction.reply("pong after resume");

    expect(fake.gatewayConnections.find((connection) => connection.id === resume.connectionId)?.path).toBe(
      "/resume",
    );
    expect(resume.d).toMatchObject({ token: fake.options.token });
    expect((await fake.waitForInteractionReply(sent.id)).content).toBe("pong after resume");
    const later = fake.sendInteraction({ name: "ping" });
    const [laterInteraction] = await nextClientEvent(client, "interactionCreate");
    if (!laterInteraction.isChatInputCommand()) throw new Error("expected a chat input command");
    await laterInteraction.reply("still here");
    expect((await fake.waitForInteractionReply(later.id)).content).toBe("still here");
  });

  it("resumes when the gateway sends op 7 RECONNECT", async () => {
    const { fake, client } = await startBot();
    const resumed = nextClientEvent(client, "shardResume");

    fake.requestReconnect();

    await resumed;
    const resume = await fake.waitForGatewayPayload((payload) => payload.op === GatewayOpcodes.Resume);
    expect(fake.gatewayConnections.find((connection) => connection.id === resume.connectionId)?.path).toBe(
      "/resume",
    );
  });

  it("resumes on the same connection after a resumable INVALID_SESSION", async () => {
    const { fake, client } = await startBot();
    const resumed = nextClientEvent(client, "shardResume");

    fake.sendInvalidSession(true);

    await resumed;
    const resume = await fake.waitForGatewayPayload((payload) => payload.op === GatewayOpcodes.Resume);
    expect(resume.connectionId).toBe(1);
    expect(fake.gatewayConnections).toHaveLength(1);
  });

  it("acknowledges heartbeats, so the client keeps its connection", async () => {
    const { fake } = await startBot({ heartbeatIntervalMs: 40 });

    await fake.waitForGatewayPayload((payload) => payload.op === GatewayOpcodes.Heartbeat);
    const heartbeats = () =>
      fake.gatewayPayloads.filter((payload) => payload.op === GatewayOpcodes.Heartbeat);
    await fake.waitForGatewayPayload(
      (payload) => payload.op === GatewayOpcodes.Heartbeat && heartbeats().length >= 3,
    );

    // Without an ACK, discord.js would drop the connection as a zombie at its next heartbeat.
    expect(fake.gatewayConnections).toHaveLength(1);
    expect(fake.gatewayConnections[0]?.closedAt).toBeUndefined();
  });

  it("takes option types from a registered subcommand", async () => {
    const { fake, client } = await startBot();
    await client.application.commands.set([
      {
        name: "quiz",
        description: "Practice with questions from the articles",
        options: [
          {
            type: ApplicationCommandOptionType.Subcommand,
            name: "start",
            description: "Start a quiz",
            options: [
              {
                type: ApplicationCommandOptionType.Integer,
                name: "rounds",
                description: "How many",
                max_value: 10,
              },
            ],
          },
        ],
      },
    ]);
    const received = nextClientEvent(client, "interactionCreate");

    fake.sendInteraction({ name: "quiz", subcommand: "start", options: { rounds: 3 } });
    const [interaction] = await received;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
    expect(interaction.options.getSubcommand()).toBe("start");
    expect(interaction.options.getInteger("rounds")).toBe(3);
    expect(() =>
      fake.sendInteraction({ name: "quiz", subcommand: "start", options: { rounds: 11 } }),
    ).toThrow(/above 10/);
    expect(() => fake.sendInteraction({ name: "quiz", options: { rounds: 3 } })).toThrow(
      /needs a subcommand/,
    );
  });

  it("offers a command to members without its default permissions only when Integrations allows them", async () => {
    const { fake, client } = await startBot();
    await client.application.commands.set([
      { name: "settings", description: "Change settings", default_member_permissions: "32" },
    ]);
    const send = () => fake.sendInteraction({ name: "settings", userId: bobId });
    expect(send).toThrow(/hidden from members without permissions 32/);

    fake.setCommandPermissions(fake.defaultGuildId, "settings", [
      { id: "1500000000000000001", type: ApplicationCommandPermissionType.Role, permission: true },
    ]);
    const received = nextClientEvent(client, "interactionCreate");
    send();
    const [interaction] = await received;
    expect(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(false);

    fake.setCommandPermissions(fake.defaultGuildId, "settings", [
      { id: bobId, type: ApplicationCommandPermissionType.User, permission: false },
      { id: "1500000000000000001", type: ApplicationCommandPermissionType.Role, permission: true },
    ]);
    expect(send).toThrow(/denied to this member/);
  });

  it("resolves a category channel option, and refuses one its channel_types exclude", async () => {
    const guild = fakeDiscordDefaults.guilds[0];
    if (!guild) throw new Error("expected the default guild");
    const category = {
      id: "1400000000000000009",
      name: "Study rooms",
      type: ChannelType.GuildCategory as const,
    };
    const { fake, client } = await startBot({
      guilds: [{ ...guild, channels: [...guild.channels, category] }],
    });
    expect(client.channels.cache.get(category.id)?.type).toBe(ChannelType.GuildCategory);
    const command = (channelTypes?: ChannelType.GuildText[]) => ({
      name: "pick",
      description: "Pick a channel",
      options: [
        {
          type: ApplicationCommandOptionType.Channel as const,
          name: "channel",
          description: "A channel",
          required: true,
          ...(channelTypes ? { channel_types: channelTypes } : {}),
        },
      ],
    });
    await client.application.commands.set([command([ChannelType.GuildText])]);
    expect(() => fake.sendInteraction({ name: "pick", options: { channel: category.id } })).toThrow(
      /channel_types/,
    );

    await client.application.commands.set([command()]);
    const received = nextClientEvent(client, "interactionCreate");
    fake.sendInteraction({ name: "pick", options: { channel: category.id } });
    const [interaction] = await received;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
    expect(interaction.options.getChannel("channel", true).type).toBe(ChannelType.GuildCategory);
  });

  it("rejects numeric limits on text options, channel types on other options and bad default permissions", async () => {
    const { client } = await startBot();
    const option = { name: "value", description: "A value" };
    const invalid = client.rest.put(Routes.applicationCommands(client.application.id), {
      body: [
        {
          name: "broken",
          description: "Limits where they cannot be",
          default_member_permissions: "manage guild",
          options: [
            { ...option, type: ApplicationCommandOptionType.String, min_value: 1 },
            {
              ...option,
              name: "count",
              type: ApplicationCommandOptionType.Integer,
              min_value: 5,
              max_value: 1,
              channel_types: [ChannelType.GuildText],
            },
          ],
        },
      ],
    });

    const error = (await invalid.catch((caught: unknown) => caught)) as DiscordAPIError;
    expect(error).toMatchObject({ status: 400, code: 50035 });
    for (const code of [
      "APPLICATION_COMMAND_OPTION_NUMBER_RANGE_INVALID",
      "NUMBER_TYPE_MAX",
      "APPLICATION_COMMAND_OPTION_CHANNEL_TYPES_INVALID",
      "NUMBER_TYPE_COERCE",
    ]) {
      expect(error.message).toContain(code);
    }
  });

  it("delivers a slash command used in a DM with the user instead of a member", async () => {
    const { fake, client } = await startBot();
    const received = nextClientEvent(client, "interactionCreate");

    const sent = fake.sendInteraction({ name: "ping", dm: true });
    const [interaction] = await received;
    expect(interaction.guildId).toBeNull();
    expect(interaction.member).toBeNull();
    expect(interaction.user.id).toBe(fake.defaultUserId);
    expect(interaction.channel?.type).toBe(ChannelType.DM);
    expect(sent.payload).toMatchObject({ context: 1, authorizing_integration_owners: { "0": "0" } });
  });

  it("rejects login with a wrong token", async () => {
    const started = await FakeDiscord.start();
    fake = started;
    const bot = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: started.apiBase } });
    client = bot;

    await expect(bot.login("not-the-token")).rejects.toMatchObject({ code: "TokenInvalid" });
    expect(started.requests[0]).toMatchObject({ path: "/gateway/bot", status: 401 });
  });

  it("closes the gateway with 4014 when the client asks for a privileged intent the application lacks", async () => {
    const { started, bot } = await clientAskingForMessageContent(0);
    const disconnected = nextClientEvent(bot, "shardDisconnect");

    void bot.login(started.options.token).catch(() => undefined);

    const [event] = await disconnected;
    expect(event.code).toBe(GatewayCloseCodes.DisallowedIntents);
    expect(started.gatewayConnections).toHaveLength(1);
    expect(bot.isReady()).toBe(false);
  });

  it("accepts the same intents once the application has them", async () => {
    const { started, bot } = await clientAskingForMessageContent(GatewayIntentBits.MessageContent);
    const ready = nextClientEvent(bot, "clientReady");

    await bot.login(started.options.token);

    await ready;
    expect(bot.application?.flags.has("GatewayMessageContentLimited")).toBe(true);
    expect(bot.application?.flags.has("GatewayGuildMembersLimited")).toBe(false);
  });

  it("records registered commands and rejects an invalid command name with 400", async () => {
    const { fake, client } = await startBot();

    await registerAsk(client);
    expect(fake.registeredCommands().map((command) => command.name)).toEqual(["ask"]);
    const put = await fake.waitForRequest((request) => request.method === "PUT");
    expect(put.path).toBe(`/applications/${fake.options.applicationId}/commands`);

    const invalid = client.application.commands.set([
      { name: "Ask Me", description: "Upper case and a space" },
    ]);
    await expect(invalid).rejects.toMatchObject({ status: 400, code: 50035 });
    const error = (await invalid.catch((caught: unknown) => caught)) as DiscordAPIError;
    expect(error.message).toContain("APPLICATION_COMMAND_INVALID_NAME");
    expect(fake.registeredCommands().map((command) => command.name)).toEqual(["ask"]);
  });

  it("rejects a reply after the interaction window with 10062", async () => {
    const { fake, client } = await startBot({ interactionTimeoutMs: 300 });
    const received = nextClientEvent(client, "interactionCreate");
    const sent = fake.sendInteraction({ name: "ping" });
    const [interaction] = await received;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
    await new Promise((resolve) => setTimeout(resolve, 400));

    await expect(interaction.reply("too late")).rejects.toMatchObject({ status: 404, code: 10062 });
    await expect(fake.waitForInteractionResponse(sent.id, 50)).rejects.toThrow(/so far: nothing/);
  });

  it("rejects a second callback for the same interaction with 40060", async () => {
    const { fake, client } = await startBot();
    const received = nextClientEvent(client, "interactionCreate");
    const sent = fake.sendInteraction({ name: "ping" });
    const [interaction] = await received;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
    await interaction.reply("first");

    // discord.js refuses a second reply itself, so send the raw callback a buggy bot might send.
    const second = client.rest.post(Routes.interactionCallback(sent.id, sent.token), {
      body: { type: InteractionResponseType.ChannelMessageWithSource, data: { content: "second" } },
      auth: false,
    });

    await expect(second).rejects.toMatchObject({ status: 400, code: 40060 });
    expect((await fake.waitForInteractionReply(sent.id)).content).toBe("first");
  });

  it("validates messages like Discord: over 2000 characters is 50035, empty is 50006", async () => {
    const { fake, client } = await startBot();
    const channel = client.channels.cache.get(fake.defaultChannelId);
    if (channel?.type !== ChannelType.GuildText) throw new Error("expected the text channel");

    await expect(channel.send("a".repeat(2001))).rejects.toMatchObject({ status: 400, code: 50035 });
    await expect(channel.send({ content: "", embeds: [] })).rejects.toMatchObject({
      status: 400,
      code: 50006,
    });
  });

  it("delivers an uploaded file for an attachment option, which getAttachment returns and the fake serves", async () => {
    const { fake, client } = await startBot();
    await client.application.commands.set([
      {
        name: "library",
        description: "Manage the server's library",
        default_member_permissions: String(PermissionFlagsBits.ManageMessages),
        options: [
          {
            type: ApplicationCommandOptionType.Attachment,
            name: "file",
            description: "The article",
            required: true,
          },
        ],
      },
    ]);
    const received = nextClientEvent(client, "interactionCreate");
    const text = "Faisal Mosque was completed in 1986.";

    const sent = fake.sendInteraction({
      name: "library",
      userId: bobId,
      options: { file: { filename: "faisal-mosque.txt", bytes: text } },
    });
    const [interaction] = await received;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
    const attachment = interaction.options.getAttachment("file", true);
    const data = sent.payload.data as { options: { value: string }[]; resolved: { attachments: object } };
    expect(data.options[0]?.value).toBe(attachment.id);
    expect(data.resolved.attachments).toEqual({
      [attachment.id]: expect.objectContaining({ filename: "faisal-mosque.txt", ephemeral: true }),
    });
    expect(attachment).toMatchObject({
      name: "faisal-mosque.txt",
      size: Buffer.byteLength(text),
      contentType: "text/plain; charset=utf-8",
      ephemeral: true,
    });
    const download = await fetch(attachment.url);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(download.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    expect(await download.text()).toBe(text);
    expect((await fetch(attachment.url.replace(attachment.id, "1"))).status).toBe(404);
    expect((await fetch(attachment.url.replace("faisal-mosque", "other"))).status).toBe(404);
  });

  it("refuses what Discord's client could not send for attachment options, and guesses them before registration", async () => {
    const { fake, client } = await startBot();
    const received = nextClientEvent(client, "interactionCreate");
    fake.sendInteraction({
      name: "library",
      options: { file: { filename: "notes", bytes: new Uint8Array([1, 2, 3]) } },
    });
    const [unregistered] = await received;
    if (!unregistered.isChatInputCommand()) throw new Error("expected a chat input command");
    // No content type for an extension Discord does not recognise.
    expect(unregistered.options.getAttachment("file")).toMatchObject({ size: 3, contentType: null });

    await client.application.commands.set([
      {
        name: "library",
        description: "Manage the server's library",
        options: [
          { type: ApplicationCommandOptionType.Attachment, name: "file", description: "The article" },
          { type: ApplicationCommandOptionType.String, name: "title", description: "Its title" },
        ],
      },
    ]);
    const upload = { filename: "notes.txt", bytes: "Notes" };
    expect(() => fake.sendInteraction({ name: "library", options: { file: "notes.txt" } })).toThrow(
      /takes an upload/,
    );
    expect(() => fake.sendInteraction({ name: "library", options: { title: upload } })).toThrow(
      /not a String/,
    );
    expect(() =>
      fake.sendInteraction({
        name: "library",
        options: { file: { filename: "big.txt", bytes: new Uint8Array(10 * 1024 * 1024 + 1) } },
      }),
    ).toThrow(/upload limit/);
  });

  it("serves the files the bot uploads, and lets a test hold or fail downloads", async () => {
    const { fake, client } = await startBot();
    const channel = client.channels.cache.get(fake.defaultChannelId);
    if (channel?.type !== ChannelType.GuildText) throw new Error("expected the text channel");
    const posted = await channel.send({
      files: [{ attachment: Buffer.from("Faisal Mosque, 1986"), name: "notes.txt" }],
    });
    const url = posted.attachments.first()?.url ?? "";

    const download = await fetch(url);
    expect(download.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await download.text()).toBe("Faisal Mosque, 1986");
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", status: 200 });

    fake.failNext({ pathPattern: /^\/attachments\//, status: 503 });
    expect((await fetch(url)).status).toBe(503);

    fake.holdAttachmentDownloads();
    let answered = false;
    const held = fetch(url).then((response) => {
      answered = true;
      return response.text();
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answered).toBe(false);
    fake.releaseAttachmentDownloads();
    expect(await held).toBe("Faisal Mosque, 1986");
  });

  it("removes the bot from a guild with GUILD_DELETE, and adds it back with GUILD_CREATE", async () => {
    const { fake, client } = await startBot();
    const guildId = fake.defaultGuildId;
    const deleted = nextClientEvent(client, "guildDelete");

    fake.removeBotFromGuild(guildId);
    const [guild] = await deleted;
    expect(guild.id).toBe(guildId);
    expect(client.guilds.cache.has(guildId)).toBe(false);
    await expect(client.guilds.fetch({ guild: guildId, force: true })).rejects.toMatchObject({
      status: 403,
      code: 50001,
    });
    expect(() => fake.sendInteraction({ name: "ask" })).toThrow(/not in guild/);

    const created = nextClientEvent(client, "guildCreate");
    fake.addGuild(fakeDiscordDefaults.guilds[0] ?? fail("expected the default guild"));
    const [rejoined] = await created;
    expect(rejoined.channels.cache.get(fake.defaultChannelId)?.name).toBe("general");
    expect(fake.sendInteraction({ name: "ask" }).guildId).toBe(guildId);
  });

  it("tells an outage (GUILD_DELETE with unavailable: true) from a removal", async () => {
    const { fake, client } = await startBot();
    const guildId = fake.defaultGuildId;
    const unavailable = nextClientEvent(client, "guildUnavailable");

    fake.setGuildAvailable(guildId, false);
    expect((await unavailable)[0].id).toBe(guildId);
    expect(client.guilds.cache.get(guildId)?.available).toBe(false);
    expect(() => fake.sendMessage({ content: "hello" })).toThrow(/unavailable/);

    const available = nextClientEvent(client, "guildAvailable");
    fake.setGuildAvailable(guildId, true);
    expect((await available)[0].available).toBe(true);
  });
});

const defaultGuild = fakeDiscordDefaults.guilds[0] ?? fail("expected the default guild");

/** A second guild, on shard 1 of two (the default guild is on shard 0), where alice is a member too. */
const shardOneGuild: FakeGuild = {
  id: shardTestGuildIds.shard1,
  name: "Night Owls",
  ownerId: "1200000000000000001",
  channels: [{ id: "1400000000000000002", name: "late-study" }],
  members: defaultGuild.members.filter((member) => member.user.username !== "bob"),
};
const shardOneChannelId = "1400000000000000002";

/** A fake holding the default guild (shard 0 of two) and {@link shardOneGuild} (shard 1). */
async function startTwoShardFake(options: Partial<FakeDiscordOptions> = {}): Promise<FakeDiscord> {
  fake = await FakeDiscord.start({ guilds: [defaultGuild, shardOneGuild], ...options });
  return fake;
}

/**
 * Logs a real client with these shard options into `started` and resolves once every shard is ready. With
 * `max_concurrency: 1` discord.js waits 5–6.5 s between the IDENTIFYs of one client's shards, as Discord
 * requires; these tests skip that wait, which the fake does not enforce.
 */
async function shardedClient(
  started: FakeDiscord,
  shardOptions: Pick<ClientOptions, "shards" | "shardCount">,
): Promise<Client<true>> {
  const bot = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
      GatewayIntentBits.DirectMessages,
    ],
    partials: [Partials.Channel],
    rest: { api: started.apiBase },
    ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => undefined }) },
    ...shardOptions,
  });
  shardClients.push(bot);
  // Awaited together, so a refused login does not leave the wait for clientReady to reject unobserved.
  const [, [readyClient]] = await Promise.all([
    bot.login(started.options.token),
    nextClientEvent(bot, "clientReady"),
  ]);
  return readyClient;
}

/** Everything a client receives from now on: messages (by content) and interactions (by id). */
function recordEvents(bot: Client) {
  const received = { messages: [] as string[], interactions: [] as string[] };
  bot.on("messageCreate", (message) => received.messages.push(message.content));
  bot.on("interactionCreate", (interaction) => received.interactions.push(interaction.id));
  return received;
}

/** The `shard` of every IDENTIFY the fake received, in order. */
function identifiedShards(started: FakeDiscord): unknown[] {
  return started.gatewayPayloads
    .filter((payload) => payload.op === GatewayOpcodes.Identify)
    .map((payload) => (payload.d as { shard?: unknown }).shard);
}

describe("sharding against FakeDiscord", () => {
  it("places the test guild ids on shard 0 and shard 1 of two", () => {
    expect(shardOf(shardTestGuildIds.shard0, 2)).toBe(0);
    expect(shardOf(shardTestGuildIds.shard1, 2)).toBe(1);
    expect(defaultGuild.id).toBe(shardTestGuildIds.shard0);
  });

  it("gives one client running shards [0, 1] the guilds of both, each on its own shard", async () => {
    const started = await startTwoShardFake();
    const bot = await shardedClient(started, { shards: [0, 1], shardCount: 2 });

    expect(bot.ws.shards.size).toBe(2);
    expect(identifiedShards(started)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(bot.guilds.cache.get(shardTestGuildIds.shard0)?.shardId).toBe(0);
    expect(bot.guilds.cache.get(shardTestGuildIds.shard1)?.shardId).toBe(1);
    for (const guildId of [shardTestGuildIds.shard0, shardTestGuildIds.shard1]) {
      const received = nextClientEvent(bot, "interactionCreate");
      const sent = started.sendInteraction({ name: "ask", guildId });
      const [interaction] = await received;
      expect(interaction.id).toBe(sent.id);
      expect(interaction.guild?.shardId).toBe(shardOf(guildId, 2));
    }
    expect(started.undeliveredEvents).toEqual([]);
  });

  it("splits guilds, their events and DMs between two clients that each own one shard", async () => {
    const started = await startTwoShardFake();
    const shardZero = await shardedClient(started, { shards: [0], shardCount: 2 });
    const shardOne = await shardedClient(started, { shards: [1], shardCount: 2 });
    expect([...shardZero.guilds.cache.keys()]).toEqual([shardTestGuildIds.shard0]);
    expect([...shardOne.guilds.cache.keys()]).toEqual([shardTestGuildIds.shard1]);
    const onZero = recordEvents(shardZero);
    const onOne = recordEvents(shardOne);
    // Each socket keeps order, so a client's last expected event comes after anything wrongly sent to it.
    const lastOnZero = nextClientEvent(shardZero, "messageCreate", (message) => message.content === "last");
    const lastOnOne = nextClientEvent(shardOne, "interactionCreate");

    started.sendMessage({ content: "in shard 0's guild" });
    started.sendMessage({ content: "in a DM", dm: true });
    const interaction = started.sendInteraction({ name: "ask", channelId: shardOneChannelId });
    started.sendMessage({ content: "last" });
    await Promise.all([lastOnZero, lastOnOne]);

    expect(onZero).toEqual({ messages: ["in shard 0's guild", "in a DM", "last"], interactions: [] });
    expect(onOne).toEqual({ messages: [], interactions: [interaction.id] });
  });

  it("spawns the recommended number of shards for shards: 'auto'", async () => {
    const started = await startTwoShardFake({ recommendedShards: 2 });
    const bot = await shardedClient(started, { shards: "auto" });

    expect(bot.ws.shards.size).toBe(2);
    expect(bot.options.shardCount).toBe(2);
    expect(identifiedShards(started)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(bot.guilds.cache.size).toBe(2);
  });

  it("fails login with Invalid shard when a client owns shard 1 without saying shardCount: 2", async () => {
    const started = await startTwoShardFake();

    // discord.js takes shardCount from shards.length (1) and sends IDENTIFY [1, 1], which Discord refuses.
    await expect(shardedClient(started, { shards: [1] })).rejects.toThrow("Invalid shard");
    expect(identifiedShards(started)).toEqual([[1, 1]]);
  });

  it("keeps answering on shard 0 after shard 1's client is destroyed, whose guild's events go undelivered", async () => {
    const started = await startTwoShardFake();
    const shardZero = await shardedClient(started, { shards: [0], shardCount: 2 });
    const shardOne = await shardedClient(started, { shards: [1], shardCount: 2 });
    shardZero.on("interactionCreate", (interaction) => {
      if (interaction.isRepliable()) void interaction.reply(`shard ${interaction.guild?.shardId}`);
    });

    await shardOne.destroy();
    // The fake ends the session when the close frame (1000) arrives, just after destroy() resolves.
    await vi.waitFor(() => expect(started.gatewayConnections.map((c) => c.closeCode)).toContain(1000));

    const answered = started.sendInteraction({ name: "ask", guildId: shardTestGuildIds.shard0 });
    expect((await started.waitForInteractionReply(answered.id)).content).toBe("shard 0");
    const lost = started.sendInteraction({ name: "ask", guildId: shardTestGuildIds.shard1 });
    started.sendMessage({ content: "anyone?", channelId: shardOneChannelId });
    expect(started.undeliveredEvents).toMatchObject([
      { t: "INTERACTION_CREATE", guildId: shardTestGuildIds.shard1 },
      { t: "MESSAGE_CREATE", guildId: shardTestGuildIds.shard1 },
    ]);
    await expect(started.waitForInteractionResponse(lost.id, 300)).rejects.toThrow(/Timed out/);
  });
});

describe("the FakeDiscord gateway on its own", () => {
  it("closes with 4004 when IDENTIFY carries a wrong token", async () => {
    fake = await FakeDiscord.start();
    const socket = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
    const hello = await nextJson(socket);
    expect(hello.op).toBe(GatewayOpcodes.Hello);
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));

    socket.send(
      JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: "wrong", intents: 1, properties: {} } }),
    );

    expect(await closed).toBe(4004);
  });

  it("forgets a session after a non-resumable INVALID_SESSION, so RESUME is refused", async () => {
    const started = await FakeDiscord.start();
    fake = started;
    const socket = new WebSocket(`${started.gatewayUrl}?v=10&encoding=json`);
    await nextJson(socket);
    const ready = nextJson(socket);
    socket.send(
      JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: started.options.token, intents: 0 } }),
    );
    const { d } = await ready;
    const sessionId = (d as { session_id: string }).session_id;
    const invalid = nextJson(socket);

    started.sendInvalidSession(false);
    expect(await invalid).toMatchObject({ op: GatewayOpcodes.InvalidSession, d: false });
    const refused = nextJson(socket);
    socket.send(
      JSON.stringify({
        op: GatewayOpcodes.Resume,
        d: { token: started.options.token, session_id: sessionId, seq: 1 },
      }),
    );

    expect(await refused).toMatchObject({ op: GatewayOpcodes.InvalidSession, d: false });
    socket.close();
  });

  it("speaks zlib-stream when the URL asks for it: one deflate context, each payload sync-flushed", async () => {
    fake = await FakeDiscord.start();
    const socket = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
    const frames: Buffer[] = [];
    const decoded = () =>
      inflateSync(Buffer.concat(frames), {
        finishFlush: 2 /* Z_SYNC_FLUSH: the stream stays open */,
      }).toString();
    const received = (text: string) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!frames.length || !decoded().includes(text)) return;
          socket.off("message", onFrame);
          resolve();
        };
        const onFrame = (data: Buffer) => {
          frames.push(data);
          check();
        };
        socket.on("message", onFrame);
        check();
      });

    await received('"op":10');
    socket.send(
      JSON.stringify({
        op: GatewayOpcodes.Identify,
        d: { token: fake.options.token, intents: 1, properties: {} },
      }),
    );
    await received('"t":"GUILD_CREATE"');

    expect(decoded()).toContain('"t":"READY"');
    for (const frame of frames) expect([...frame.subarray(-4)]).toEqual([0, 0, 0xff, 0xff]);
    socket.close();
  });

  it("deflates each payload on its own after IDENTIFY with compress: true", async () => {
    fake = await FakeDiscord.start();
    const socket = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
    await nextJson(socket);
    const ready = new Promise<Buffer>((resolve) => socket.once("message", (data) => resolve(data as Buffer)));

    socket.send(
      JSON.stringify({
        op: GatewayOpcodes.Identify,
        d: { token: fake.options.token, intents: 0, compress: true },
      }),
    );

    expect(JSON.parse(inflateSync(await ready).toString())).toMatchObject({ t: "READY", s: 1 });
    socket.close();
  });

  it("closes with 4010 when IDENTIFY names a shard outside its count", async () => {
    const started = await startTwoShardFake();
    for (const shard of [
      [2, 2],
      [0, 0],
      [-1, 2],
    ]) {
      const { closed } = await identifyOnRawSocket(started, { intents: 1, shard });
      expect(await closed).toBe(GatewayCloseCodes.InvalidShard);
    }
  });

  it("closes with 4011 when one shard would hold more than maxGuildsPerShard, and accepts two shards", async () => {
    const started = await startTwoShardFake({ maxGuildsPerShard: 1 });

    expect(await (await identifyOnRawSocket(started, { intents: 0 })).closed).toBe(
      GatewayCloseCodes.ShardingRequired,
    );
    const secondShard = await identifyOnRawSocket(started, { intents: 0, shard: [1, 2] });
    expect(await secondShard.ready).toMatchObject({
      t: "READY",
      d: { shard: [1, 2], guilds: [{ id: shardTestGuildIds.shard1, unavailable: true }] },
    });
    secondShard.socket.close();
  });

  it("sends a guild's events to every session of its shard, so two sessions of one shard both get them", async () => {
    const started = await startTwoShardFake();
    const intents = GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent;
    const sessions = [
      await identifyOnRawSocket(started, { intents, shard: [1, 2] }),
      await identifyOnRawSocket(started, { intents, shard: [1, 2] }),
    ];
    const messageCreates = [];
    for (const { socket, ready } of sessions) {
      await ready;
      messageCreates.push(
        new Promise<unknown>((resolve) =>
          socket.on("message", (data) => {
            const payload = JSON.parse(data.toString());
            if (payload.t === "MESSAGE_CREATE") resolve(payload.d);
          }),
        ),
      );
    }

    started.sendMessage({ content: "both of you", channelId: shardOneChannelId });

    for (const received of await Promise.all(messageCreates)) {
      expect(received).toMatchObject({ content: "both of you", guild_id: shardTestGuildIds.shard1 });
    }
    for (const { socket } of sessions) socket.close();
  });
});
