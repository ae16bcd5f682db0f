import { InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/discord/command.ts";
import { formatAnswer } from "../src/discord/format/answer.ts";
import { questionRefusal } from "../src/discord/format/notices.ts";
import { checkQuestion } from "../src/discord/questions.ts";
import { replyInTime } from "../src/discord/respond.ts";

/** Values of `/ask`'s optional options when the user leaves them out. */
export interface AskDefaults {
  /** Show the answer only to the asker (an ephemeral reply) instead of the whole channel. */
  private: boolean;
}

export const askDefaults: AskDefaults = { private: false };

const data = new SlashCommandBuilder()
  .setName("ask")
  .setDescription("Ask a question about the study articles; the answer quotes its sources")
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((option) =>
    option.setName("question").setDescription("Your question, e.g. When was it built?").setRequired(true),
  )
  .addBooleanOption((option) =>
    option.setName("private").setDescription("Show the answer only to you (default: no)"),
  );

/** `/ask question:<text> [private:<bool>]`: the answer with cited excerpts, or an honest "the article doesn't say". */
export default {
  data,
  async execute(interaction, context) {
    const checked = checkQuestion(
      interaction.options.getString("question", true),
      context.options.maxQuestionLength,
    );
    if (!checked.ok) {
      await interaction.reply({ content: questionRefusal(checked.problem), flags: MessageFlags.Ephemeral });
      return;
    }
    context.logger.debug("question", { command: "ask", question: checked.question });
    await replyInTime(interaction, async () => formatAnswer(await context.engine.answer(checked.question)), {
      deferAfterMs: context.options.deferAfterMs,
      ephemeral: interaction.options.getBoolean("private") ?? askDefaults.private,
    });
  },
} satisfies Command;
