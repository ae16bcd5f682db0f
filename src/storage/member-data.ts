/**
 * What the database holds about one member, and forgetting it (`npm run forget`). Quiz scores are keyed by
 * user id; the settings audit names the moderator behind each change; votes hold only a salted hash that
 * cannot be traced back to anyone, so they are neither found nor touched here.
 */
import { FORGOTTEN_MEMBER_ID } from "./guild-settings.ts";
import type { SqlDatabase } from "./sql.ts";

/** What {@link forgetMember} removed. */
export interface ForgottenData {
  /** The member's quiz scores that were deleted, one per server. */
  quizScores: Array<{ guildId: string; correct: number; answered: number }>;
  /** Settings changes, counted per server, whose author is now {@link FORGOTTEN_MEMBER_ID}. */
  settingsChanges: Array<{ guildId: string; changes: number }>;
}

/**
 * Deletes the member's quiz scores and replaces their id in the settings audit and on library articles they
 * added (the changes and articles stay, without their author), on one server when `guildId` is given, on all otherwise, in one transaction. Tables a
 * database of an older schema lacks hold nothing to forget.
 */
export async function forgetMember(
  db: SqlDatabase,
  userId: string,
  guildId: string | null,
): Promise<ForgottenData> {
  const onServer = guildId === null ? "" : " AND guild_id = ?";
  const where = guildId === null ? [userId] : [userId, guildId];
  // Asked before the transaction: on SQLite every other statement waits for it to end.
  const [hasScores, hasAudit, hasLibrary] = await Promise.all(
    ["quiz_scores", "settings_audit", "library_articles"].map((table) => db.hasTable(table)),
  );
  return db.transaction(async (tx): Promise<ForgottenData> => {
    const quizScores = hasScores
      ? await tx.all<ForgottenData["quizScores"][number]>(
          `DELETE FROM quiz_scores WHERE user_id = ?${onServer} RETURNING guild_id AS "guildId", correct, answered`,
          where,
        )
      : [];
    quizScores.sort((a, b) => a.guildId.localeCompare(b.guildId));
    if (!hasAudit) return { quizScores, settingsChanges: [] };
    const settingsChanges = await tx.all<ForgottenData["settingsChanges"][number]>(
      `SELECT guild_id AS "guildId", count(*) AS changes FROM settings_audit WHERE user_id = ?${onServer} GROUP BY guild_id ORDER BY guild_id`,
      where,
    );
    await tx.run(`UPDATE settings_audit SET user_id = ? WHERE user_id = ?${onServer}`, [
      FORGOTTEN_MEMBER_ID,
      ...where,
    ]);
    // The articles they added stay in the server's library, without who added them.
    if (hasLibrary) {
      await tx.run(`UPDATE library_articles SET added_by = ? WHERE added_by = ?${onServer}`, [
        FORGOTTEN_MEMBER_ID,
        ...where,
      ]);
    }
    return { quizScores, settingsChanges };
  });
}
