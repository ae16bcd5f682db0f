/**
 * 👍 / 👎 on answers: every answer is kept in memory for a while so a vote can be stored with the question
 * and the passages it cited; the vote itself goes to the database under a salted hash of voter and message.
 */
import type { ButtonInteraction } from "discord.js";
import type { Answer } from "../core/types.ts";
import type { Vote } from "../storage/feedback.ts";
import type { CommandContext } from "./command.ts";
import type { VoteButtonIds } from "./format/answer.ts";
import { staleButtonNotice, voteNotice, votesClosedNotice } from "./format/notices.ts";
import { buttonCustomId } from "./interactions.ts";
import { replyPrivately } from "./respond.ts";

/** Vote buttons are routed to `/ask`, the command that answers (plain-message answers included). */
const voteCommand = "ask";
const voteAction = "vote";

/** How many cited passages a vote records, as many as an answer shows. */
const maxRecordedPassages = 3;

/** Keeps an answer open to votes and returns the custom ids of its 👍 and 👎 buttons. */
export function openToVotes(context: CommandContext, answer: Answer, guildId: string | null): VoteButtonIds {
  const cited = answer.answered ? answer.excerpts : answer.related;
  const record = context.answersOpenToVotes.create({
    question: answer.question,
    passageIds: cited.slice(0, maxRecordedPassages).map((excerpt) => excerpt.passageId),
    guildId,
  });
  return {
    up: buttonCustomId(voteCommand, voteAction, record.id, "up"),
    down: buttonCustomId(voteCommand, voteAction, record.id, "down"),
  };
}

/** Whether a button's arguments (after the command name) are a vote. */
export function isVoteButton(args: readonly string[]): boolean {
  return args[0] === voteAction;
}

/**
 * Stores a press of 👍 or 👎 and acknowledges it privately: the first vote, one change, then "already final".
 * Anyone who sees the answer may vote on it, once each.
 */
export async function handleVoteButton(
  interaction: ButtonInteraction,
  context: CommandContext,
  [, recordId = "", voteText = ""]: readonly string[],
): Promise<void> {
  if (voteText !== "up" && voteText !== "down") return replyPrivately(interaction, staleButtonNotice);
  const vote: Vote = voteText;
  const record = context.answersOpenToVotes.get(recordId);
  if (!record) return replyPrivately(interaction, votesClosedNotice(context.options.feedbackWindowMs));
  const outcome = await context.feedback.vote({
    voterId: interaction.user.id,
    answerMessageId: interaction.message.id,
    guildId: record.guildId,
    question: record.question,
    passageIds: record.passageIds,
    vote,
  });
  await replyPrivately(interaction, voteNotice(outcome, vote));
}
