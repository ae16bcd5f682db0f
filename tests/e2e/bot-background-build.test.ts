/**
 * A first start without an index cache under the real bot: the bot logs in while the index is built in the
 * background, answers "being built" meanwhile (slash commands, mentions, autocomplete, health), and answers
 * for real once the build is done, without a restart.
 */
import { InteractionType } from "discord.js";
import { describe, expect, it } from "vitest";
import { writeSyntheticCorpus } from "../../src/cli/synthetic-corpus.ts";
import { EngineBuild } from "../../src/core/background-build.ts";
import type { LoadEngineOptions } from "../../src/core/engine.ts";
import { ReloadableCorpus } from "../../src/corpus-reload.ts";
import type { HealthReport } from "../../src/discord/health.ts";
import { createLogger } from "../../src/discord/logger.ts";
import { corpusCopyDir } from "../support/engines.ts";
import { defaultCorpusDir } from "../support/paths.ts";
import { botPerTest, choicesOf, embedOf } from "./bot-harness.ts";

const start = botPerTest();

/** A question the project's article answers even among the generated ones. */
const question = "who was appointed the first imam of lal masjid";
const buildingNotice = /^The index is being built \((\d{1,2})%\); try again in a minute\.$/u;

/** The project's article plus enough generated ones that building takes seconds, not milliseconds. */
function largeCorpusBuild(): { build: EngineBuild; corpus: ReloadableCorpus } {
  const load: LoadEngineOptions = { corpusDir: corpusCopyDir(defaultCorpusDir), cacheDir: null };
  writeSyntheticCorpus(load.corpusDir, { articles: 400, seed: 11 });
  const build = new EngineBuild(load);
  const logger = createLogger({ level: "error", write: () => undefined });
  return { build, corpus: new ReloadableCorpus(build, load, logger) };
}

async function healthz(port: number | undefined): Promise<{ status: number; body: HealthReport }> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: (await response.json()) as HealthReport };
}

describe("a first start that builds the index in the background", () => {
  it("says the index is being built until it is, then answers without a restart", async () => {
    const { build, corpus } = largeCorpusBuild();
    const { fake, bot } = await start({ engineSource: corpus, health: { host: "127.0.0.1", port: 0 } });
    expect(corpus.current).toBeNull();

    const early = fake.sendInteraction({ name: "ask", options: { question } });
    const notice = await fake.waitForInteractionReply(early.id);
    expect(notice.content).toMatch(buildingNotice);
    expect(notice.flags).toBe(64);
    const mention = fake.sendMessage({ content: question, mentionsBot: true });
    const reply = await fake.waitForChannelMessage(
      (message) => message.message_reference?.message_id === mention.id,
    );
    expect(reply.content).toMatch(buildingNotice);
    const timeline = fake.sendInteraction({ name: "timeline" });
    expect((await fake.waitForInteractionReply(timeline.id)).content).toMatch(buildingNotice);
    const building = await healthz(bot.health?.port);
    expect(building.status).toBe(503);
    expect(building.body).toMatchObject({ status: "building", gateway: "ready", articles: 0 });
    expect(building.body.indexProgress).toBeGreaterThan(0);
    expect(building.body.indexProgress).toBeLessThan(1);

    await build.finished;

    const later = fake.sendInteraction({ name: "ask", options: { question } });
    expect(embedOf(await fake.waitForInteractionReply(later.id)).title).toBe("Maulana Muhammad Abdullah");
    const ready = await healthz(bot.health?.port);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: "ok", articles: 401, indexProgress: 1 });
  });

  it("offers no autocomplete suggestions while building, and the articles once built", async () => {
    const { build, corpus } = largeCorpusBuild();
    const { fake } = await start({ engineSource: corpus });
    const suggestions = async () => {
      const sent = fake.sendInteraction({
        type: InteractionType.ApplicationCommandAutocomplete,
        name: "sections",
        options: { article: "lal" },
        focused: "article",
      });
      const [callback] = await fake.waitForInteractionResponse(sent.id);
      return choicesOf(callback).map((choice) => choice.name);
    };

    expect(await suggestions()).toEqual([]);
    await build.finished;
    expect(await suggestions()).toContain("Lal Masjid");
  });
});
