/**
 * The program as people run it: `npm start` and `npm run deploy-commands` as child processes, configured only
 * through the environment, against FakeDiscord. Every variable is set explicitly (empty = unset) so a
 * developer's `.env` can never point a test at discord.com.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PermissionFlagsBits } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { progressLabel } from "../../src/cli/load.ts";
import { deployCommands } from "../../src/discord/deploy.ts";
import { databasePath, openDatabase } from "../../src/storage/database.ts";
import { GuildSettingsStore } from "../../src/storage/guild-settings.ts";
import { isolatedEnvironment } from "../support/cli.ts";
import { corpusCopyDir } from "../support/engines.ts";
import { makeReadOnly, makeWritable } from "../support/files.ts";
import { blindArticlesDir, defaultCorpusDir, projectRoot } from "../support/paths.ts";
import { type Run, startProcess } from "../support/processes.ts";
import { embedOf, eventually, testToken } from "./bot-harness.ts";
import { FakeDiscord } from "./fake-discord.ts";

let fake: FakeDiscord | undefined;
let running: Run | undefined;

afterEach(async () => {
  if (running && running.child.exitCode === null) running.child.kill("SIGKILL");
  await running?.exited;
  await fake?.stop();
  running = undefined;
  fake = undefined;
});

/** Runs `npm <args>` in the project with exactly these settings. */
function npm(args: string[], env: Record<string, string>, input?: string): Run {
  return run("npm", ["--silent", ...args], env, input);
}

/**
 * Runs the command behind `npm start` directly, a second faster than through npm. npm does not wait for its
 * script on SIGTERM, so the signal test (like a process manager) talks to tsx, which relays the signal and
 * exits with the bot's code.
 */
function tsxMain(env: Record<string, string>): Run {
  return run(join(projectRoot, "node_modules/.bin/tsx"), ["src/main.ts"], env);
}

/**
 * Runs `src/main.ts` in one Node process with tsx as a loader, so every signal reaches the bot itself: the
 * tsx command passes on only SIGINT and SIGTERM (SIGHUP would end tsx and orphan the bot).
 */
function nodeMain(env: Record<string, string>): Run {
  return run(process.execPath, ["--import", "tsx", "src/main.ts"], env);
}

function run(command: string, args: string[], env: Record<string, string>, input?: string): Run {
  running = startProcess(command, args, {
    cwd: projectRoot,
    env: isolatedEnvironment(env),
    input,
  });
  return running;
}

/** stderr without the index build's progress lines, which appear only when the build is slow (a loaded machine). */
function withoutProgress(stderr: string): string {
  return stderr
    .split("\n")
    .filter((line) => !line.startsWith(progressLabel))
    .join("\n");
}

describe("npm start (src/main.ts)", () => {
  it("without DISCORD_TOKEN answers piped questions in the terminal and exits 0", async () => {
    const run = npm(["start"], {}, "when was it built\nwho won the 2022 world cup\n");

    expect(await run.exited).toBe(0);
    expect(withoutProgress(run.stderr())).toBe(
      "DISCORD_TOKEN is not set: starting the local terminal chat instead of the Discord bot.\n",
    );
    expect(run.stdout()).toContain("Answer: **1965**");
    expect(run.stdout()).toContain("(lal-masjid/history/2)");
    expect(run.stdout()).toContain("The articles don't say.");
  });

  it("refuses a bad configuration with one line per problem, no stack trace and no token, exit 1", async () => {
    const run = tsxMain({ DISCORD_TOKEN: `Bot ${testToken}`, QA_CHANNEL_IDS: "general" });

    expect(await run.exited).toBe(1);
    const lines = run.stderr().trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("QA_CHANNEL_IDS");
    expect(lines[1]).toContain("DISCORD_TOKEN");
    expect(run.stderr()).not.toContain(testToken);
    expect(run.stderr()).not.toMatch(/^\s+at /mu);
  });

  it("refuses an empty corpus folder with one clear line, exit 1", async () => {
    const run = tsxMain({ CORPUS_DIR: mkdtempSync(join(tmpdir(), "empty-corpus-")) });

    expect(await run.exited).toBe(1);
    expect(run.stderr().trim().split("\n")).toHaveLength(1);
    expect(run.stderr()).toMatch(/^corpus error: /u);
  });

  it("with a token serves the fake Discord, logs JSON lines, and exits 0 on SIGTERM", async () => {
    fake = await FakeDiscord.start({ token: testToken });
    const run = tsxMain({ DISCORD_TOKEN: testToken, DISCORD_API_BASE: fake.apiBase });
    await botReady(run);

    const sent = fake.sendInteraction({ name: "ask", options: { question: "when was it built" } });
    expect(embedOf(await fake.waitForInteractionReply(sent.id)).title).toBe("1965");
    run.child.kill("SIGTERM");

    expect(await run.exited).toBe(0);
    const logs = run
      .stdout()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { msg: string });
    expect(logs.map((line) => line.msg)).toEqual(
      expect.arrayContaining([
        "bot ready",
        "index ready",
        "interaction handled",
        "shutting down",
        "disconnected",
      ]),
    );
    expect(run.stdout()).not.toContain(testToken);
    expect(run.stdout()).not.toContain("when was it built");
  });
});

describe("a first start that builds the index in the background", () => {
  it("stops with the warnings and one corpus error line, exit 1, when no article turns out readable", async () => {
    fake = await FakeDiscord.start({ token: testToken });
    const corpusDir = mkdtempSync(join(tmpdir(), "heading-only-corpus-"));
    // Readable files, found to hold no sentence only once the build ingests them (after the start).
    writeFileSync(join(corpusDir, "history.md"), "## History\n");
    writeFileSync(join(corpusDir, "title.md"), "# Title\n");
    const run = tsxMain({ DISCORD_TOKEN: testToken, DISCORD_API_BASE: fake.apiBase, CORPUS_DIR: corpusDir });

    expect(await run.exited).toBe(1);
    expect(run.stderr().trim().split("\n")).toEqual([
      "warning: history.md: skipped: no readable sentences found",
      "warning: title.md: skipped: no readable sentences found",
      expect.stringMatching(/^corpus error: no readable articles in /u),
    ]);
    expect(run.stdout()).toContain('"msg":"the index could not be built: stopping"');
  });
});

describe("reloading the corpus of a running bot", () => {
  it("on SIGHUP, reads the corpus folder again and answers about a new article, without a restart", async () => {
    const discord = await FakeDiscord.start({ token: testToken });
    fake = discord;
    const corpusDir = corpusCopyDir(defaultCorpusDir);
    const run = nodeMain({
      DISCORD_TOKEN: testToken,
      DISCORD_API_BASE: discord.apiBase,
      CORPUS_DIR: corpusDir,
    });
    await botReady(run);
    // Two members ask, since the server's default cooldown allows one question per member per 10 s.
    const ask = async (question: string, userId: string) => {
      const sent = discord.sendInteraction({ name: "ask", options: { question }, userId });
      const embed = embedOf(await discord.waitForInteractionReply(sent.id));
      return `${embed.title}\n${embed.description}`;
    };
    const [first, second] = discord.options.guilds[0]?.members.map((member) => member.user.id) ?? [];
    expect(await ask("who owns the forth bridge", first ?? "")).not.toContain("Network Rail");

    copyFileSync(join(blindArticlesDir, "forth-bridge.md"), join(corpusDir, "forth-bridge.md"));
    run.child.kill("SIGHUP");
    await eventually(
      () => (run.stdout().includes('"msg":"corpus reloaded"') ? true : undefined),
      "the reload",
      20_000,
    );

    expect(await ask("who owns the forth bridge", second ?? "")).toContain("Network Rail");
    expect(run.child.exitCode).toBeNull();
    const reloaded = run
      .stdout()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.msg === "corpus reloaded");
    expect(reloaded).toMatchObject({ trigger: "SIGHUP", added: ["forth-bridge"], removed: [], changed: [] });
  });
});

/** Resolves once the bot process has logged in and its index is ready (it builds while the bot logs in). */
async function botReady(run: Run): Promise<void> {
  const ready = (message: string) => run.stdout().includes(`"msg":"${message}"`);
  await eventually(() => (ready("bot ready") && ready("index ready") ? true : undefined), "the bot", 20_000);
}

describe("the settings database in DATA_DIR", () => {
  it("keeps a moderator's settings when the bot process is stopped and a new one starts", async () => {
    fake = await FakeDiscord.start({ token: testToken });
    const moderatorId = fake.options.guilds[0]?.ownerId ?? "";
    await deployCommands(
      {
        token: testToken,
        clientId: null,
        guildId: fake.defaultGuildId,
        apiBase: fake.apiBase,
        qaChannelIds: [],
        messageContentIntent: "off",
        dmAnswers: true,
        shards: { count: null, ids: null },
      },
      commands,
    );
    const env = {
      DISCORD_TOKEN: testToken,
      DISCORD_API_BASE: fake.apiBase,
      DATA_DIR: join(mkdtempSync(join(tmpdir(), "bot-data-")), "created-on-start"),
      CACHE_DIR: mkdtempSync(join(tmpdir(), "bot-cache-")),
    };

    const first = tsxMain(env);
    await botReady(first);
    const set = fake.sendInteraction({
      name: "config",
      subcommand: "cooldown",
      options: { seconds: 45 },
      userId: moderatorId,
    });
    expect((await fake.waitForInteractionReply(set.id)).content).toContain("10 s → 45 s");
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);

    const second = tsxMain(env);
    await botReady(second);
    const shown = fake.sendInteraction({ name: "config", subcommand: "show", userId: moderatorId });
    const fields = embedOf(await fake.waitForInteractionReply(shown.id)).fields ?? [];
    expect(fields).toContainEqual({ name: "Cooldown per member", value: "45 s", inline: true });
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(readdirSync(env.DATA_DIR)).toContain("bot.sqlite");
  });

  it("refuses a corrupt database with one line naming the file, exit 1, and leaves the file as it was", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "bot-data-"));
    const file = databasePath(dataDir);
    writeFileSync(file, "these are study notes, not a database ".repeat(50));
    const before = readFileSync(file);

    const run = tsxMain({ DISCORD_TOKEN: testToken, DATA_DIR: dataDir });

    expect(await run.exited).toBe(1);
    const lines = run.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^database error: .*bot\.sqlite is not a readable SQLite database/u);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(dataDir)).toEqual(["bot.sqlite"]);
  });

  it("refuses a PostgreSQL it cannot reach with one line that hides the password, exit 1", async () => {
    const run = tsxMain({ DISCORD_TOKEN: testToken, DATABASE_URL: "postgres://bot:hunter2@127.0.0.1:1/bot" });

    expect(await run.exited).toBe(1);
    const lines = run.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^database error: cannot use PostgreSQL at postgres:\/\/bot:\*\*\*@127\.0\.0\.1:1\/bot: .*ECONNREFUSED/u,
    );
    expect(run.stderr()).not.toContain("hunter2");
  });

  it("refuses a DATABASE_URL that is not PostgreSQL's with one config line, exit 1", async () => {
    const run = tsxMain({ DISCORD_TOKEN: testToken, DATABASE_URL: "mysql://bot@db/bot" });

    expect(await run.exited).toBe(1);
    expect(run.stderr().trim().split("\n")).toEqual([
      "config error: DATABASE_URL must be a postgres:// URL (or unset, for the SQLite file in DATA_DIR)",
    ]);
  });

  it("refuses a read-only database with one line naming the file, exit 1, and leaves the file as it was", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "bot-data-"));
    const file = databasePath(dataDir);
    const db = openDatabase(file);
    new GuildSettingsStore(db).update("1300000000000000001", "1200000000000000001", (settings) => ({
      ...settings,
      cooldownSeconds: 30,
    }));
    db.close();
    const before = readFileSync(file);
    makeReadOnly(file);
    try {
      const run = tsxMain({ DISCORD_TOKEN: testToken, DATA_DIR: dataDir });

      expect(await run.exited).toBe(1);
      const lines = run.stderr().trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^database error: .*bot\.sqlite is not writable/u);
      expect(readFileSync(file).equals(before)).toBe(true);
    } finally {
      makeWritable(file);
    }
  });
});

describe("npm run deploy-commands", () => {
  it("registers every command in DISCORD_GUILD_ID, reading the application id from the API", async () => {
    fake = await FakeDiscord.start({ token: testToken });
    const run = npm(["run", "deploy-commands"], {
      DISCORD_TOKEN: testToken,
      DISCORD_API_BASE: fake.apiBase,
      DISCORD_GUILD_ID: fake.defaultGuildId,
    });

    expect(await run.exited).toBe(0);
    const registered = fake.registeredCommands(fake.defaultGuildId);
    expect(registered.map((command) => command.name)).toEqual([
      "ask",
      "search",
      "passage",
      "sections",
      "timeline",
      "quiz",
      "leaderboard",
      "about",
      "help",
      "config",
      "library",
    ]);
    expect(registered.find((command) => command.name === "config")).toMatchObject({
      default_member_permissions: String(PermissionFlagsBits.ManageGuild),
      contexts: [0],
    });
    expect(fake.registeredCommands()).toEqual([]);
    expect(fake.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
      "GET /applications/@me 200",
      `PUT /applications/${fake.options.applicationId}/guilds/${fake.defaultGuildId}/commands 200`,
    ]);
    expect(run.stdout()).toContain(
      `Registered 11 commands for application ${fake.options.applicationId} in guild`,
    );
    expect(run.stdout()).toContain("/ask — Ask a question about the study articles");
  });
});
