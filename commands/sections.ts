import { InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { findArticle } from "../src/core/lookup.ts";
import { articleChoices } from "../src/discord/choices.ts";
import type { Command } from "../src/discord/command.ts";
import { formatSections } from "../src/discord/format/library.ts";
import { unknownArticleNotice } from "../src/discord/format/notices.ts";
import { replyPrivately } from "../src/discord/respond.ts";
import { isPrivate } from "../src/discord/server-rules.ts";

/** Values of `/sections`' optional options when the user leaves them out. */
export interface SectionsDefaults {
  /** Article id to show; null lists every article. */
  article: string | null;
}

export const sectionsDefaults: SectionsDefaults = { article: null };

const data = new SlashCommandBuilder()
  .setName("sections")
  .setDescription("Show the articles and their sections, with passage counts")
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((option) =>
    option.setName("article").setDescription("Show one article only (default: all)").setAutocomplete(true),
  );

/** `/sections [article]`: the table of contents of one article or of all. */
export default {
  data,
  access: "reading",
  async execute(interaction, context, placement) {
    const flags = isPrivate(placement) ? MessageFlags.Ephemeral : undefined;
    const articleValue = interaction.options.getString("article") ?? sectionsDefaults.article;
    if (articleValue === null) {
      await interaction.reply({ ...formatSections(context.engine.articles), flags });
      return;
    }
    const article = findArticle(context.engine.articles, articleValue);
    if (!article) return replyPrivately(interaction, unknownArticleNotice(articleValue));
    await interaction.reply({ ...formatSections([article]), flags });
  },
  async autocomplete(interaction, context) {
    await interaction.respond(articleChoices(context.engine.articles, interaction.options.getFocused()));
  },
} satisfies Command;
