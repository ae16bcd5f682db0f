import { InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/discord/command.ts";
import { formatHelp } from "../src/discord/format/notices.ts";
import { channelRefOf, helpContextOf } from "../src/discord/moderation.ts";

const data = new SlashCommandBuilder()
  .setName("help")
  .setDescription("How to ask me questions: slash command, mention or direct message")
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

/** `/help`: how to ask (slash, mention, DM) with examples; shown only to the user who asked. */
export default {
  data,
  access: "open",
  async execute(interaction, context) {
    const help = formatHelp(
      await helpContextOf(
        context,
        interaction.client.user.id,
        interaction.guildId,
        channelRefOf(interaction.channelId, interaction.channel),
      ),
    );
    await interaction.reply({ ...help, flags: MessageFlags.Ephemeral });
  },
} satisfies Command;
