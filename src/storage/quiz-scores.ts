import type Database from "better-sqlite3";

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

/** Quiz scores per member per server, in SQLite. Direct messages have no server and are not scored. */
export class QuizScoreStore {
  constructor(private readonly db: Database.Database) {}

  /** Counts one answered question for a member. */
  record(guildId: string, userId: string, correct: boolean, now = Date.now()): void {
    this.db
      .prepare(
        `INSERT INTO quiz_scores (guild_id, user_id, correct, answered, updated_at) VALUES (?, ?, ?, 1, ?)
         ON CONFLICT (guild_id, user_id) DO UPDATE SET
           correct = correct + excluded.correct, answered = answered + 1, updated_at = excluded.updated_at`,
      )
      .run(guildId, userId, correct ? 1 : 0, now);
  }

  /** The server's `limit` best players and the rank of `userId`, wherever they stand. */
  leaderboard(guildId: string, userId: string, limit = 10): Leaderboard {
    const top = this.db
      .prepare(`${rankedScores} ORDER BY position LIMIT ?`)
      .all(guildId, limit) as ScoreRow[];
    const you = this.db.prepare(`SELECT * FROM (${rankedScores}) WHERE user_id = ?`).get(guildId, userId) as
      | ScoreRow
      | undefined;
    const { players } = this.db
      .prepare("SELECT count(*) AS players FROM quiz_scores WHERE guild_id = ?")
      .get(guildId) as { players: number };
    return { top: top.map(toRanked), you: you ? toRanked(you) : null, players };
  }
}
