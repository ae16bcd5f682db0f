import { InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/discord/command.ts";
import { formatAbout } from "../src/discord/format/library.ts";
import { isPrivate } from "../src/discord/server-rules.ts";

const data = new SlashCommandBuilder()
  .setName("about")
  .setDescription("Show the articles I answer from, their sources and licences, and my version")
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

/** `/about`: articles, source links, licences, categories, external links, and the bot's version. */
export default {
  data,
  access: "reading",
  async execute(interaction, context, placement) {
    await interaction.reply({
      ...formatAbout(context.engine.articles, context.bot),
      flags: isPrivate(placement) ? MessageFlags.Ephemeral : undefined,
    });
  },
} satisfies Command;
