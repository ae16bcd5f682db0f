/**
 * `npm run feedback [-- --json] [--limit N]`: the answers people voted 👎 most, from the bot's database
 * (`DATA_DIR/bot.sqlite`), opened read-only: a report never migrates or changes the file.
 */
import { config as loadDotenv } from "dotenv";
import { loadConfig } from "../config.ts";
import { DatabaseError, databasePath, openDatabaseForReading } from "../storage/database.ts";
import { FEEDBACK_SCHEMA_VERSION, type FeedbackReport, feedbackReport } from "../storage/feedback.ts";
import { integerOption, parseCliArgs } from "./args.ts";
import { runCli } from "./load.ts";

/** Questions listed when `--limit` is not given. */
const defaultLimit = 20;

const noVotes: FeedbackReport = { totals: { up: 0, down: 0, answers: 0 }, downVoted: [] };

/** The report of the database at `path`, or null (after saying why on stderr) when it cannot be read. */
function readReport(path: string, limit: number): FeedbackReport | null {
  let opened: ReturnType<typeof openDatabaseForReading>;
  try {
    opened = openDatabaseForReading(path);
  } catch (error) {
    if (!(error instanceof DatabaseError)) throw error;
    console.error(`database error: ${error.message}`);
    process.exitCode = 1;
    return null;
  }
  try {
    // A database the bot has not migrated to votes yet holds none.
    return opened.version < FEEDBACK_SCHEMA_VERSION ? noVotes : feedbackReport(opened.db, limit);
  } finally {
    opened.db.close();
  }
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

await runCli(() => {
  const args = parseCliArgs(process.argv.slice(2), { flags: ["json"], values: ["limit"] });
  const limit = integerOption("limit", args.values.limit, 1) ?? defaultLimit;
  loadDotenv({ quiet: true });
  const path = databasePath(loadConfig().dataDir);
  const report = readReport(path, limit);
  if (report === null) return;
  if (!args.flags.json) {
    console.log(reportText(report, path));
    return;
  }
  const downVoted = report.downVoted.map((entry) => ({
    ...entry,
    lastVoteAt: new Date(entry.lastVoteAt).toISOString(),
  }));
  console.log(JSON.stringify({ database: path, totals: report.totals, downVoted }, null, 2));
});
