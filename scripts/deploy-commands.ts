/**
 * `npm run deploy-commands`: registers the slash commands with Discord (in DISCORD_GUILD_ID when set,
 * otherwise globally) and prints what it registered. Exits 1 with one line on stderr when it cannot.
 */
import { config as loadDotenv } from "dotenv";
import { commands } from "../commands/index.ts";
import { ConfigError, loadConfig } from "../src/config.ts";
import { deployCommands } from "../src/discord/deploy.ts";
import { describeStartupError } from "../src/discord/startup-errors.ts";

async function main(): Promise<number> {
  loadDotenv({ quiet: true });
  let discord: ReturnType<typeof loadConfig>["discord"];
  try {
    discord = loadConfig().discord;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) process.stderr.write(`${problem}\n`);
    return 1;
  }
  if (discord === null) {
    process.stderr.write("DISCORD_TOKEN is not set: it is needed to register the slash commands\n");
    return 1;
  }
  try {
    const { registered, guildId, applicationId } = await deployCommands(discord, commands);
    const where = guildId === null ? "globally" : `in guild ${guildId}`;
    process.stdout.write(
      `Registered ${registered.length} commands for application ${applicationId} ${where}:\n`,
    );
    for (const command of registered) process.stdout.write(`  /${command.name} — ${command.description}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${describeStartupError(error)}\n`);
    return 1;
  }
}

process.exitCode = await main();
