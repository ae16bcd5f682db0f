/**
 * `node dist/scripts/healthcheck.js` (the Docker HEALTHCHECK): asks the running bot's `GET /healthz` at
 * HEALTH_HOST:HEALTH_PORT and prints the answer in one line. Exits 0 when the bot is healthy, 1 otherwise.
 */
import { get } from "node:http";
import { config as loadDotenv } from "dotenv";
import { ConfigError, loadConfig } from "../src/config.ts";

/** How long the bot may take to answer before it counts as unhealthy. */
const TIMEOUT_MS = 5000;

/** Addresses that mean "every interface" to a server, and nothing to a client: asked on loopback instead. */
const wildcardHosts: Record<string, string> = { "0.0.0.0": "127.0.0.1", "::": "::1" };

/** One `GET /healthz` (node:http rather than fetch, which refuses some ports, e.g. 6000). */
function askHealth(host: string, port: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = get({ host, port, path: "/healthz", timeout: TIMEOUT_MS }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: body.trim() }));
    });
    request.on("timeout", () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    request.on("error", reject);
  });
}

async function main(): Promise<number> {
  loadDotenv({ quiet: true });
  let health: ReturnType<typeof loadConfig>["health"];
  try {
    health = loadConfig().health;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) process.stderr.write(`config error: ${problem}\n`);
    return 1;
  }
  if (health === null) {
    process.stderr.write("HEALTH_PORT is not set: the bot serves no health endpoint to ask\n");
    return 1;
  }
  const host = wildcardHosts[health.host] ?? health.host;
  try {
    const { status, body } = await askHealth(host, health.port);
    if (status === 200) {
      process.stdout.write(`healthy: ${body}\n`);
      return 0;
    }
    process.stdout.write(`unhealthy (${status}): ${body}\n`);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    process.stdout.write(`unhealthy: no answer from ${host} port ${health.port} (${code ?? message})\n`);
  }
  return 1;
}

process.exitCode = await main();
