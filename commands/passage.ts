import { InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { lookUpPassage } from "../src/core/lookup.ts";
import { toChoices } from "../src/discord/choices.ts";
import type { Command } from "../src/discord/command.ts";
import { formatPassage } from "../src/discord/format/library.ts";
import { unknownPassageNotice } from "../src/discord/format/notices.ts";
import { discordLimits } from "../src/discord/limits.ts";
import { replyPrivately } from "../src/discord/respond.ts";
import { isPrivate } from "../src/discord/server-rules.ts";

const data = new SlashCommandBuilder()
  .setName("passage")
  .setDescription("Show one passage in full, with the ids of the passages around it")
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((option) =>
    option
      .setName("id")
      .setDescription(
        "Passage id (article/section/number); type part of an id or a section title for suggestions",
      )
      .setRequired(true)
      .setAutocomplete(true),
  );

/** `/passage id:<id>`: the passage in full; autocomplete suggests ids and section titles as the user types. */
export default {
  data,
  access: "lookup",
  async execute(interaction, context, placement) {
    const typed = interaction.options.getString("id", true).trim();
    const lookup = lookUpPassage(context.engine, typed);
    if (lookup.found === null) {
      return replyPrivately(interaction, unknownPassageNotice(typed, lookup.suggestions));
    }
    await interaction.reply({
      ...formatPassage(lookup.found),
      flags: isPrivate(placement) ? MessageFlags.Ephemeral : undefined,
    });
  },
  async autocomplete(interaction, context) {
    // Nothing longer than a choice value can match an id; the rest would only slow the text search down.
    const typed = interaction.options.getFocused().slice(0, discordLimits.choiceValue);
    const passages = context.engine.suggestPassages(typed, discordLimits.choices);
    await interaction.respond(
      toChoices(
        passages.map((passage) => ({ name: `${passage.id} — ${passage.sectionHeading}`, value: passage.id })),
      ),
    );
  },
} satisfies Command;
