/**
 * `npm run rest-proxy`: discord.js's HTTP proxy (`@discordjs/proxy`) in front of Discord's REST API, so every
 * bot process of one token (shards, restarts overlapping) waits on one view of the rate limits instead of
 * each learning them alone. Bots point `DISCORD_API_BASE` at it; it forwards each request with that request's
 * own Authorization header, so it holds no token.
 */
import { createServer, type Server } from "node:http";
import { proxyRequests, version as proxyVersion } from "@discordjs/proxy";
import { REST } from "discord.js";
import { config as loadDotenv } from "dotenv";
import { loadRestProxyConfig, type RestProxyConfig } from "../config.ts";
import { createLogger, type Logger } from "../discord/logger.ts";
import { listenOrSayWhy } from "../listen.ts";
import { CommandError, type CommandSpec, runCommand } from "./args.ts";

const restProxyCommand = {
  command: "npm run rest-proxy",
  synopsis: [""],
  summary:
    "Runs an HTTP proxy in front of Discord's REST API (@discordjs/proxy), so several bot processes of one token share one view of the rate limits. Point each bot's DISCORD_API_BASE at http://HOST:PORT/api. Logs JSON lines on stdout; stops on SIGINT or SIGTERM.",
  options: {},
  positionals: false,
  examples: [
    "npm run rest-proxy",
    "REST_PROXY_HOST=0.0.0.0 REST_PROXY_PORT=8080 node dist/src/cli/rest-proxy.js   # in a container",
  ],
  notes: [
    "Settings (environment or .env): REST_PROXY_PORT (default 8080), REST_PROXY_HOST (default 127.0.0.1), DISCORD_API_BASE (where requests go on to, default https://discord.com/api).",
    "One proxy per bot token: it keeps one set of rate-limit buckets, whoever's requests fill them.",
  ],
} as const satisfies CommandSpec;

/** How long requests in flight may take to finish after SIGINT/SIGTERM before their connections are cut. */
const shutdownGraceMs = 5000;

/** Serves the proxy on `config.host:config.port`; a port in use is a one-line {@link CommandError}. */
async function listen(config: RestProxyConfig, logger: Logger): Promise<Server> {
  // Discord sees the proxy in the User-Agent, after @discordjs/rest's own `DiscordBot (…)`.
  const rest = new REST({ api: config.upstream, userAgentAppendix: `@discordjs/proxy/${proxyVersion}` });
  const forward = proxyRequests(rest);
  const server = createServer((request, response) => {
    // The proxy ends the response itself, then rethrows what it has no answer for (Discord unreachable):
    // the bot must see a gateway error then, not the 200 Node starts every response with.
    response.statusCode = 502;
    Promise.resolve()
      .then(() => forward(request, response))
      .catch((error: unknown) =>
        logger.error("request not forwarded", { method: request.method, path: request.url, error }),
      );
  });
  await listenOrSayWhy(
    server,
    config,
    "the REST proxy",
    "REST_PROXY_HOST, REST_PROXY_PORT",
    (line) => new CommandError(line),
  );
  return server;
}

await runCommand(restProxyCommand, async () => {
  loadDotenv({ quiet: true });
  const config = loadRestProxyConfig();
  const logger = createLogger({ level: "info" });
  const server = await listen(config, logger);
  logger.info("rest proxy listening", { host: config.host, port: config.port, upstream: config.upstream });
  const stop = (signal: NodeJS.Signals) => {
    logger.info("shutting down", { signal });
    // close() lets requests in flight finish and drops idle keep-alive connections; the rest are cut after the grace.
    const cut = setTimeout(() => server.closeAllConnections(), shutdownGraceMs).unref();
    server.close(() => {
      clearTimeout(cut);
      logger.info("stopped");
    });
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
});
