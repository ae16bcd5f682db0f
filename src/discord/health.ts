import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Client, Status } from "discord.js";
import type { HealthConfig } from "../config.ts";
import { listenOrSayWhy } from "../listen.ts";
import type { StudyEngine } from "./command.ts";

/** The body of `GET /healthz`: HTTP 200 when `status` is `ok`, 503 otherwise. */
export interface HealthReport {
  /**
   * `ok` while the gateway is connected and the engine is loaded; `building` while the index is first built
   * (the bot is up, questions get a "being built" notice); `stopping` once shutdown began.
   */
  status: "ok" | "building" | "unavailable" | "stopping";
  /** discord.js's state of the gateway connection: `ready`, `connecting`, `resuming`, `identifying`… */
  gateway: string;
  /** Round trip of the last heartbeat, in ms; null before the first one. */
  pingMs: number | null;
  /** The gateway shards this process runs, each with its state; `shardCount` is the whole bot's. */
  shards: Array<{ id: number; gateway: string; pingMs: number | null }>;
  shardCount: number;
  /** Servers the bot is in. */
  guilds: number;
  articles: number;
  passages: number;
  /** Share of the index built, 0–1: 1 once the engine is loaded. */
  indexProgress: number;
  /** Seconds since the process started. */
  uptimeSeconds: number;
  version: string;
}

/** What the report is read from, at every request. */
export interface HealthSource {
  /** The gateway client now (a function: a refused intent makes the bot connect again with a new one). */
  client: () => Client;
  /**
   * The engine serving questions now (a function, so an engine swapped in later is the one counted), or null
   * while it is first built, with the share of that build done.
   */
  engine: () => StudyEngine | null;
  buildFraction: () => number;
  version: string;
  /** False once shutdown began: the bot takes no new work. */
  accepting(): boolean;
}

/** `WaitingForGuilds` → `waiting-for-guilds`. */
function statusName(status: Status): string {
  return Status[status].replace(/(?<=[a-z])(?=[A-Z])/gu, "-").toLowerCase();
}

/** The gateway's state: the first shard that is not ready, else ready (no shards yet: the manager's state). */
function gatewayStatus(client: Client): Status {
  const shards = [...client.ws.shards.values()];
  if (shards.length === 0) return client.ws.status;
  return shards.find((shard) => shard.status !== Status.Ready)?.status ?? Status.Ready;
}

/** The health of the bot right now. */
export function readHealth(source: HealthSource): HealthReport {
  const client = source.client();
  const gateway = gatewayStatus(client);
  const engine = source.engine();
  const articles = engine?.articles ?? [];
  const healthy = gateway === Status.Ready && articles.length > 0;
  const ping = client.ws.ping;
  return {
    status: !source.accepting()
      ? "stopping"
      : healthy
        ? "ok"
        : engine === null && gateway === Status.Ready
          ? "building"
          : "unavailable",
    gateway: statusName(gateway),
    pingMs: ping >= 0 ? Math.round(ping) : null,
    shards: [...client.ws.shards.values()].map((shard) => ({
      id: shard.id,
      gateway: statusName(shard.status),
      pingMs: shard.ping >= 0 ? Math.round(shard.ping) : null,
    })),
    shardCount: client.options.shardCount ?? 1,
    guilds: client.guilds.cache.size,
    articles: articles.length,
    passages: articles.reduce((sum, article) => sum + article.passages.length, 0),
    indexProgress: engine === null ? source.buildFraction() : 1,
    uptimeSeconds: Math.round(process.uptime()),
    version: source.version,
  };
}

/** The health endpoint could not listen (port in use, unknown address…). */
export class HealthEndpointError extends Error {
  override name = "HealthEndpointError";
}

/** A listening health endpoint. */
export interface HealthEndpoint {
  /** The port it listens on (the one picked when configured with 0). */
  port: number;
  close(): Promise<void>;
}

function respond(response: ServerResponse, status: number, body: unknown, headers = {}): void {
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  response.end(`${JSON.stringify(body)}\n`);
}

/** Serves `GET /healthz` with {@link readHealth}'s report: 200 when ok, 503 otherwise. */
export async function startHealthEndpoint(
  config: HealthConfig,
  report: () => HealthReport,
): Promise<HealthEndpoint> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? "/", "http://health").pathname;
    if (path !== "/healthz") return respond(response, 404, { error: "not found: try GET /healthz" });
    if (request.method !== "GET" && request.method !== "HEAD") {
      return respond(response, 405, { error: "only GET /healthz" }, { allow: "GET, HEAD" });
    }
    const health = report();
    respond(response, health.status === "ok" ? 200 : 503, health);
  });
  await listenOrSayWhy(
    server,
    config,
    "the health endpoint",
    "HEALTH_HOST, HEALTH_PORT",
    (line) => new HealthEndpointError(line),
  );
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
