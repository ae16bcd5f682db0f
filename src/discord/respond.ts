import { type ChatInputCommandInteraction, MessageFlags, type RepliableInteraction } from "discord.js";
import type { RateDecision } from "../storage/rate-limits.ts";
import type { ReplyPayload } from "./format/embed.ts";
import { apology, rateLimitNotice, waitReaction } from "./format/notices.ts";
import { discordLimits } from "./limits.ts";
import type { Logger } from "./logger.ts";
import { trimText } from "./text.ts";

const late = Symbol("late");

/**
 * Replies with what `produce` makes, within Discord's 3-second window: directly when it is ready within
 * `deferAfterMs`, otherwise it defers first ("thinking…") and then edits the reply in. An ephemeral reply
 * is deferred ephemerally, since a deferred reply cannot change that later.
 */
export async function replyInTime(
  interaction: ChatInputCommandInteraction,
  produce: () => Promise<ReplyPayload>,
  options: { deferAfterMs: number; ephemeral: boolean },
): Promise<void> {
  const flags = options.ephemeral ? MessageFlags.Ephemeral : undefined;
  const work = produce();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof late>((resolve) => {
    timer = setTimeout(() => resolve(late), options.deferAfterMs);
  });
  const first = await Promise.race([work, deadline]).finally(() => clearTimeout(timer));
  if (first !== late) {
    await interaction.reply({ ...first, flags });
    return;
  }
  await interaction.deferReply({ flags });
  await interaction.editReply(await work);
}

/** A short refusal or notice only the user sees. */
export async function replyPrivately(interaction: RepliableInteraction, content: string): Promise<void> {
  await interaction.reply({
    content: trimText(content, discordLimits.content),
    flags: MessageFlags.Ephemeral,
  });
}

/**
 * Turns away a slash command that came too soon: the notice the first time, then a bare "⏳". Discord needs
 * an answer to every interaction (else the user sees "The application did not respond"), and an ephemeral
 * one is the quietest valid answer: only the asker sees it, and nothing is added to the channel.
 */
export async function replyTooSoon(
  interaction: RepliableInteraction,
  decision: Extract<RateDecision, { allowed: false }>,
): Promise<void> {
  await replyPrivately(interaction, decision.notify ? rateLimitNotice(decision) : waitReaction);
}

/**
 * Tells the user something failed, privately: a reply if nothing was sent yet, else a follow-up. Failing to
 * apologize (e.g. the interaction expired) is logged, never thrown.
 */
export async function apologize(interaction: RepliableInteraction, logger: Logger): Promise<void> {
  try {
    const message = { content: apology, flags: MessageFlags.Ephemeral } as const;
    if (interaction.replied || interaction.deferred) await interaction.followUp(message);
    else await interaction.reply(message);
  } catch (error) {
    logger.warn("could not send the apology", { error });
  }
}
