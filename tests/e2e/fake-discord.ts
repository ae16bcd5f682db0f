/**
 * A fake Discord for end-to-end tests: REST API v10 and the gateway on one loopback port, so a real
 * discord.js Client runs against it with no network. Start it, point the bot at it, inject what users do,
 * and assert on what the bot sent:
 *
 * ```ts
 * const fake = await FakeDiscord.start();
 * const client = new Client({ intents, partials: [Partials.Channel], rest: { api: fake.apiBase } });
 * await client.login(fake.options.token); // then wait for clientReady
 * const sent = fake.sendInteraction({ name: "ask", options: { question: "When was Faisal Mosque built?" } });
 * expect((await fake.waitForInteractionReply(sent.id)).content).toContain("1986");
 * await client.destroy();
 * await fake.stop();
 * ```
 *
 * Attachments, both the bot's uploads and files users give attachment options, are served like Discord's
 * CDN at `GET /attachments/<channelId>/<attachmentId>/<filename>`, without a token.
 *
 * Sharding works as on Discord, for one client running several shards or for several clients (processes)
 * each owning some shard ids of the same count. `GET /gateway/bot` recommends `recommendedShards` (for
 * discord.js's `shards: "auto"`); IDENTIFY's `shard` picks the session's shard (4010 when invalid, 4011 past
 * `maxGuildsPerShard`); READY and GUILD_CREATE cover only that shard's guilds; each guild event goes only to
 * the sessions of the guild's shard ({@link shardOf}), DMs to shard 0. Events no session's shard receives
 * are kept in {@link FakeDiscord.undeliveredEvents}. {@link shardTestGuildIds} lie on shards 0 and 1 of two.
 *
 * Non-goals: voice, threads, presences, resharding, identify rate limits (`max_concurrency` is always 1),
 * ETF encoding, signed (expiring) CDN URLs.
 */
import { randomBytes } from "node:crypto";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import {
  type APIApplication,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type APIBaseInteraction,
  type APIDMChannel,
  type APIEmbed,
  type APIGuild,
  type APIGuildCategoryChannel,
  type APIGuildMember,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIRole,
  type APITextChannel,
  type APIUser,
  type ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationFlags,
  ApplicationIntegrationType,
  ChannelType,
  type ComponentType,
  GatewayDispatchEvents,
  type GatewayGuildCreateDispatchData,
  GatewayIntentBits,
  type GatewayMessageCreateDispatchData,
  type GatewayReadyDispatchData,
  type GuildMemberFlags,
  type GuildSystemChannelFlags,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  Locale,
  MessageFlags,
  MessageType,
  type OverwriteType,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  type RoleFlags,
} from "discord.js";
import {
  FakeGateway,
  type GatewayConnectionRecord,
  type GatewayShard,
  type ReceivedGatewayPayload,
  shardOf,
  type UndeliveredDispatch,
} from "./fake-discord/gateway.ts";
import { matchPath, readRequestBody, type UploadedFile } from "./fake-discord/http.ts";
import {
  attachmentSizeLimit,
  buildCommandData,
  buildComponentData,
  buildModalSubmitData,
  type CommandPermissionOverride,
  contentTypeFromName,
  findComponent,
  type GuildChannelOrDm,
  type InteractionDataSource,
  type TextBasedChannel,
} from "./fake-discord/interaction-data.ts";
import { channelPermissions } from "./fake-discord/permissions.ts";
import {
  type ApiFailure,
  apiError,
  type CommandBody,
  type ComponentBody,
  checkAutocompleteChoices,
  checkCommand,
  checkCommandList,
  checkMessage,
  checkModal,
  FormErrors,
  type MessageBody,
} from "./fake-discord/validation.ts";
import { StateWaiters } from "./fake-discord/waiters.ts";

export type {
  CommandPermissionOverride,
  GatewayConnectionRecord,
  GatewayShard,
  ReceivedGatewayPayload,
  UndeliveredDispatch,
  UploadedFile,
};
export { shardOf };

/** A Discord user the fake knows: the bot, guild members, DM partners. */
export interface FakeUser {
  id: string;
  username: string;
  bot?: boolean;
  globalName?: string;
}

/** A channel permission overwrite; `id` is a role id (the guild id for @everyone) or a user id. */
export interface FakePermissionOverwrite {
  id: string;
  type: OverwriteType;
  allow?: bigint;
  deny?: bigint;
}

/** A guild channel: a text channel, or a category (which holds no messages) to test channel-type checks. */
export interface FakeTextChannel {
  id: string;
  name: string;
  /** GuildText by default. */
  type?: ChannelType.GuildText | ChannelType.GuildCategory;
  topic?: string;
  permissionOverwrites?: FakePermissionOverwrite[];
}

/** A guild role (the @everyone role, whose id is the guild id, is added unless listed). */
export interface FakeRole {
  id: string;
  name: string;
  permissions: bigint;
  position?: number;
}

/** A guild member; the bot is added as a member with its own managed role unless listed. */
export interface FakeMember {
  user: FakeUser;
  roleIds?: string[];
  nick?: string;
}

/** A guild the bot is in. */
export interface FakeGuild {
  id: string;
  name: string;
  /** The owner, who must be among the members; owners hold every permission. */
  ownerId: string;
  channels: FakeTextChannel[];
  roles?: FakeRole[];
  members: FakeMember[];
  /** Permissions of the @everyone role; Discord's defaults for text channels when omitted. */
  everyonePermissions?: bigint;
}

/** How the fake is set up. Every field has a default in {@link fakeDiscordDefaults}. */
export interface FakeDiscordOptions {
  /** The bot's own user. */
  botUser: FakeUser;
  /** The application id; on Discord it equals the bot user's id, which is the default. */
  applicationId: string;
  applicationName: string;
  /** The only token accepted: others get 401 on REST and close 4004 on the gateway. */
  token: string;
  /** The guilds READY lists and GUILD_CREATE describes; the first one is the default for injected events. */
  guilds: FakeGuild[];
  /** Discord's window for the first interaction callback: later ones get 404 Unknown interaction (10062). */
  interactionTimeoutMs: number;
  /** The heartbeat interval sent in HELLO. */
  heartbeatIntervalMs: number;
  /**
   * The privileged intents switched on for the application (Bot page of the Developer Portal): IDENTIFY
   * asking for another is closed with 4014, as on Discord. Message Content and Server Members by default.
   */
  privilegedIntents: number;
  /** The shard count `GET /gateway/bot` recommends, which discord.js uses for `shards: "auto"`. 1 by default. */
  recommendedShards: number;
  /**
   * The most guilds one session may hold: IDENTIFY for a shard with more is closed with 4011 (Sharding
   * required). Discord's limit is 2500; unlimited by default.
   */
  maxGuildsPerShard: number;
  /** The port to listen on: 0 (the default) for any free one. */
  port: number;
}

/** The permissions a fresh guild gives @everyone that matter to text bots. */
const defaultEveryonePermissions =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.CreateInstantInvite |
  PermissionFlagsBits.ChangeNickname |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands;

/** What a bot may do in its own DMs; sent as `app_permissions` there. */
const directMessagePermissions =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.ReadMessageHistory;

const defaultBotUser: FakeUser = { id: "1100000000000000001", username: "study-bot", bot: true };

/**
 * Guild ids for sharding tests: with two shards, `shard0` (the default guild) is on shard 0 and `shard1`
 * (the same id plus `1 << 22`) on shard 1.
 */
export const shardTestGuildIds = { shard0: "1300000000000000001", shard1: "1300000000004194305" } as const;
const defaultGuildId = shardTestGuildIds.shard0;

/** Who is who in the default guild, for tests to act as: its owner, alice, and bob with the Moderator role. */
export const defaultGuildPeople = {
  guildId: defaultGuildId,
  ownerId: "1200000000000000001",
  aliceId: "1200000000000000002",
  bobId: "1200000000000000003",
  moderatorRoleId: "1500000000000000001",
};

/** The default setup: one guild with a #general channel, its owner, alice, and bob who is a moderator. */
export const fakeDiscordDefaults: FakeDiscordOptions = {
  botUser: defaultBotUser,
  applicationId: defaultBotUser.id,
  applicationName: "Study Bot",
  token: "fake-token",
  guilds: [
    {
      id: defaultGuildId,
      name: "Study Hall",
      ownerId: defaultGuildPeople.ownerId,
      channels: [{ id: "1400000000000000001", name: "general", topic: "Questions welcome" }],
      roles: [
        {
          id: defaultGuildPeople.moderatorRoleId,
          name: "Moderator",
          permissions: PermissionFlagsBits.ManageMessages,
        },
      ],
      members: [
        { user: { id: defaultGuildPeople.ownerId, username: "guild-owner" } },
        { user: { id: defaultGuildPeople.aliceId, username: "alice" } },
        {
          user: { id: defaultGuildPeople.bobId, username: "bob" },
          roleIds: [defaultGuildPeople.moderatorRoleId],
        },
      ],
    },
  ],
  interactionTimeoutMs: 3000,
  heartbeatIntervalMs: 41_250,
  privilegedIntents: GatewayIntentBits.MessageContent | GatewayIntentBits.GuildMembers,
  recommendedShards: 1,
  maxGuildsPerShard: Number.POSITIVE_INFINITY,
  port: 0,
};

/** One HTTP request the bot made, with the fake's answer. */
export interface RecordedRequest {
  method: string;
  /**
   * The path after `/api/v10` (a download keeps its whole `/attachments/…` path), each segment URL-decoded
   * (`%40original` reads `@original`).
   */
  path: string;
  /** The path exactly as it arrived. */
  rawPath: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or `payload_json` of a multipart body. */
  body: unknown;
  files: UploadedFile[];
  status: number;
  responseBody: unknown;
  /** When it arrived (ms since epoch). */
  at: number;
}

/** A failure to inject: the next matching request(s) get it instead of their normal answer. */
export interface InjectedFailure {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Tested against {@link RecordedRequest.path}, e.g. `/^\/interactions\/.*\/callback$/`. */
  pathPattern: RegExp;
  /** 429 for a rate limit, 5xx for a server error, or any other status. */
  status: number;
  /** For 429: seconds to wait, sent in the `retry-after` header and the body (fractions allowed). */
  retryAfter?: number;
  /** For 429: whether it is the global rate limit. */
  global?: boolean;
  /** How many matching requests fail; 1 by default. */
  times?: number;
}

/** What the bot did in answer to an interaction, in the order it happened. */
export type InteractionResponseKind =
  | "callback"
  | "editOriginal"
  | "deleteOriginal"
  | "followUp"
  | "editFollowUp"
  | "deleteFollowUp";

/** One accepted answer of the bot to an interaction. Rejected attempts are only in the request log. */
export interface InteractionResponseEvent {
  kind: InteractionResponseKind;
  /** For `callback`: the callback type (4 reply, 5 defer, 6 deferred update, 7 update, 8 autocomplete, 9 modal). */
  callbackType?: InteractionResponseType;
  /** The JSON the bot sent: `{type, data}` for a callback, the message fields otherwise. */
  body: unknown;
  /** The message this created or changed, as it was right after (none for deletes, autocomplete, modals). */
  message?: APIMessage;
  at: number;
}

/** A file a user uploads for an attachment option (type 11). */
export interface FakeUpload {
  filename: string;
  /** The file's contents; a string is taken as UTF-8. At most Discord's 10 MiB upload limit. */
  bytes: Uint8Array | string;
  /** Sent as `content_type`; guessed from the extension as Discord does when omitted (none for unknown ones). */
  contentType?: string;
}

/**
 * An option value in {@link SendInteractionOptions.options}: plain, with its Discord option type, or a file
 * upload for an attachment option.
 */
export type InteractionOptionInput =
  | string
  | number
  | boolean
  | { type: ApplicationCommandOptionType; value: string | number | boolean }
  | FakeUpload;

/** An interaction to inject. Only what the test cares about is needed; the rest is filled in validly. */
export interface SendInteractionOptions {
  /** 2 application command (default), 3 message component, 4 autocomplete, 5 modal submit. */
  type?: InteractionType;
  /** The command name, for application commands and autocomplete. */
  name?: string;
  /** Chat input (default), user or message command; taken from the registered command when there is one. */
  commandType?: ApplicationCommandType;
  /**
   * Option values by name, at the innermost level (inside `subcommand`). Types come from the registered
   * command; before registration they are guessed from the JS type, so pass `{type, value}` for users,
   * channels, roles and mentionables. An attachment option takes a {@link FakeUpload}: the option's value
   * becomes the attachment id and the attachment goes in `data.resolved.attachments`.
   */
  options?: Record<string, InteractionOptionInput>;
  subcommand?: string;
  subcommandGroup?: string;
  /** For autocomplete: the option being typed. */
  focused?: string;
  /** For user and message commands: the target user or message id. */
  targetId?: string;
  /** For components and modal submits: the custom id. */
  customId?: string;
  /** For components: found from the message's components when omitted. */
  componentType?: ComponentType;
  /** For select menus: the chosen values. */
  values?: string[];
  /**
   * For components (and modals opened from one): the message carrying the component, by id or as a full
   * object. When omitted, the latest message carrying `customId` is used.
   */
  message?: string | APIMessage;
  /** For modal submits: text input values by custom id. */
  fields?: Record<string, string>;
  /** The channel; defaults to the message's channel, else the guild's first channel. */
  channelId?: string;
  /** The guild, when `channelId` is not given; defaults to the first guild. */
  guildId?: string;
  /** Send it from the user's DM with the bot instead of a guild. */
  dm?: boolean;
  /** Who triggers it; defaults to {@link FakeDiscord.defaultUserId}. */
  userId?: string;
  /** Override the member's roles for this interaction. */
  memberRoleIds?: string[];
  /** Override the member's permissions (otherwise computed from roles and channel overwrites). */
  memberPermissions?: bigint;
  locale?: Locale;
}

/** An injected interaction: its ids, to wait for the bot's answer. */
export interface SentInteraction {
  id: string;
  token: string;
  channelId: string;
  guildId: string | null;
  /** The INTERACTION_CREATE data as sent. */
  payload: InteractionPayload;
}

/** The INTERACTION_CREATE data the fake sends. */
export type InteractionPayload = APIBaseInteraction<InteractionType, unknown>;

/** A message to inject as if a user (or another bot) wrote it. */
export interface SendMessageOptions {
  content: string;
  /** The channel; defaults to the guild's first channel. */
  channelId?: string;
  /** The guild, when `channelId` is not given; defaults to the first guild. */
  guildId?: string;
  /** Send it in the author's DM with the bot. */
  dm?: boolean;
  /** The author; defaults to {@link FakeDiscord.defaultUserId}. */
  authorId?: string;
  /** Mark the author as a bot. */
  isBot?: boolean;
  /** Prefix the content with a mention of the bot (`<@BOT_ID> `) unless it already mentions it. */
  mentionsBot?: boolean;
  embeds?: APIEmbed[];
  /** Make it a reply to this message id. */
  replyTo?: string;
}

/** An injected message: its ids and the full object. */
export interface SentMessage {
  id: string;
  channelId: string;
  guildId: string | null;
  message: APIMessage;
}

const apiPrefix = "/api/v10";
const defaultWaitMs = 5000;
const interactionTokenLifetimeMs = 15 * 60 * 1000;
const discordEpoch = 1_420_070_400_000n;

interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  joinedAt: string;
  roles: APIRole[];
  channelIds: string[];
  /** Holds the bot's member while the bot is in the guild. */
  members: Map<string, APIGuildMember>;
  /** False during an outage: GUILD_DELETE with `unavailable: true` was sent. */
  available: boolean;
}

/** A file the fake serves at its attachment URL. */
interface ServedAttachment {
  filename: string;
  contentType: string | undefined;
  data: Buffer;
}

interface InteractionState {
  id: string;
  token: string;
  type: InteractionType;
  createdAt: number;
  channelId: string;
  /** The message type of messages answering it. */
  messageType: MessageType;
  metadata: APIMessageInteractionMetadata | undefined;
  /** The message a component (or a modal opened from one) sits on. */
  sourceMessageId: string | undefined;
  callbackType: InteractionResponseType | undefined;
  originalMessageId: string | undefined;
  /** True between a deferred reply and the edit or follow-up that fills it. */
  originalLoading: boolean;
  followUpIds: Set<string>;
  responses: InteractionResponseEvent[];
}

interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
}

interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Route {
  method: string;
  pattern: string;
  /** Interaction and webhook routes work without the bot token, as on Discord. */
  needsToken: boolean;
  handle: (request: RouteRequest) => RouteResult;
}

/**
 * Thrown by route handlers to answer with a Discord error. Test helpers that hit the same checks let it
 * propagate, so its message says what Discord would have answered and about what.
 */
class RejectedRequest extends Error {
  constructor(
    readonly failure: ApiFailure,
    about?: string,
  ) {
    super(
      `Discord would answer ${failure.status} ${JSON.stringify(failure.body)}${about ? ` for ${about}` : ""}`,
    );
  }
}

function rejectIf(failure: ApiFailure | undefined): void {
  if (failure) throw new RejectedRequest(failure);
}

function reject(status: number, code: number, message: string, about?: string): never {
  throw new RejectedRequest(apiError(status, code, message), about);
}

const ok = (body: unknown): RouteResult => ({ status: 200, body });
const noContent: RouteResult = { status: 204 };

/** Whether a set of answers already shows the user something (or finished an autocomplete or modal). */
function hasVisibleAnswer(events: readonly InteractionResponseEvent[]): boolean {
  const callbackType = events[0]?.callbackType;
  if (callbackType === undefined) return false;
  const immediate: InteractionResponseType[] = [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.UpdateMessage,
    InteractionResponseType.ApplicationCommandAutocompleteResult,
    InteractionResponseType.Modal,
  ];
  return immediate.includes(callbackType) || events.length > 1;
}

/**
 * A fake Discord for end-to-end tests: REST API v10 and the gateway on one loopback port, enough for a real
 * discord.js Client to log in, receive the events a test injects, and answer them. It checks what the bot
 * sends the way Discord does (limits, permissions, the interaction window) and records everything.
 *
 * Give the bot `rest: { api: fake.apiBase }`; discord.js finds the gateway through `GET /gateway/bot`.
 */
export class FakeDiscord {
  /** The resolved options. */
  readonly options: FakeDiscordOptions;
  /** Every REST request and attachment download, in the order they were answered. */
  readonly requests: RecordedRequest[] = [];
  readonly #waiters = new StateWaiters();
  readonly #server: Server;
  readonly #gateway: FakeGateway;
  readonly #users = new Map<string, APIUser>();
  readonly #guilds = new Map<string, GuildState>();
  readonly #channels = new Map<string, TextBasedChannel>();
  /** Guild channels that hold no messages (categories): listed and resolvable, never posted in. */
  readonly #otherChannels = new Map<string, APIGuildCategoryChannel>();
  /** Command permission overrides set in a guild's Integrations settings, by `guildId:commandName`. */
  readonly #commandPermissions = new Map<string, CommandPermissionOverride[]>();
  readonly #messages = new Map<string, APIMessage>();
  /** Ids of messages the bot posted through `POST /channels/:id/messages`, in order. */
  readonly #botChannelMessageIds: string[] = [];
  readonly #commands: APIApplicationCommand[] = [];
  readonly #interactions = new Map<string, InteractionState>();
  readonly #failures: InjectedFailure[] = [];
  /** Files served at attachment URLs, by `channelId/attachmentId`. */
  readonly #servedAttachments = new Map<string, ServedAttachment>();
  /** While downloads are held: the release of each waiting download. */
  #heldDownloads: (() => void)[] | null = null;
  readonly #routes: Route[];
  #port = 0;
  #snowflakeIncrement = 0n;

  private constructor(options: FakeDiscordOptions) {
    this.options = options;
    this.#server = createServer((request, response) => void this.#handleHttp(request, response));
    this.#gateway = new FakeGateway({
      token: options.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs,
      privilegedIntents: options.privilegedIntents,
      maxGuildsPerShard: options.maxGuildsPerShard,
      buildReady: (sessionId, shard) => this.#readyPayload(sessionId, shard),
      afterReady: (intents, shard) =>
        intents & GatewayIntentBits.Guilds
          ? this.#botGuildsOn(shard)
              .filter((guild) => guild.available)
              .map((guild) => ({
                t: GatewayDispatchEvents.GuildCreate,
                d: this.#guildCreatePayload(guild, intents),
              }))
          : [],
      onChange: () => this.#waiters.notify(),
    });
    this.#server.on("upgrade", (request: IncomingMessage, socket, head: Buffer) => {
      const path = new URL(request.url ?? "/", "http://fake").pathname;
      if (path === "/gateway" || path === "/resume") this.#gateway.handleUpgrade(request, socket, head);
      else socket.destroy();
    });
    this.#addUser(options.botUser);
    for (const guild of options.guilds) this.#addGuild(guild);
    this.#routes = this.#buildRoutes();
  }

  /** Starts a fake on 127.0.0.1, on any free port by default. `applicationId` defaults to the bot user's id. */
  static async start(options: Partial<FakeDiscordOptions> = {}): Promise<FakeDiscord> {
    const botUser = options.botUser ?? fakeDiscordDefaults.botUser;
    const fake = new FakeDiscord({ ...fakeDiscordDefaults, applicationId: botUser.id, ...options });
    await new Promise<void>((resolve, reject) => {
      fake.#server.once("error", reject);
      fake.#server.listen(fake.options.port, "127.0.0.1", () => resolve());
    });
    fake.#port = (fake.#server.address() as AddressInfo).port;
    return fake;
  }

  /** Closes the gateway and HTTP server (held downloads included), and fails any pending wait. */
  async stop(): Promise<void> {
    this.#waiters.failAll(new Error("The fake Discord was stopped"));
    await this.#gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** What the bot gets as ClientOptions `rest.api` (discord.js appends `/v10`). */
  get apiBase(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  /** The gateway URL `GET /gateway/bot` hands out. */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}/gateway`;
  }

  /** The bot user's id; a message mentions the bot with `<@id>`. */
  get botUserId(): string {
    return this.options.botUser.id;
  }

  /** The first guild: where injected events go unless told otherwise. */
  get defaultGuildId(): string {
    const guild = this.options.guilds[0];
    if (!guild) throw new Error("The fake has no guilds");
    return guild.id;
  }

  /** The first guild's first channel. */
  get defaultChannelId(): string {
    return this.#firstChannelOf(this.defaultGuildId);
  }

  /** The first member of the first guild who is neither the owner nor a bot: the usual author of events. */
  get defaultUserId(): string {
    const guild = this.options.guilds[0];
    const member =
      guild?.members.find((candidate) => candidate.user.id !== guild.ownerId && !candidate.user.bot) ??
      guild?.members[0];
    if (!member) throw new Error("The fake's first guild has no members");
    return member.user.id;
  }

  /** Every payload the bot sent over the gateway (IDENTIFY, RESUME, heartbeats…). */
  get gatewayPayloads(): readonly ReceivedGatewayPayload[] {
    return this.#gateway.received;
  }

  /** Every gateway connection the bot opened; `path` tells `/gateway` from `/resume`. */
  get gatewayConnections(): readonly GatewayConnectionRecord[] {
    return this.#gateway.connections;
  }

  /**
   * Every event no session's shard receives, in order: e.g. an interaction in a guild whose shard's client
   * was destroyed. (A session whose socket merely dropped still counts as receiving: it may RESUME.)
   */
  get undeliveredEvents(): readonly UndeliveredDispatch[] {
    return this.#gateway.undelivered;
  }

  /** The commands the bot registered: global ones, or a guild's when `guildId` is given. */
  registeredCommands(guildId?: string): APIApplicationCommand[] {
    return this.#commands
      .filter((command) => command.guild_id === guildId)
      .map((command) => structuredClone(command));
  }

  /**
   * Sets a command's permission overrides in a guild, as a server admin does in Server Settings → Integrations
   * (replacing earlier ones): an allowed role or member may then use the command without its default member
   * permissions, and a denied one may not. The bot must therefore check permissions itself where it matters.
   */
  setCommandPermissions(guildId: string, commandName: string, overrides: CommandPermissionOverride[]): void {
    this.#requireGuild(guildId);
    this.#commandPermissions.set(`${guildId}:${commandName}`, structuredClone(overrides));
  }

  /** A stored message (sent by anyone), as it is now. */
  message(id: string): APIMessage | undefined {
    const message = this.#messages.get(id);
    return message && structuredClone(message);
  }

  /** Makes the next matching request(s) fail, e.g. a 429 with `retryAfter: 0.2`, or a 500. */
  failNext(failure: InjectedFailure): void {
    this.#failures.push({ ...failure, times: failure.times ?? 1 });
  }

  /** Ends the bot's gateway connections: a TCP drop by default, or a close frame with `closeCode` (e.g. 4000). */
  dropConnection(options: { closeCode?: number } = {}): void {
    this.#gateway.dropConnections(options.closeCode);
  }

  /** Leaves the bot's new gateway connections waiting, as during an outage, until {@link releaseGateway}. */
  holdGateway(): void {
    this.#gateway.holdConnections();
  }

  /** Ends a {@link holdGateway}: the waiting connections go through. */
  releaseGateway(): void {
    this.#gateway.releaseConnections();
  }

  /** Sends op 9 INVALID_SESSION: resumable, the bot resumes; otherwise it identifies anew. */
  sendInvalidSession(resumable: boolean): void {
    this.#gateway.sendInvalidSession(resumable);
  }

  /** Sends op 7 RECONNECT: the bot reconnects and resumes. */
  requestReconnect(): void {
    this.#gateway.requestReconnect();
  }

  /**
   * Leaves attachment downloads waiting, as a slow or stuck CDN does, until {@link releaseAttachmentDownloads}
   * (or {@link stop}, which drops them). To make a download fail instead, use {@link failNext} with
   * `pathPattern: /^\/attachments\//`.
   */
  holdAttachmentDownloads(): void {
    this.#heldDownloads ??= [];
  }

  /** Ends a {@link holdAttachmentDownloads}: the waiting downloads are answered. */
  releaseAttachmentDownloads(): void {
    const held = this.#heldDownloads ?? [];
    this.#heldDownloads = null;
    for (const release of held) release();
  }

  /**
   * Removes the bot from a guild, as when it is kicked or the guild is deleted: GUILD_DELETE `{id}` (no
   * `unavailable`), after which the guild is gone for the bot (403 Missing Access on its REST routes) and no
   * events come from it. {@link addGuild} brings it back.
   */
  removeBotFromGuild(guildId: string): void {
    const guild = this.#requireGuild(guildId);
    if (!guild.members.delete(this.botUserId)) throw new Error(`The bot is not in guild ${guildId}`);
    // Discord deletes the managed role a bot got on joining.
    guild.roles = guild.roles.filter((role) => role.tags?.bot_id !== this.botUserId);
    this.#gateway.dispatch(GatewayDispatchEvents.GuildDelete, guildId, (intents) =>
      intents & GatewayIntentBits.Guilds ? { id: guildId } : undefined,
    );
  }

  /**
   * Adds the bot to a guild (a new one, or one it was removed from, rebuilt from `guild`) and sends
   * GUILD_CREATE, which discord.js emits as `guildCreate`.
   */
  addGuild(guild: FakeGuild): void {
    const previous = this.#guilds.get(guild.id);
    if (previous?.members.has(this.botUserId)) throw new Error(`The bot is already in guild ${guild.id}`);
    for (const channelId of previous?.channelIds ?? []) {
      this.#channels.delete(channelId);
      this.#otherChannels.delete(channelId);
    }
    const added = this.#addGuild(guild);
    this.#gateway.dispatch(GatewayDispatchEvents.GuildCreate, added.id, (intents) =>
      intents & GatewayIntentBits.Guilds ? this.#guildCreatePayload(added, intents) : undefined,
    );
  }

  /**
   * Simulates a Discord outage of a guild: GUILD_DELETE `{id, unavailable: true}` (discord.js emits
   * `guildUnavailable`, not `guildDelete`), then, when it is over, GUILD_CREATE (`guildAvailable`). Meanwhile
   * injected events from the guild are refused and a new session gets no GUILD_CREATE for it.
   */
  setGuildAvailable(guildId: string, available: boolean): void {
    const guild = this.#requireGuild(guildId);
    if (!guild.members.has(this.botUserId)) throw new Error(`The bot is not in guild ${guildId}`);
    if (guild.available === available) return;
    guild.available = available;
    this.#gateway.dispatch(
      available ? GatewayDispatchEvents.GuildCreate : GatewayDispatchEvents.GuildDelete,
      guildId,
      (intents) => {
        if (!(intents & GatewayIntentBits.Guilds)) return undefined;
        return available ? this.#guildCreatePayload(guild, intents) : { id: guildId, unavailable: true };
      },
    );
  }

  /** Resolves with the first request (already made or still to come) that matches. */
  waitForRequest(
    matches: (request: RecordedRequest) => boolean,
    timeoutMs = defaultWaitMs,
  ): Promise<RecordedRequest> {
    return this.#waiters.waitFor(
      () => this.requests.find(matches),
      timeoutMs,
      () =>
        `a matching request; recorded: ${
          this.requests
            .slice(-10)
            .map((request) => `${request.method} ${request.path} → ${request.status}`)
            .join(", ") || "none"
        }`,
    );
  }

  /** Resolves with the first gateway payload from the bot (already received or still to come) that matches. */
  waitForGatewayPayload(
    matches: (payload: ReceivedGatewayPayload) => boolean,
    timeoutMs = defaultWaitMs,
  ): Promise<ReceivedGatewayPayload> {
    return this.#waiters.waitFor(
      () => this.#gateway.received.find(matches),
      timeoutMs,
      () =>
        `a matching gateway payload; ops received: ${this.#gateway.received.map((payload) => payload.op).join(",")}`,
    );
  }

  /** Resolves with the first message the bot posted with `POST /channels/:id/messages` that matches. */
  waitForChannelMessage(
    matches: (message: APIMessage) => boolean,
    timeoutMs = defaultWaitMs,
  ): Promise<APIMessage> {
    return this.#waiters.waitFor(
      () => {
        for (const id of this.#botChannelMessageIds) {
          const message = this.#messages.get(id);
          if (message && matches(message)) return structuredClone(message);
        }
        return undefined;
      },
      timeoutMs,
      () => `a matching channel message from the bot (it posted ${this.#botChannelMessageIds.length})`,
    );
  }

  /**
   * Resolves with everything the bot did for an interaction, in order, once `done` holds. By default that is
   * once the user sees an answer: a reply, update, autocomplete result or modal, or a defer followed by
   * something else.
   */
  waitForInteractionResponse(
    interactionId: string,
    timeoutMs = defaultWaitMs,
    done: (events: readonly InteractionResponseEvent[]) => boolean = hasVisibleAnswer,
  ): Promise<InteractionResponseEvent[]> {
    const interaction = this.#interactions.get(interactionId);
    if (!interaction) return Promise.reject(new Error(`No interaction ${interactionId} was sent`));
    return this.#waiters.waitFor(
      () => (done(interaction.responses) ? structuredClone(interaction.responses) : undefined),
      timeoutMs,
      () =>
        `the bot to answer interaction ${interactionId}; so far: ${
          interaction.responses.map((event) => event.kind).join(", ") || "nothing"
        }`,
    );
  }

  /**
   * Resolves with the message the user finally sees for an interaction: the reply or updated message, or the
   * deferred reply once an edit or follow-up filled it. Rejects for autocomplete and modal answers.
   */
  async waitForInteractionReply(interactionId: string, timeoutMs = defaultWaitMs): Promise<APIMessage> {
    const events = await this.waitForInteractionResponse(interactionId, timeoutMs);
    const callbackType = events[0]?.callbackType;
    if (
      callbackType === InteractionResponseType.ApplicationCommandAutocompleteResult ||
      callbackType === InteractionResponseType.Modal
    ) {
      throw new Error(
        `Interaction ${interactionId} was answered with ${InteractionResponseType[callbackType]}`,
      );
    }
    const originalId = this.#interactions.get(interactionId)?.originalMessageId;
    const shown = events.findLast((event) => event.message?.id === originalId)?.message;
    if (!shown) throw new Error(`Interaction ${interactionId} has no visible reply (was it deleted?)`);
    return shown;
  }

  /** Sends INTERACTION_CREATE with a complete, valid payload, as Discord would after a user's action. */
  sendInteraction(options: SendInteractionOptions = {}): SentInteraction {
    this.#requireSession();
    const type = options.type ?? InteractionType.ApplicationCommand;
    const user = this.#requireUser(options.userId ?? this.defaultUserId);
    const sourceMessage =
      type === InteractionType.MessageComponent || (type === InteractionType.ModalSubmit && options.message)
        ? this.#sourceMessage(options)
        : undefined;
    const channel = this.#requireChannel(
      options.dm
        ? this.#dmChannelWith(user.id).id
        : (options.channelId ??
            sourceMessage?.channel_id ??
            this.#firstChannelOf(options.guildId ?? this.defaultGuildId)),
    );
    const guild = "guild_id" in channel && channel.guild_id ? this.#guilds.get(channel.guild_id) : undefined;
    if (guild) this.#requireBotPresent(guild);
    const member = guild && this.#requireMember(guild, user.id);
    const roleIds = options.memberRoleIds ?? member?.roles ?? [];
    const memberPermissions =
      options.memberPermissions ??
      (guild ? this.#permissionsIn(channel, user.id, roleIds) : directMessagePermissions);
    const context = { guild, channel, user, memberPermissions, roleIds };

    const id = this.#nextSnowflake();
    const token = `interaction-token-${id}-${randomBytes(12).toString("hex")}`;
    let data: unknown;
    let messageType = MessageType.Default;
    let command: APIApplicationCommand | undefined;
    if (
      type === InteractionType.ApplicationCommand ||
      type === InteractionType.ApplicationCommandAutocomplete
    ) {
      const built = buildCommandData(this.#interactionDataSource(), type, options, context);
      for (const upload of built.uploads) {
        const { id, filename, content_type: contentType } = upload.attachment;
        this.#servedAttachments.set(`${upload.channelId}/${id}`, {
          filename,
          contentType,
          data: upload.data,
        });
      }
      data = built.data;
      command = built.command;
      messageType =
        built.commandType === ApplicationCommandType.ChatInput
          ? MessageType.ChatInputCommand
          : MessageType.ContextMenuCommand;
    } else if (type === InteractionType.MessageComponent) {
      data = buildComponentData(this.#interactionDataSource(), options, sourceMessage, context);
    } else if (type === InteractionType.ModalSubmit) {
      data = buildModalSubmitData(options);
    } else {
      throw new Error(`The fake cannot send interactions of type ${type}`);
    }

    // Guild installs are keyed by guild; in the bot's DMs Discord sends "0".
    const authorizingOwners = { [ApplicationIntegrationType.GuildInstall]: guild ? guild.id : "0" };
    const payload: InteractionPayload = {
      id,
      application_id: this.options.applicationId,
      type,
      token,
      version: 1,
      data,
      channel_id: channel.id,
      channel: this.#interactionChannel(channel, memberPermissions),
      app_permissions: String(
        guild ? this.#permissionsIn(channel, this.botUserId) : directMessagePermissions,
      ),
      locale: options.locale ?? Locale.EnglishUS,
      entitlements: [],
      authorizing_integration_owners: authorizingOwners,
      context: guild ? InteractionContextType.Guild : InteractionContextType.BotDM,
      attachment_size_limit: attachmentSizeLimit,
      ...(guild && member
        ? {
            guild_id: guild.id,
            guild: { id: guild.id, locale: Locale.EnglishUS, features: [] },
            guild_locale: Locale.EnglishUS,
            member: { ...member, roles: roleIds, permissions: String(memberPermissions) },
          }
        : { user }),
      ...(sourceMessage ? { message: structuredClone(sourceMessage) } : {}),
    };
    this.#interactions.set(id, {
      id,
      token,
      type,
      createdAt: Date.now(),
      channelId: channel.id,
      messageType,
      metadata: this.#interactionMetadata(id, type, user, authorizingOwners, sourceMessage, command),
      sourceMessageId: sourceMessage?.id,
      callbackType: undefined,
      originalMessageId: undefined,
      originalLoading: false,
      followUpIds: new Set(),
      responses: [],
    });
    this.#gateway.dispatch(GatewayDispatchEvents.InteractionCreate, guild?.id ?? null, () => payload);
    return { id, token, channelId: channel.id, guildId: guild?.id ?? null, payload };
  }

  /** Sends MESSAGE_CREATE for a message a user (or another bot) wrote, applying the intent rules. */
  sendMessage(options: SendMessageOptions): SentMessage {
    this.#requireSession();
    const user = this.#requireUser(options.authorId ?? this.defaultUserId);
    const author = options.isBot ? { ...user, bot: true } : user;
    const channel = this.#requireChannel(
      options.dm
        ? this.#dmChannelWith(author.id).id
        : (options.channelId ?? this.#firstChannelOf(options.guildId ?? this.defaultGuildId)),
    );
    if ("guild_id" in channel && channel.guild_id) {
      const guild = this.#requireGuild(channel.guild_id);
      this.#requireBotPresent(guild);
      this.#requireMember(guild, author.id);
    }
    const botMention = `<@${this.botUserId}>`;
    const content =
      options.mentionsBot && !options.content.includes(botMention)
        ? `${botMention} ${options.content}`
        : options.content;
    const body: MessageBody = {
      content,
      ...(options.embeds ? { embeds: options.embeds } : {}),
      ...(options.replyTo ? { message_reference: { message_id: options.replyTo } } : {}),
    };
    const message = this.#createMessage({ channel, author, body, files: [] });
    return {
      id: message.id,
      channelId: channel.id,
      guildId: "guild_id" in channel ? (channel.guild_id ?? null) : null,
      message: structuredClone(message),
    };
  }

  // ——— HTTP ———

  async #handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(request.url ?? "/", "http://fake");
    const rawPath = url.pathname.startsWith(`${apiPrefix}/`)
      ? url.pathname.slice(apiPrefix.length)
      : url.pathname;
    const path = decodePath(rawPath);
    const method = request.method ?? "GET";
    if (path.startsWith("/attachments/")) {
      await this.#serveAttachment({ method, path, rawPath, url, request, response, at });
      return;
    }
    let body: unknown;
    let files: UploadedFile[] = [];
    let result: RouteResult;
    try {
      ({ json: body, files } = await readRequestBody(request));
      result = url.pathname.startsWith(`${apiPrefix}/`)
        ? this.#answer(method, path, rawPath, url.searchParams, request.headers, body, files)
        : this.#notFound();
    } catch (error) {
      result =
        error instanceof SyntaxError
          ? apiError(400, 50109, "The request body contains invalid JSON.")
          : apiError(500, 0, `The fake failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.requests.push({
      method,
      path,
      rawPath,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body,
      files,
      status: result.status,
      responseBody: result.body,
      at,
    });
    const headers: Record<string, string> = { ...result.headers };
    if (result.body !== undefined) headers["content-type"] = "application/json";
    response.writeHead(result.status, headers);
    response.end(result.body === undefined ? undefined : JSON.stringify(result.body));
    this.#waiters.notify();
  }

  /**
   * Answers a download of an attachment URL like Discord's CDN: the bytes with their type and length, no token
   * needed (the URLs are public), 404 for unknown files. Recorded in {@link requests} like REST calls.
   */
  async #serveAttachment(download: {
    method: string;
    path: string;
    rawPath: string;
    url: URL;
    request: IncomingMessage;
    response: ServerResponse;
    at: number;
  }): Promise<void> {
    const { method, path, rawPath, url, request, response, at } = download;
    const held = this.#heldDownloads;
    if (held) await new Promise<void>((resolve) => held.push(resolve));
    let params: Record<string, string> | undefined;
    try {
      params = matchPath("/attachments/:channelId/:attachmentId/:filename", rawPath);
    } catch {
      params = undefined; // A malformed escape names no file.
    }
    const file = params && this.#servedAttachments.get(`${params.channelId}/${params.attachmentId}`);
    const failure = this.#takeInjectedFailure(method, path);
    let status = 200;
    let headers: Record<string, string> = {};
    let body: Buffer | string;
    if (failure) {
      status = failure.status;
      headers = { ...failure.headers, "content-type": "application/json" };
      body = JSON.stringify(failure.body);
    } else if (method !== "GET" && method !== "HEAD") {
      status = 405;
      headers = { "content-type": "text/plain" };
      body = "Method Not Allowed";
    } else if (!file || file.filename !== params?.filename) {
      status = 404;
      headers = { "content-type": "text/plain" };
      body = "Not Found";
    } else {
      headers = { "content-type": file.contentType || "application/octet-stream" };
      body = file.data;
    }
    headers["content-length"] = String(Buffer.byteLength(body));
    this.requests.push({
      method,
      path,
      rawPath,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body: undefined,
      files: [],
      status,
      responseBody: status === 200 ? undefined : body,
      at,
    });
    response.writeHead(status, headers);
    response.end(method === "HEAD" ? undefined : body);
    this.#waiters.notify();
  }

  #answer(
    method: string,
    path: string,
    rawPath: string,
    query: URLSearchParams,
    headers: IncomingHttpHeaders,
    body: unknown,
    files: UploadedFile[],
  ): RouteResult {
    const failure = this.#takeInjectedFailure(method, path);
    if (failure) return failure;
    let pathMatched = false;
    for (const route of this.#routes) {
      const params = matchPath(route.pattern, rawPath);
      if (!params) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      if (route.needsToken && headers.authorization !== `Bot ${this.options.token}`) {
        return apiError(401, 0, "401: Unauthorized");
      }
      try {
        return route.handle({ params, query, body, files });
      } catch (error) {
        if (error instanceof RejectedRequest) return error.failure;
        throw error;
      }
    }
    return pathMatched ? apiError(405, 0, "405: Method Not Allowed") : this.#notFound();
  }

  #notFound(): RouteResult {
    return apiError(404, 0, "404: Not Found");
  }

  #takeInjectedFailure(method: string, path: string): RouteResult | undefined {
    const index = this.#failures.findIndex(
      (failure) =>
        (failure.method === undefined || failure.method === method) && failure.pathPattern.test(path),
    );
    const failure = this.#failures[index];
    if (!failure) return undefined;
    failure.times = (failure.times ?? 1) - 1;
    if (failure.times <= 0) this.#failures.splice(index, 1);
    if (failure.status === 429) {
      const retryAfter = failure.retryAfter ?? 1;
      const global = failure.global ?? false;
      return {
        status: 429,
        headers: {
          "retry-after": String(retryAfter),
          "x-ratelimit-scope": global ? "global" : "user",
          ...(global ? { "x-ratelimit-global": "true" } : {}),
        },
        body: { message: "You are being rate limited.", retry_after: retryAfter, global },
      };
    }
    return { status: failure.status, body: { message: `${failure.status}: Injected failure`, code: 0 } };
  }

  #buildRoutes(): Route[] {
    const route = (
      method: string,
      pattern: string,
      handle: (request: RouteRequest) => RouteResult,
      needsToken = true,
    ): Route => ({ method, pattern, handle, needsToken });
    const commandRoutes = (base: string, guildOf: (params: Record<string, string>) => string | undefined) => [
      route("GET", base, ({ params }) => ok(this.#commandsFor(params, guildOf(params)))),
      route("PUT", base, ({ params, body }) => ok(this.#overwriteCommands(params, guildOf(params), body))),
      route("POST", base, ({ params, body }) => this.#createCommand(params, guildOf(params), body)),
      route("GET", `${base}/:commandId`, ({ params }) => ok(this.#requireCommand(params, guildOf(params)))),
      route("PATCH", `${base}/:commandId`, ({ params, body }) =>
        ok(this.#editCommand(params, guildOf(params), body)),
      ),
      route("DELETE", `${base}/:commandId`, ({ params }) => {
        const command = this.#requireCommand(params, guildOf(params));
        this.#commands.splice(this.#commands.indexOf(command), 1);
        return noContent;
      }),
    ];
    return [
      route("GET", "/gateway", () => ok({ url: this.gatewayUrl }), false),
      route("GET", "/gateway/bot", () =>
        ok({
          url: this.gatewayUrl,
          shards: this.options.recommendedShards,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
        }),
      ),
      route("GET", "/users/@me", () =>
        ok({ ...this.#requireUser(this.botUserId), verified: true, mfa_enabled: true }),
      ),
      route("POST", "/users/@me/channels", ({ body }) => {
        const recipientId = (body as { recipient_id?: string } | undefined)?.recipient_id ?? "";
        return ok(this.#dmChannelWith(this.#requireUser(recipientId).id));
      }),
      route("GET", "/users/:userId", ({ params }) => ok(this.#requireUser(params.userId ?? ""))),
      route("GET", "/applications/@me", () => ok(this.#application())),
      route("GET", "/oauth2/applications/@me", () => ok(this.#application())),
      ...commandRoutes("/applications/:applicationId/commands", () => undefined),
      ...commandRoutes("/applications/:applicationId/guilds/:guildId/commands", (params) => params.guildId),
      route(
        "POST",
        "/interactions/:interactionId/:token/callback",
        (request) => this.#interactionCallback(request),
        false,
      ),
      route(
        "GET",
        "/webhooks/:applicationId/:token/messages/:messageId",
        ({ params }) => {
          const interaction = this.#interactionForWebhook(params);
          return ok(this.#requireInteractionMessage(interaction, params.messageId ?? ""));
        },
        false,
      ),
      route(
        "PATCH",
        "/webhooks/:applicationId/:token/messages/:messageId",
        (request) => this.#editInteractionMessage(request),
        false,
      ),
      route(
        "DELETE",
        "/webhooks/:applicationId/:token/messages/:messageId",
        ({ params }) => {
          const interaction = this.#interactionForWebhook(params);
          const message = this.#requireInteractionMessage(interaction, params.messageId ?? "");
          this.#deleteMessage(message);
          const isOriginal = message.id === interaction.originalMessageId;
          this.#recordResponse(interaction, {
            kind: isOriginal ? "deleteOriginal" : "deleteFollowUp",
            body: undefined,
          });
          return noContent;
        },
        false,
      ),
      route("POST", "/webhooks/:applicationId/:token", (request) => this.#sendFollowUp(request), false),
      route("GET", "/channels/:channelId", ({ params }) =>
        ok(this.#channelForBot(params.channelId ?? "", 0n)),
      ),
      route("POST", "/channels/:channelId/messages", (request) => this.#postChannelMessage(request)),
      route("GET", "/channels/:channelId/messages/:messageId", ({ params }) =>
        ok(this.#messageForBot(params, PermissionFlagsBits.ReadMessageHistory)),
      ),
      route("PATCH", "/channels/:channelId/messages/:messageId", ({ params, body, files }) => {
        const message = this.#messageForBot(params, 0n);
        if (message.author.id !== this.botUserId) {
          reject(
            403,
            RESTJSONErrorCodes.CannotEditMessageAuthoredByAnotherUser,
            "Cannot edit a message authored by another user",
          );
        }
        return ok(this.#editMessage(message, body as MessageBody, files));
      }),
      route("DELETE", "/channels/:channelId/messages/:messageId", ({ params }) => {
        const message = this.#messageForBot(params, 0n);
        if (message.author.id !== this.botUserId)
          this.#channelForBot(message.channel_id, PermissionFlagsBits.ManageMessages);
        this.#deleteMessage(message);
        return noContent;
      }),
      route("PUT", "/channels/:channelId/messages/:messageId/reactions/:emoji/@me", ({ params }) =>
        this.#addBotReaction(params),
      ),
      route("POST", "/channels/:channelId/typing", ({ params }) => {
        this.#channelForBot(params.channelId ?? "", PermissionFlagsBits.SendMessages);
        return noContent;
      }),
      route("GET", "/guilds/:guildId", ({ params }) =>
        ok(this.#restGuild(this.#guildForBot(params.guildId ?? ""))),
      ),
      route("GET", "/guilds/:guildId/roles", ({ params }) =>
        ok(this.#guildForBot(params.guildId ?? "").roles),
      ),
      route("GET", "/guilds/:guildId/channels", ({ params }) =>
        ok(
          this.#guildForBot(params.guildId ?? "").channelIds.map(
            (id) => this.#channels.get(id) ?? this.#otherChannels.get(id),
          ),
        ),
      ),
      route("GET", "/guilds/:guildId/members/:userId", ({ params }) =>
        ok(this.#requireMember(this.#guildForBot(params.guildId ?? ""), params.userId ?? "", true)),
      ),
    ];
  }

  // ——— Users, guilds, channels ———

  #addUser(user: FakeUser): APIUser {
    const apiUser: APIUser = {
      id: user.id,
      username: user.username,
      discriminator: "0",
      global_name: user.globalName ?? null,
      avatar: null,
      ...(user.bot ? { bot: true } : {}),
    };
    this.#users.set(user.id, apiUser);
    return apiUser;
  }

  #addGuild(options: FakeGuild): GuildState {
    const joinedAt = new Date().toISOString();
    const role = (
      id: string,
      name: string,
      permissions: bigint,
      position: number,
      botId?: string,
    ): APIRole => ({
      id,
      name,
      permissions: String(permissions),
      position,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      managed: botId !== undefined,
      mentionable: false,
      flags: 0 as RoleFlags,
      ...(botId ? { tags: { bot_id: botId } } : {}),
    });
    const roles: APIRole[] = options.roles?.some((candidate) => candidate.id === options.id)
      ? []
      : [role(options.id, "@everyone", options.everyonePermissions ?? defaultEveryonePermissions, 0)];
    for (const [index, fakeRole] of (options.roles ?? []).entries()) {
      roles.push(role(fakeRole.id, fakeRole.name, fakeRole.permissions, fakeRole.position ?? index + 1));
    }
    const members = new Map<string, APIGuildMember>();
    const addMember = (member: FakeMember) =>
      members.set(member.user.id, {
        user: this.#users.get(member.user.id) ?? this.#addUser(member.user),
        nick: member.nick ?? null,
        roles: member.roleIds ?? [],
        joined_at: joinedAt,
        deaf: false,
        mute: false,
        flags: 0 as GuildMemberFlags,
        pending: false,
        premium_since: null,
        communication_disabled_until: null,
        avatar: null,
      });
    for (const member of options.members) addMember(member);
    if (!members.has(this.botUserId)) {
      // Bots join through an invite that gives them a managed role of their own.
      const botRole = role(
        this.#nextSnowflake(),
        this.options.botUser.username,
        defaultEveryonePermissions,
        roles.length,
        this.botUserId,
      );
      roles.push(botRole);
      addMember({ user: this.options.botUser, roleIds: [botRole.id] });
    }
    if (!members.has(options.ownerId))
      throw new Error(`Guild ${options.id}: owner ${options.ownerId} is not a member`);
    for (const [position, channel] of options.channels.entries()) {
      const overwrites = (channel.permissionOverwrites ?? []).map((overwrite) => ({
        id: overwrite.id,
        type: overwrite.type,
        allow: String(overwrite.allow ?? 0n),
        deny: String(overwrite.deny ?? 0n),
      }));
      if (channel.type === ChannelType.GuildCategory) {
        this.#otherChannels.set(channel.id, {
          id: channel.id,
          type: ChannelType.GuildCategory,
          guild_id: options.id,
          name: channel.name,
          position,
          parent_id: null,
          nsfw: false,
          permission_overwrites: overwrites,
        });
        continue;
      }
      this.#channels.set(channel.id, {
        id: channel.id,
        type: ChannelType.GuildText,
        guild_id: options.id,
        name: channel.name,
        topic: channel.topic ?? null,
        position,
        parent_id: null,
        nsfw: false,
        rate_limit_per_user: 0,
        last_message_id: null,
        permission_overwrites: overwrites,
      });
    }
    const guild: GuildState = {
      id: options.id,
      name: options.name,
      ownerId: options.ownerId,
      joinedAt,
      roles,
      channelIds: options.channels.map((channel) => channel.id),
      members,
      available: true,
    };
    this.#guilds.set(options.id, guild);
    return guild;
  }

  #nextSnowflake(): string {
    this.#snowflakeIncrement = (this.#snowflakeIncrement + 1n) % 4096n;
    return String(((BigInt(Date.now()) - discordEpoch) << 22n) | this.#snowflakeIncrement);
  }

  #requireSession(): void {
    if (!this.#gateway.hasSessions) {
      throw new Error("No bot is connected to the fake gateway: log in and wait for clientReady first");
    }
  }

  #requireUser(id: string): APIUser {
    const user = this.#users.get(id);
    if (!user) reject(404, RESTJSONErrorCodes.UnknownUser, "Unknown User", `user ${id}`);
    return user;
  }

  #requireGuild(id: string): GuildState {
    const guild = this.#guilds.get(id);
    if (!guild) reject(404, RESTJSONErrorCodes.UnknownGuild, "Unknown Guild", `guild ${id}`);
    return guild;
  }

  /** The guilds the bot is in (available or not). */
  #botGuilds(): GuildState[] {
    return [...this.#guilds.values()].filter((guild) => guild.members.has(this.botUserId));
  }

  /** The bot's guilds whose events a session on `shard` receives. */
  #botGuildsOn([id, count]: GatewayShard): GuildState[] {
    return this.#botGuilds().filter((guild) => shardOf(guild.id, count) === id);
  }

  /** A guild for the bot's REST calls: 403 Missing Access once the bot is no longer in it, as on Discord. */
  #guildForBot(id: string): GuildState {
    const guild = this.#requireGuild(id);
    if (!guild.members.has(this.botUserId)) reject(403, RESTJSONErrorCodes.MissingAccess, "Missing Access");
    return guild;
  }

  /** Throws when no event could reach the bot from this guild: it was removed, or the guild is in an outage. */
  #requireBotPresent(guild: GuildState): void {
    if (!guild.members.has(this.botUserId)) throw new Error(`The bot is not in guild ${guild.id}`);
    if (!guild.available) throw new Error(`Guild ${guild.id} is unavailable (outage)`);
  }

  #requireMember(guild: GuildState, userId: string, asRestAnswer = false): APIGuildMember {
    const member = guild.members.get(userId);
    if (!member) {
      if (asRestAnswer) reject(404, RESTJSONErrorCodes.UnknownMember, "Unknown Member");
      throw new Error(`User ${userId} is not a member of guild ${guild.id}`);
    }
    return member;
  }

  #requireChannel(id: string): TextBasedChannel {
    const channel = this.#channels.get(id);
    if (!channel) reject(404, RESTJSONErrorCodes.UnknownChannel, "Unknown Channel", `channel ${id}`);
    return channel;
  }

  #firstChannelOf(guildId: string): string {
    const channelId = this.#requireGuild(guildId).channelIds.find((id) => this.#channels.has(id));
    if (!channelId) throw new Error(`Guild ${guildId} has no channels`);
    return channelId;
  }

  #guildOf(channel: GuildChannelOrDm): GuildState | undefined {
    return "guild_id" in channel && channel.guild_id ? this.#guilds.get(channel.guild_id) : undefined;
  }

  /** A user's permissions in a channel; in DMs, what DMs allow. */
  #permissionsIn(channel: GuildChannelOrDm, userId: string, roleIds?: readonly string[]): bigint {
    const guild = this.#guildOf(channel);
    if (!guild || channel.type === ChannelType.DM) return directMessagePermissions;
    const holder = { userId, roleIds: roleIds ?? guild.members.get(userId)?.roles ?? [] };
    return channelPermissions(
      { id: guild.id, ownerId: guild.ownerId, roles: guild.roles },
      holder,
      channel.permission_overwrites ?? [],
    );
  }

  /** The channel, if the bot can see it and holds `needed` there; Discord's 404/403 otherwise. */
  #channelForBot(channelId: string, needed: bigint): TextBasedChannel {
    const channel = this.#requireChannel(channelId);
    const guild = this.#guildOf(channel);
    if (guild && !guild.members.has(this.botUserId))
      reject(403, RESTJSONErrorCodes.MissingAccess, "Missing Access");
    const permissions = this.#permissionsIn(channel, this.botUserId);
    if (!(permissions & PermissionFlagsBits.ViewChannel))
      reject(403, RESTJSONErrorCodes.MissingAccess, "Missing Access");
    if ((permissions & needed) !== needed)
      reject(403, RESTJSONErrorCodes.MissingPermissions, "Missing Permissions");
    return channel;
  }

  #messageForBot(params: Record<string, string>, needed: bigint): APIMessage {
    const channel = this.#channelForBot(params.channelId ?? "", needed);
    const message = this.#messages.get(params.messageId ?? "");
    if (!message || message.channel_id !== channel.id)
      reject(404, RESTJSONErrorCodes.UnknownMessage, "Unknown Message");
    return message;
  }

  /** The DM channel between the bot and a user, opened on first use like `POST /users/@me/channels`. */
  #dmChannelWith(userId: string): APIDMChannel {
    for (const channel of this.#channels.values()) {
      if (channel.type === ChannelType.DM && channel.recipients?.[0]?.id === userId) return channel;
    }
    const channel: APIDMChannel = {
      id: this.#nextSnowflake(),
      type: ChannelType.DM,
      name: null,
      last_message_id: null,
      recipients: [this.#requireUser(userId)],
    };
    this.#channels.set(channel.id, channel);
    return channel;
  }

  #application(): APIApplication {
    const firstGuild = this.options.guilds[0];
    const owner = firstGuild ? this.#users.get(firstGuild.ownerId) : undefined;
    // An unverified app (under 100 servers) with an intent switched on carries its "Limited" flag.
    const enabled = this.options.privilegedIntents;
    const flags =
      (enabled & GatewayIntentBits.GuildMembers ? ApplicationFlags.GatewayGuildMembersLimited : 0) |
      (enabled & GatewayIntentBits.GuildPresences ? ApplicationFlags.GatewayPresenceLimited : 0) |
      (enabled & GatewayIntentBits.MessageContent ? ApplicationFlags.GatewayMessageContentLimited : 0);
    return {
      id: this.options.applicationId,
      name: this.options.applicationName,
      icon: null,
      description: "",
      summary: "",
      bot_public: true,
      bot_require_code_grant: false,
      bot: this.#requireUser(this.botUserId),
      verify_key: "0".repeat(64),
      team: null,
      flags,
      flags_new: String(flags),
      approximate_guild_count: this.#botGuilds().length,
      ...(owner ? { owner } : {}),
    };
  }

  #restGuild(guild: GuildState): APIGuild {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: guild.roles,
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: guild.channelIds[0] ?? null,
      system_channel_flags: 0 as GuildSystemChannelFlags,
      rules_channel_id: null,
      vanity_url_code: null,
      premium_tier: 0,
      preferred_locale: Locale.EnglishUS,
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      hub_type: null,
      safety_alerts_channel_id: null,
      incidents_data: null,
    };
  }

  // ——— Gateway payloads ———

  #readyPayload(sessionId: string, shard: GatewayShard): GatewayReadyDispatchData {
    const { flags, flags_new } = this.#application();
    return {
      v: 10,
      user: { ...this.#requireUser(this.botUserId), verified: true, mfa_enabled: true },
      guilds: this.#botGuildsOn(shard).map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: sessionId,
      resume_gateway_url: `ws://127.0.0.1:${this.#port}/resume`,
      shard: [...shard],
      application: { id: this.options.applicationId, flags, flags_new },
    };
  }

  #guildCreatePayload(guild: GuildState, intents: number): GatewayGuildCreateDispatchData {
    const members = [...guild.members.values()];
    return {
      ...this.#restGuild(guild),
      joined_at: guild.joinedAt,
      large: false,
      unavailable: false,
      member_count: members.length,
      voice_states: [],
      // Without the privileged GuildMembers intent Discord only sends the bot's own member.
      members:
        intents & GatewayIntentBits.GuildMembers
          ? members
          : members.filter((member) => member.user.id === this.botUserId),
      channels: guild.channelIds.map((id) => {
        const { guild_id: _guildId, ...channel } = (this.#channels.get(id) ?? this.#otherChannels.get(id)) as
          | APITextChannel
          | APIGuildCategoryChannel;
        return channel;
      }),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  /** A message as MESSAGE_CREATE/UPDATE carries it: with guild_id, the author's member and mention members. */
  #gatewayMessage(message: APIMessage): GatewayMessageCreateDispatchData {
    const channel = this.#requireChannel(message.channel_id);
    const guild = this.#guildOf(channel);
    const memberWithoutUser = (userId: string) => {
      const member = guild?.members.get(userId);
      if (!member) return undefined;
      const { user: _user, ...rest } = member;
      return { ...rest, joined_at: rest.joined_at ?? guild?.joinedAt ?? "" };
    };
    const authorMember = message.webhook_id ? undefined : memberWithoutUser(message.author.id);
    return {
      ...message,
      channel_type: channel.type,
      mentions: message.mentions.map((user) => {
        const member = memberWithoutUser(user.id);
        return member ? { ...user, member } : user;
      }),
      ...(guild ? { guild_id: guild.id } : {}),
      ...(authorMember ? { member: authorMember } : {}),
    };
  }

  /**
   * The message event data a session with these intents gets, or undefined when its intents exclude it:
   * guild messages need GuildMessages, DMs DirectMessages; without MessageContent, content and the like are
   * blank except in DMs, the bot's own messages and messages that mention the bot.
   */
  #messageEventFor(message: APIMessage, intents: number): GatewayMessageCreateDispatchData | undefined {
    const isDirect = this.#channels.get(message.channel_id)?.type === ChannelType.DM;
    const needed = isDirect ? GatewayIntentBits.DirectMessages : GatewayIntentBits.GuildMessages;
    if (!(intents & needed)) return undefined;
    const data = this.#gatewayMessage(message);
    const readsContent =
      intents & GatewayIntentBits.MessageContent ||
      isDirect ||
      message.author.id === this.botUserId ||
      message.mentions.some((user) => user.id === this.botUserId);
    if (readsContent) return data;
    const { poll: _poll, ...withoutPoll } = data;
    return { ...withoutPoll, content: "", embeds: [], attachments: [], components: [] };
  }

  #dispatchMessage(
    event: GatewayDispatchEvents.MessageCreate | GatewayDispatchEvents.MessageUpdate,
    message: APIMessage,
  ): void {
    // Ephemeral messages exist only for the user who sees them; Discord never dispatches them.
    if ((message.flags ?? 0) & MessageFlags.Ephemeral) return;
    const snapshot = structuredClone(message);
    const guildId = this.#guildOf(this.#requireChannel(message.channel_id))?.id ?? null;
    this.#gateway.dispatch(event, guildId, (intents) => this.#messageEventFor(snapshot, intents));
  }

  // ——— Messages ———

  /** Validates and stores a new message, then dispatches MESSAGE_CREATE (Discord echoes the bot's own too). */
  #createMessage(input: {
    channel: TextBasedChannel;
    author: APIUser;
    body: MessageBody;
    files: UploadedFile[];
    type?: MessageType;
    extraFlags?: number;
    interaction?: InteractionState;
  }): APIMessage {
    const { channel, author, body, files } = input;
    const attachments = this.#attachments(channel.id, body, files, []);
    const flags = (body.flags ?? 0) | (input.extraFlags ?? 0);
    rejectIf(checkMessage(body, { ...body, attachments, flags }));
    const referenceId = body.message_reference?.message_id;
    const referenced = referenceId ? this.#messages.get(referenceId) : undefined;
    const reference = referenced?.channel_id === channel.id ? referenced : undefined;
    if (referenceId && !reference && body.message_reference?.fail_if_not_exists !== false) {
      const errors = new FormErrors();
      errors.add(["message_reference"], "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message");
      rejectIf(errors.toFailure());
    }
    const content = body.content ?? "";
    const guild = this.#guildOf(channel);
    const interaction = input.interaction;
    const message: APIMessage = {
      id: this.#nextSnowflake(),
      channel_id: channel.id,
      author,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: body.tts ?? false,
      mention_everyone: /@(everyone|here)\b/.test(content),
      mentions: this.#mentionedUsers(content),
      mention_roles: [...content.matchAll(/<@&(\d+)>/g)]
        .map((match) => match[1] ?? "")
        .filter((id) => guild?.roles.some((role) => role.id === id)),
      attachments,
      embeds: body.embeds ?? [],
      // The bot's JSON, checked by checkMessage above.
      components: (body.components ?? []) as APIMessage["components"],
      pinned: false,
      type: reference ? MessageType.Reply : (input.type ?? MessageType.Default),
      flags,
      ...(reference
        ? {
            message_reference: {
              type: 0,
              message_id: reference.id,
              channel_id: channel.id,
              ...(guild ? { guild_id: guild.id } : {}),
            },
            referenced_message: { ...structuredClone(reference), referenced_message: null },
          }
        : {}),
      ...(interaction
        ? {
            webhook_id: this.options.applicationId,
            application_id: this.options.applicationId,
            ...(interaction.metadata ? { interaction_metadata: interaction.metadata } : {}),
          }
        : {}),
    };
    this.#messages.set(message.id, message);
    channel.last_message_id = message.id;
    this.#dispatchMessage(GatewayDispatchEvents.MessageCreate, message);
    return message;
  }

  /** Applies an edit like Discord (only the fields sent change; a deferred reply stops loading), then MESSAGE_UPDATE. */
  #editMessage(message: APIMessage, body: MessageBody, files: UploadedFile[]): APIMessage {
    const wasLoading = Boolean((message.flags ?? 0) & MessageFlags.Loading);
    const keptFlags = (message.flags ?? 0) & MessageFlags.Ephemeral;
    const settableFlags = ~(MessageFlags.Ephemeral | MessageFlags.Loading);
    const edited: APIMessage = {
      ...message,
      content: body.content === undefined ? message.content : (body.content ?? ""),
      embeds: body.embeds === undefined ? message.embeds : (body.embeds ?? []),
      components:
        body.components === undefined
          ? message.components
          : ((body.components ?? []) as APIMessage["components"]),
      attachments: this.#attachments(message.channel_id, body, files, message.attachments),
      flags: keptFlags | ((body.flags ?? message.flags ?? 0) & settableFlags),
      edited_timestamp: wasLoading ? null : new Date().toISOString(),
    };
    edited.mentions = this.#mentionedUsers(edited.content);
    rejectIf(checkMessage(body, edited));
    this.#messages.set(message.id, edited);
    this.#dispatchMessage(GatewayDispatchEvents.MessageUpdate, edited);
    return edited;
  }

  #deleteMessage(message: APIMessage): void {
    this.#messages.delete(message.id);
    if ((message.flags ?? 0) & MessageFlags.Ephemeral) return;
    const channel = this.#requireChannel(message.channel_id);
    const guild = this.#guildOf(channel);
    const needed = guild ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages;
    this.#gateway.dispatch(GatewayDispatchEvents.MessageDelete, guild?.id ?? null, (intents) =>
      intents & needed
        ? { id: message.id, channel_id: channel.id, ...(guild ? { guild_id: guild.id } : {}) }
        : undefined,
    );
  }

  /** Attachments after a create or edit: kept ones the body lists (all when it lists none), plus uploaded files. */
  #attachments(
    channelId: string,
    body: MessageBody,
    files: UploadedFile[],
    existing: APIMessage["attachments"],
  ): APIMessage["attachments"] {
    const listedIds = new Set((body.attachments ?? []).map((attachment) => String(attachment.id)));
    const kept =
      body.attachments === undefined
        ? existing
        : existing.filter((attachment) => listedIds.has(attachment.id));
    const uploaded = files.map((file) => {
      const id = this.#nextSnowflake();
      const url = this.#attachmentUrl(channelId, id, file.filename);
      // Discord types a file by its extension (discord.js sends every file as application/octet-stream).
      const contentType = contentTypeFromName(file.filename) ?? (file.contentType || undefined);
      this.#servedAttachments.set(`${channelId}/${id}`, {
        filename: file.filename,
        contentType,
        data: file.data,
      });
      return {
        id,
        filename: file.filename,
        size: file.data.length,
        url,
        proxy_url: url,
        ...(contentType ? { content_type: contentType } : {}),
      };
    });
    return [...kept, ...uploaded];
  }

  #attachmentUrl(channelId: string, attachmentId: string, filename: string): string {
    return `http://127.0.0.1:${this.#port}/attachments/${channelId}/${attachmentId}/${encodeURIComponent(filename)}`;
  }

  #mentionedUsers(content: string): APIUser[] {
    const ids = new Set([...content.matchAll(/<@!?(\d+)>/g)].map((match) => match[1] ?? ""));
    return [...ids].flatMap((id) => {
      const user = this.#users.get(id);
      return user ? [user] : [];
    });
  }

  #postChannelMessage({ params, body, files }: RouteRequest): RouteResult {
    const messageBody = (body ?? {}) as MessageBody;
    const needed =
      PermissionFlagsBits.SendMessages | (files.length > 0 ? PermissionFlagsBits.AttachFiles : 0n);
    const channel = this.#channelForBot(params.channelId ?? "", needed);
    const message = this.#createMessage({
      channel,
      author: this.#requireUser(this.botUserId),
      body: { ...messageBody, flags: (messageBody.flags ?? 0) & ~MessageFlags.Ephemeral },
      files,
    });
    this.#botChannelMessageIds.push(message.id);
    return ok(message);
  }

  #addBotReaction(params: Record<string, string>): RouteResult {
    const message = this.#messageForBot(params, PermissionFlagsBits.ReadMessageHistory);
    const emojiText = params.emoji ?? "";
    const [name = "", customId] = emojiText.split(":");
    const emoji = { id: customId ?? null, name };
    const reactions = message.reactions ?? [];
    const existing = reactions.find(
      (reaction) => reaction.emoji.name === name && reaction.emoji.id === emoji.id,
    );
    if (!existing) {
      // Adding a new emoji needs Add Reactions; joining an existing one does not.
      this.#channelForBot(message.channel_id, PermissionFlagsBits.AddReactions);
      reactions.push({
        count: 1,
        count_details: { burst: 0, normal: 1 },
        me: true,
        me_burst: false,
        burst_colors: [],
        emoji,
      });
    } else if (!existing.me) {
      existing.me = true;
      existing.count++;
      existing.count_details.normal++;
    }
    message.reactions = reactions;
    const channel = this.#requireChannel(message.channel_id);
    const guild = this.#guildOf(channel);
    const needed = guild ? GatewayIntentBits.GuildMessageReactions : GatewayIntentBits.DirectMessageReactions;
    this.#gateway.dispatch(GatewayDispatchEvents.MessageReactionAdd, guild?.id ?? null, (intents) =>
      intents & needed
        ? {
            user_id: this.botUserId,
            channel_id: channel.id,
            message_id: message.id,
            message_author_id: message.author.id,
            emoji,
            burst: false,
            type: 0,
            ...(guild ? { guild_id: guild.id, member: guild.members.get(this.botUserId) } : {}),
          }
        : undefined,
    );
    return noContent;
  }

  // ——— Application commands ———

  #checkApplication(params: Record<string, string>, guildId: string | undefined): void {
    if (params.applicationId !== this.options.applicationId)
      reject(403, RESTJSONErrorCodes.MissingAccess, "Missing Access");
    if (guildId !== undefined) this.#guildForBot(guildId);
  }

  #commandsFor(params: Record<string, string>, guildId: string | undefined): APIApplicationCommand[] {
    this.#checkApplication(params, guildId);
    return this.#commands.filter((command) => command.guild_id === guildId);
  }

  #storedCommand(body: CommandBody, guildId: string | undefined, id: string): APIApplicationCommand {
    const extra = body as CommandBody & Partial<APIApplicationCommand>;
    return {
      id,
      application_id: this.options.applicationId,
      version: this.#nextSnowflake(),
      type: body.type ?? ApplicationCommandType.ChatInput,
      name: body.name,
      name_localizations: extra.name_localizations ?? null,
      description: body.description ?? "",
      description_localizations: extra.description_localizations ?? null,
      // The bot's JSON, checked by checkCommand before it is stored.
      ...(body.options?.length ? { options: body.options as unknown as APIApplicationCommandOption[] } : {}),
      default_member_permissions: extra.default_member_permissions ?? null,
      nsfw: extra.nsfw ?? false,
      integration_types: extra.integration_types ?? [0],
      contexts: extra.contexts ?? null,
      ...(guildId ? { guild_id: guildId } : {}),
    };
  }

  #sameCommand(command: APIApplicationCommand, body: CommandBody, guildId: string | undefined): boolean {
    return (
      command.guild_id === guildId &&
      command.name === body.name &&
      command.type === (body.type ?? ApplicationCommandType.ChatInput)
    );
  }

  #overwriteCommands(
    params: Record<string, string>,
    guildId: string | undefined,
    body: unknown,
  ): APIApplicationCommand[] {
    this.#checkApplication(params, guildId);
    const bodies = (Array.isArray(body) ? body : []) as CommandBody[];
    rejectIf(checkCommandList(bodies));
    // Discord keeps the ids of commands whose name and type did not change.
    const stored = bodies.map((commandBody) => {
      const previous = this.#commands.find((command) => this.#sameCommand(command, commandBody, guildId));
      return this.#storedCommand(commandBody, guildId, previous?.id ?? this.#nextSnowflake());
    });
    const others = this.#commands.filter((command) => command.guild_id !== guildId);
    this.#commands.splice(0, this.#commands.length, ...others, ...stored);
    return stored;
  }

  #createCommand(params: Record<string, string>, guildId: string | undefined, body: unknown): RouteResult {
    this.#checkApplication(params, guildId);
    const commandBody = body as CommandBody;
    rejectIf(checkCommand(commandBody));
    const previous = this.#commands.find((command) => this.#sameCommand(command, commandBody, guildId));
    const stored = this.#storedCommand(commandBody, guildId, previous?.id ?? this.#nextSnowflake());
    if (previous) this.#commands.splice(this.#commands.indexOf(previous), 1, stored);
    else this.#commands.push(stored);
    return { status: previous ? 200 : 201, body: stored };
  }

  #requireCommand(params: Record<string, string>, guildId: string | undefined): APIApplicationCommand {
    const command = this.#commandsFor(params, guildId).find((candidate) => candidate.id === params.commandId);
    if (!command) reject(404, RESTJSONErrorCodes.UnknownApplicationCommand, "Unknown application command");
    return command;
  }

  #editCommand(
    params: Record<string, string>,
    guildId: string | undefined,
    body: unknown,
  ): APIApplicationCommand {
    const command = this.#requireCommand(params, guildId);
    const merged = { ...command, ...(body as Partial<CommandBody>) } as unknown as CommandBody;
    rejectIf(checkCommand(merged));
    const stored = this.#storedCommand(merged, guildId, command.id);
    this.#commands.splice(this.#commands.indexOf(command), 1, stored);
    return stored;
  }

  // ——— Interactions: building ———

  #sourceMessage(options: SendInteractionOptions): APIMessage {
    if (typeof options.message === "object") {
      // A message the test built itself: store it so updates and edits can find it.
      if (!this.#messages.has(options.message.id))
        this.#messages.set(options.message.id, structuredClone(options.message));
      return this.#messages.get(options.message.id) as APIMessage;
    }
    if (typeof options.message === "string") {
      const message = this.#messages.get(options.message);
      if (!message) throw new Error(`No stored message ${options.message}`);
      return message;
    }
    const customId = options.customId;
    if (!customId) throw new Error("A component interaction needs customId");
    const carrying = [...this.#messages.values()]
      .filter((message) => findComponent(message.components as ComponentBody[] | undefined, customId))
      .filter((message) => !options.channelId || message.channel_id === options.channelId);
    const latest = carrying.at(-1);
    if (!latest) throw new Error(`No stored message carries a component with custom_id "${customId}"`);
    return latest;
  }

  #interactionChannel(channel: TextBasedChannel, memberPermissions: bigint): InteractionPayload["channel"] {
    if (channel.type === ChannelType.DM) return structuredClone(channel);
    const { permission_overwrites: _overwrites, ...partial } = channel;
    const withPermissions = { ...partial, permissions: String(memberPermissions) };
    return withPermissions;
  }

  #interactionMetadata(
    id: string,
    type: InteractionType,
    user: APIUser,
    owners: Record<number, string>,
    sourceMessage: APIMessage | undefined,
    command: APIApplicationCommand | undefined,
  ): APIMessageInteractionMetadata | undefined {
    const base = { id, user, authorizing_integration_owners: owners };
    if (type === InteractionType.ApplicationCommand) {
      return {
        ...base,
        type: InteractionType.ApplicationCommand,
        ...(command ? { name: command.name, command_type: command.type } : {}),
      };
    }
    if (type === InteractionType.MessageComponent && sourceMessage) {
      return { ...base, type: InteractionType.MessageComponent, interacted_message_id: sourceMessage.id };
    }
    return undefined;
  }

  /** Read-only access for building interaction data, so that code cannot change the fake's state. */
  #interactionDataSource(): InteractionDataSource {
    return {
      user: (id) => this.#users.get(id),
      channel: (id) => this.#channels.get(id) ?? this.#otherChannels.get(id),
      message: (id) => this.#messages.get(id),
      commandPermissions: (guildId, commandName) =>
        this.#commandPermissions.get(`${guildId}:${commandName}`) ?? [],
      permissionsIn: (channel, userId) => this.#permissionsIn(channel, userId),
      findCommand: (name, guildId, type) => {
        const matches = (command: APIApplicationCommand) =>
          command.name === name && (type === undefined || command.type === type);
        return (
          this.#commands.find(
            (command) => command.guild_id === guildId && guildId !== undefined && matches(command),
          ) ?? this.#commands.find((command) => command.guild_id === undefined && matches(command))
        );
      },
      nextSnowflake: () => this.#nextSnowflake(),
      attachmentUrl: (channelId, attachmentId, filename) =>
        this.#attachmentUrl(channelId, attachmentId, filename),
    };
  }

  // ——— Interactions: answers ———

  #interactionCallback({ params, query, body, files }: RouteRequest): RouteResult {
    const interaction = this.#interactions.get(params.interactionId ?? "");
    if (!interaction || interaction.token !== params.token) {
      reject(404, RESTJSONErrorCodes.UnknownInteraction, "Unknown interaction");
    }
    if (interaction.callbackType !== undefined) {
      reject(
        400,
        RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
        "Interaction has already been acknowledged.",
      );
    }
    if (Date.now() - interaction.createdAt > this.options.interactionTimeoutMs) {
      reject(404, RESTJSONErrorCodes.UnknownInteraction, "Unknown interaction");
    }
    const callback = (body ?? {}) as { type?: InteractionResponseType; data?: Record<string, unknown> };
    const callbackType = callback.type ?? InteractionResponseType.Pong;
    const allowed = allowedCallbackTypes(interaction);
    if (!allowed.includes(callbackType)) {
      const errors = new FormErrors();
      errors.add(["type"], "BASE_TYPE_CHOICES", `Value must be one of {${allowed.join(", ")}}.`);
      rejectIf(errors.toFailure());
    }
    const data = callback.data ?? {};
    const channel = this.#requireChannel(interaction.channelId);
    const bot = this.#requireUser(this.botUserId);
    let message: APIMessage | undefined;
    switch (callbackType) {
      case InteractionResponseType.ChannelMessageWithSource:
        message = this.#createMessage({
          channel,
          author: bot,
          body: data as MessageBody,
          files,
          type: interaction.messageType,
          interaction,
        });
        break;
      case InteractionResponseType.DeferredChannelMessageWithSource:
        message = this.#createMessage({
          channel,
          author: bot,
          // The "thinking…" placeholder has no content of its own.
          body: { content: "", flags: Number(data.flags ?? 0) & MessageFlags.Ephemeral, components: [] },
          files: [],
          type: interaction.messageType,
          extraFlags: MessageFlags.Loading,
          interaction,
        });
        break;
      case InteractionResponseType.DeferredMessageUpdate:
        message = this.#requireSourceMessage(interaction);
        break;
      case InteractionResponseType.UpdateMessage:
        message = this.#editMessage(this.#requireSourceMessage(interaction), data as MessageBody, files);
        break;
      case InteractionResponseType.ApplicationCommandAutocompleteResult:
        rejectIf(checkAutocompleteChoices(data as { choices?: { name: string; value: unknown }[] }));
        break;
      case InteractionResponseType.Modal:
        rejectIf(checkModal(data as { custom_id?: string; title?: string; components?: unknown[] }));
        break;
    }
    interaction.callbackType = callbackType;
    interaction.originalMessageId = message?.id;
    interaction.originalLoading = callbackType === InteractionResponseType.DeferredChannelMessageWithSource;
    this.#recordResponse(interaction, { kind: "callback", callbackType, body: callback, message });
    if (query.get("with_response") !== "true") return noContent;
    return ok({
      interaction: {
        id: interaction.id,
        type: interaction.type,
        response_message_id: message?.id,
        response_message_loading: interaction.originalLoading,
        response_message_ephemeral: Boolean((message?.flags ?? 0) & MessageFlags.Ephemeral),
      },
      resource: { type: callbackType, ...(message ? { message } : {}) },
    });
  }

  #requireSourceMessage(interaction: InteractionState): APIMessage {
    const message = interaction.sourceMessageId ? this.#messages.get(interaction.sourceMessageId) : undefined;
    if (!message) reject(404, RESTJSONErrorCodes.UnknownMessage, "Unknown Message");
    return message;
  }

  /** The interaction behind a webhook token; it exists once the interaction was acknowledged, for 15 minutes. */
  #interactionForWebhook(params: Record<string, string>): InteractionState {
    const interaction = [...this.#interactions.values()].find(
      (candidate) => candidate.token === params.token,
    );
    if (
      params.applicationId !== this.options.applicationId ||
      !interaction ||
      interaction.callbackType === undefined
    ) {
      reject(404, RESTJSONErrorCodes.UnknownWebhook, "Unknown Webhook");
    }
    if (Date.now() - interaction.createdAt > interactionTokenLifetimeMs) {
      reject(401, RESTJSONErrorCodes.InvalidWebhookToken, "Invalid Webhook Token");
    }
    return interaction;
  }

  #requireInteractionMessage(interaction: InteractionState, messageId: string): APIMessage {
    const id = messageId === "@original" ? interaction.originalMessageId : messageId;
    const belongs =
      id !== undefined && (id === interaction.originalMessageId || interaction.followUpIds.has(id));
    const message = belongs ? this.#messages.get(id) : undefined;
    if (!message) reject(404, RESTJSONErrorCodes.UnknownMessage, "Unknown Message");
    return message;
  }

  #editInteractionMessage({ params, body, files }: RouteRequest): RouteResult {
    const interaction = this.#interactionForWebhook(params);
    const message = this.#requireInteractionMessage(interaction, params.messageId ?? "");
    const edited = this.#editMessage(message, (body ?? {}) as MessageBody, files);
    const isOriginal = edited.id === interaction.originalMessageId;
    if (isOriginal) interaction.originalLoading = false;
    this.#recordResponse(interaction, {
      kind: isOriginal ? "editOriginal" : "editFollowUp",
      body,
      message: edited,
    });
    return ok(edited);
  }

  #sendFollowUp({ params, query, body, files }: RouteRequest): RouteResult {
    const interaction = this.#interactionForWebhook(params);
    const messageBody = (body ?? {}) as MessageBody;
    let message: APIMessage;
    const original = interaction.originalMessageId
      ? this.#messages.get(interaction.originalMessageId)
      : undefined;
    if (interaction.originalLoading && original) {
      // The first follow-up after a deferred reply fills the "thinking…" message, keeping its ephemerality.
      message = this.#editMessage(original, { ...messageBody, flags: undefined }, files);
      interaction.originalLoading = false;
    } else {
      message = this.#createMessage({
        channel: this.#requireChannel(interaction.channelId),
        author: this.#requireUser(this.botUserId),
        body: messageBody,
        files,
        type: interaction.messageType,
        interaction,
      });
      interaction.followUpIds.add(message.id);
    }
    this.#recordResponse(interaction, { kind: "followUp", body, message });
    return query.get("wait") === "true" ? ok(message) : noContent;
  }

  #recordResponse(interaction: InteractionState, event: Omit<InteractionResponseEvent, "at">): void {
    interaction.responses.push({
      ...event,
      ...(event.message ? { message: structuredClone(event.message) } : {}),
      at: Date.now(),
    });
  }
}

/** Which callback types Discord accepts for an interaction. */
function allowedCallbackTypes(interaction: InteractionState): InteractionResponseType[] {
  switch (interaction.type) {
    case InteractionType.ApplicationCommand:
      return [
        InteractionResponseType.ChannelMessageWithSource,
        InteractionResponseType.DeferredChannelMessageWithSource,
        InteractionResponseType.Modal,
      ];
    case InteractionType.MessageComponent:
      return [
        InteractionResponseType.ChannelMessageWithSource,
        InteractionResponseType.DeferredChannelMessageWithSource,
        InteractionResponseType.DeferredMessageUpdate,
        InteractionResponseType.UpdateMessage,
        InteractionResponseType.Modal,
      ];
    case InteractionType.ApplicationCommandAutocomplete:
      return [InteractionResponseType.ApplicationCommandAutocompleteResult];
    case InteractionType.ModalSubmit:
      return interaction.sourceMessageId
        ? [
            InteractionResponseType.ChannelMessageWithSource,
            InteractionResponseType.DeferredChannelMessageWithSource,
            InteractionResponseType.DeferredMessageUpdate,
            InteractionResponseType.UpdateMessage,
          ]
        : [
            InteractionResponseType.ChannelMessageWithSource,
            InteractionResponseType.DeferredChannelMessageWithSource,
          ];
    default:
      return [];
  }
}

/** A URL path with each segment URL-decoded (`%40original` reads `@original`); undecodable segments stay. */
function decodePath(rawPath: string): string {
  return rawPath
    .split("/")
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join("/");
}
