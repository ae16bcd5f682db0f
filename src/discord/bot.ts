import {
  Client,
  type ClientOptions,
  Events,
  GatewayCloseCodes,
  GatewayIntentBits,
  Partials,
  ShardClientUtil,
} from "discord.js";
import type { DiscordConfig, HealthConfig } from "../config.ts";
import { ConversationMemory } from "../core/conversation/follow-up.ts";
import { LibraryBuilding, type LibraryEngines } from "../library/guild-engines.ts";
import type { ServerLibrary } from "../library/server-library.ts";
import type { FeedbackStore } from "../storage/feedback.ts";
import type { GuildSettingsStore } from "../storage/guild-settings.ts";
import type { QuizScoreStore } from "../storage/quiz-scores.ts";
import { RateLimiter } from "../storage/rate-limits.ts";
import {
  type BotOptions,
  type Command,
  type CommandContext,
  defaultBotOptions,
  EngineBuildingError,
  type EngineSource,
} from "./command.ts";
import type { BotIdentity } from "./format/library.ts";
import { type HealthEndpoint, readHealth, startHealthEndpoint } from "./health.ts";
import { handleInteraction } from "./interactions.ts";
import type { Logger } from "./logger.ts";
import { handleMessage, messageTriggerOf } from "./messages.ts";
import { SessionStore } from "./sessions.ts";
import { GatewayClosedError } from "./startup-errors.ts";

/** What the bot is built from; the composition root (or a test) supplies each part. */
export interface StartBotInput {
  discord: DiscordConfig;
  /** The engine each event is handled with; `{ current: engine }` when it never changes. */
  engine: EngineSource;
  /** The slash commands to serve: normally the static list in `commands/index.ts`. */
  commands: readonly Command[];
  logger: Logger;
  bot: BotIdentity;
  /** Overrides of {@link defaultBotOptions}. */
  options?: Partial<BotOptions>;
  /** Per-server settings, in the database the composition root opened (and closes after shutdown). */
  settings: GuildSettingsStore;
  /** Quiz scores per member per server, in the same database. */
  quizScores: QuizScoreStore;
  /** Votes on answers, in the same database. */
  feedback: FeedbackStore;
  /** Where to serve `GET /healthz` (from before login until shutdown); absent serves none. */
  health?: HealthConfig;
  /**
   * Each server's own library and the engines over it; absent, every server is answered from `engine`
   * and `/library` says it is not available.
   */
  library?: ServerLibrary;
}

/** A logged-in bot. */
export interface RunningBot {
  client: Client<true>;
  /** Settles when the gateway closed for good (e.g. the token was reset); the bot then cannot recover. */
  lost: Promise<GatewayClosedError>;
  /** The health endpoint, when one was asked for. */
  health: HealthEndpoint | null;
  /**
   * Stops taking new work, waits for replies in flight (at most `shutdownGraceMs`), then disconnects.
   * Calling it again returns the same promise.
   */
  shutdown(): Promise<void>;
}

/**
 * The gateway intents. Message content is privileged, so it is asked for only when `withMessageContent`;
 * without it, plain messages in free-text channels arrive empty (mentions and DMs still carry text).
 */
function intentsFor(withMessageContent: boolean): GatewayIntentBits[] {
  const intents = [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.DirectMessages,
  ];
  return withMessageContent ? [...intents, GatewayIntentBits.MessageContent] : intents;
}

/** A client logged in and ready, with the promise that settles if its gateway closes for good. */
interface Connection {
  client: Client<true>;
  lost: Promise<GatewayClosedError>;
}

const isRefusedIntent = (error: unknown): error is GatewayClosedError =>
  error instanceof GatewayClosedError && error.code === GatewayCloseCodes.DisallowedIntents;

/**
 * discord.js's sharding options: none for one shard; `auto` takes Discord's recommended count; a count runs
 * the listed ids here (every id when none are listed), each process of the bot running its share.
 */
function shardOptions(shards: DiscordConfig["shards"]): Pick<ClientOptions, "shards" | "shardCount"> {
  if (shards.count === null) return {};
  if (shards.count === "auto") return { shards: "auto" };
  return { shardCount: shards.count, shards: shards.ids ?? [...Array(shards.count).keys()] };
}

/** How often libraries of servers the bot left are looked at for purging. */
const LIBRARY_PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Marks the servers that have a library but that the bot is no longer in (it was removed while offline)
 * as left, then purges, now and every hour, the libraries of servers left 30 days ago. Returns what stops it.
 */
function purgeLibraries(client: Client<true>, library: ServerLibrary, logger: Logger): () => void {
  const { store } = library;
  const shardCount = client.options.shardCount ?? 1;
  // Only servers on this process's shards are known to it: another process owns the others' presence.
  const onOurShards = (guildId: string) =>
    client.ws.shards.has(ShardClientUtil.shardIdForGuildId(guildId, shardCount));
  const purge = async () => {
    for (const guildId of await store.purgeDeparted()) {
      library.engines?.forget(guildId);
      logger.info("library purged: the bot left the server 30 days ago", { guildId });
    }
  };
  const markThenPurge = async () => {
    for (const guildId of (await store.guildsWithArticles()).filter(onOurShards)) {
      if (client.guilds.cache.has(guildId)) await store.markPresent(guildId);
      else await store.markDeparted(guildId);
    }
    await purge();
  };
  const failed = (error: unknown) => logger.error("library purge failed", { error });
  void markThenPurge().catch(failed);
  const timer = setInterval(() => void purge().catch(failed), LIBRARY_PURGE_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Creates the discord.js client, wires the handlers and logs in; resolves once the client is ready. */
export async function startBot(input: StartBotInput): Promise<RunningBot> {
  const options: BotOptions = { ...defaultBotOptions, ...input.options };
  const { logger, discord } = input;
  const mode = discord.messageContentIntent;
  const context: Omit<CommandContext, "engine"> = {
    options,
    searches: new SessionStore({ ttlMs: options.searchPageTtlMs, maxSessions: options.maxSearchSessions }),
    timelines: new SessionStore({
      ttlMs: options.timelinePageTtlMs,
      maxSessions: options.maxTimelineSessions,
    }),
    quizzes: new SessionStore({ ttlMs: options.quizTtlMs, maxSessions: options.maxQuizSessions }),
    answersOpenToVotes: new SessionStore({
      ttlMs: options.feedbackWindowMs,
      maxSessions: options.maxAnswersOpenToVotes,
    }),
    conversations: new ConversationMemory(),
    quizScores: input.quizScores,
    feedback: input.feedback,
    settings: input.settings,
    library: input.library ?? null,
    libraryPrompts: new SessionStore({
      ttlMs: options.libraryConfirmTtlMs,
      maxSessions: options.maxLibraryPrompts,
    }),
    limiter: new RateLimiter(),
    messageContentIntent: mode,
    messageContent: mode !== "off",
    dmAnswers: discord.dmAnswers,
    bot: input.bot,
    logger,
  };
  const commands = new Map(input.commands.map((command) => [command.data.name, command]));
  const building = (fraction: number): CommandContext => ({
    ...context,
    get engine(): never {
      throw new EngineBuildingError(fraction);
    },
  });
  // Each event keeps the engine current when it arrived, even if a reload replaces it meanwhile: the
  // operator's, or in a server with a library of its own, the engine over what that server sees.
  const contextFor = async (guildId: string | null): Promise<CommandContext> => {
    const operator = input.engine.current;
    if (operator === null) return building(input.engine.buildFraction ?? 0);
    let server: Awaited<ReturnType<LibraryEngines["engineFor"]>> = null;
    try {
      server = (await input.library?.engines?.engineFor(guildId)) ?? null;
    } catch (error) {
      // The server's library could not be read (its database is down): what needs the engine fails with
      // this error, logged and answered with the apology that asks to try again; never the operator's engine
      // instead, which a server that chose only its own articles must not get. Commands that need no engine
      // (`/help`, `/config`) still work.
      return {
        ...context,
        get engine(): never {
          throw error;
        },
      };
    }
    if (server instanceof LibraryBuilding) return building(server.fraction);
    return { ...context, engine: server ?? operator };
  };

  let accepting = true;
  const isAccepting = () => accepting;
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  let currentClient: Client | null = null;
  let health: HealthEndpoint | null = null;
  // A function, so the type checker does not narrow `health` to null where connect() may have set it.
  const closeHealth = async () => {
    await health?.close();
  };
  const connect = async (withMessageContent: boolean): Promise<Connection> => {
    context.messageContent = withMessageContent;
    const client = new Client({
      ...shardOptions(discord.shards),
      intents: intentsFor(withMessageContent),
      partials: [Partials.Channel],
      rest: { api: discord.apiBase },
      allowedMentions: { parse: [] },
    });
    client.on(Events.InteractionCreate, (interaction) =>
      track(
        contextFor(interaction.guildId).then((context) =>
          handleInteraction(interaction, { commands, context, isAccepting }),
        ),
      ),
    );
    client.on(Events.MessageCreate, (message) =>
      track(
        // Screened first, from the cached settings: the server's engine is looked up (its library read from
        // the database) only for the few messages that are for the bot.
        messageTriggerOf(message, context).then(
          async (trigger) => {
            if (trigger !== null)
              await handleMessage(message, trigger, await contextFor(message.guildId), isAccepting);
          },
          (error: unknown) => logger.error("could not screen a message", { guild: message.guildId, error }),
        ),
      ),
    );
    if (input.library) {
      const { store } = input.library;
      // Removed from a server (an outage arrives as guildUnavailable instead): its library is kept 30 days.
      client.on(Events.GuildDelete, (guild) => {
        track(
          store.markDeparted(guild.id).then(
            () =>
              logger.info("removed from a server: its library is kept for 30 days", { guildId: guild.id }),
            (error: unknown) =>
              logger.error("could not record leaving a server", { guildId: guild.id, error }),
          ),
        );
      });
      client.on(Events.GuildCreate, (guild) => {
        track(
          store
            .markPresent(guild.id)
            .catch((error: unknown) =>
              logger.error("could not record joining a server", { guildId: guild.id, error }),
            ),
        );
      });
    }
    client.on(Events.Error, (error) => logger.error("discord client error", { error }));
    client.on(Events.Warn, (message) => logger.warn("discord client warning", { detail: message }));
    client.on(Events.ShardReconnecting, (shard) => logger.info("gateway reconnecting", { shard }));
    client.on(Events.ShardResume, (shard, replayed) => logger.info("gateway resumed", { shard, replayed }));

    // discord.js reports a connection closed for good (4004 bad token, 4014 disallowed intent) only as an event.
    const lost = new Promise<GatewayClosedError>((resolve) =>
      client.once(Events.ShardDisconnect, (event) => resolve(new GatewayClosedError(event.code))),
    );
    const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
    currentClient = client;
    try {
      // Listening before the first login, so a probe sees 503 while the bot connects and a taken port stops the start.
      if (input.health && health === null) {
        const source = {
          client: () => currentClient as Client,
          engine: () => input.engine.current,
          buildFraction: () => input.engine.buildFraction ?? 0,
          version: input.bot.version,
          accepting: isAccepting,
        };
        health = await startHealthEndpoint(input.health, () => readHealth(source));
        logger.info("health endpoint listening", { host: input.health.host, port: health.port });
      }
      const [readyClient] = await Promise.all([
        Promise.race([ready, lost.then((error) => Promise.reject(error))]),
        client.login(discord.token),
      ]);
      // Logged only once ready: a close before then fails the start (or, refused intent, retries) and says why.
      client.on(Events.ShardDisconnect, (event, shard) =>
        logger.warn("gateway disconnected", { shard, code: event.code }),
      );
      return { client: readyClient, lost };
    } catch (error) {
      await client.destroy();
      throw error;
    }
  };

  const serversWithFreeText = await input.settings.countWithFreeTextChannels();
  let connection: Connection;
  try {
    connection = await connect(mode !== "off");
  } catch (error) {
    if (mode !== "auto" || !isRefusedIntent(error)) {
      await closeHealth();
      throw error;
    }
    logger.warn(
      "Discord refused the Message Content intent (not enabled on the Bot page of the Developer Portal): connecting without it, so free-text channels answer only mentions",
      { code: error.code, serversWithFreeText },
    );
    try {
      connection = await connect(false);
    } catch (retryError) {
      await closeHealth();
      throw retryError;
    }
  }
  const { client, lost } = connection;
  logger.info("bot ready", {
    user: client.user.tag,
    shards: [...client.ws.shards.keys()],
    shardCount: client.options.shardCount ?? 1,
    guilds: client.guilds.cache.size,
    commands: commands.size,
    messageContentIntent: mode,
    messageContent: context.messageContent,
    dmAnswers: discord.dmAnswers,
  });
  const stopPurging = input.library ? purgeLibraries(client, input.library, logger) : () => undefined;
  if (mode === "off" && serversWithFreeText > 0) {
    logger.warn("free-text channels are set but MESSAGE_CONTENT_INTENT is off: only mentions work there", {
      servers: serversWithFreeText,
    });
  }

  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    stopping ??= (async () => {
      accepting = false;
      logger.info("shutting down", { inFlight: inFlight.size });
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), options.shutdownGraceMs);
      });
      const finished = await Promise.race([Promise.allSettled([...inFlight]).then(() => true), graceOver]);
      clearTimeout(timer);
      if (!finished)
        logger.warn("shutdown grace period ended with replies unfinished", { count: inFlight.size });
      stopPurging();
      await client.destroy();
      await closeHealth();
      logger.info("disconnected");
    })();
    return stopping;
  };
  return { client, lost, health, shutdown };
}
