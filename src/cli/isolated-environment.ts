import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The environment for a child process of the program that a test or `npm run bench` starts: every setting
 * explicit (empty = unset), Discord's API on a closed port, cache and data in fresh folders unless
 * `overrides` names them, so neither a developer's `.env` nor their data can interfere and nothing reaches
 * discord.com. `overrides` adds or replaces settings.
 */
export function isolatedEnvironment(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    // The parent's temporary folder, so that what a child makes there is cleaned up with the parent's.
    TMPDIR: tmpdir(),
    DISCORD_TOKEN: "",
    DISCORD_CLIENT_ID: "",
    DISCORD_GUILD_ID: "",
    DISCORD_API_BASE: "http://127.0.0.1:9/api",
    QA_CHANNEL_IDS: "",
    MESSAGE_CONTENT_INTENT: "",
    DM_ANSWERS: "",
    CORPUS_DIR: "corpus",
    CACHE_DIR: overrides.CACHE_DIR ?? mkdtempSync(join(tmpdir(), "bot-cache-")),
    CORPUS_WATCH: "",
    HEALTH_PORT: "",
    REST_PROXY_PORT: "",
    REST_PROXY_HOST: "",
    DATA_DIR: overrides.DATA_DIR ?? mkdtempSync(join(tmpdir(), "bot-data-")),
    LOG_LEVEL: "info",
    ...overrides,
  };
}
