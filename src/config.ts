/**
 * The only reader of environment variables: reads, validates and returns a typed {@link Config}.
 * Every variable is documented in `.env.example`. An empty variable counts as unset.
 */
import { isPostgresUrl } from "./storage/sql.ts";

/** How much the bot logs: each level includes the ones after it. */
export const logLevels = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof logLevels)[number];

/**
 * Whether the bot asks Discord for the privileged MESSAGE_CONTENT intent (`MESSAGE_CONTENT_INTENT`), without
 * which plain messages in free-text channels arrive empty (mentions and DMs always carry their text):
 * - `auto` asks for it and, when Discord refuses it (close code 4014: not enabled on the Bot page of the
 *   Developer Portal), logs one warning and connects again without it;
 * - `on` asks for it and stops at start-up with one line when Discord refuses it;
 * - `off` never asks for it.
 */
export const messageContentIntentModes = ["auto", "on", "off"] as const;
export type MessageContentIntent = (typeof messageContentIntentModes)[number];

/**
 * Which gateway shards this process runs. Discord requires sharding from 2,500 servers; a guild's events
 * always arrive on shard `(guild id >> 22) % count`, direct messages on shard 0.
 */
export interface ShardConfig {
  /** Shards of the whole bot (`SHARD_COUNT`): a number, `auto` (Discord's recommendation), or null: one. */
  count: number | "auto" | null;
  /** The shard ids this process runs (`SHARD_IDS`); null runs every shard in this process. */
  ids: number[] | null;
}

/** Settings for talking to Discord; present only when `DISCORD_TOKEN` is set. */
export interface DiscordConfig {
  /** The bot token. Never log it. */
  token: string;
  /** The application id; read from the API (`GET /applications/@me`) when null. */
  clientId: string | null;
  /** Where `deploy-commands` registers the commands; null registers them globally. */
  guildId: string | null;
  /** REST base handed to discord.js as `rest.api`, without the `/v10` version. */
  apiBase: string;
  /**
   * Free-text channels for servers that have no settings yet (`QA_CHANNEL_IDS`); moderators change them
   * with `/config channel`.
   */
  qaChannelIds: string[];
  /** Whether to ask for the Message Content intent: see {@link MessageContentIntent}. */
  messageContentIntent: MessageContentIntent;
  /** Whether questions in direct messages are answered (one setting for the whole bot). */
  dmAnswers: boolean;
  shards: ShardConfig;
}

/** Where the bot serves `GET /healthz`; present only when `HEALTH_PORT` is set. */
export interface HealthConfig {
  /** TCP port (1–65535 from the environment; tests pass 0 for any free port). */
  port: number;
  /** Address to listen on: 127.0.0.1 by default, so only the host (or container) itself can probe it. */
  host: string;
}

/** Limits of each server's own library (`/library`). */
export interface LibraryConfig {
  /** Largest article, in bytes of text after extraction (`LIBRARY_MAX_ARTICLE_MB`). */
  maxArticleBytes: number;
  /** Articles per server (`LIBRARY_MAX_ARTICLES`). */
  maxArticles: number;
  /** Text per server, all articles together, in bytes (`LIBRARY_MAX_TOTAL_MB`). */
  maxTotalBytes: number;
  /** Memory the servers' engines may hold together, in bytes (`LIBRARY_CACHE_MB`). */
  cacheBytes: number;
  /** The MediaWiki API `/library add-wikipedia` reads (`WIKIPEDIA_API_BASE`). */
  wikipediaApiBase: string;
}

/** Everything the program is configured with. */
export interface Config {
  /** null when `DISCORD_TOKEN` is unset: the program runs the local terminal chat instead of the bot. */
  discord: DiscordConfig | null;
  /** Folder holding the articles (`*.txt` / `*.md` with optional `*.json` sidecars). */
  corpusDir: string;
  /** Folder for the index cache. */
  cacheDir: string;
  /** Whether the bot reloads the corpus when its folder changes (`CORPUS_WATCH`); SIGHUP always reloads it. */
  corpusWatch: boolean;
  /** Folder holding the bot's database (`bot.sqlite`): per-server settings and their history. */
  dataDir: string;
  /**
   * `DATABASE_URL`: a `postgres://` URL puts the bot's data in PostgreSQL instead of `DATA_DIR/bot.sqlite`,
   * so processes on several machines share it; null (unset) keeps the embedded SQLite file.
   */
  databaseUrl: string | null;
  logLevel: LogLevel;
  /** The health endpoint of the Discord bot; null serves none (the terminal chat never serves one). */
  health: HealthConfig | null;
  library: LibraryConfig;
}

/**
 * The REST proxy (`npm run rest-proxy`): where it listens for the bots' requests and where it sends them.
 * It needs no token: each request carries its bot's own Authorization header.
 */
export interface RestProxyConfig {
  /** TCP port (`REST_PROXY_PORT`, 1–65535). */
  port: number;
  /** Address to listen on (`REST_PROXY_HOST`): 127.0.0.1 unless bots on other hosts or containers use it. */
  host: string;
  /** Discord's REST API the requests go on to (`DISCORD_API_BASE`), without the `/v10` version. */
  upstream: string;
}

/** The configuration is unusable; `problems` holds one human-readable line per problem. */
export class ConfigError extends Error {
  override name = "ConfigError";

  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

const defaults = {
  apiBase: "https://discord.com/api",
  corpusDir: "corpus",
  cacheDir: ".cache",
  dataDir: "data",
  logLevel: "info",
  dmAnswers: true,
  corpusWatch: false,
  messageContentIntent: "auto",
  healthHost: "127.0.0.1",
  restProxyPort: 8080,
  restProxyHost: "127.0.0.1",
  libraryMaxArticleMb: 2,
  libraryMaxArticles: 50,
  libraryMaxTotalMb: 10,
  libraryCacheMb: 256,
  wikipediaApiBase: "https://en.wikipedia.org/w/api.php",
} as const;

const MB = 1024 * 1024;

const snowflake = /^\d{17,20}$/u;
// Three base64url parts: user id, timestamp, HMAC. Secrets and public keys have no dots.
const tokenShape = /^[\w-]+\.[\w-]+\.[\w-]+$/u;

/** Why a token cannot be a bot token, without ever repeating the token. */
function tokenProblem(token: string): string | null {
  if (/^bot\s/iu.test(token)) return 'DISCORD_TOKEN must be the token alone, without the "Bot " prefix';
  if (/^["'].*["']$/u.test(token)) return "DISCORD_TOKEN must not be wrapped in quotes";
  if (/\s/u.test(token)) return "DISCORD_TOKEN contains whitespace; paste the token again";
  if (!tokenShape.test(token)) {
    return "DISCORD_TOKEN does not look like a bot token (three parts separated by dots); copy it from the Bot page of the Developer Portal, not the client secret or public key";
  }
  return null;
}

/** Most shards a process may be configured with: far beyond any study bot (Discord caps servers per shard at 2,500). */
const MAX_SHARDS = 1024;

/** `SHARD_COUNT` and `SHARD_IDS`, checked together; problems are pushed, one line each. */
function readShards(count: string | undefined, ids: string | undefined, problems: string[]): ShardConfig {
  let total: number | "auto" | null = null;
  if (count !== undefined) {
    if (count.toLowerCase() === "auto") total = "auto";
    else if (/^\d+$/u.test(count) && Number(count) >= 1 && Number(count) <= MAX_SHARDS) total = Number(count);
    else
      problems.push(`SHARD_COUNT must be auto or a number of shards from 1 to ${MAX_SHARDS}, got "${count}"`);
  }
  if (ids === undefined) return { count: total, ids: null };
  if (typeof total !== "number") {
    if (count === undefined || total === "auto")
      problems.push("SHARD_IDS needs SHARD_COUNT set to a number: every process must agree on the count");
    return { count: total, ids: null };
  }
  const listed: number[] = [];
  for (const entry of ids.split(",")) {
    const range = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/u.exec(entry);
    if (!range) {
      problems.push(
        `SHARD_IDS must list shard ids or ranges separated by commas (e.g. 0,1 or 0-3), got "${entry.trim()}"`,
      );
      return { count: total, ids: null };
    }
    const first = Number(range[1]);
    const last = Number(range[2] ?? range[1]);
    for (let id = first; id <= Math.max(first, last); id++) {
      if (id >= total) {
        problems.push(
          `SHARD_IDS lists shard ${id}, but SHARD_COUNT is ${total}: shard ids run from 0 to ${total - 1}`,
        );
        return { count: total, ids: null };
      }
      if (!listed.includes(id)) listed.push(id);
    }
  }
  return { count: total, ids: listed.sort((a, b) => a - b) };
}

function httpUrlProblem(name: string, value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol === "https:" || url.protocol === "http:") return null;
  } catch {
    // Reported below, as for any value that is not an http(s) URL.
  }
  return `${name} must be an http(s) URL, got "${value}"`;
}

/** A variable's value, trimmed; undefined when it is unset or empty. */
function readVariable(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

/** A TCP port (1–65535) from `name`'s value; undefined, with the problem noted, when it is none. */
function readPort(name: string, value: string, problems: string[]): number | undefined {
  const port = Number(value);
  if (/^\d+$/u.test(value) && port >= 1 && port <= 65535) return port;
  problems.push(`${name} must be a port number (1–65535), got "${value}"`);
  return undefined;
}

/** `DISCORD_API_BASE` without trailing slashes (Discord's when unset), its problem noted if it has one. */
function readApiBase(env: NodeJS.ProcessEnv, problems: string[]): string {
  const apiBase = (readVariable(env, "DISCORD_API_BASE") ?? defaults.apiBase).replace(/\/+$/u, "");
  const problem = apiBaseProblem(apiBase);
  if (problem) problems.push(problem);
  return apiBase;
}

function apiBaseProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `DISCORD_API_BASE is not a URL: "${value}"`;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return `DISCORD_API_BASE must be an http(s) URL, got "${value}"`;
  }
  if (/\/v\d+\/?$/u.test(url.pathname)) {
    return `DISCORD_API_BASE must not end with the API version (discord.js adds /v10): "${value}"`;
  }
  return null;
}

/**
 * Reads and validates the configuration. Throws a {@link ConfigError} listing every problem, one line each;
 * the token is never part of a message.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const read = (name: string): string | undefined => readVariable(env, name);
  const readId = (name: string): string | null => {
    const value = read(name);
    if (value === undefined) return null;
    if (!snowflake.test(value)) {
      problems.push(`${name} must be a Discord id (17–20 digits), got "${value}"`);
      return null;
    }
    return value;
  };

  const logLevelValue = read("LOG_LEVEL")?.toLowerCase() ?? defaults.logLevel;
  const logLevel = logLevels.find((level) => level === logLevelValue);
  if (logLevel === undefined) {
    problems.push(`LOG_LEVEL must be one of ${logLevels.join(", ")}, got "${logLevelValue}"`);
  }

  const apiBase = readApiBase(env, problems);

  const qaChannelIds: string[] = [];
  for (const entry of (read("QA_CHANNEL_IDS") ?? "").split(",")) {
    const id = entry.trim();
    if (id === "") continue;
    if (!snowflake.test(id))
      problems.push(`QA_CHANNEL_IDS must list channel ids separated by commas, got "${id}"`);
    else if (!qaChannelIds.includes(id)) qaChannelIds.push(id);
  }

  const readChoice = <Choice extends string>(
    name: string,
    choices: readonly Choice[],
    fallback: Choice,
  ): Choice => {
    const value = read(name)?.toLowerCase();
    if (value === undefined) return fallback;
    const choice = choices.find((candidate) => candidate === value);
    if (choice !== undefined) return choice;
    const listed = `${choices.slice(0, -1).join(", ")} or ${choices.at(-1)}`;
    problems.push(`${name} must be ${listed}, got "${value}"`);
    return fallback;
  };
  const readSwitch = (name: string, fallback: boolean): boolean =>
    readChoice(name, ["on", "off"], fallback ? "on" : "off") === "on";
  const messageContentIntent = readChoice(
    "MESSAGE_CONTENT_INTENT",
    messageContentIntentModes,
    defaults.messageContentIntent,
  );
  const dmAnswers = readSwitch("DM_ANSWERS", defaults.dmAnswers);
  const corpusWatch = readSwitch("CORPUS_WATCH", defaults.corpusWatch);

  const shards = readShards(read("SHARD_COUNT"), read("SHARD_IDS"), problems);
  const clientId = readId("DISCORD_CLIENT_ID");
  const guildId = readId("DISCORD_GUILD_ID");
  const token = read("DISCORD_TOKEN");
  const problemWithToken = token === undefined ? null : tokenProblem(token);
  if (problemWithToken) problems.push(problemWithToken);

  const healthPort = read("HEALTH_PORT");
  const healthHost = read("HEALTH_HOST");
  let health: HealthConfig | null = null;
  if (healthPort !== undefined) {
    const port = readPort("HEALTH_PORT", healthPort, problems);
    if (port !== undefined) health = { port, host: healthHost ?? defaults.healthHost };
  } else if (healthHost !== undefined) {
    problems.push("HEALTH_HOST is set but HEALTH_PORT is not: set the port to serve the health endpoint");
  }

  /** A positive number (fractions allowed, e.g. 0.5 MB), or the fallback when unset. */
  const readAmount = (name: string, fallback: number, unit: string, whole = false): number => {
    const value = read(name);
    if (value === undefined) return fallback;
    const amount = Number(value);
    const valid = /^\d+(\.\d+)?$/u.test(value) && amount > 0 && (!whole || Number.isInteger(amount));
    if (!valid)
      problems.push(
        `${name} must be a positive ${whole ? "whole number" : "number"} of ${unit}, got "${value}"`,
      );
    return valid ? amount : fallback;
  };
  const wikipediaApiBase = read("WIKIPEDIA_API_BASE") ?? defaults.wikipediaApiBase;
  const wikipediaProblem = httpUrlProblem("WIKIPEDIA_API_BASE", wikipediaApiBase);
  if (wikipediaProblem) problems.push(wikipediaProblem);
  const library: LibraryConfig = {
    maxArticleBytes: Math.round(
      readAmount("LIBRARY_MAX_ARTICLE_MB", defaults.libraryMaxArticleMb, "MB") * MB,
    ),
    maxArticles: readAmount("LIBRARY_MAX_ARTICLES", defaults.libraryMaxArticles, "articles", true),
    maxTotalBytes: Math.round(readAmount("LIBRARY_MAX_TOTAL_MB", defaults.libraryMaxTotalMb, "MB") * MB),
    cacheBytes: Math.round(readAmount("LIBRARY_CACHE_MB", defaults.libraryCacheMb, "MB") * MB),
    wikipediaApiBase,
  };

  const databaseUrl = read("DATABASE_URL") ?? null;
  if (databaseUrl !== null && !isPostgresUrl(databaseUrl))
    problems.push("DATABASE_URL must be a postgres:// URL (or unset, for the SQLite file in DATA_DIR)");

  if (problems.length > 0 || logLevel === undefined) throw new ConfigError(problems);
  return {
    discord:
      token === undefined
        ? null
        : { token, clientId, guildId, apiBase, qaChannelIds, messageContentIntent, dmAnswers, shards },
    corpusDir: read("CORPUS_DIR") ?? defaults.corpusDir,
    cacheDir: read("CACHE_DIR") ?? defaults.cacheDir,
    corpusWatch,
    dataDir: read("DATA_DIR") ?? defaults.dataDir,
    databaseUrl,
    logLevel,
    health,
    library,
  };
}

/** Addresses that reach this host itself, where a proxy forwarding to its own port would loop. */
const ownAddresses = new Set(["localhost", "127.0.0.1", "[::1]", "0.0.0.0", "[::]"]);

/**
 * Reads and validates the REST proxy's configuration (`npm run rest-proxy`), one line per problem in a
 * {@link ConfigError}. Refuses an upstream that is the proxy's own address: a `.env` shared with the bots
 * holds their `DISCORD_API_BASE` (the proxy), and the proxy would forward every request to itself.
 */
export function loadRestProxyConfig(env: NodeJS.ProcessEnv = process.env): RestProxyConfig {
  const problems: string[] = [];
  const portValue = readVariable(env, "REST_PROXY_PORT");
  const port =
    portValue === undefined ? defaults.restProxyPort : readPort("REST_PROXY_PORT", portValue, problems);
  const host = readVariable(env, "REST_PROXY_HOST") ?? defaults.restProxyHost;
  const upstream = readApiBase(env, problems);
  if (port !== undefined && problems.length === 0) {
    const url = new URL(upstream);
    const upstreamPort = Number(url.port || (url.protocol === "https:" ? 443 : 80));
    const hostname = url.hostname.toLowerCase();
    if (upstreamPort === port && (ownAddresses.has(hostname) || hostname === host.toLowerCase())) {
      problems.push(
        `DISCORD_API_BASE is the proxy's own address (${upstream}): give the proxy Discord's API (default https://discord.com/api), and the bots the proxy's`,
      );
    }
  }
  if (problems.length > 0 || port === undefined) throw new ConfigError(problems);
  return { port, host, upstream };
}
