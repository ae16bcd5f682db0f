/**
 * The bot split over two processes, each running one of two gateway shards (`SHARD_COUNT=2`, `SHARD_IDS`),
 * against one fake Discord and one database (PostgreSQL, and the SQLite file two processes on one machine may
 * share): each server's events reach only the process owning its shard,
 * settings and scores written by either process are one store, and one process going down leaves the
 * other's servers answering.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type APIMessage, InteractionType } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { deployCommands } from "../../src/discord/deploy.ts";
import { openStorage } from "../../src/storage/database.ts";
import { isolatedEnvironment } from "../support/cli.ts";
import { projectRoot } from "../support/paths.ts";
import { startTestPostgres, storageBackends, type TestPostgres } from "../support/postgres.ts";
import { type Run, startProcess } from "../support/processes.ts";
import { buttonIdsOf, embedOf, eventually, testToken, textOf } from "./bot-harness.ts";
import {
  defaultGuildPeople,
  FakeDiscord,
  type FakeGuild,
  fakeDiscordDefaults,
  type SendInteractionOptions,
  shardOf,
  shardTestGuildIds,
} from "./fake-discord.ts";

const base = fakeDiscordDefaults.guilds[0];
if (!base) throw new Error("expected the fake's default guild");
const ownerId = base.ownerId;
const { aliceId } = defaultGuildPeople;
const onShard0 = shardTestGuildIds.shard0;
const onShard1 = shardTestGuildIds.shard1;
const secondGuild: FakeGuild = {
  ...base,
  id: onShard1,
  name: "Study Hall Two",
  channels: [{ id: "1400000000000000091", name: "general" }],
  roles: [],
};

let fake: FakeDiscord | undefined;
let postgres: TestPostgres | undefined;
const running: Run[] = [];

afterEach(async () => {
  for (const run of running) if (run.child.exitCode === null) run.child.kill("SIGKILL");
  await Promise.all(running.map((run) => run.exited));
  running.length = 0;
  await fake?.stop();
  fake = undefined;
  await postgres?.stop();
  postgres = undefined;
});

/**
 * `src/main.ts` in one Node process with tsx as a loader, with these settings only: a kill reaches the bot
 * itself (the tsx command would leave it running in a child).
 */
function startBotProcess(env: Record<string, string>): Run {
  const run = startProcess(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: projectRoot,
    env: isolatedEnvironment(env),
  });
  running.push(run);
  return run;
}

async function ready(run: Run): Promise<void> {
  const logged = (message: string) => run.stdout().includes(`"msg":"${message}"`);
  try {
    await eventually(
      () => (logged("bot ready") && logged("index ready") ? true : undefined),
      "a bot",
      30_000,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}\nstdout: ${run.stdout()}\nstderr: ${run.stderr()}`);
  }
}

async function send(discord: FakeDiscord, options: SendInteractionOptions): Promise<APIMessage> {
  return discord.waitForInteractionReply(discord.sendInteraction(options).id, 10_000);
}

describe.each(storageBackends)("two bot processes, one shard each, one %s database", (backend) => {
  it("serve each server from the process owning its shard, share one store, and survive each other", async () => {
    expect([shardOf(onShard0, 2), shardOf(onShard1, 2)]).toEqual([0, 1]);
    const discord = await FakeDiscord.start({ token: testToken, guilds: [base, secondGuild] });
    fake = discord;
    await deployCommands(
      {
        token: testToken,
        clientId: null,
        guildId: null,
        apiBase: discord.apiBase,
        qaChannelIds: [],
        messageContentIntent: "off",
        dmAnswers: true,
        shards: { count: null, ids: null },
      },
      commands,
    );
    if (backend === "PostgreSQL") postgres = await startTestPostgres();
    const dataDir = mkdtempSync(join(tmpdir(), "bot-data-"));
    const shared = {
      DISCORD_TOKEN: testToken,
      DISCORD_API_BASE: discord.apiBase,
      MESSAGE_CONTENT_INTENT: "off",
      SHARD_COUNT: "2",
      DATA_DIR: dataDir,
      CACHE_DIR: mkdtempSync(join(tmpdir(), "bot-cache-")),
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    };
    const first = startBotProcess({ ...shared, SHARD_IDS: "0" });
    let second = startBotProcess({ ...shared, SHARD_IDS: "1" });
    await Promise.all([ready(first), ready(second)]);
    // Each logs its own shard on every line.
    expect(first.stdout()).toContain('"shards":[0],"shardCount":2');
    expect(second.stdout()).toContain('"shards":[1],"shardCount":2');

    // Each member asks once per server, so the cooldown never gets in the way.
    const ask = (guildId: string, userId = aliceId) =>
      send(discord, { name: "ask", options: { question: "When was Lal Masjid built?" }, guildId, userId });
    expect(textOf(embedOf(await ask(onShard0)))).toContain("1965");
    expect(textOf(embedOf(await ask(onShard1)))).toContain("1965");

    // A quiz answered on each server counts on that server's leaderboard, whichever process wrote it.
    for (const guildId of [onShard0, onShard1]) {
      const quiz = await send(discord, { name: "quiz", options: { count: 1 }, guildId, userId: aliceId });
      const [choice = ""] = buttonIdsOf(quiz);
      await send(discord, {
        type: InteractionType.MessageComponent,
        customId: choice,
        message: quiz.id,
        guildId,
        userId: aliceId,
      });
      const board = await send(discord, { name: "leaderboard", guildId, userId: aliceId });
      expect(textOf(embedOf(board))).toContain(`<@${aliceId}>`);
    }
    // Both processes wrote to the one database: one score per server, each on its own leaderboard.
    const db = await openStorage({ dataDir, databaseUrl: postgres?.url ?? null });
    try {
      expect(await db.all("SELECT guild_id, answered FROM quiz_scores ORDER BY guild_id")).toEqual([
        { guild_id: onShard0, answered: 1 },
        { guild_id: onShard1, answered: 1 },
      ]);
    } finally {
      await db.close();
    }

    // A moderator's change on shard 1 is there when the process owning shard 1 starts again.
    const changed = await send(discord, {
      name: "config",
      subcommand: "cooldown",
      options: { seconds: 45 },
      guildId: onShard1,
      userId: ownerId,
    });
    expect(changed.content).toContain("→ 45 s");
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);

    // Shard 1's process is down: shard 0's server still answers.
    expect(textOf(embedOf(await ask(onShard0, ownerId)))).toContain("1965");

    second = startBotProcess({ ...shared, SHARD_IDS: "1" });
    await ready(second);
    const cooldownOf = async (guildId: string) => {
      const shown = await send(discord, { name: "config", subcommand: "show", guildId, userId: ownerId });
      return embedOf(shown).fields?.find((field) => field.name === "Cooldown per member")?.value;
    };
    expect(await cooldownOf(onShard1)).toBe("45 s");
    // Shard 0's server kept its own settings.
    expect(await cooldownOf(onShard0)).toBe("10 s");

    // Killed outright, shard 0's process takes its server's events with it; shard 1's server still answers.
    first.child.kill("SIGKILL");
    await first.exited;
    expect(textOf(embedOf(await ask(onShard1, ownerId)))).toContain("1965");
  }, 120_000);
});

describe("a bot process's shard ids", () => {
  it("refuses a shard id at or past SHARD_COUNT with one line, exit 1", async () => {
    const run = startBotProcess({ DISCORD_TOKEN: testToken, SHARD_COUNT: "2", SHARD_IDS: "2" });
    expect(await run.exited).toBe(1);
    expect(run.stderr().trim().split("\n")).toEqual([
      "config error: SHARD_IDS lists shard 2, but SHARD_COUNT is 2: shard ids run from 0 to 1",
    ]);
  }, 60_000);
});
