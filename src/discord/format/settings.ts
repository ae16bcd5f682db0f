/** What `/config` shows moderators: the settings, their history, change confirmations and the reset prompt. */
import { type APIEmbed, ButtonStyle, ComponentType, userMention } from "discord.js";
import type { MessageContentIntent } from "../../config.ts";
import {
  FORGOTTEN_MEMBER_ID,
  type GuildSettings,
  type SettingsAuditEntry,
} from "../../storage/guild-settings.ts";
import { OPERATOR_USER_ID } from "../../storage/library.ts";
import { discordLimits } from "../limits.ts";
import { escapeMarkdown, inlineCode } from "../text.ts";
import { embedColors, fitEmbed, joinBlocks, type ReplyPayload } from "./embed.ts";
import { channelMention, roleMention } from "./notices.ts";

type SettingKey = keyof GuildSettings;

/** Each setting's name as moderators read it. */
const settingLabels: Record<SettingKey, string> = {
  freeTextChannelIds: "Free-text channels",
  answerMentions: "Mentions",
  visibility: "Answer visibility",
  cooldownSeconds: "Cooldown per member",
  questionsPerMinute: "Server rate cap",
  allowedRoleIds: "Who can ask",
  silencedChannelIds: "Silenced channels",
  lookupsAllowed: "/search and /passage",
  library: "Articles answered from",
};

/** The order settings are listed in. */
const settingOrder = Object.keys(settingLabels) as SettingKey[];

/** Long lists are cut after this many entries, with "and N more". */
const listedInShow = 10;
const listedInHistory = 4;

/** Mentions of a list of ids, the first `max` of them, or `empty` when there are none. */
function mentionList(ids: readonly string[], mention: (id: string) => string, empty: string, max: number) {
  if (ids.length === 0) return empty;
  const shown = ids.slice(0, max).map(mention).join(", ");
  return ids.length > max ? `${shown} and ${ids.length - max} more` : shown;
}

const isIdList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((entry) => typeof entry === "string");

/**
 * A setting's value as moderators read it; channels and roles as mentions (shown as names, never pinging).
 * Values of an unexpected shape (an old audit row, say) are shown as code rather than trusted.
 */
export function formatSettingValue(key: SettingKey, value: unknown, maxListed = listedInShow): string {
  switch (key) {
    case "freeTextChannelIds":
    case "silencedChannelIds":
      if (isIdList(value)) return mentionList(value, channelMention, "none", maxListed);
      break;
    case "allowedRoleIds":
      if (isIdList(value)) return mentionList(value, roleMention, "everyone", maxListed);
      break;
    case "answerMentions":
      if (typeof value === "boolean") return value ? "answered" : "ignored";
      break;
    case "lookupsAllowed":
      if (typeof value === "boolean") return value ? "on" : "off";
      break;
    case "visibility":
      if (value === "public" || value === "private") return value;
      break;
    case "cooldownSeconds":
      if (typeof value === "number") return value === 0 ? "none" : `${value} s`;
      break;
    case "questionsPerMinute":
      if (typeof value === "number") return `${value} questions per minute`;
      break;
    case "library":
      if (value === "shared") return "the bot's articles and this server's library";
      if (value === "own") return "this server's library only";
      break;
  }
  return inlineCode(JSON.stringify(value) ?? "unset");
}

/** What the bot-wide configuration means for a server, shown alongside its settings. */
export interface BotWideFacts {
  /** What the operator set `MESSAGE_CONTENT_INTENT` to. */
  messageContentIntent: MessageContentIntent;
  /** The bot runs with the MESSAGE_CONTENT intent: false with `off`, and with `auto` when Discord refused it. */
  messageContent: boolean;
  /** Direct messages are answered (DM_ANSWERS). */
  dmAnswers: boolean;
}

/** The Message Content intent as `/config show` reports it: the operator's mode and whether the bot has it. */
function messageContentLine(facts: BotWideFacts): string {
  const mode = inlineCode(facts.messageContentIntent);
  if (facts.messageContent) return `Message Content intent: ${mode}, granted by Discord.`;
  const why = facts.messageContentIntent === "off" ? "not asked for" : "refused by Discord";
  return `Message Content intent: ${mode}, ${why} (free-text channels answer only mentions).`;
}

/**
 * Shown wherever free-text channels are set while the bot cannot read plain messages; what the operator must
 * do depends on why (`mode` is `MESSAGE_CONTENT_INTENT`).
 */
export function messageContentWarning(mode: MessageContentIntent): string {
  const fix =
    mode === "off"
      ? "The bot's operator set `MESSAGE_CONTENT_INTENT=off`: to read them, they turn on **Message Content Intent** on the Bot page of the Discord Developer Portal and set `MESSAGE_CONTENT_INTENT=auto`."
      : "Discord refused the intent: the bot's operator must turn on **Message Content Intent** on the Bot page of the Discord Developer Portal and restart the bot.";
  return `⚠ I run without the Message Content intent, so I can't read plain messages: in free-text channels only mentions are answered. ${fix}`;
}

/** `/config show`: every setting with its value, and what the bot-wide configuration adds. */
export function formatSettings(settings: GuildSettings, facts: BotWideFacts): ReplyPayload {
  const notes = [
    `Direct messages: ${facts.dmAnswers ? "answered" : "not answered"} (set for the whole bot by its operator).`,
    messageContentLine(facts),
    ...(settings.freeTextChannelIds.length > 0 && !facts.messageContent
      ? [messageContentWarning(facts.messageContentIntent)]
      : []),
    ...(settings.freeTextChannelIds.some((id) => settings.silencedChannelIds.includes(id))
      ? ["A channel that is both free-text and silenced stays silent."]
      : []),
  ];
  const embed: APIEmbed = {
    color: embedColors.info,
    title: "My settings on this server",
    description: notes.join("\n"),
    fields: settingOrder.map((key) => ({
      name: settingLabels[key],
      value: formatSettingValue(key, settings[key]),
      inline: true,
    })),
    footer: { text: "Change them with /config · /config history shows who changed what" },
  };
  return { embeds: [fitEmbed(embed)] };
}

/** `old → new` for every setting that differs between two whole settings objects (a reset). */
function resetSummary(oldValue: unknown, newValue: unknown): string {
  if (
    typeof oldValue !== "object" ||
    oldValue === null ||
    typeof newValue !== "object" ||
    newValue === null
  ) {
    return "all settings back to their defaults";
  }
  const before = oldValue as Record<string, unknown>;
  const after = newValue as Record<string, unknown>;
  const differences = settingOrder
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map(
      (key) =>
        `${settingLabels[key]}: ${formatSettingValue(key, before[key], listedInHistory)} → ${formatSettingValue(key, after[key], listedInHistory)}`,
    );
  return differences.length === 0
    ? "all settings back to their defaults (nothing was different)"
    : `all settings back to their defaults; ${differences.join("; ")}`;
}

/** The title of an article as the audit recorded it, or null when the entry holds none. */
function auditedTitle(value: unknown): string | null {
  const title = (value as { title?: unknown } | null)?.title;
  return typeof title === "string" ? `**${escapeMarkdown(title)}**` : null;
}

/** A library entry of the audit: which article was added, removed or replaced. */
function libraryChange(oldValue: unknown, newValue: unknown): string {
  const before = auditedTitle(oldValue);
  const after = auditedTitle(newValue);
  if (before && after) return `replaced the library article ${after} with a new version`;
  if (after) return `added ${after} to the library`;
  if (before) return `removed ${before} from the library`;
  return "changed the library";
}

/** Who made a change: a mention, or what stands for a member the database no longer names. */
export function memberName(userId: string): string {
  if (userId === FORGOTTEN_MEMBER_ID) return "a forgotten member";
  if (userId === OPERATOR_USER_ID) return "the bot's operator";
  return userMention(userId);
}

/** One audit entry: when (relative, in the reader's time zone), who, what, old → new. */
function historyLine(entry: SettingsAuditEntry): string {
  const when = `<t:${Math.floor(entry.at / 1000)}:R>`;
  const who = memberName(entry.userId);
  if (entry.setting === "reset")
    return `${when} ${who} reset ${resetSummary(entry.oldValue, entry.newValue)}`;
  if (entry.setting === "library") return `${when} ${who} ${libraryChange(entry.oldValue, entry.newValue)}`;
  const label = settingLabels[entry.setting] ?? inlineCode(entry.setting);
  const change = `${formatSettingValue(entry.setting, entry.oldValue, listedInHistory)} → ${formatSettingValue(entry.setting, entry.newValue, listedInHistory)}`;
  return `${when} ${who} changed **${label}**: ${change}`;
}

/** `/config history`: the latest changes, newest first, each with who, when, what and old → new. */
export function formatHistory(entries: readonly SettingsAuditEntry[]): ReplyPayload {
  const description =
    entries.length === 0
      ? "No changes yet: this server uses the defaults."
      : joinBlocks(entries.map(historyLine), discordLimits.embedDescription, "\n", (n) => `…and ${n} older`);
  const embed: APIEmbed = {
    color: embedColors.info,
    title: `Settings history (latest ${entries.length === 1 ? "change" : `${entries.length} changes`})`,
    description,
  };
  return { embeds: [fitEmbed(embed)] };
}

/** The result of one `/config` change: what changed (old → new), or that nothing did. */
export function formatSettingChange(
  setting: SettingKey,
  changes: readonly SettingsAuditEntry[],
  settings: GuildSettings,
  notes: readonly string[] = [],
): string {
  const label = settingLabels[setting];
  const [change] = changes;
  const result = change
    ? `Saved. **${label}**: ${formatSettingValue(setting, change.oldValue)} → ${formatSettingValue(setting, change.newValue)}.`
    : `Nothing changed. **${label}**: ${formatSettingValue(setting, settings[setting])}.`;
  return [result, ...notes].join("\n");
}

/** Custom ids of the reset prompt's buttons. */
export interface ResetButtons {
  confirm: string;
  cancel: string;
}

/** `/config reset`: what the defaults are, with a confirm button that works for `ttlMs`. */
export function formatResetPrompt(
  defaults: GuildSettings,
  buttons: ResetButtons,
  ttlMs: number,
): ReplyPayload {
  const seconds = Math.round(ttlMs / 1000);
  const lines = settingOrder.map(
    (key) => `• ${settingLabels[key]}: ${formatSettingValue(key, defaults[key])}`,
  );
  const embed: APIEmbed = {
    color: embedColors.noAnswer,
    title: "Reset every setting to its default?",
    description: [
      ...lines,
      "",
      `Only you can confirm, within ${seconds} seconds. \`/config history\` keeps the old values.`,
    ].join("\n"),
  };
  return {
    embeds: [fitEmbed(embed)],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Danger,
            label: "Reset",
            custom_id: buttons.confirm,
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: "Cancel",
            custom_id: buttons.cancel,
          },
        ],
      },
    ],
  };
}

/** How a reset prompt ended; replaces the prompt, without its buttons. */
export function formatResetOutcome(outcome: "done" | "cancelled" | "expired"): ReplyPayload {
  const text = {
    done: "All settings are back to their defaults. `/config show` lists them.",
    cancelled: "Reset cancelled. Nothing changed.",
    expired: "This confirmation expired, and nothing changed. Run `/config reset` again to reset.",
  }[outcome];
  const embed: APIEmbed = { color: embedColors.info, description: text };
  return { embeds: [embed], components: [] };
}

/** A change that could not be saved, and why. */
export const unchangedNotice = (problem: string): string => `${problem} Nothing was changed.`;

/** A channel option naming a channel nobody writes in (a category, a voice channel…). */
export function notTextLikeNotice(channelId: string): string {
  return unchangedNotice(
    `${channelMention(channelId)} is not a channel people write in. Pick a text or announcement channel, a forum or a thread.`,
  );
}

export const everyoneRoleNotice = unchangedNotice(
  "@\u200Beveryone can't be added: with no roles set, everyone can ask.",
);

/** Added to a change that left a channel both free-text and silenced. */
export function silenceWinsNote(
  channelId: string,
  changed: "freeTextChannelIds" | "silencedChannelIds",
): string {
  return changed === "silencedChannelIds"
    ? `${channelMention(channelId)} is also a free-text channel: silence wins, so I stay quiet there.`
    : `${channelMention(channelId)} is silenced, so I stay quiet there until \`/config silence remove\`.`;
}

export const notYourResetNotice =
  "Only the moderator who ran `/config reset` can confirm it. Run `/config reset` yourself if you mean to.";
