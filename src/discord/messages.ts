import { type Message, type MessageReplyOptions, PermissionFlagsBits } from "discord.js";
import type { CommandContext } from "./command.ts";
import { formatAnswer } from "./format/answer.ts";
import type { ReplyPayload } from "./format/embed.ts";
import { apology, formatHelp, questionRefusal } from "./format/notices.ts";
import { discordLimits } from "./limits.ts";
import type { LogFields } from "./logger.ts";
import { checkQuestion, withoutBotMention } from "./questions.ts";
import { trimText } from "./text.ts";

/** Why a message is taken as a question. */
type Trigger = "dm" | "mention" | "qa-channel";

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

async function answersEveryMessage(message: Message, context: CommandContext): Promise<boolean> {
  if (!message.inGuild()) return false;
  return context.freeText.answersEveryMessage({ guildId: message.guildId, channelId: message.channelId });
}

async function triggerOf(message: Message, context: CommandContext): Promise<Trigger | null> {
  if (!message.inGuild()) return "dm";
  if (message.mentions.users.has(message.client.user.id)) return "mention";
  return (await answersEveryMessage(message, context)) ? "qa-channel" : null;
}

/** The permissions the bot lacks to reply here (none in DMs). */
function missingPermissions(message: Message): string[] {
  if (!message.inGuild()) return [];
  const permissions = message.channel.permissionsFor(message.client.user);
  const needed = message.channel.isThread() ? threadReplyPermissions : replyPermissions;
  return permissions ? permissions.missing(needed) : [];
}

/**
 * Answers a plain message when it is a question: any DM, a message mentioning the bot, or any message in a
 * channel the free-text policy designates. Messages from bots (itself included) and webhooks are ignored; a
 * bare mention gets the help text. Replies quote the question without pinging anyone. Errors are logged and
 * answered with an apology; they never escape.
 */
export async function handleMessage(
  message: Message,
  context: CommandContext,
  isAccepting: () => boolean,
): Promise<void> {
  if (message.author.bot || message.webhookId !== null || message.system || !isAccepting()) return;
  const started = performance.now();
  const fields: LogFields = { guild: message.guildId, channel: message.channelId };
  const { logger } = context;
  try {
    const trigger = await triggerOf(message, context);
    if (trigger === null) return;
    fields.trigger = trigger;
    const missing = missingPermissions(message);
    if (missing.length > 0) {
      logger.warn("cannot reply here: missing permissions", { ...fields, missing });
      return;
    }
    const typed = withoutBotMention(message.content, message.client.user.id);
    const checked = checkQuestion(typed, context.options.maxQuestionLength);
    if (!checked.ok && checked.problem.kind === "empty") {
      // In a Q&A channel an empty message is an image or a sticker, not a call for help.
      if (trigger === "qa-channel") return;
      await message.reply(
        asReply(
          formatHelp({
            botUserId: message.client.user.id,
            articleTitles: context.engine.articles.map((article) => article.title),
            everyMessageHere: await answersEveryMessage(message, context),
          }),
        ),
      );
      fields.outcome = "help";
    } else if (!checked.ok) {
      await message.reply(asReply(questionRefusal(checked.problem)));
      fields.outcome = "refused";
    } else {
      logger.debug("question", { ...fields, question: checked.question });
      const answer = await context.engine.answer(checked.question);
      await message.reply(asReply(formatAnswer(answer)));
      fields.outcome = answer.answered ? "answered" : "not-answered";
    }
    logger.info("message handled", { ...fields, latencyMs: Math.round(performance.now() - started) });
  } catch (error) {
    logger.error("message failed", { ...fields, latencyMs: Math.round(performance.now() - started), error });
    await message.reply(asReply(apology)).catch((replyError: unknown) => {
      logger.warn("could not send the apology", { ...fields, error: replyError });
    });
  }
}
