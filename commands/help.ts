import { InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/discord/command.ts";
import { formatHelp } from "../src/discord/format/notices.ts";
import { channelRefOf } from "../src/discord/moderation.ts";
import { answersEveryMessage } from "../src/discord/server-rules.ts";

const data = new SlashCommandBuilder()
  .setName("help")
  .setDescription("How to ask me questions: slash command, mention or direct message")
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

/** `/help`: how to ask (slash, mention, DM) with examples; shown only to the user who asked. */
export default {
  data,
  access: "open",
  async execute(interaction, context) {
    const everyMessageHere =
      context.messageContent &&
      interaction.inGuild() &&
      answersEveryMessage(
        context.settings.get(interaction.guildId),
        channelRefOf(interaction.channelId, interaction.channel),
      );
    const help = formatHelp({
      botUserId: interaction.client.user.id,
      articleTitles: context.engine.articles.map((article) => article.title),
      everyMessageHere,
    });
    await interaction.reply({ ...help, flags: MessageFlags.Ephemeral });
  },
} satisfies Command;
