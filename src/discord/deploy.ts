import { type APIApplication, type APIApplicationCommand, REST, Routes } from "discord.js";
import type { DiscordConfig } from "../config.ts";
import type { Command } from "./command.ts";

/** What `deployCommands` registered, and where. */
export interface DeployResult {
  applicationId: string;
  /** The guild the commands were registered in, or null for global commands. */
  guildId: string | null;
  registered: APIApplicationCommand[];
}

/**
 * Registers the slash commands with one bulk overwrite: in DISCORD_GUILD_ID when set (visible at once, for
 * development), otherwise globally. Commands not in the list are removed. Never run at start-up.
 */
export async function deployCommands(
  discord: DiscordConfig,
  commands: readonly Command[],
): Promise<DeployResult> {
  const rest = new REST({ api: discord.apiBase }).setToken(discord.token);
  const applicationId =
    discord.clientId ?? ((await rest.get(Routes.currentApplication())) as APIApplication).id;
  const route =
    discord.guildId === null
      ? Routes.applicationCommands(applicationId)
      : Routes.applicationGuildCommands(applicationId, discord.guildId);
  const body = commands.map((command) => command.data.toJSON());
  const registered = (await rest.put(route, { body })) as APIApplicationCommand[];
  return { applicationId, guildId: discord.guildId, registered };
}
