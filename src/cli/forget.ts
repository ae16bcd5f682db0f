/**
 * `npm run forget -- --user ID [--guild ID]`: deletes what the bot's database holds about one member, and
 * prints what it removed.
 */

import { openStorageForTool } from "../storage/database.ts";
import { forgetMember } from "../storage/member-data.ts";
import { type CommandSpec, runCommand, UsageError } from "./args.ts";
import { botStorage, explainingDatabaseErrors } from "./bot-database.ts";

const forgetCommand = {
  command: "npm run forget --",
  synopsis: ["--user ID [--guild ID]"],
  summary:
    "Deletes a member's quiz scores and replaces their id in the settings history (the changes stay, shown as made by a forgotten member), in DATA_DIR/bot.sqlite, on every server or on one. Safe while the bot runs. Votes on answers hold no user id, so there is nothing of theirs to delete.",
  options: {
    user: {
      type: "string",
      value: "ID",
      description: "the member's Discord user id (Developer Mode → Copy User ID)",
    },
    guild: { type: "string", value: "ID", description: "only on this server (default: every server)" },
  },
  positionals: false,
  examples: [
    "npm run forget -- --user 1200000000000000002",
    "npm run forget -- --user 1200000000000000002 --guild 1300000000000000001",
  ],
  notes: ["Back up first (npm run backup -- FILE): nothing forgotten can be brought back."],
} as const satisfies CommandSpec;

/** A Discord id (a snowflake), or a usage error naming the option: a name or a mention is not one. */
function discordId(option: string, value: string | undefined): string | undefined {
  if (value === undefined || /^\d{1,20}$/u.test(value)) return value;
  throw new UsageError(`--${option} needs a Discord id (digits only), not ${JSON.stringify(value)}`);
}

await runCommand(forgetCommand, async ({ values }) => {
  const userId = discordId("user", values.user);
  if (userId === undefined) throw new UsageError("--user ID is required");
  const guildId = discordId("guild", values.guild) ?? null;
  const storage = botStorage();
  const path = storage.description;
  const forgotten = await explainingDatabaseErrors(async () => {
    const { db } = await openStorageForTool(storage, false);
    try {
      return await forgetMember(db, userId, guildId);
    } finally {
      await db.close();
    }
  });
  const where = guildId === null ? "" : ` on server ${guildId}`;
  const { quizScores, settingsChanges } = forgotten;
  if (quizScores.length === 0 && settingsChanges.length === 0) {
    console.log(`Nothing stored about member ${userId}${where} in ${path}.`);
    return;
  }
  const lines = [`Forgot member ${userId}${where} in ${path}:`];
  for (const score of quizScores)
    lines.push(
      `  deleted quiz score on server ${score.guildId}: ${score.correct} correct of ${score.answered}`,
    );
  for (const { guildId: server, changes } of settingsChanges)
    lines.push(
      `  settings history on server ${server}: their id taken out of ${changes} change${changes === 1 ? "" : "s"}`,
    );
  console.log(lines.join("\n"));
});
