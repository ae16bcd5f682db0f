import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, loadRestProxyConfig } from "../../src/config.ts";

const token = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GfAkEt.some-secret-part-of-the-token";

function problemsOf(
  env: NodeJS.ProcessEnv,
  load: (env: NodeJS.ProcessEnv) => unknown = loadConfig,
): string[] {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("runs the local chat with defaults when nothing is set", () => {
    expect(loadConfig({})).toEqual({
      discord: null,
      corpusDir: "corpus",
      cacheDir: ".cache",
      corpusWatch: false,
      dataDir: "data",
      databaseUrl: null,
      logLevel: "info",
      health: null,
      library: {
        maxArticleBytes: 2 * 1024 * 1024,
        maxArticles: 50,
        maxTotalBytes: 10 * 1024 * 1024,
        cacheBytes: 256 * 1024 * 1024,
        wikipediaApiBase: "https://en.wikipedia.org/w/api.php",
      },
    });
  });

  it("keeps the data in PostgreSQL only with a postgres:// DATABASE_URL, and refuses any other URL", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://bot:pw@db:5432/bot" }).databaseUrl).toBe(
      "postgres://bot:pw@db:5432/bot",
    );
    expect(loadConfig({ DATABASE_URL: "postgresql://db/bot" }).databaseUrl).toBe("postgresql://db/bot");
    expect(() => loadConfig({ DATABASE_URL: "sqlite:///data/bot.sqlite" })).toThrow(
      "DATABASE_URL must be a postgres:// URL (or unset, for the SQLite file in DATA_DIR)",
    );
  });

  it("runs the listed shards of SHARD_COUNT, every one when SHARD_IDS is unset, and auto on request", () => {
    const shardsOf = (env: Record<string, string>) =>
      loadConfig({ DISCORD_TOKEN: token, ...env }).discord?.shards;
    expect(shardsOf({})).toEqual({ count: null, ids: null });
    expect(shardsOf({ SHARD_COUNT: "4" })).toEqual({ count: 4, ids: null });
    expect(shardsOf({ SHARD_COUNT: "4", SHARD_IDS: "3, 0-1" })).toEqual({ count: 4, ids: [0, 1, 3] });
    expect(shardsOf({ SHARD_COUNT: "AUTO" })).toEqual({ count: "auto", ids: null });
  });

  it("refuses a shard id at or past SHARD_COUNT, and shard ids without a count, in one line each", () => {
    const problems = (env: Record<string, string>) => problemsOf({ DISCORD_TOKEN: token, ...env });
    expect(problems({ SHARD_COUNT: "2", SHARD_IDS: "1,2" })).toEqual([
      "SHARD_IDS lists shard 2, but SHARD_COUNT is 2: shard ids run from 0 to 1",
    ]);
    expect(problems({ SHARD_IDS: "0" })).toEqual([
      "SHARD_IDS needs SHARD_COUNT set to a number: every process must agree on the count",
    ]);
    expect(problems({ SHARD_COUNT: "auto", SHARD_IDS: "0" })).toEqual([
      "SHARD_IDS needs SHARD_COUNT set to a number: every process must agree on the count",
    ]);
    expect(problems({ SHARD_COUNT: "0" })).toEqual([
      'SHARD_COUNT must be auto or a number of shards from 1 to 1024, got "0"',
    ]);
    expect(problems({ SHARD_COUNT: "2", SHARD_IDS: "one" })).toEqual([
      'SHARD_IDS must list shard ids or ranges separated by commas (e.g. 0,1 or 0-3), got "one"',
    ]);
  });

  it("reads the library limits, in MB and articles, and refuses values that are not positive numbers", () => {
    const library = loadConfig({
      LIBRARY_MAX_ARTICLE_MB: "0.5",
      LIBRARY_MAX_ARTICLES: "5",
      LIBRARY_MAX_TOTAL_MB: "3",
      LIBRARY_CACHE_MB: "64",
      WIKIPEDIA_API_BASE: "http://127.0.0.1:9/w/api.php",
    }).library;
    expect(library).toEqual({
      maxArticleBytes: 512 * 1024,
      maxArticles: 5,
      maxTotalBytes: 3 * 1024 * 1024,
      cacheBytes: 64 * 1024 * 1024,
      wikipediaApiBase: "http://127.0.0.1:9/w/api.php",
    });
    expect(
      problemsOf({ LIBRARY_MAX_ARTICLES: "2.5", LIBRARY_CACHE_MB: "-1", WIKIPEDIA_API_BASE: "ftp://x" }),
    ).toEqual([
      'WIKIPEDIA_API_BASE must be an http(s) URL, got "ftp://x"',
      'LIBRARY_MAX_ARTICLES must be a positive whole number of articles, got "2.5"',
      'LIBRARY_CACHE_MB must be a positive number of MB, got "-1"',
    ]);
  });

  it("watches the corpus folder only with CORPUS_WATCH=on", () => {
    expect(loadConfig({ CORPUS_WATCH: "on" }).corpusWatch).toBe(true);
    expect(loadConfig({ CORPUS_WATCH: "OFF" }).corpusWatch).toBe(false);
    expect(problemsOf({ CORPUS_WATCH: "yes" })).toEqual(['CORPUS_WATCH must be on or off, got "yes"']);
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ DISCORD_TOKEN: "", CORPUS_DIR: " ", LOG_LEVEL: "" }).discord).toBeNull();
  });

  it("reads the Discord settings when a token is set", () => {
    const config = loadConfig({
      DISCORD_TOKEN: token,
      DISCORD_CLIENT_ID: "1100000000000000001",
      DISCORD_GUILD_ID: "1300000000000000001",
      DISCORD_API_BASE: "http://127.0.0.1:4000/api/",
      QA_CHANNEL_IDS: " 1400000000000000001, 1400000000000000002,,1400000000000000001 ",
      LOG_LEVEL: "DEBUG",
      DATA_DIR: "/var/lib/study-bot",
      DM_ANSWERS: "Off",
      MESSAGE_CONTENT_INTENT: "On",
    });

    expect(config.discord).toEqual({
      token,
      clientId: "1100000000000000001",
      guildId: "1300000000000000001",
      apiBase: "http://127.0.0.1:4000/api",
      qaChannelIds: ["1400000000000000001", "1400000000000000002"],
      messageContentIntent: "on",
      dmAnswers: false,
      shards: { count: null, ids: null },
    });
    expect(config.logLevel).toBe("debug");
    expect(config.dataDir).toBe("/var/lib/study-bot");
    expect(loadConfig({ DISCORD_TOKEN: token }).discord).toMatchObject({
      apiBase: "https://discord.com/api",
      messageContentIntent: "auto",
      dmAnswers: true,
    });
  });

  it("asks for the Message Content intent in auto mode unless MESSAGE_CONTENT_INTENT says on or off", () => {
    const intentOf = (value: string) =>
      loadConfig({ DISCORD_TOKEN: token, MESSAGE_CONTENT_INTENT: value }).discord?.messageContentIntent;

    expect(intentOf("")).toBe("auto");
    expect(intentOf("Auto")).toBe("auto");
    expect(intentOf("ON")).toBe("on");
    expect(intentOf("off")).toBe("off");
  });

  it("serves the health endpoint on HEALTH_PORT, on 127.0.0.1 unless HEALTH_HOST says otherwise", () => {
    expect(loadConfig({ HEALTH_PORT: "8080" }).health).toEqual({ port: 8080, host: "127.0.0.1" });
    expect(loadConfig({ HEALTH_PORT: " 9000 ", HEALTH_HOST: "0.0.0.0" }).health).toEqual({
      port: 9000,
      host: "0.0.0.0",
    });
  });

  it("refuses a health port that is no port, and a health host without a port", () => {
    for (const value of ["0", "65536", "80a", "-1", "8080.5"]) {
      expect(problemsOf({ HEALTH_PORT: value })).toEqual([
        `HEALTH_PORT must be a port number (1–65535), got "${value}"`,
      ]);
    }
    expect(problemsOf({ HEALTH_HOST: "0.0.0.0" })).toEqual([
      "HEALTH_HOST is set but HEALTH_PORT is not: set the port to serve the health endpoint",
    ]);
  });

  it("lists every problem, one line each, naming the variable", () => {
    const problems = problemsOf({
      DISCORD_TOKEN: "not a token",
      DISCORD_GUILD_ID: "my-server",
      DISCORD_API_BASE: "https://discord.com/api/v10",
      QA_CHANNEL_IDS: "1400000000000000001,#general",
      LOG_LEVEL: "verbose",
      MESSAGE_CONTENT_INTENT: "yes",
      DM_ANSWERS: "0",
    });

    expect(problems).toEqual([
      'LOG_LEVEL must be one of debug, info, warn, error, got "verbose"',
      'DISCORD_API_BASE must not end with the API version (discord.js adds /v10): "https://discord.com/api/v10"',
      'QA_CHANNEL_IDS must list channel ids separated by commas, got "#general"',
      'MESSAGE_CONTENT_INTENT must be auto, on or off, got "yes"',
      'DM_ANSWERS must be on or off, got "0"',
      'DISCORD_GUILD_ID must be a Discord id (17–20 digits), got "my-server"',
      "DISCORD_TOKEN contains whitespace; paste the token again",
    ]);
    for (const problem of problems) expect(problem).not.toContain("\n");
  });

  it("never repeats a malformed token in its message", () => {
    const secret = "abcdefghijklmnopqrstuvwx";
    for (const value of [`Bot ${token}`, `"${token}"`, secret, `${secret}.only-two`]) {
      const [problem] = problemsOf({ DISCORD_TOKEN: value });
      expect(problem).toMatch(/^DISCORD_TOKEN /u);
      expect(problem).not.toContain(secret);
      expect(problem).not.toContain(token);
    }
  });
});

describe("loadRestProxyConfig", () => {
  it("listens on 127.0.0.1:8080 and forwards to Discord when nothing is set", () => {
    expect(loadRestProxyConfig({})).toEqual({
      port: 8080,
      host: "127.0.0.1",
      upstream: "https://discord.com/api",
    });
    expect(
      loadRestProxyConfig({
        REST_PROXY_PORT: " 9000 ",
        REST_PROXY_HOST: "0.0.0.0",
        DISCORD_API_BASE: "http://127.0.0.1:4000/api/",
      }),
    ).toEqual({ port: 9000, host: "0.0.0.0", upstream: "http://127.0.0.1:4000/api" });
  });

  it("lists every problem, one line each, as the bot's configuration does", () => {
    expect(
      problemsOf(
        { REST_PROXY_PORT: "0", DISCORD_API_BASE: "https://discord.com/api/v10" },
        loadRestProxyConfig,
      ),
    ).toEqual([
      'REST_PROXY_PORT must be a port number (1–65535), got "0"',
      'DISCORD_API_BASE must not end with the API version (discord.js adds /v10): "https://discord.com/api/v10"',
    ]);
  });

  it("refuses to forward to its own address, and allows the same port on another host", () => {
    for (const upstream of [
      "http://localhost:8080/api",
      "http://127.0.0.1:8080/api",
      "http://[::1]:8080/api",
    ]) {
      expect(problemsOf({ DISCORD_API_BASE: upstream }, loadRestProxyConfig)).toEqual([
        `DISCORD_API_BASE is the proxy's own address (${upstream}): give the proxy Discord's API (default https://discord.com/api), and the bots the proxy's`,
      ]);
    }
    expect(
      problemsOf(
        { REST_PROXY_HOST: "10.0.0.5", REST_PROXY_PORT: "80", DISCORD_API_BASE: "http://10.0.0.5/api" },
        loadRestProxyConfig,
      ),
    ).toHaveLength(1);
    expect(loadRestProxyConfig({ DISCORD_API_BASE: "http://upstream.internal:8080/api" }).upstream).toBe(
      "http://upstream.internal:8080/api",
    );
  });
});
