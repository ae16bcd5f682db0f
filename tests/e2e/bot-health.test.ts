/**
 * The health endpoint of the real bot against FakeDiscord: what `GET /healthz` says while the gateway is
 * connected, while it is down, and after shutdown.
 */
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import type { HealthReport } from "../../src/discord/health.ts";
import { describeStartupError } from "../../src/discord/startup-errors.ts";
import { botPerTest, realEngine, startTestBot } from "./bot-harness.ts";

const start = botPerTest();
const anyPort = { host: "127.0.0.1", port: 0 };

interface HealthAnswer {
  status: number;
  body: HealthReport;
}

async function healthz(port: number | undefined): Promise<HealthAnswer> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: (await response.json()) as HealthReport };
}

/** Asks `/healthz` every 20 ms until `wanted` accepts the answer, for up to 10 s; resolves with that answer. */
async function healthzUntil(
  port: number | undefined,
  wanted: (answer: HealthAnswer) => boolean,
): Promise<HealthAnswer> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const answer = await healthz(port);
    if (wanted(answer)) return answer;
    if (Date.now() > deadline) throw new Error(`/healthz still answers ${JSON.stringify(answer)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const passagesInCorpus = realEngine().articles.reduce((sum, article) => sum + article.passages.length, 0);

describe("GET /healthz", () => {
  it("answers 200 with the gateway state, ping, servers, corpus size, uptime and version while connected", async () => {
    const { bot } = await start({ health: anyPort, fake: { heartbeatIntervalMs: 50 } });

    const { status, body } = await healthz(bot.health?.port);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: "ok",
      gateway: "ready",
      guilds: 1,
      articles: 1,
      passages: passagesInCorpus,
      version: "0.1.0",
      shardCount: 1,
    });
    expect(body.shards).toEqual([{ id: 0, gateway: "ready", pingMs: body.pingMs }]);
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(passagesInCorpus).toBeGreaterThan(10);
    // The first heartbeat comes within one interval; its round trip is then the ping.
    const afterHeartbeat = await healthzUntil(bot.health?.port, ({ body }) => body.pingMs !== null);
    expect(afterHeartbeat.body.pingMs).toBeGreaterThanOrEqual(0);
  });

  it("answers 503 while the gateway connection is down, and 200 again once the bot resumed", async () => {
    const { fake, bot } = await start({ health: anyPort });
    expect((await healthz(bot.health?.port)).status).toBe(200);

    fake.holdGateway();
    fake.dropConnection();
    const down = await healthzUntil(bot.health?.port, ({ status }) => status === 503);
    expect(down.body.status).toBe("unavailable");
    expect(down.body.gateway).not.toBe("ready");
    expect(down.body.articles).toBe(1);

    fake.releaseGateway();
    const back = await healthzUntil(bot.health?.port, ({ status }) => status === 200);
    expect(back.body).toMatchObject({ status: "ok", gateway: "ready" });
    expect(fake.gatewayConnections.at(-1)?.path).toBe("/resume");
  });

  it("serves only GET and HEAD on /healthz", async () => {
    const { bot } = await start({ health: anyPort });
    const port = bot.health?.port;

    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
    const post = await fetch(`http://127.0.0.1:${port}/healthz`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    expect((await fetch(`http://127.0.0.1:${port}/healthz`, { method: "HEAD" })).status).toBe(200);
  });

  it("stops listening when the bot shuts down", async () => {
    const { bot } = await start({ health: anyPort });
    const port = bot.health?.port;
    expect((await healthz(port)).status).toBe(200);

    await bot.shutdown();

    await expect(healthz(port)).rejects.toThrow();
  });

  it("refuses to start on a port already in use, in one line naming the variables", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const address = taken.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    try {
      const failure = await startTestBot({ health: { host: "127.0.0.1", port } }).then(
        (started) => started.stop().then(() => null),
        (error: unknown) => error,
      );
      expect(describeStartupError(failure)).toBe(
        `the health endpoint cannot listen on 127.0.0.1:${port} (HEALTH_HOST, HEALTH_PORT): the port is in use`,
      );
    } finally {
      taken.close();
    }
  });
});
