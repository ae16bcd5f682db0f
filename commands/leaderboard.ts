import { InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/discord/command.ts";
import { leaderboardInDirectMessagesNotice } from "../src/discord/format/notices.ts";
import { formatLeaderboard, leaderboardSize } from "../src/discord/format/study.ts";
import { replyPrivately } from "../src/discord/respond.ts";
import { isPrivate } from "../src/discord/server-rules.ts";

const data = new SlashCommandBuilder()
  .setName("leaderboard")
  .setDescription(`Show this server's ${leaderboardSize} best quiz takers, and where you stand`)
  .setContexts(InteractionContextType.Guild);

/**
 * `/leaderboard`: the server's best quiz takers and the caller's own rank, even outside the top. Members are
 * shown as mentions, which ping no one. Servers only (registered so, and checked again).
 */
export default {
  data,
  access: "reading",
  async execute(interaction, context, placement) {
    if (!interaction.inGuild()) return replyPrivately(interaction, leaderboardInDirectMessagesNotice);
    const board = await context.quizScores.leaderboard(
      interaction.guildId,
      interaction.user.id,
      leaderboardSize,
    );
    await interaction.reply({
      ...formatLeaderboard(board, interaction.user.id),
      allowedMentions: { parse: [] },
      flags: isPrivate(placement) ? MessageFlags.Ephemeral : undefined,
    });
  },
} satisfies Command;
