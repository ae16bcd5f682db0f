/**
 * What the database holds about one member, and forgetting it (`npm run forget`). Quiz scores are keyed by
 * user id; the settings audit names the moderator behind each change; votes hold only a salted hash that
 * cannot be traced back to anyone, so they are neither found nor touched here.
 */
import type Database from "better-sqlite3";
import { hasTable } from "./database.ts";
import { FORGOTTEN_MEMBER_ID } from "./guild-settings.ts";

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
export function forgetMember(db: Database.Database, userId: string, guildId: string | null): ForgottenData {
  const onServer = guildId === null ? "" : " AND guild_id = @guildId";
  const params = { userId, guildId };
  const forget = db.transaction((): ForgottenData => {
    const quizScores = hasTable(db, "quiz_scores")
      ? (db
          .prepare(
            `DELETE FROM quiz_scores WHERE user_id = @userId${onServer} RETURNING guild_id AS guildId, correct, answered`,
          )
          .all(params) as ForgottenData["quizScores"])
      : [];
    if (!hasTable(db, "settings_audit")) return { quizScores, settingsChanges: [] };
    const settingsChanges = db
      .prepare(
        `SELECT guild_id AS guildId, count(*) AS changes FROM settings_audit WHERE user_id = @userId${onServer} GROUP BY guild_id ORDER BY guild_id`,
      )
      .all(params) as ForgottenData["settingsChanges"];
    db.prepare(`UPDATE settings_audit SET user_id = @forgotten WHERE user_id = @userId${onServer}`).run({
      ...params,
      forgotten: FORGOTTEN_MEMBER_ID,
    });
    // The articles they added stay in the server's library, without who added them.
    if (hasTable(db, "library_articles")) {
      db.prepare(`UPDATE library_articles SET added_by = @forgotten WHERE added_by = @userId${onServer}`).run(
        {
          ...params,
          forgotten: FORGOTTEN_MEMBER_ID,
        },
      );
    }
    return { quizScores: quizScores.sort((a, b) => a.guildId.localeCompare(b.guildId)), settingsChanges };
  });
  return forget();
}
