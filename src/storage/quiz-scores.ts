import type { SqlDatabase } from "./sql.ts";

/** A member's quiz score on one server, with their place among the server's players. */
export interface RankedScore {
  userId: string;
  correct: number;
  answered: number;
  /** 1 for the best; members with the same correct and answered counts share a rank. */
  rank: number;
}

/** The best players of a server, and where one member stands. */
export interface Leaderboard {
  top: RankedScore[];
  /** The member who asked; null when they have not answered a question on this server. */
  you: RankedScore | null;
  /** Members with a score on this server. */
  players: number;
}

/**
 * Ranks by correct answers, then by fewer questions answered (the same score in fewer tries ranks higher);
 * among equals, whoever got there first is listed first.
 */
const rankedScores = `
  SELECT user_id, correct, answered,
         RANK() OVER (ORDER BY correct DESC, answered ASC) AS rank,
         ROW_NUMBER() OVER (ORDER BY correct DESC, answered ASC, updated_at ASC, user_id ASC) AS position
  FROM quiz_scores WHERE guild_id = ?`;

interface ScoreRow {
  user_id: string;
  correct: number;
  answered: number;
  rank: number;
}

const toRanked = (row: ScoreRow): RankedScore => ({
  userId: row.user_id,
  correct: row.correct,
  answered: row.answered,
  rank: row.rank,
});

/** Quiz scores per member per server, in the bot's database. Direct messages have no server and are not scored. */
export class QuizScoreStore {
  constructor(private readonly db: SqlDatabase) {}

  /** Counts one answered question for a member: one statement, so answers on several shards add up. */
  async record(guildId: string, userId: string, correct: boolean, now = Date.now()): Promise<void> {
    await this.db.run(
      `INSERT INTO quiz_scores (guild_id, user_id, correct, answered, updated_at) VALUES (?, ?, ?, 1, ?)
       ON CONFLICT (guild_id, user_id) DO UPDATE SET
         correct = quiz_scores.correct + excluded.correct, answered = quiz_scores.answered + 1,
         updated_at = excluded.updated_at`,
      [guildId, userId, correct ? 1 : 0, now],
    );
  }

  /** The server's `limit` best players and the rank of `userId`, wherever they stand. */
  async leaderboard(guildId: string, userId: string, limit = 10): Promise<Leaderboard> {
    const top = await this.db.all<ScoreRow>(`${rankedScores} ORDER BY position LIMIT ?`, [guildId, limit]);
    const you = await this.db.get<ScoreRow>(`SELECT * FROM (${rankedScores}) AS ranked WHERE user_id = ?`, [
      guildId,
      userId,
    ]);
    const counted = await this.db.get<{ players: number }>(
      "SELECT count(*) AS players FROM quiz_scores WHERE guild_id = ?",
      [guildId],
    );
    return { top: top.map(toRanked), you: you ? toRanked(you) : null, players: counted?.players ?? 0 };
  }
}
