import { ChannelType, PermissionFlagsBits } from "discord.js";
import { describe, expect, it } from "vitest";
import {
  type ChannelRef,
  type CommandAccess,
  decideCommandAccess,
  isPrivate,
  isTextLike,
  type MessageUse,
  messageTrigger,
} from "../../src/discord/server-rules.ts";
import { defaultGuildSettings, type GuildSettings } from "../../src/storage/guild-settings.ts";

const general: ChannelRef = { channelId: "1400000000000000001", parentId: null };
const askChannel: ChannelRef = { channelId: "1400000000000000002", parentId: null };
const threadInAskChannel: ChannelRef = { channelId: "1400000000000000009", parentId: askChannel.channelId };
const studentRole = "1500000000000000002";

function settingsWith(change: Partial<GuildSettings>): GuildSettings {
  return { ...defaultGuildSettings, ...change };
}

function message(
  settings: GuildSettings,
  where = general,
  extra: Partial<Omit<MessageUse, "guild">> & { roleIds?: string[] } = {},
): MessageUse {
  return {
    guild: { settings, where, roleIds: extra.roleIds ?? [] },
    mentionsBot: extra.mentionsBot ?? false,
    dmAnswers: extra.dmAnswers ?? true,
  };
}

function command(
  access: CommandAccess,
  settings: GuildSettings,
  extra: { where?: ChannelRef; roleIds?: string[]; permissions?: bigint } = {},
) {
  return decideCommandAccess({
    access,
    guild: { settings, where: extra.where ?? general, roleIds: extra.roleIds ?? [] },
    memberPermissions: extra.permissions ?? PermissionFlagsBits.SendMessages,
    dmAnswers: true,
  });
}

describe("which plain messages are questions", () => {
  it("answers mentions anywhere and every message in free-text channels, threads in them included", () => {
    const settings = settingsWith({ freeTextChannelIds: [askChannel.channelId] });

    expect(messageTrigger(message(settings, general))).toBeNull();
    expect(messageTrigger(message(settings, general, { mentionsBot: true }))).toBe("mention");
    expect(messageTrigger(message(settings, askChannel))).toBe("free-text");
    expect(messageTrigger(message(settings, threadInAskChannel))).toBe("free-text");
  });

  it("ignores mentions when mention answering is off, except in free-text channels", () => {
    const settings = settingsWith({ answerMentions: false, freeTextChannelIds: [askChannel.channelId] });

    expect(messageTrigger(message(settings, general, { mentionsBot: true }))).toBeNull();
    expect(messageTrigger(message(settings, askChannel, { mentionsBot: true }))).toBe("free-text");
  });

  it("stays silent in silenced channels and their threads, even when mentioned or free-text", () => {
    const settings = settingsWith({
      freeTextChannelIds: [askChannel.channelId],
      silencedChannelIds: [askChannel.channelId],
    });

    expect(messageTrigger(message(settings, askChannel, { mentionsBot: true }))).toBeNull();
    expect(messageTrigger(message(settings, threadInAskChannel))).toBeNull();
  });

  it("stays silent for members without an allowed role", () => {
    const settings = settingsWith({ allowedRoleIds: [studentRole] });

    expect(messageTrigger(message(settings, general, { mentionsBot: true }))).toBeNull();
    expect(messageTrigger(message(settings, general, { mentionsBot: true, roleIds: [studentRole] }))).toBe(
      "mention",
    );
  });

  it("answers direct messages unless DM answering is off", () => {
    expect(messageTrigger({ guild: null, mentionsBot: false, dmAnswers: true })).toBe("dm");
    expect(messageTrigger({ guild: null, mentionsBot: false, dmAnswers: false })).toBeNull();
  });
});

describe("which slash commands may run, and where they answer", () => {
  it("refuses members without an allowed role, except for /help and /config", () => {
    const settings = settingsWith({ allowedRoleIds: [studentRole] });

    for (const access of ["question", "lookup", "reading"] as const) {
      expect(command(access, settings)).toEqual({
        allowed: false,
        refusal: { reason: "role", allowedRoleIds: [studentRole] },
      });
      expect(command(access, settings, { roleIds: [studentRole] }).allowed).toBe(true);
    }
    expect(command("open", settings).allowed).toBe(true);
    expect(command("moderation", settings, { permissions: PermissionFlagsBits.ManageGuild }).allowed).toBe(
      true,
    );
  });

  it("refuses /search and /passage while lookups are off", () => {
    const settings = settingsWith({ lookupsAllowed: false });

    expect(command("lookup", settings)).toEqual({ allowed: false, refusal: { reason: "lookups-off" } });
    expect(command("question", settings).allowed).toBe(true);
  });

  it("lets only members with Manage Server configure, whatever else is set", () => {
    const lockedDown = settingsWith({
      allowedRoleIds: [studentRole],
      silencedChannelIds: [general.channelId],
    });

    expect(command("moderation", lockedDown, { permissions: PermissionFlagsBits.ManageMessages })).toEqual({
      allowed: false,
      refusal: { reason: "not-moderator" },
    });
    expect(
      command("moderation", lockedDown, {
        permissions: PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages,
      }),
    ).toEqual({ allowed: true, placement: { privateOnly: true, privateByDefault: false } });
  });

  it("answers privately in silenced channels whatever the asker chose, else as chosen, else as the server says", () => {
    const silenced = command("question", settingsWith({ silencedChannelIds: [general.channelId] }));
    const privateByDefault = command("question", settingsWith({ visibility: "private" }));
    if (!silenced.allowed || !privateByDefault.allowed) throw new Error("expected both to be allowed");

    expect(isPrivate(silenced.placement, false)).toBe(true);
    expect(isPrivate(privateByDefault.placement, null)).toBe(true);
    expect(isPrivate(privateByDefault.placement, false)).toBe(false);
  });

  it("in direct messages, refuses questions and lookups only when DM answering is off", () => {
    const inDm = (access: CommandAccess, dmAnswers: boolean) =>
      decideCommandAccess({ access, guild: null, memberPermissions: null, dmAnswers });

    expect(inDm("question", false)).toEqual({ allowed: false, refusal: { reason: "dm-off" } });
    expect(inDm("lookup", false).allowed).toBe(false);
    expect(inDm("reading", false).allowed).toBe(true);
    expect(inDm("question", true).allowed).toBe(true);
    expect(inDm("moderation", true)).toEqual({ allowed: false, refusal: { reason: "not-moderator" } });
  });
});

describe("channel settings", () => {
  it("accept channels people write in, and no category or voice channel", () => {
    expect(isTextLike(ChannelType.GuildText)).toBe(true);
    expect(isTextLike(ChannelType.PublicThread)).toBe(true);
    expect(isTextLike(ChannelType.GuildForum)).toBe(true);
    expect(isTextLike(ChannelType.GuildCategory)).toBe(false);
    expect(isTextLike(ChannelType.GuildVoice)).toBe(false);
  });
});
