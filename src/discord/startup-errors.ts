import { DiscordAPIError, DiscordjsError, DiscordjsErrorCodes, GatewayCloseCodes } from "discord.js";
import { HealthEndpointError } from "./health.ts";

/** The gateway closed the connection for good (bad token, disallowed intents…). */
export class GatewayClosedError extends Error {
  override name = "GatewayClosedError";

  constructor(readonly code: number) {
    super(`Discord closed the gateway connection with code ${code}`);
  }
}

const tokenAdvice =
  "Discord rejected DISCORD_TOKEN: copy the token again from the Bot page of the Developer Portal (resetting it invalidates the old one)";

/**
 * One line saying why starting the bot or registering commands failed, and what to do about it. Never
 * includes the token.
 */
export function describeStartupError(error: unknown): string {
  if (error instanceof GatewayClosedError) {
    if (error.code === GatewayCloseCodes.AuthenticationFailed) return tokenAdvice;
    if (error.code === GatewayCloseCodes.DisallowedIntents) {
      return "Discord refused the MESSAGE_CONTENT intent, which free-text channels need: enable “Message Content Intent” on the Bot page of the Developer Portal, or set MESSAGE_CONTENT_INTENT=auto to run without it when refused (free-text channels then answer only mentions)";
    }
    return error.message;
  }
  if (error instanceof HealthEndpointError) return error.message;
  if (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid) return tokenAdvice;
  if (error instanceof DiscordAPIError) {
    if (error.status === 401) return tokenAdvice;
    const where = `${error.method.toUpperCase()} ${new URL(error.url).pathname}`;
    const hint =
      error.status === 403
        ? " (is the bot in that server, invited with the applications.commands scope, and is DISCORD_CLIENT_ID this bot's application?)"
        : "";
    // The message lists each rejected field on its own line.
    const message = error.message.replace(/\s*\n\s*/gu, "; ");
    return `Discord answered ${error.status} to ${where}: ${message}${hint}`;
  }
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `Could not talk to Discord: ${error.message}${cause}`;
  }
  return `Could not talk to Discord: ${String(error)}`;
}
