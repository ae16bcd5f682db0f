/**
 * Composition root (`npm start`): config → (bot only) the bot's database (settings, quiz scores, votes) →
 * corpus and index → the Discord bot when DISCORD_TOKEN is set (reloading the corpus on SIGHUP), otherwise
 * the local terminal chat. Start-up problems print one line each on stderr and exit 1.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { config as loadDotenv } from "dotenv";
import { type CommandSpec, runCommand } from "./cli/args.ts";
import { runLocalChat } from "./cli/chat.ts";
import { type StartedEngine, startEngineForCli } from "./cli/load.ts";
import { markStartup } from "./cli/startup-marks.ts";
import { type Config, type DiscordConfig, loadConfig } from "./config.ts";
import { projectRoot } from "./core/project-root.ts";
import { ReloadableCorpus, reloadOnRequest } from "./corpus-reload.ts";
import type { RunningBot } from "./discord/bot.ts";
import type { BotIdentity } from "./discord/format/library.ts";
import { createLogger } from "./discord/logger.ts";
import { DatabaseError, openStorage, type StorageLocation } from "./storage/database.ts";
import { FeedbackStore } from "./storage/feedback.ts";
import { GuildSettingsStore } from "./storage/guild-settings.ts";
import { QuizScoreStore } from "./storage/quiz-scores.ts";
import type { SqlDatabase } from "./storage/sql.ts";

// For npm run bench's start-up breakdown: every module above is loaded.
markStartup("modulesLoaded");

const startCommand = {
  command: "npm start --",
  synopsis: ["[--corpus DIR]"],
  summary:
    "With DISCORD_TOKEN set (in .env or the environment): the Discord bot. Without it: a chat in this terminal over the same engine (questions, follow-ups, and /help for /search, /passage, /sections, /timeline, /quiz, /about, /quit); piped input is answered line by line.",
  options: {
    corpus: {
      type: "string",
      value: "DIR",
      description: "answer from the articles in DIR instead of CORPUS_DIR (default: corpus)",
    },
  },
  positionals: false,
  examples: [
    "npm start                                  # DISCORD_TOKEN unset: the terminal chat",
    "npm start -- --corpus ../my-articles",
    'echo "when was lal masjid built" | npm start',
    "DISCORD_TOKEN=… npm start                  # the bot (see docs/discord.md)",
  ],
  notes: ["Settings: .env.example lists every variable (CORPUS_DIR, DATA_DIR, LOG_LEVEL, …)."],
} as const satisfies CommandSpec;

function readIdentity(): BotIdentity {
  const packageJson = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as {
    name?: unknown;
    version?: unknown;
  };
  return {
    name: typeof packageJson.name === "string" ? packageJson.name : "study-bot",
    version: typeof packageJson.version === "string" ? packageJson.version : "unknown",
  };
}

/**
 * Runs the bot until SIGINT/SIGTERM (exit 0) or until the gateway is lost for good (exit 1), closing the
 * database after the last reply. The bot logs in while the index may still be building; a build that
 * fails stops it (exit 1) with the reason in one log line.
 */
async function runBot(
  started: StartedEngine,
  db: SqlDatabase,
  discord: DiscordConfig,
  config: Config,
): Promise<void> {
  const { logLevel, corpusWatch, health } = config;
  // With shards, every line says which ones this process runs: several processes log side by side.
  const { shards } = discord;
  const logger = createLogger(
    { level: logLevel, secrets: [discord.token] },
    shards.count === null ? {} : { shards: shards.ids ?? "all", shardCount: shards.count },
  );
  const corpus = new ReloadableCorpus(started.build, started.load, logger);
  // Handled from here on, so a build failing while the bot logs in is never an unhandled rejection.
  const built = started.finished.then(
    (loaded) => ({ loaded }),
    (error: unknown) => ({ error }),
  );
  // Loaded only for the bot: discord.js takes a second to import, which the terminal chat need not wait for.
  // (describeStartupError too: it imports discord.js's error classes.)
  const [
    { startBot },
    { commands },
    { describeStartupError },
    { LibraryEngines },
    { serverLibraryFromConfig },
  ] = await Promise.all([
    import("./discord/bot.ts"),
    import("../commands/index.ts"),
    import("./discord/startup-errors.ts"),
    import("./library/guild-engines.ts"),
    import("./library/server-library.ts"),
  ]);
  const settings = new GuildSettingsStore(db, discord.qaChannelIds);
  const identity = readIdentity();
  const library = serverLibraryFromConfig(
    db,
    config.library,
    (store) =>
      new LibraryEngines(
        store,
        settings,
        { corpusDir: started.load.corpusDir, current: () => corpus.current },
        resolve(config.cacheDir),
        { maxMemoryBytes: config.library.cacheBytes },
        undefined,
        (guildId, error) => logger.error("a server's library could not be indexed", { guildId, error }),
      ),
    () => corpus.current?.articles.map((article) => article.title) ?? [],
    `${identity.name}/${identity.version} (Discord study assistant)`,
  );
  let bot: RunningBot;
  try {
    const feedback = await FeedbackStore.open(db);
    bot = await startBot({
      discord,
      engine: corpus,
      commands,
      logger,
      bot: readIdentity(),
      settings,
      quizScores: new QuizScoreStore(db),
      feedback,
      health: health ?? undefined,
      library,
    });
  } catch (error) {
    await db.close();
    console.error(describeStartupError(error));
    process.exitCode = 1;
    return;
  }
  const stopReloading = reloadOnRequest(corpus, corpusWatch);
  const stopBot = () => {
    stopReloading();
    return bot.shutdown().then(() => db.close());
  };
  void built.then(async (outcome) => {
    if ("loaded" in outcome) {
      const { engine, fromCache, millis } = outcome.loaded;
      logger.info("index ready", { articles: engine.articles.length, fromCache, millis: Math.round(millis) });
      return;
    }
    const reason = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    console.error(reason);
    logger.error("the index could not be built: stopping", { reason });
    await stopBot();
    process.exit(1);
  });
  // One failed event must not take the bot down for every server: log it and keep serving.
  process.on("unhandledRejection", (reason) => logger.error("unhandled rejection", { error: reason }));
  process.on("uncaughtException", (error) => logger.error("uncaught exception", { error }));
  const stop = (signal: NodeJS.Signals) => {
    logger.info("signal received", { signal });
    void stopBot().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  void bot.lost.then(async (error) => {
    logger.error("gateway connection lost for good", {
      code: error.code,
      reason: describeStartupError(error),
    });
    await stopBot();
    process.exit(1);
  });
}

/** Opens the bot's database, or says in one line why it cannot (the database is left as it was). */
async function openSettingsDatabase(location: StorageLocation): Promise<SqlDatabase | null> {
  try {
    return await openStorage(location);
  } catch (error) {
    if (!(error instanceof DatabaseError)) throw error;
    console.error(`database error: ${error.message}`);
    process.exitCode = 1;
    return null;
  }
}

await runCommand(startCommand, async ({ values }) => {
  loadDotenv({ quiet: true });
  const config = loadConfig();
  const { discord } = config;
  if (discord === null) {
    const started = startEngineForCli(values.corpus);
    markStartup("engineLoaded");
    console.error("DISCORD_TOKEN is not set: starting the local terminal chat instead of the Discord bot.");
    // Marked as handled now: a failed build is awaited only once the chat it ends has returned.
    started.finished.catch(() => undefined);
    try {
      await runLocalChat(started.build, { bot: readIdentity() });
    } catch (error) {
      // A failed build ends the chat: `finished` throws it as one line, after the warnings.
      await started.finished;
      throw error;
    }
    markStartup("chatDone");
    // Left before the index was ready (/quit while building): the rest of the build is of no use.
    if (started.build.current === null) process.exit();
    return;
  }
  // Opened before the corpus loads, so a bad database file stops the start at once.
  const db = await openSettingsDatabase(config);
  if (db === null) return;
  let started: StartedEngine;
  try {
    started = startEngineForCli(values.corpus);
  } catch (error) {
    await db.close();
    throw error;
  }
  await runBot(started, db, discord, config);
});
