import { type Interaction, MessageFlags } from "discord.js";
import { type Command, type CommandContext, EngineBuildingError } from "./command.ts";
import {
  indexBuildingNotice,
  refusalNotice,
  restartingNotice,
  staleButtonNotice,
  unknownCommandNotice,
} from "./format/notices.ts";
import { discordLimits } from "./limits.ts";
import type { LogFields } from "./logger.ts";
import { commandUseOf } from "./moderation.ts";
import { apologize, replyPrivately } from "./respond.ts";
import { decideCommandAccess } from "./server-rules.ts";

/** What routing interactions needs. */
export interface InteractionRouting {
  commands: ReadonlyMap<string, Command>;
  context: CommandContext;
  /** False once shutdown began: new commands get a "restarting" notice. */
  isAccepting: () => boolean;
}

/** Separates a button's command name from its arguments in custom ids. */
export const customIdSeparator = ":";

/** Builds a button custom id that routes back to `command`'s `button` handler. */
export function buttonCustomId(command: string, ...args: string[]): string {
  const customId = [command, ...args].join(customIdSeparator);
  // Callers keep their arguments short; a longer id is a bug Discord would reject less clearly.
  if (customId.length > discordLimits.customId) throw new Error(`custom id over 100 characters: ${customId}`);
  return customId;
}

async function route(
  interaction: Interaction,
  routing: InteractionRouting,
  fields: LogFields,
): Promise<void> {
  const { commands, context } = routing;
  if (interaction.isChatInputCommand()) {
    const command = commands.get(interaction.commandName);
    if (!command) return replyPrivately(interaction, unknownCommandNotice);
    if (!routing.isAccepting()) return replyPrivately(interaction, restartingNotice);
    const verdict = decideCommandAccess(await commandUseOf(interaction, command.access, context));
    if (!verdict.allowed) {
      fields.refused = verdict.refusal.reason;
      return replyPrivately(interaction, refusalNotice(verdict.refusal));
    }
    return command.execute(interaction, context, verdict.placement);
  }
  if (interaction.isAutocomplete()) {
    const command = commands.get(interaction.commandName);
    if (!command?.autocomplete || !routing.isAccepting()) return interaction.respond([]);
    return command.autocomplete(interaction, context);
  }
  if (interaction.isButton()) {
    const [name = "", ...args] = interaction.customId.split(customIdSeparator);
    fields.command = name;
    const command = commands.get(name);
    if (!command?.button) return replyPrivately(interaction, staleButtonNotice);
    if (!routing.isAccepting()) return replyPrivately(interaction, restartingNotice);
    return command.button(interaction, context, args);
  }
  fields.ignored = true;
}

/**
 * Answers an interaction that needed the engine while it was being built: the notice, privately (a
 * follow-up when the command had already deferred), or no suggestions for an autocomplete.
 */
async function answerWhileBuilding(
  interaction: Interaction,
  building: EngineBuildingError,
  fields: LogFields,
  routing: InteractionRouting,
): Promise<void> {
  const { logger } = routing.context;
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
    } else if (interaction.isRepliable()) {
      const content = indexBuildingNotice(building.fraction);
      if (interaction.replied || interaction.deferred) {
        await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
      } else {
        await replyPrivately(interaction, content);
      }
    }
    logger.info("interaction handled", { ...fields, outcome: "index-building" });
  } catch (error) {
    logger.warn("could not say the index is being built", { ...fields, error });
  }
}

/**
 * Routes one interaction to its command, logging the outcome with guild, channel, command and latency (never
 * what was typed). Any exception is logged and answered with a private apology; it never escapes.
 */
export async function handleInteraction(
  interaction: Interaction,
  routing: InteractionRouting,
): Promise<void> {
  const started = performance.now();
  const fields: LogFields = {
    kind: interaction.isAutocomplete() ? "autocomplete" : interaction.isButton() ? "button" : "command",
    command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
    guild: interaction.guildId,
    channel: interaction.channelId,
  };
  const { logger } = routing.context;
  try {
    await route(interaction, routing, fields);
    const latencyMs = Math.round(performance.now() - started);
    const level = fields.kind === "autocomplete" ? "debug" : "info";
    logger[level]("interaction handled", { ...fields, latencyMs });
  } catch (error) {
    if (error instanceof EngineBuildingError) return answerWhileBuilding(interaction, error, fields, routing);
    logger.error("interaction failed", {
      ...fields,
      latencyMs: Math.round(performance.now() - started),
      error,
    });
    if (interaction.isRepliable()) await apologize(interaction, logger);
    else if (interaction.isAutocomplete() && !interaction.responded) {
      await interaction.respond([]).catch((respondError: unknown) => {
        logger.warn("could not answer the autocomplete", { error: respondError });
      });
    }
  }
}
