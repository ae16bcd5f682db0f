import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/discord/command.ts";
import { formatAbout } from "../src/discord/format/library.ts";

const data = new SlashCommandBuilder()
  .setName("about")
  .setDescription("Show the articles I answer from, their sources and licences, and my version")
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

/** `/about`: articles, source links, licences, categories, external links, and the bot's version. */
export default {
  data,
  async execute(interaction, context) {
    await interaction.reply(formatAbout(context.engine.articles, context.bot));
  },
} satisfies Command;
