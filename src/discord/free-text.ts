/**
 * Where plain messages (not slash commands) are taken as questions. Mentions of the bot and DMs always are;
 * a policy decides which guild channels answer every message. Today the channels come from QA_CHANNEL_IDS;
 * a per-server settings store can implement the same interface.
 */

/** A guild channel a message was posted in. */
export interface GuildChannelRef {
  guildId: string;
  channelId: string;
}

/** Decides where every message is a question. */
export interface FreeTextPolicy {
  /**
   * Whether the bot needs the privileged MESSAGE_CONTENT intent: only to read messages that do not mention
   * it, that is when some channel answers every message.
   */
  readonly needsMessageContent: boolean;
  /** Whether every message in this channel is a question. */
  answersEveryMessage(channel: GuildChannelRef): boolean | Promise<boolean>;
}

/** A policy from a fixed list of channel ids (QA_CHANNEL_IDS); threads in them are not included. */
export function fixedChannelsPolicy(channelIds: readonly string[]): FreeTextPolicy {
  const channels = new Set(channelIds);
  return {
    needsMessageContent: channels.size > 0,
    answersEveryMessage: ({ channelId }) => channels.has(channelId),
  };
}
