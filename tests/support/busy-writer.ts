/**
 * `tsx tests/support/busy-writer.ts DB`: writes to the bot's database as a busy bot would, until killed. Each
 * transaction adds one quiz score and one settings change, so a consistent copy holds as many of one as of
 * the other.
 */
import { openDatabase } from "../../src/storage/database.ts";
import { GuildSettingsStore } from "../../src/storage/guild-settings.ts";
import { QuizScoreStore } from "../../src/storage/quiz-scores.ts";

const path = process.argv[2];
if (path === undefined) throw new Error("usage: tsx tests/support/busy-writer.ts DB");
const db = openDatabase(path);
const scores = new QuizScoreStore(db);
const settings = new GuildSettingsStore(db);
const server = "1300000000000000001";

const writeOne = db.transaction((n: number) => {
  scores.record(server, `member-${n}`, n % 2 === 0);
  // Cooldowns 1…3600 in turn: every change differs from the one before, so each is audited.
  settings.update(server, "1200000000000000002", (current) => ({
    ...current,
    cooldownSeconds: (n % 3600) + 1,
  }));
});

let written = 0;
// About a thousand transactions a second at most: busy, without taking a whole core from the other tests.
const writeNext = (): void => {
  writeOne(written++);
  setTimeout(writeNext, 1);
};
writeNext();
