/**
 * Questions as a conversation: a question may lean on the same user's previous one in the same channel
 * ("when was it rebuilt?"), small talk gets a brief reply, "more" shows the next excerpts. The core decides
 * what a message means (`core/conversation`); this module asks the engine, which may answer asynchronously,
 * and words the reply.
 */
import { rememberAnswer, understandInConversation } from "../core/conversation/follow-up.ts";
import type { CommandContext } from "./command.ts";
import { openToVotes } from "./feedback.ts";
import { formatAnswer, formatNothingMore } from "./format/answer.ts";
import type { ReplyPayload } from "./format/embed.ts";
import { formatSmallTalk, type HelpContext } from "./format/notices.ts";
import { takeTurn } from "./turns.ts";

/** Where a question was asked and by whom. */
export interface QuestionOrigin {
  /** The channel, thread or DM channel. */
  channelId: string;
  userId: string;
  /** null in direct messages. */
  guildId: string | null;
}

/** A reply to one message of a conversation, and what it was, for the log. */
export interface ConversationOutcome {
  payload: ReplyPayload;
  outcome: "small-talk" | "answered" | "not-answered" | "nothing-asked" | "nothing-more";
}

/**
 * The conversation a message belongs to: one user in one channel (a thread or a DM is a channel of its own),
 * so context never passes between users, nor between channels.
 */
export function conversationKey(origin: QuestionOrigin): string {
  return `${origin.channelId}:${origin.userId}`;
}

/** Replies to a checked question in its conversation; answers carry 👍 / 👎 buttons. */
export async function answerInConversation(
  context: CommandContext,
  origin: QuestionOrigin,
  question: string,
  help: HelpContext,
): Promise<ConversationOutcome> {
  // The answer is worked out on a turn of its own, so replies ready before it are sent first.
  await takeTurn();
  const key = conversationKey(origin);
  const step = understandInConversation(context.engine, context.conversations, key, question, Date.now());
  if (step.kind === "small-talk") {
    return { payload: formatSmallTalk(step.utterance, help, context.bot), outcome: "small-talk" };
  }
  if (step.kind === "answer" && !step.answer.answered) {
    return {
      payload: formatNothingMore(step.continuation, question, step.understoodAs),
      outcome: "nothing-more",
    };
  }
  const answer = step.kind === "answer" ? step.answer : await context.engine.answer(step.question);
  if (step.kind === "question") rememberAnswer(context.conversations, key, step.question, answer, Date.now());
  return {
    payload: formatAnswer(answer, {
      asked: question,
      understoodAs: step.understoodAs,
      votes: openToVotes(context, answer, origin.guildId),
    }),
    outcome: answer.answered
      ? "answered"
      : answer.reason === "nothing-asked"
        ? "nothing-asked"
        : "not-answered",
  };
}
