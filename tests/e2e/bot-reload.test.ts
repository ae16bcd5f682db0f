/**
 * Corpus reloads under the real bot: the bot serves a {@link ReloadableCorpus} over a temporary copy of the
 * corpus, and questions go through the fake Discord before, during and after a reload.
 */
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeSyntheticCorpus } from "../../src/cli/synthetic-corpus.ts";
import { type LoadEngineOptions, loadEngine } from "../../src/core/engine.ts";
import { ReloadableCorpus, type ReloadOutcome } from "../../src/corpus-reload.ts";
import { createLogger } from "../../src/discord/logger.ts";
import { corpusCopyDir } from "../support/engines.ts";
import { blindArticlesDir, defaultCorpusDir } from "../support/paths.ts";
import { botPerTest, embedOf } from "./bot-harness.ts";
import type { FakeDiscord } from "./fake-discord.ts";

const start = botPerTest();

function reloadableCopy(): { corpus: ReloadableCorpus; dir: string } {
  const load: LoadEngineOptions = { corpusDir: corpusCopyDir(defaultCorpusDir), cacheDir: null };
  const logger = createLogger({ level: "error", write: () => undefined });
  return { corpus: new ReloadableCorpus(loadEngine(load), load, logger), dir: load.corpusDir };
}

async function ask(fake: FakeDiscord, question: string): Promise<string | undefined> {
  const sent = fake.sendInteraction({ name: "ask", options: { question } });
  const embed = embedOf(await fake.waitForInteractionReply(sent.id));
  return `${embed.title}\n${embed.description}`;
}

describe("reloading the corpus while the bot runs", () => {
  it("answers about an article added to the corpus folder once the corpus is reloaded, without a restart", async () => {
    const { corpus, dir } = reloadableCopy();
    const { fake } = await start({ engineSource: corpus });
    expect(await ask(fake, "who owns the forth bridge")).not.toContain("Network Rail");

    copyFileSync(join(blindArticlesDir, "forth-bridge.md"), join(dir, "forth-bridge.md"));
    expect(await corpus.reload("test")).toMatchObject({ result: "reloaded", added: ["forth-bridge"] });

    expect(await ask(fake, "who owns the forth bridge")).toContain("Network Rail");
    expect(await ask(fake, "when was lal masjid built")).toMatch(/^1965\n/u);
  });

  it("keeps answering during a long reload: a question asked meanwhile gets the old engine's answer at once", async () => {
    const { corpus, dir } = reloadableCopy();
    const { fake } = await start({ engineSource: corpus });
    // Enough articles that indexing them takes far longer than answering one question, even on a busy machine.
    writeSyntheticCorpus(dir, { articles: 400, seed: 7 });

    let reloadedAt: number | undefined;
    const reloading = corpus.reload("test").then((outcome: ReloadOutcome) => {
      reloadedAt = performance.now();
      return outcome;
    });
    const reply = await ask(fake, "when was lal masjid built");
    const answeredAt = performance.now();

    expect(reply).toMatch(/^1965\n/u);
    expect(reloadedAt).toBeUndefined();
    expect(await reloading).toMatchObject({ result: "reloaded", articles: 401 });
    expect(answeredAt).toBeLessThan(reloadedAt ?? 0);
  });
});
