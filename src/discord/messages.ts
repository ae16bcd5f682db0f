import { type Message, type MessageReplyOptions, PermissionFlagsBits } from "discord.js";
import { classifyUtterance } from "../core/conversation/small-talk.ts";
import { type CommandContext, EngineBuildingError } from "./command.ts";
import { answerInConversation } from "./conversation.ts";
import type { ReplyPayload } from "./format/embed.ts";
import { apology, formatHelp, indexBuildingNotice, questionRefusal, waitReaction } from "./format/notices.ts";
import { discordLimits } from "./limits.ts";
import type { LogFields } from "./logger.ts";
import { admitQuestion, channelRefOf, helpContextOf, messageUseOf } from "./moderation.ts";
import { checkQuestion } from "./questions.ts";
import { type MessageTrigger, messageTrigger } from "./server-rules.ts";
import { trimText } from "./text.ts";

/** What the bot needs to reply in a channel: see it, send, show embeds, and reply (which reads history). */
const replyPermissions = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.ReadMessageHistory,
];
/** In threads, sending needs Send Messages in Threads instead. */
const threadReplyPermissions = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.ReadMessageHistory,
];

/** Replies never ping anyone, not even the asker. */
function asReply(payload: ReplyPayload | string): MessageReplyOptions {
  const body = typeof payload === "string" ? { content: trimText(payload, discordLimits.content) } : payload;
  return { ...body, allowedMentions: { parse: [], repliedUser: false }, failIfNotExists: false };
}

/** The permissions the bot lacks in this channel, out of `needed` (none in DMs). */
function missingPermissions(message: Message, needed: readonly bigint[]): string[] {
  if (!message.inGuild()) return [];
  const permissions = message.channel.permissionsFor(message.client.user);
  return permissions ? permissions.missing(needed) : [];
}

/**
 * Marks a question that came too soon with one reaction, the first time only: a reply would add to the
 * channel what the cooldown is there to keep out.
 */
async function markTooSoon(message: Message, notify: boolean, fields: LogFields, context: CommandContext) {
  fields.outcome = "too-soon";
  if (!notify) return;
  const missing = missingPermissions(message, [PermissionFlagsBits.AddReactions]);
  if (missing.length > 0) {
    context.logger.warn("cannot react here: missing permissions", { ...fields, missing });
    return;
  }
  // A failed reaction is not worth an apology in the channel.
  await message.react(waitReaction).catch((error: unknown) => {
    context.logger.warn("could not react", { ...fields, error });
  });
}

/**
 * Why a plain message is for the bot, or null when it is not, from the server's settings alone (most
 * messages in a server are not, and need nothing more looked up): any DM (unless DM_ANSWERS is off), a
 * message mentioning the bot (unless mention answering is off), or any message in a free-text channel; never
 * in a silenced channel or from a member without an allowed role. Messages from bots (itself included) and
 * webhooks are not.
 */
export async function messageTriggerOf(
  message: Message,
  context: Pick<CommandContext, "settings" | "dmAnswers">,
): Promise<MessageTrigger | null> {
  if (message.author.bot || message.webhookId !== null || message.system) return null;
  return messageTrigger(await messageUseOf(message, context));
}

/**
 * Answers a plain message that is for the bot (`trigger`, from {@link messageTriggerOf}): a bare mention
 * gets the help text. A question may lean on the author's previous one in the same channel; small talk gets
 * a brief reply; in a free-text channel a message with nothing to look for gets none. A question that comes
 * too soon gets one ⏳ reaction and nothing more. Replies quote the question without pinging anyone. Errors
 * are logged and answered with an apology; they never escape.
 */
export async function handleMessage(
  message: Message,
  trigger: MessageTrigger,
  context: CommandContext,
  isAccepting: () => boolean,
): Promise<void> {
  if (!isAccepting()) return;
  const started = performance.now();
  const fields: LogFields = { guild: message.guildId, channel: message.channelId, trigger };
  const { logger } = context;
  try {
    const needed = message.channel.isThread() ? threadReplyPermissions : replyPermissions;
    const missing = missingPermissions(message, needed);
    if (missing.length > 0) {
      logger.warn("cannot reply here: missing permissions", { ...fields, missing });
      return;
    }
    // Mentions (the bot's own among them) are markup, not words of the question: checkQuestion drops them.
    const checked = checkQuestion(message.content, context.options.maxQuestionLength);
    // In a free-text channel an empty message is an image or a sticker, not a question nor a call for help.
    if (!checked.ok && checked.problem.kind === "empty" && trigger === "free-text") return;
    const admitted = await admitQuestion(context, message.guildId, message.author.id);
    const help = await helpContextOf(
      context,
      message.client.user.id,
      message.guildId,
      channelRefOf(message.channelId, message.channel),
    );
    if (!admitted.allowed) {
      // Small talk that came too soon ("thanks" right after an answer) asks nothing to retry: no ⏳ for it.
      const smallTalk = checked.ok && classifyUtterance(checked.question) !== "question";
      await markTooSoon(message, admitted.notify && !smallTalk, fields, context);
    } else if (!checked.ok && checked.problem.kind === "empty") {
      await message.reply(asReply(formatHelp(help)));
      fields.outcome = "help";
    } else if (!checked.ok) {
      await message.reply(asReply(questionRefusal(checked.problem)));
      fields.outcome = "refused";
    } else {
      logger.debug("question", { ...fields, question: checked.question });
      const origin = { channelId: message.channelId, userId: message.author.id, guildId: message.guildId };
      const reply = await answerInConversation(context, origin, checked.question, help);
      // Chatter between members of a free-text channel ("lol ok") asks the bot nothing: no reply there.
      const quiet = trigger === "free-text" && reply.outcome === "nothing-asked";
      if (!quiet) await message.reply(asReply(reply.payload));
      fields.outcome = quiet ? "ignored" : reply.outcome;
    }
    logger.info("message handled", { ...fields, latencyMs: Math.round(performance.now() - started) });
  } catch (error) {
    if (error instanceof EngineBuildingError) {
      fields.outcome = "index-building";
      await message.reply(asReply(indexBuildingNotice(error.fraction))).catch((replyError: unknown) => {
        logger.warn("could not say the index is being built", { ...fields, error: replyError });
      });
      logger.info("message handled", { ...fields, latencyMs: Math.round(performance.now() - started) });
      return;
    }
    logger.error("message failed", { ...fields, latencyMs: Math.round(performance.now() - started), error });
    await message.reply(asReply(apology)).catch((replyError: unknown) => {
      logger.warn("could not send the apology", { ...fields, error: replyError });
    });
  }
}
