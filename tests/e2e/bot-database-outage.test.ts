/**
 * The bot on PostgreSQL when the database goes away while it runs: nothing crashes, what needs the database
 * gets the one-line apology that asks to try again, what this process already holds (a server's settings,
 * cached) is still shown, and once the database is back the bot answers again without a restart.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apology } from "../../src/discord/format/notices.ts";
import { startTestPostgres, type TestPostgres } from "../support/postgres.ts";
import { embedOf, startTestBot } from "./bot-harness.ts";
import { defaultGuildPeople } from "./fake-discord.ts";

describe("the bot on PostgreSQL, when the database goes away", () => {
  it("keeps running: an apology for what needs the database, the cached settings, then answers once it is back", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "pg-data-"));
    const postgres = await startTestPostgres({ dataDir });
    const port = Number(new URL(postgres.url).port);
    const test = await startTestBot({ databaseUrl: postgres.url });
    let back: TestPostgres | undefined;
    try {
      const { fake } = test;
      const ask = () => fake.sendInteraction({ name: "ask", options: { question: "when was it built" } });
      expect(embedOf(await fake.waitForInteractionReply(ask().id)).title).toBe("1965");

      await postgres.stop();
      for (const sent of [ask(), fake.sendInteraction({ name: "leaderboard" })]) {
        const reply = await fake.waitForInteractionReply(sent.id, 15_000);
        expect(reply.content).toBe(apology);
      }
      const shown = fake.sendInteraction({
        name: "config",
        subcommand: "show",
        userId: defaultGuildPeople.ownerId,
      });
      expect(embedOf(await fake.waitForInteractionReply(shown.id)).title).toContain("settings");
      const mention = fake.sendMessage({ content: "when was it built", mentionsBot: true });
      const reply = await fake.waitForChannelMessage(
        (message) => message.message_reference?.message_id === mention.id,
        15_000,
      );
      expect(reply.content).toBe(apology);
      expect(test.logs.filter((line) => line.level === "error").length).toBeGreaterThanOrEqual(3);

      // The same database back on the same address: the pool connects again, nothing restarted.
      back = await startTestPostgres({ dataDir, port });
      expect(embedOf(await fake.waitForInteractionReply(ask().id, 15_000)).title).toBe("1965");
      const board = await fake.waitForInteractionReply(fake.sendInteraction({ name: "leaderboard" }).id);
      expect(board.content).not.toBe(apology);
    } finally {
      await test.stop();
      await back?.stop();
    }
  }, 60_000);
});
