/**
 * Runs the real bot (real discord.js client, real engine over the real corpus) against FakeDiscord, in-process,
 * with its settings in a real SQLite file. Each test gets a fresh fake, bot and (unless it passes one) data
 * folder; the engine is loaded once per test file.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIEmbed, APIMessage } from "discord.js";
import { afterEach } from "vitest";
import { commands as productionCommands } from "../../commands/index.ts";
import type { HealthConfig, MessageContentIntent, ShardConfig } from "../../src/config.ts";
import { type RunningBot, startBot } from "../../src/discord/bot.ts";
import type { BotOptions, Command, EngineSource, StudyEngine } from "../../src/discord/command.ts";
import { createLogger } from "../../src/discord/logger.ts";
import { type LibraryEngineOptions, LibraryEngines } from "../../src/library/guild-engines.ts";
import { ServerLibrary, type ServerLibraryOptions } from "../../src/library/server-library.ts";
import { openStorage } from "../../src/storage/database.ts";
import { FeedbackStore } from "../../src/storage/feedback.ts";
import { type GuildSettings, GuildSettingsStore, settingLimits } from "../../src/storage/guild-settings.ts";
import { type LibraryLimits, LibraryStore } from "../../src/storage/library.ts";
import { QuizScoreStore } from "../../src/storage/quiz-scores.ts";
import { defaultEngine } from "../support/engines.ts";
import { defaultCorpusDir } from "../support/paths.ts";
import { FakeDiscord, type FakeDiscordOptions, type InteractionResponseEvent } from "./fake-discord.ts";

/** A token shaped like Discord's, so the same value also passes config validation in spawned processes. */
export const testToken = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GfAkEt.fake-token-for-end-to-end-tests";

let engine: StudyEngine | undefined;

/** The engine over the real corpus, loaded once per test file (without the index cache). */
export function realEngine(): StudyEngine {
  engine ??= defaultEngine().engine;
  return engine;
}

/** The real engine with some of its methods replaced, e.g. a slow or failing `answer`. */
export function realEngineWith(overrides: Partial<StudyEngine>): StudyEngine {
  const base = realEngine();
  return {
    articles: base.articles,
    answer: (question) => base.answer(question),
    search: (query, articleId) => base.search(query, articleId),
    passageInContext: (id) => base.passageInContext(id),
    suggestPassages: (typed, limit) => base.suggestPassages(typed, limit),
    article: (id) => base.article(id),
    excerptsAfter: (excerpt) => base.excerptsAfter(excerpt),
    ...overrides,
  };
}

/**
 * Servers start without cooldown and with the highest rate cap, so tests (and the benchmark) can ask many
 * questions in a row; tests of rate limiting set their own.
 */
const unthrottled: Partial<GuildSettings> = {
  cooldownSeconds: 0,
  questionsPerMinute: settingLimits.questionsPerMinute.max,
};

export interface TestBotSetup {
  fake?: Partial<FakeDiscordOptions>;
  engine?: StudyEngine;
  /** Where the bot takes its engine for each event (a reloadable corpus); `engine` fixed by default. */
  engineSource?: EngineSource;
  commands?: readonly Command[];
  options?: Partial<BotOptions>;
  qaChannelIds?: string[];
  /** MESSAGE_CONTENT_INTENT; `auto` by default, as in the configuration. */
  messageContentIntent?: MessageContentIntent;
  /** DM_ANSWERS; on by default. */
  dmAnswers?: boolean;
  /** Where `bot.sqlite` lives; a fresh temporary folder by default. */
  dataDir?: string;
  /** A `postgres://` URL: the bot keeps its data there instead of `dataDir/bot.sqlite`. */
  databaseUrl?: string;
  /** Settings of servers that have none stored; {@link unthrottled} by default. */
  guildDefaults?: Partial<GuildSettings>;
  /** Where the bot sends its REST requests (e.g. a proxy in front of the fake); the fake itself by default. */
  apiBase?: string;
  /** Where to serve the health endpoint (port 0: any free port); none by default. */
  health?: HealthConfig;
  /** SHARD_COUNT and SHARD_IDS; one unsharded connection by default. */
  shards?: ShardConfig;
  /** Limits and options of the servers' libraries; the defaults otherwise. */
  library?: {
    limits?: LibraryLimits;
    options?: Partial<ServerLibraryOptions>;
    engines?: Partial<LibraryEngineOptions>;
  };
}

/** The bot of a test, without the fake Discord it talks to. */
export interface BotUnderTest {
  bot: RunningBot;
  /** The bot's settings store, over `dataDir/bot.sqlite`. */
  settings: GuildSettingsStore;
  /** The servers' libraries, over the same database. */
  library: ServerLibrary;
  libraryEngines: LibraryEngines;
  dataDir: string;
  /** Every log line the bot wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  /** Shuts the bot down and closes its database. */
  stop(): Promise<void>;
}

export interface TestBot extends BotUnderTest {
  fake: FakeDiscord;
  /** Shuts the bot down, closes its database and stops the fake. */
  stop(): Promise<void>;
}

/** Starts a fake Discord and the bot logged into it; resolves once the bot is ready. */
export async function startTestBot(setup: TestBotSetup = {}): Promise<TestBot> {
  const fake = await FakeDiscord.start({ token: testToken, ...setup.fake });
  try {
    const bot = await startBotAgainst(setup.apiBase ?? fake.apiBase, setup);
    return {
      ...bot,
      fake,
      stop: async () => {
        await bot.stop();
        await fake.stop();
      },
    };
  } catch (error) {
    await fake.stop();
    throw error;
  }
}

/**
 * The bot of {@link startTestBot}, logged into the Discord at `apiBase` (a fake this thread does not own, e.g.
 * one in a worker thread, which accepts {@link testToken}); resolves once the bot is ready.
 */
export async function startBotAgainst(
  apiBase: string,
  setup: Omit<TestBotSetup, "fake" | "apiBase"> = {},
): Promise<BotUnderTest> {
  const dataDir = setup.dataDir ?? mkdtempSync(join(tmpdir(), "bot-data-"));
  const db = await openStorage({ dataDir, databaseUrl: setup.databaseUrl ?? null });
  const qaChannelIds = setup.qaChannelIds ?? [];
  const settings = new GuildSettingsStore(db, qaChannelIds, setup.guildDefaults ?? unthrottled);
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: "info",
    secrets: [testToken],
    write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
  });
  const engineSource = setup.engineSource ?? { current: setup.engine ?? realEngine() };
  const libraryStore = new LibraryStore(db, setup.library?.limits);
  const libraryEngines = new LibraryEngines(
    libraryStore,
    settings,
    { corpusDir: defaultCorpusDir, current: () => engineSource.current },
    join(dataDir, "cache"),
    setup.library?.engines,
  );
  const library = new ServerLibrary(
    libraryStore,
    libraryEngines,
    () => engineSource.current?.articles.map((article) => article.title) ?? [],
    setup.library?.options,
  );
  try {
    const bot = await startBot({
      discord: {
        token: testToken,
        clientId: null,
        guildId: null,
        apiBase,
        qaChannelIds,
        messageContentIntent: setup.messageContentIntent ?? "auto",
        dmAnswers: setup.dmAnswers ?? true,
        shards: setup.shards ?? { count: null, ids: null },
      },
      engine: engineSource,
      commands: setup.commands ?? productionCommands,
      logger,
      bot: { name: "wiki-study-bot", version: "0.1.0" },
      options: setup.options,
      settings,
      quizScores: new QuizScoreStore(db),
      feedback: await FeedbackStore.open(db),
      health: setup.health,
      library,
    });
    await bot.client.application.commands.set(
      (setup.commands ?? productionCommands).map((c) => c.data.toJSON()),
    );
    return {
      bot,
      settings,
      library,
      libraryEngines,
      dataDir,
      logs,
      stop: async () => {
        await bot.shutdown();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** Resolves with the first value `find` returns, checking every 10 ms for up to `timeoutMs`. */
export async function eventually<T>(
  find: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 3000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The one embed of a message the bot sent. */
export function embedOf(message: APIMessage): APIEmbed {
  const [embed] = message.embeds;
  if (!embed) throw new Error(`Expected an embed, got ${JSON.stringify(message)}`);
  return embed;
}

/** The custom ids of a message's buttons, in order. */
export function buttonIdsOf(message: APIMessage): string[] {
  return (message.components ?? []).flatMap((row) =>
    "components" in row
      ? row.components.flatMap((component) => ("custom_id" in component ? [component.custom_id] : []))
      : [],
  );
}

/** The choices of an autocomplete answer. */
export function choicesOf(
  event: InteractionResponseEvent | undefined,
): Array<{ name: string; value: string }> {
  const body = event?.body as { data?: { choices?: Array<{ name: string; value: string }> } } | undefined;
  if (!body?.data?.choices) throw new Error(`Expected autocomplete choices, got ${JSON.stringify(event)}`);
  return body.data.choices;
}

/** All visible text of an embed, for searching. */
export function textOf(embed: APIEmbed): string {
  return [
    embed.author?.name,
    embed.title,
    embed.description,
    ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
    embed.footer?.text,
  ]
    .filter(Boolean)
    .join("\n");
}

/**
 * One bot per test: returns a starter that applies `withDefaults` to each test's setup, and stops the
 * running bot after every test.
 */
export function botPerTest(
  withDefaults: (setup: TestBotSetup) => TestBotSetup = (setup) => setup,
): (setup?: TestBotSetup) => Promise<TestBot> {
  let running: TestBot | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  return async (setup = {}) => {
    running = await startTestBot(withDefaults(setup));
    return running;
  };
}
