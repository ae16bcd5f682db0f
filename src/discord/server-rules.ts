/**
 * What a server's settings allow, decided from plain facts (channel, roles, permissions) so the rules can be
 * tested without Discord. The transport gathers the facts and words the refusals (`format/notices.ts`).
 */
import { ChannelType, PermissionFlagsBits } from "discord.js";
import type { GuildSettings } from "../storage/guild-settings.ts";

/** A channel in a server, and the channel it sits in when it is a thread. */
export interface ChannelRef {
  channelId: string;
  /** The parent channel of a thread or forum post; null otherwise. */
  parentId: string | null;
}

/** Whether a channel list names this channel, or the channel a thread belongs to. */
function listCovers(channelIds: readonly string[], where: ChannelRef): boolean {
  return (
    channelIds.includes(where.channelId) || (where.parentId !== null && channelIds.includes(where.parentId))
  );
}

/** Whether the bot must say nothing in public here. */
function isSilenced(settings: GuildSettings, where: ChannelRef): boolean {
  return listCovers(settings.silencedChannelIds, where);
}

/** Whether every message here is a question (and nothing silences the channel). */
export function answersEveryMessage(settings: GuildSettings, where: ChannelRef): boolean {
  return listCovers(settings.freeTextChannelIds, where) && !isSilenced(settings, where);
}

/** Whether a member holding these roles may ask: an empty list lets everyone ask. */
function mayAsk(settings: GuildSettings, roleIds: Iterable<string>): boolean {
  if (settings.allowedRoleIds.length === 0) return true;
  for (const roleId of roleIds) if (settings.allowedRoleIds.includes(roleId)) return true;
  return false;
}

/** Channel types a channel setting accepts: where people write messages, and threads and forum posts. */
export const textLikeChannelTypes = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.GuildForum,
  ChannelType.AnnouncementThread,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
] as const;

export function isTextLike(type: ChannelType): boolean {
  return (textLikeChannelTypes as readonly ChannelType[]).includes(type);
}

/** The permission a member needs to change the bot's settings. */
const moderatorPermission = PermissionFlagsBits.ManageGuild;

/** Whether a member's permissions (as Discord sent them with an interaction) make them a moderator. */
export function isModerator(permissions: bigint | null): boolean {
  return permissions !== null && (permissions & moderatorPermission) === moderatorPermission;
}

/**
 * Which of a server's rules apply to a slash command, checked before it runs:
 * - `question`: roles allowed to ask; the command takes the cooldown and rate cap once the question is valid;
 * - `lookup`: roles, and refused while the server has `/search` and `/passage` turned off;
 * - `reading`: roles;
 * - `open`: nothing (help);
 * - `moderation`: Manage Server, whatever the other settings say, so moderators can never lock themselves out.
 */
export type CommandAccess = "question" | "lookup" | "reading" | "open" | "moderation";

/** Why a command or message was turned away; `format/notices.ts` words it. */
export type Refusal =
  | { reason: "role"; allowedRoleIds: readonly string[] }
  | { reason: "lookups-off" }
  | { reason: "dm-off" }
  | { reason: "not-moderator" };

/** Where and how a command may answer. */
export interface Placement {
  /** The channel is silenced: every reply must be private (ephemeral). */
  privateOnly: boolean;
  /** The server's default when the user does not choose: private answers. */
  privateByDefault: boolean;
}

/** Whether a reply is private: always in a silenced channel, else as the user chose, else the server default. */
export function isPrivate(placement: Placement, chosen?: boolean | null): boolean {
  return placement.privateOnly || (chosen ?? placement.privateByDefault);
}

/** The facts about one slash command use that the rules look at. */
export interface CommandUse {
  access: CommandAccess;
  /** null in direct messages. */
  guild: { settings: GuildSettings; where: ChannelRef; roleIds: readonly string[] } | null;
  /** The member's permissions in the channel, as Discord sent them (null in DMs). */
  memberPermissions: bigint | null;
  /** Whether the bot answers questions in direct messages (`DM_ANSWERS`). */
  dmAnswers: boolean;
}

export type AccessVerdict = { allowed: true; placement: Placement } | { allowed: false; refusal: Refusal };

const inDirectMessages: Placement = { privateOnly: false, privateByDefault: false };

/** Decides whether a slash command may run, and where its reply may go. */
export function decideCommandAccess(use: CommandUse): AccessVerdict {
  const { access, guild } = use;
  if (guild === null) {
    // Settings belong to a server: there is nothing to configure from a DM.
    if (access === "moderation") return { allowed: false, refusal: { reason: "not-moderator" } };
    if (!use.dmAnswers && (access === "question" || access === "lookup")) {
      return { allowed: false, refusal: { reason: "dm-off" } };
    }
    return { allowed: true, placement: inDirectMessages };
  }
  const { settings } = guild;
  const placement: Placement = {
    privateOnly: isSilenced(settings, guild.where),
    privateByDefault: settings.visibility === "private",
  };
  if (access === "moderation") {
    return isModerator(use.memberPermissions)
      ? { allowed: true, placement }
      : { allowed: false, refusal: { reason: "not-moderator" } };
  }
  if (access === "open") return { allowed: true, placement };
  if (!mayAsk(settings, guild.roleIds)) {
    return { allowed: false, refusal: { reason: "role", allowedRoleIds: settings.allowedRoleIds } };
  }
  if (access === "lookup" && !settings.lookupsAllowed) {
    return { allowed: false, refusal: { reason: "lookups-off" } };
  }
  return { allowed: true, placement };
}

/** Why a plain message is taken as a question. */
export type MessageTrigger = "dm" | "mention" | "free-text";

/** The facts about one plain message that the rules look at. */
export interface MessageUse {
  /** null in direct messages. */
  guild: { settings: GuildSettings; where: ChannelRef; roleIds: readonly string[] } | null;
  mentionsBot: boolean;
  dmAnswers: boolean;
}

/**
 * Whether a plain message is a question the bot may answer, and why; null means the bot stays silent: a DM
 * while DM answering is off, a silenced channel, a member without an allowed role, a mention while mention
 * answering is off, or an ordinary message outside free-text channels.
 */
export function messageTrigger(use: MessageUse): MessageTrigger | null {
  const { guild } = use;
  if (guild === null) return use.dmAnswers ? "dm" : null;
  const { settings, where } = guild;
  if (isSilenced(settings, where) || !mayAsk(settings, guild.roleIds)) return null;
  if (use.mentionsBot && settings.answerMentions) return "mention";
  return answersEveryMessage(settings, where) ? "free-text" : null;
}
