import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { databasePath, openDatabase } from "../../src/storage/database.ts";
import { FeedbackStore } from "../../src/storage/feedback.ts";
import { isolatedEnvironment } from "../support/cli.ts";
import { projectRoot } from "../support/paths.ts";

const run = promisify(execFile);

/** `npm run feedback` as people run it, over `dataDir`; every setting explicit so a `.env` cannot interfere. */
function feedback(dataDir: string, args: string[] = []) {
  const env = isolatedEnvironment({ DATA_DIR: dataDir });
  return run("npm", ["--silent", "run", "feedback", "--", ...args], { cwd: projectRoot, env });
}

const newDataDir = () => mkdtempSync(join(tmpdir(), "feedback-data-"));

describe("npm run feedback", () => {
  it("prints the most down-voted questions with their votes, passages and last vote, as text and JSON", async () => {
    const dataDir = newDataDir();
    const db = openDatabase(databasePath(dataDir));
    const store = await FeedbackStore.open(db);
    const vote = (voter: string, question: string, passageIds: string[], choice: "up" | "down", at: number) =>
      store.vote(
        { voterId: voter, answerMessageId: question, guildId: "1", question, passageIds, vote: choice },
        at,
      );
    await vote("a", "who designed lal masjid", ["lal-masjid/history/1"], "down", Date.UTC(2026, 0, 5, 10, 0));
    await vote(
      "b",
      "who designed lal masjid",
      ["lal-masjid/history/1"],
      "down",
      Date.UTC(2026, 0, 5, 11, 30),
    );
    await vote("c", "who designed lal masjid", ["lal-masjid/history/1"], "up", Date.UTC(2026, 0, 5, 9, 0));
    await vote("a", "when was it built", ["lal-masjid/history/2"], "up", Date.UTC(2026, 0, 6, 9, 0));
    await db.close();

    const [text, json] = await Promise.all([feedback(dataDir), feedback(dataDir, ["--json"])]);

    expect(text.stdout.split("\n")).toEqual([
      `4 votes on 2 answers in ${databasePath(dataDir)}: 2 👍, 2 👎`,
      "",
      "Most down-voted:",
      "👎 2  👍 1  who designed lal masjid",
      "    passages: lal-masjid/history/1",
      "    last vote: 2026-01-05 11:30 UTC",
      "",
    ]);
    expect(JSON.parse(json.stdout)).toEqual({
      database: databasePath(dataDir),
      totals: { up: 2, down: 2, answers: 2 },
      downVoted: [
        {
          question: "who designed lal masjid",
          passageIds: ["lal-masjid/history/1"],
          down: 2,
          up: 1,
          lastVoteAt: "2026-01-05T11:30:00.000Z",
        },
      ],
    });
  });

  it("says so when there is no database (creating none) or no votes yet", async () => {
    const empty = newDataDir();
    const withoutVotes = newDataDir();
    await openDatabase(databasePath(withoutVotes)).close();

    const [missing, noVotes] = await Promise.allSettled([feedback(empty), feedback(withoutVotes)]);

    expect(missing).toMatchObject({
      status: "rejected",
      reason: { code: 1, stderr: expect.stringMatching(/^database error: .*bot\.sqlite does not exist/u) },
    });
    expect(readdirSync(empty)).toEqual([]);
    expect(noVotes).toMatchObject({
      status: "fulfilled",
      value: { stdout: expect.stringMatching(/^No votes yet in .*bot\.sqlite/u) },
    });
  });
});
