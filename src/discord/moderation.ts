/**
 * Applies the server's settings to what arrives from Discord: gathers the facts the rules in
 * `server-rules.ts` look at (channel, parent channel, roles), and takes the cooldown and rate cap.
 */
import type {
  APIInteractionGuildMember,
  Channel,
  ChatInputCommandInteraction,
  GuildMember,
  Message,
} from "discord.js";
import { articleTitles } from "../core/article-titles.ts";
import type { GuildSettings } from "../storage/guild-settings.ts";
import { settingLimits } from "../storage/guild-settings.ts";
import type { RateDecision } from "../storage/rate-limits.ts";
import type { CommandContext } from "./command.ts";
import type { HelpContext } from "./format/notices.ts";
import {
  answersEveryMessage,
  type ChannelRef,
  type CommandAccess,
  type CommandUse,
  type MessageUse,
} from "./server-rules.ts";

/** The channel, with its parent when it is a thread (channel settings cover the threads in a channel). */
export function channelRefOf(channelId: string, channel: Channel | null): ChannelRef {
  return { channelId, parentId: channel?.isThread() ? channel.parentId : null };
}

/** The ids of a member's roles, whether discord.js built a GuildMember or kept the raw API member. */
export function memberRoleIds(member: GuildMember | APIInteractionGuildMember | null): string[] {
  if (member === null) return [];
  return Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
}

/** The facts about a slash command use, for `decideCommandAccess`. */
export async function commandUseOf(
  interaction: ChatInputCommandInteraction,
  access: CommandAccess,
  context: CommandContext,
): Promise<CommandUse> {
  const guild = interaction.inGuild()
    ? {
        settings: await context.settings.get(interaction.guildId),
        where: channelRefOf(interaction.channelId, interaction.channel),
        roleIds: memberRoleIds(interaction.member),
      }
    : null;
  return {
    access,
    guild,
    memberPermissions: interaction.memberPermissions?.bitfield ?? null,
    dmAnswers: context.dmAnswers,
  };
}

/** The facts about a plain message, for `messageTrigger`. */
export async function messageUseOf(
  message: Message,
  context: Pick<CommandContext, "settings" | "dmAnswers">,
): Promise<MessageUse> {
  const guild = message.inGuild()
    ? {
        settings: await context.settings.get(message.guildId),
        where: channelRefOf(message.channelId, message.channel),
        roleIds: memberRoleIds(message.member),
      }
    : null;
  return {
    guild,
    mentionsBot: message.mentions.users.has(message.client.user.id),
    dmAnswers: context.dmAnswers,
  };
}

/**
 * Takes one question from the asker's cooldown and the server's rate cap. Direct messages have no server:
 * each user there gets the default cooldown, with no shared cap.
 */
export async function admitQuestion(
  context: CommandContext,
  guildId: string | null,
  userId: string,
): Promise<RateDecision> {
  if (guildId !== null) return context.limiter.take(guildId, userId, await context.settings.get(guildId));
  const limits: Pick<GuildSettings, "cooldownSeconds" | "questionsPerMinute"> = {
    cooldownSeconds: context.settings.defaults().cooldownSeconds,
    questionsPerMinute: settingLimits.questionsPerMinute.max,
  };
  return context.limiter.take(`dm:${userId}`, userId, limits);
}

/** What the help text needs to know about where it is shown: whether every message there is a question. */
export async function helpContextOf(
  context: CommandContext,
  botUserId: string,
  guildId: string | null,
  where: ChannelRef,
): Promise<HelpContext> {
  return {
    botUserId,
    articleTitles: articleTitles(context.engine.articles).titles,
    everyMessageHere:
      context.messageContent &&
      guildId !== null &&
      answersEveryMessage(await context.settings.get(guildId), where),
  };
}
