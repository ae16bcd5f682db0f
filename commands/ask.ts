import { InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/discord/command.ts";
import { answerInConversation } from "../src/discord/conversation.ts";
import { handleVoteButton, isVoteButton } from "../src/discord/feedback.ts";
import { questionRefusal, staleButtonNotice } from "../src/discord/format/notices.ts";
import { admitQuestion, channelRefOf, helpContextOf } from "../src/discord/moderation.ts";
import { checkQuestion } from "../src/discord/questions.ts";
import { replyInTime, replyPrivately, replyTooSoon } from "../src/discord/respond.ts";
import { isPrivate } from "../src/discord/server-rules.ts";

const data = new SlashCommandBuilder()
  .setName("ask")
  .setDescription("Ask a question about the study articles; the answer quotes its sources")
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((option) =>
    option.setName("question").setDescription("Your question, e.g. When was it built?").setRequired(true),
  )
  .addBooleanOption((option) =>
    option.setName("private").setDescription("Show the answer only to you (default: the server's choice)"),
  );

/**
 * `/ask question:<text> [private:<bool>]`: the answer with cited excerpts, or an honest "the article doesn't
 * say". The question may lean on the asker's previous one in this channel ("when was it rebuilt?"). Without
 * `private`, the server's visibility setting decides; in a silenced channel it is always private. A valid
 * question takes the asker's cooldown and the server's rate cap. Its buttons are the answers' 👍 / 👎, for
 * answers to plain messages too.
 */
export default {
  data,
  access: "question",
  async execute(interaction, context, placement) {
    const checked = checkQuestion(
      interaction.options.getString("question", true),
      context.options.maxQuestionLength,
    );
    if (!checked.ok) {
      await interaction.reply({ content: questionRefusal(checked.problem), flags: MessageFlags.Ephemeral });
      return;
    }
    const admitted = await admitQuestion(context, interaction.guildId, interaction.user.id);
    if (!admitted.allowed) return replyTooSoon(interaction, admitted);
    context.logger.debug("question", { command: "ask", question: checked.question });
    const origin = {
      channelId: interaction.channelId,
      userId: interaction.user.id,
      guildId: interaction.guildId,
    };
    const help = await helpContextOf(
      context,
      interaction.client.user.id,
      interaction.guildId,
      channelRefOf(interaction.channelId, interaction.channel),
    );
    await replyInTime(
      interaction,
      async () => (await answerInConversation(context, origin, checked.question, help)).payload,
      {
        deferAfterMs: context.options.deferAfterMs,
        ephemeral: isPrivate(placement, interaction.options.getBoolean("private")),
      },
    );
  },
  async button(interaction, context, args) {
    if (!isVoteButton(args)) return replyPrivately(interaction, staleButtonNotice);
    await handleVoteButton(interaction, context, args);
  },
} satisfies Command;
