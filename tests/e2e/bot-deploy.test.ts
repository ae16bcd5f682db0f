import { afterEach, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import type { DiscordConfig } from "../../src/config.ts";
import { deployCommands } from "../../src/discord/deploy.ts";
import { describeStartupError } from "../../src/discord/startup-errors.ts";
import { testToken } from "./bot-harness.ts";
import { FakeDiscord } from "./fake-discord.ts";

let fake: FakeDiscord | undefined;

afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

async function startFake(): Promise<{ fake: FakeDiscord; discord: DiscordConfig }> {
  fake = await FakeDiscord.start({ token: testToken });
  return {
    fake,
    discord: {
      token: testToken,
      clientId: null,
      guildId: null,
      apiBase: fake.apiBase,
      qaChannelIds: [],
      messageContentIntent: "off",
      dmAnswers: true,
      shards: { count: null, ids: null },
    },
  };
}

describe("deployCommands", () => {
  it("registers every command globally when no guild is set, with the given application id", async () => {
    const { fake, discord } = await startFake();

    const result = await deployCommands({ ...discord, clientId: fake.options.applicationId }, commands);

    expect(result.guildId).toBeNull();
    expect(fake.registeredCommands().map((command) => command.name)).toEqual(
      commands.map((command) => command.data.name),
    );
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `PUT /applications/${fake.options.applicationId}/commands`,
    ]);
  });

  it("replaces commands registered before, so removed ones disappear", async () => {
    const { fake, discord } = await startFake();
    const [ask, search] = commands;
    if (!ask || !search) throw new Error("expected commands");

    await deployCommands(discord, [ask, search]);
    await deployCommands(discord, [ask]);

    expect(fake.registeredCommands().map((command) => command.name)).toEqual(["ask"]);
  });

  it("fails with one line that names the token, without repeating it, when Discord rejects it", async () => {
    const { discord } = await startFake();
    const wrongToken = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GfAkEt.not-the-right-token";

    const error = await deployCommands({ ...discord, token: wrongToken }, commands).catch(
      (caught: unknown) => caught,
    );

    const line = describeStartupError(error);
    expect(line).toMatch(/^Discord rejected DISCORD_TOKEN/u);
    expect(line).not.toContain(wrongToken);
    expect(line).not.toContain("\n");
  });

  it("explains a refused guild in one line", async () => {
    const { discord } = await startFake();

    const error = await deployCommands({ ...discord, guildId: "1399999999999999999" }, commands).catch(
      (caught: unknown) => caught,
    );

    expect(describeStartupError(error)).toMatch(
      /^Discord answered 404 to PUT \/api\/v10\/applications\/\d+\/guilds\/1399999999999999999\/commands: Unknown Guild/u,
    );
  });
});
