import { createHmac } from "node:crypto";
import type { SqlDatabase } from "./sql.ts";

/** A thumbs up or down on an answer. */
export type Vote = "up" | "down";

/** One press of a vote button, as the transport knows it. Neither the voter's id nor name is stored. */
export interface VotePress {
  voterId: string;
  /** The message carrying the answer: one vote per person per answer. */
  answerMessageId: string;
  /** null in direct messages. */
  guildId: string | null;
  /** The question as the bot understood it. */
  question: string;
  /** The passages the answer cited (or, when it did not answer, offered). */
  passageIds: readonly string[];
  vote: Vote;
}

/**
 * What a press did: a first vote is recorded; pressing the same vote again changes nothing; a different
 * vote replaces the first once, after which the vote is final.
 */
export type VoteOutcome = "recorded" | "unchanged" | "changed" | "final";

/** How one question's answers were voted on. */
export interface QuestionFeedback {
  question: string;
  passageIds: string[];
  down: number;
  up: number;
  /** When the last vote on it was cast (ms since epoch). */
  lastVoteAt: number;
}

/** The feedback report of `npm run feedback`. */
export interface FeedbackReport {
  /** Every vote in the database. */
  totals: { up: number; down: number; answers: number };
  /** Questions with at least one 👎, most down-voted first. */
  downVoted: QuestionFeedback[];
}

/** Migration that created the vote tables: older databases have no votes. */
export const FEEDBACK_SCHEMA_VERSION = 4;

const voteValue: Record<Vote, 1 | -1> = { up: 1, down: -1 };

/** Votes on answers in the bot's database, keyed by a salted hash of voter and answer message. */
export class FeedbackStore {
  private constructor(
    private readonly db: SqlDatabase,
    private readonly salt: string,
  ) {}

  /** The store over a migrated database, with the database's salt read once. */
  static async open(db: SqlDatabase): Promise<FeedbackStore> {
    const row = await db.get<{ salt: string }>("SELECT salt FROM feedback_salt WHERE id = 1");
    if (!row) throw new Error("the feedback salt is missing: was the database migrated?");
    return new FeedbackStore(db, row.salt);
  }

  /**
   * The key a voter's vote on one answer is stored under: an HMAC of both ids under the database's own salt,
   * so the same person on the same answer always finds their vote, and the stored key reveals no one.
   */
  voterKey(voterId: string, answerMessageId: string): string {
    return createHmac("sha256", this.salt).update(`${voterId}:${answerMessageId}`).digest("hex");
  }

  /** Applies one press: the first vote is recorded, and may be changed once. */
  vote(press: VotePress, now = Date.now()): Promise<VoteOutcome> {
    const key = this.voterKey(press.voterId, press.answerMessageId);
    const value = voteValue[press.vote];
    return this.db.transaction(async (tx): Promise<VoteOutcome> => {
      const existing = await tx.get<{ vote: number; changed: number }>(
        "SELECT vote, changed FROM answer_votes WHERE voter_key = ?",
        [key],
      );
      if (!existing) {
        await tx.run(
          "INSERT INTO answer_votes (voter_key, guild_id, question, passage_ids, vote, voted_at) VALUES (?, ?, ?, ?, ?, ?)",
          [key, press.guildId, press.question, JSON.stringify(press.passageIds), value, now],
        );
        return "recorded";
      }
      if (existing.changed) return "final";
      if (existing.vote === value) return "unchanged";
      await tx.run("UPDATE answer_votes SET vote = ?, changed = 1, voted_at = ? WHERE voter_key = ?", [
        value,
        now,
        key,
      ]);
      return "changed";
    });
  }
}

/** 1 for each row where the condition holds: both engines sum this, where only SQLite sums booleans. */
const countWhere = (condition: string) => `sum(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

/**
 * The most down-voted questions (at most `limit`), with their votes either way, the passages their answers
 * cited and when they were last voted on. Reads only, so it works on a database opened read-only.
 */
export async function feedbackReport(db: SqlDatabase, limit: number): Promise<FeedbackReport> {
  const totals = await db.get<{ up: number; down: number }>(
    `SELECT coalesce(${countWhere("vote = 1")}, 0) AS up, coalesce(${countWhere("vote = -1")}, 0) AS down
     FROM answer_votes`,
  );
  const answers = await db.get<{ answers: number }>(
    "SELECT count(*) AS answers FROM (SELECT DISTINCT question, passage_ids FROM answer_votes) AS voted",
  );
  const rows = await db.all<{
    question: string;
    passage_ids: string;
    down: number;
    up: number;
    last_vote_at: number;
  }>(
    `SELECT question, passage_ids, ${countWhere("vote = -1")} AS down, ${countWhere("vote = 1")} AS up,
            max(voted_at) AS last_vote_at
     FROM answer_votes GROUP BY question, passage_ids HAVING ${countWhere("vote = -1")} > 0
     ORDER BY down DESC, up ASC, last_vote_at DESC LIMIT ?`,
    [limit],
  );
  return {
    totals: { up: totals?.up ?? 0, down: totals?.down ?? 0, answers: answers?.answers ?? 0 },
    downVoted: rows.map((row) => ({
      question: row.question,
      passageIds: JSON.parse(row.passage_ids) as string[],
      down: row.down,
      up: row.up,
      lastVoteAt: row.last_vote_at,
    })),
  };
}
