import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type SlashCommandChannelOption,
} from "discord.js";
import type { Command, CommandContext } from "../src/discord/command.ts";
import type { ReplyPayload } from "../src/discord/format/embed.ts";
import { refusalNotice, staleButtonNotice, unknownCommandNotice } from "../src/discord/format/notices.ts";
import {
  everyoneRoleNotice,
  formatHistory,
  formatResetOutcome,
  formatResetPrompt,
  formatSettingChange,
  formatSettings,
  messageContentWarning,
  notTextLikeNotice,
  notYourResetNotice,
  silenceWinsNote,
  unchangedNotice,
} from "../src/discord/format/settings.ts";
import { buttonCustomId } from "../src/discord/interactions.ts";
import { replyPrivately } from "../src/discord/respond.ts";
import { isModerator, isTextLike, textLikeChannelTypes } from "../src/discord/server-rules.ts";
import { type GuildSettings, settingLimits } from "../src/storage/guild-settings.ts";

/** How many audit entries `/config history` shows. */
const historyLength = 20;

/** Settings that hold a list of channels. */
type ChannelListSetting = "freeTextChannelIds" | "silencedChannelIds";

const channelOption = (description: string) => (option: SlashCommandChannelOption) =>
  option
    .setName("channel")
    .setDescription(description)
    .setRequired(true)
    .addChannelTypes(...textLikeChannelTypes);

const data = new SlashCommandBuilder()
  .setName("config")
  .setDescription("Moderators: choose where and how I answer on this server")
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((sub) => sub.setName("show").setDescription("Show my settings on this server"))
  .addSubcommandGroup((group) =>
    group
      .setName("channel")
      .setDescription("Free-text channels, where every message is a question")
      .addSubcommand((sub) =>
        sub
          .setName("add")
          .setDescription("Answer every message in a channel")
          .addChannelOption(channelOption("The channel to answer every message in")),
      )
      .addSubcommand((sub) =>
        sub
          .setName("remove")
          .setDescription("Stop answering every message in a channel")
          .addChannelOption(channelOption("The free-text channel to stop")),
      ),
  )
  .addSubcommandGroup((group) =>
    group
      .setName("mentions")
      .setDescription("Whether I answer messages that mention me")
      .addSubcommand((sub) => sub.setName("on").setDescription("Answer messages that mention me"))
      .addSubcommand((sub) =>
        sub.setName("off").setDescription("Ignore mentions outside free-text channels"),
      ),
  )
  .addSubcommandGroup((group) =>
    group
      .setName("visibility")
      .setDescription("Who sees slash-command answers when the asker does not choose")
      .addSubcommand((sub) => sub.setName("public").setDescription("Everyone in the channel sees answers"))
      .addSubcommand((sub) => sub.setName("private").setDescription("Only the asker sees answers")),
  )
  .addSubcommand((sub) =>
    sub
      .setName("cooldown")
      .setDescription("Seconds a member waits between two questions")
      .addIntegerOption((option) =>
        option
          .setName("seconds")
          .setDescription("0 for no cooldown, at most 3600")
          .setRequired(true)
          .setMinValue(settingLimits.cooldownSeconds.min)
          .setMaxValue(settingLimits.cooldownSeconds.max),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName("rate")
      .setDescription("Questions the whole server may ask per minute")
      .addIntegerOption((option) =>
        option
          .setName("per-minute")
          .setDescription("From 1 to 600")
          .setRequired(true)
          .setMinValue(settingLimits.questionsPerMinute.min)
          .setMaxValue(settingLimits.questionsPerMinute.max),
      ),
  )
  .addSubcommandGroup((group) =>
    group
      .setName("roles")
      .setDescription("Roles allowed to ask (none set: everyone)")
      .addSubcommand((sub) =>
        sub
          .setName("add")
          .setDescription("Let members with this role ask")
          .addRoleOption((option) => option.setName("role").setDescription("The role").setRequired(true)),
      )
      .addSubcommand((sub) =>
        sub
          .setName("remove")
          .setDescription("Remove a role from those allowed to ask")
          .addRoleOption((option) => option.setName("role").setDescription("The role").setRequired(true)),
      ),
  )
  .addSubcommandGroup((group) =>
    group
      .setName("silence")
      .setDescription("Channels where I never reply in public")
      .addSubcommand((sub) =>
        sub
          .setName("add")
          .setDescription("Never reply in public in a channel")
          .addChannelOption(channelOption("The channel to keep quiet in")),
      )
      .addSubcommand((sub) =>
        sub
          .setName("remove")
          .setDescription("Reply in a silenced channel again")
          .addChannelOption(channelOption("The silenced channel")),
      ),
  )
  .addSubcommandGroup((group) =>
    group
      .setName("lookups")
      .setDescription("Whether /search and /passage may be used")
      .addSubcommand((sub) => sub.setName("on").setDescription("Allow /search and /passage"))
      .addSubcommand((sub) => sub.setName("off").setDescription("Turn /search and /passage off")),
  )
  .addSubcommandGroup((group) =>
    group
      .setName("library")
      .setDescription("Which articles questions here are answered from")
      .addSubcommand((sub) =>
        sub.setName("shared").setDescription("The bot's shared articles and this server's library (default)"),
      )
      .addSubcommand((sub) => sub.setName("only-own").setDescription("Only this server's own library")),
  )
  .addSubcommand((sub) => sub.setName("reset").setDescription("Put every setting back to its default"))
  .addSubcommand((sub) =>
    sub.setName("history").setDescription(`Show the last ${historyLength} changes: who, when, what`),
  );

type GuildInteraction = ChatInputCommandInteraction<"cached" | "raw">;

async function replyWith(interaction: GuildInteraction, payload: ReplyPayload | string): Promise<void> {
  const body = typeof payload === "string" ? { content: payload } : payload;
  await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
}

/**
 * Applies one change through the store, which validates it again (Discord enforces option ranges only as
 * registered, and a registration can be stale) and writes the audit in the same transaction; then says what
 * happened. An invalid value changes nothing.
 */
async function save(
  interaction: GuildInteraction,
  context: CommandContext,
  setting: keyof GuildSettings,
  change: (settings: GuildSettings) => GuildSettings,
  notes: (settings: GuildSettings) => string[] = () => [],
): Promise<void> {
  const result = await context.settings.update(interaction.guildId, interaction.user.id, change);
  if (!result.ok) return replyWith(interaction, unchangedNotice(result.problem));
  await replyWith(
    interaction,
    formatSettingChange(setting, result.changes, result.settings, notes(result.settings)),
  );
}

/** Adds or removes one id in a list setting. */
function toggled<Key extends "freeTextChannelIds" | "silencedChannelIds" | "allowedRoleIds">(
  key: Key,
  id: string,
  add: boolean,
): (settings: GuildSettings) => GuildSettings {
  return (settings) => {
    const without = settings[key].filter((entry) => entry !== id);
    return { ...settings, [key]: add ? [...without, id] : without };
  };
}

/** `/config channel …` and `/config silence …`: the channel option, checked again here (registrations go stale). */
async function changeChannelList(
  interaction: GuildInteraction,
  context: CommandContext,
  key: ChannelListSetting,
  add: boolean,
): Promise<void> {
  const channel = interaction.options.getChannel("channel", true);
  if (add && !isTextLike(channel.type)) return replyWith(interaction, notTextLikeNotice(channel.id));
  const notes = (settings: GuildSettings): string[] => {
    if (!add) return [];
    const both =
      settings.freeTextChannelIds.includes(channel.id) && settings.silencedChannelIds.includes(channel.id);
    const intent =
      key === "freeTextChannelIds" && !context.messageContent
        ? [messageContentWarning(context.messageContentIntent)]
        : [];
    return [...intent, ...(both ? [silenceWinsNote(channel.id, key)] : [])];
  };
  await save(interaction, context, key, toggled(key, channel.id, add), notes);
}

async function changeRoles(
  interaction: GuildInteraction,
  context: CommandContext,
  add: boolean,
): Promise<void> {
  const role = interaction.options.getRole("role", true);
  if (add && role.id === interaction.guildId) return replyWith(interaction, everyoneRoleNotice);
  await save(interaction, context, "allowedRoleIds", toggled("allowedRoleIds", role.id, add));
}

async function promptReset(interaction: GuildInteraction, context: CommandContext): Promise<void> {
  const issuedAt = Date.now().toString(36);
  const buttons = {
    confirm: buttonCustomId("config", "reset", interaction.user.id, issuedAt),
    cancel: buttonCustomId("config", "cancel", interaction.user.id),
  };
  await replyWith(
    interaction,
    formatResetPrompt(context.settings.defaults(), buttons, context.options.resetConfirmTtlMs),
  );
}

/** Handlers by `group subcommand` (or just the subcommand). */
const handlers: Record<string, (interaction: GuildInteraction, context: CommandContext) => Promise<void>> = {
  show: async (interaction, context) =>
    replyWith(
      interaction,
      formatSettings(await context.settings.get(interaction.guildId), {
        messageContentIntent: context.messageContentIntent,
        messageContent: context.messageContent,
        dmAnswers: context.dmAnswers,
      }),
    ),
  "channel add": (interaction, context) =>
    changeChannelList(interaction, context, "freeTextChannelIds", true),
  "channel remove": (interaction, context) =>
    changeChannelList(interaction, context, "freeTextChannelIds", false),
  "silence add": (interaction, context) =>
    changeChannelList(interaction, context, "silencedChannelIds", true),
  "silence remove": (interaction, context) =>
    changeChannelList(interaction, context, "silencedChannelIds", false),
  "roles add": (interaction, context) => changeRoles(interaction, context, true),
  "roles remove": (interaction, context) => changeRoles(interaction, context, false),
  "mentions on": (interaction, context) =>
    save(interaction, context, "answerMentions", (s) => ({ ...s, answerMentions: true })),
  "mentions off": (interaction, context) =>
    save(interaction, context, "answerMentions", (s) => ({ ...s, answerMentions: false })),
  "visibility public": (interaction, context) =>
    save(interaction, context, "visibility", (s) => ({ ...s, visibility: "public" })),
  "visibility private": (interaction, context) =>
    save(interaction, context, "visibility", (s) => ({ ...s, visibility: "private" })),
  "lookups on": (interaction, context) =>
    save(interaction, context, "lookupsAllowed", (s) => ({ ...s, lookupsAllowed: true })),
  "lookups off": (interaction, context) =>
    save(interaction, context, "lookupsAllowed", (s) => ({ ...s, lookupsAllowed: false })),
  cooldown: (interaction, context) =>
    save(interaction, context, "cooldownSeconds", (s) => ({
      ...s,
      cooldownSeconds: interaction.options.getInteger("seconds", true),
    })),
  rate: (interaction, context) =>
    save(interaction, context, "questionsPerMinute", (s) => ({
      ...s,
      questionsPerMinute: interaction.options.getInteger("per-minute", true),
    })),
  "library shared": (interaction, context) =>
    save(interaction, context, "library", (s) => ({ ...s, library: "shared" })),
  "library only-own": (interaction, context) =>
    save(interaction, context, "library", (s) => ({ ...s, library: "own" })),
  reset: promptReset,
  history: async (interaction, context) =>
    replyWith(interaction, formatHistory(await context.settings.history(interaction.guildId, historyLength))),
};

/**
 * `/config …`: moderators choose where and how the bot answers on their server. Registered for servers only
 * and for members with Manage Server by default; since a server can grant the command to others in its
 * Integrations settings, Manage Server is checked again before anything runs (`access: "moderation"`), and
 * again when the reset is confirmed. Every reply is private; every change goes through the settings store,
 * which validates it and records who changed what.
 */
export default {
  data,
  access: "moderation",
  async execute(interaction, context) {
    if (!interaction.inGuild())
      return replyPrivately(interaction, refusalNotice({ reason: "not-moderator" }));
    const group = interaction.options.getSubcommandGroup(false);
    const name = [group, interaction.options.getSubcommand(true)].filter(Boolean).join(" ");
    const handler = handlers[name];
    if (!handler) return replyPrivately(interaction, unknownCommandNotice);
    await handler(interaction, context);
  },
  async button(interaction, context, [action = "", ownerId = "", issued = ""]) {
    if (!interaction.inGuild() || (action !== "reset" && action !== "cancel")) {
      return replyPrivately(interaction, staleButtonNotice);
    }
    if (interaction.user.id !== ownerId) return replyPrivately(interaction, notYourResetNotice);
    if (!isModerator(interaction.memberPermissions?.bitfield ?? null)) {
      return replyPrivately(interaction, refusalNotice({ reason: "not-moderator" }));
    }
    if (action === "cancel") return void (await interaction.update(formatResetOutcome("cancelled")));
    const age = Date.now() - Number.parseInt(issued, 36);
    if (!(age >= 0 && age < context.options.resetConfirmTtlMs)) {
      return void (await interaction.update(formatResetOutcome("expired")));
    }
    await context.settings.reset(interaction.guildId, interaction.user.id);
    await interaction.update(formatResetOutcome("done"));
  },
} satisfies Command;
