/**
 * `npm run deploy-commands`: registers the slash commands with Discord (in DISCORD_GUILD_ID when set,
 * otherwise globally) and prints what it registered. Exits 1 with one line on stderr when it cannot.
 */
import { config as loadDotenv } from "dotenv";
import { commands } from "../commands/index.ts";
import { CommandError, type CommandSpec, runCommand } from "../src/cli/args.ts";
import { loadConfig } from "../src/config.ts";
import { deployCommands } from "../src/discord/deploy.ts";
import { describeStartupError } from "../src/discord/startup-errors.ts";

const deployCommand = {
  command: "npm run deploy-commands",
  synopsis: [""],
  summary:
    "Registers the bot's slash commands with Discord in one bulk overwrite (commands no longer in commands/index.ts are removed) and prints them. Run it after a command's name, description or options change; never needed for a restart.",
  options: {},
  positionals: false,
  examples: [
    "npm run deploy-commands                                  # DISCORD_TOKEN from .env",
    "DISCORD_GUILD_ID=1300000000000000001 npm run deploy-commands   # one server, shown at once",
  ],
  notes: [
    "Reads DISCORD_TOKEN (required), DISCORD_CLIENT_ID (read from the API when unset) and DISCORD_GUILD_ID (unset: global commands, which every server and DM gets).",
  ],
} as const satisfies CommandSpec;

await runCommand(deployCommand, async () => {
  loadDotenv({ quiet: true });
  const { discord } = loadConfig();
  if (discord === null)
    throw new CommandError("DISCORD_TOKEN is not set: it is needed to register the slash commands");
  let deployed: Awaited<ReturnType<typeof deployCommands>>;
  try {
    deployed = await deployCommands(discord, commands);
  } catch (error) {
    throw new CommandError(describeStartupError(error));
  }
  const { registered, guildId, applicationId } = deployed;
  const where = guildId === null ? "globally" : `in guild ${guildId}`;
  console.log(`Registered ${registered.length} commands for application ${applicationId} ${where}:`);
  for (const command of registered) console.log(`  /${command.name} — ${command.description}`);
});
