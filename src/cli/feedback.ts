/**
 * `npm run feedback [-- --json] [--limit N]`: the answers people voted 👎 most, from the bot's database
 * (`DATA_DIR/bot.sqlite`), opened read-only: a report never migrates or changes the file.
 */
import { openStorageForTool, type StorageLocation } from "../storage/database.ts";
import { FEEDBACK_SCHEMA_VERSION, type FeedbackReport, feedbackReport } from "../storage/feedback.ts";
import { type CommandSpec, integerOption, runCommand } from "./args.ts";
import { botStorage, explainingDatabaseErrors } from "./bot-database.ts";

/** Questions listed when `--limit` is not given. */
const defaultLimit = 20;

const feedbackCommand = {
  command: "npm run feedback --",
  synopsis: ["[--json] [--limit N]"],
  summary:
    "Reports the votes on the bot's answers from DATA_DIR/bot.sqlite: totals, then the most down-voted questions with the passages their answers cited. The database is only read.",
  options: {
    json: { type: "boolean", description: "print the report as JSON on stdout" },
    limit: { type: "string", value: "N", description: `list at most N questions (default ${defaultLimit})` },
  },
  positionals: false,
  examples: [
    "npm run feedback",
    "npm run feedback -- --json --limit 5",
    "DATA_DIR=/srv/study-bot npm run feedback",
  ],
} as const satisfies CommandSpec;

const noVotes: FeedbackReport = { totals: { up: 0, down: 0, answers: 0 }, downVoted: [] };

/** The report of the bot's database; one that cannot be read is a `database error: …`. */
function readReport(storage: StorageLocation, limit: number): Promise<FeedbackReport> {
  return explainingDatabaseErrors(async () => {
    const { db, version } = await openStorageForTool(storage, true);
    try {
      // A database the bot has not migrated to votes yet holds none.
      return version < FEEDBACK_SCHEMA_VERSION ? noVotes : await feedbackReport(db, limit);
    } finally {
      await db.close();
    }
  });
}

const when = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;

function reportText(report: FeedbackReport, path: string): string {
  const { up, down, answers } = report.totals;
  if (up + down === 0) return `No votes yet in ${path}: every answer on Discord has 👍 / 👎 buttons.`;
  const summary = `${up + down} vote${up + down === 1 ? "" : "s"} on ${answers} answer${answers === 1 ? "" : "s"} in ${path}: ${up} 👍, ${down} 👎`;
  if (report.downVoted.length === 0) return `${summary}\nNo 👎 votes yet.`;
  const entries = report.downVoted.map((entry) =>
    [
      `👎 ${entry.down}  👍 ${entry.up}  ${entry.question}`,
      `    passages: ${entry.passageIds.join(", ") || "none"}`,
      `    last vote: ${when(entry.lastVoteAt)}`,
    ].join("\n"),
  );
  return [summary, "", "Most down-voted:", ...entries].join("\n");
}

await runCommand(feedbackCommand, async ({ values }) => {
  const limit = integerOption("limit", values.limit, 1) ?? defaultLimit;
  const storage = botStorage();
  const path = storage.description;
  const report = await readReport(storage, limit);
  if (!values.json) {
    console.log(reportText(report, path));
    return;
  }
  const downVoted = report.downVoted.map((entry) => ({
    ...entry,
    lastVoteAt: new Date(entry.lastVoteAt).toISOString(),
  }));
  console.log(JSON.stringify({ database: path, totals: report.totals, downVoted }, null, 2));
});
