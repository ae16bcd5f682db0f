/**
 * The REST proxy (`npm run rest-proxy`, @discordjs/proxy) as a real child process in front of the fake
 * Discord, with the real bot sending every REST request through it.
 */
import { createServer } from "node:net";
import { InteractionResponseType } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../support/ports.ts";
import type { Run } from "../support/processes.ts";
import {
  embedOf,
  eventually,
  realEngine,
  realEngineWith,
  startTestBot,
  type TestBot,
  testToken,
} from "./bot-harness.ts";
import {
  cameThroughProxy,
  type RunningRestProxy,
  restProxyProcess,
  startRestProxy,
} from "./rest-proxy-process.ts";

let proxy: RunningRestProxy | undefined;
let testBot: TestBot | undefined;
let other: Run | undefined;

afterEach(async () => {
  await testBot?.stop();
  await proxy?.stop();
  if (other && other.child.exitCode === null) other.child.kill("SIGKILL");
  await other?.exited;
  testBot = undefined;
  proxy = undefined;
  other = undefined;
});

/** Log lines of a process, parsed. */
function logLines(run: Run): Array<Record<string, unknown>> {
  return run
    .stdout()
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("the REST proxy in front of Discord", () => {
  it("carries every request of the bot: a deferred /ask and its edit, a reply to a mention", async () => {
    const fakePort = await freePort();
    proxy = await startRestProxy(`http://127.0.0.1:${fakePort}/api`);
    // Answers slower than the bot waits before deferring make /ask send both kinds of interaction request
    // (the callback, then the edit that fills it in).
    testBot = await startTestBot({
      fake: { port: fakePort },
      apiBase: proxy.apiBase,
      engine: realEngineWith({
        answer: async (question) => {
          await new Promise((resolve) => setTimeout(resolve, 200));
          return realEngine().answer(question);
        },
      }),
      options: { deferAfterMs: 50 },
    });
    const { fake } = testBot;

    const asked = fake.sendInteraction({ name: "ask", options: { question: "when was it built" } });
    expect(embedOf(await fake.waitForInteractionReply(asked.id)).title).toBe("1965");
    const mention = fake.sendMessage({ content: "who was appointed its first imam?", mentionsBot: true });
    const reply = await fake.waitForChannelMessage(
      (message) => message.message_reference?.message_id === mention.id,
    );
    expect(embedOf(reply).title).toBeTruthy();

    const forAsk = fake.requests.filter((request) => request.rawPath.includes(`/${asked.token}`));
    expect(forAsk.map((request) => `${request.method} ${request.status}`)).toEqual(["POST 204", "PATCH 200"]);
    expect(forAsk[0]?.body).toMatchObject({ type: InteractionResponseType.DeferredChannelMessageWithSource });
    const replyPost = fake.requests.find(
      (request) =>
        request.method === "POST" &&
        (request.body as { message_reference?: { message_id?: string } }).message_reference?.message_id ===
          mention.id,
    );
    // The proxy holds no token: the bot's own Authorization header went through.
    expect(replyPost?.headers.authorization).toBe(`Bot ${testToken}`);
    // Everything the bot asked of Discord, from finding the gateway on, came through the proxy.
    expect(fake.requests.length).toBeGreaterThanOrEqual(5);
    expect(fake.requests.filter((request) => !cameThroughProxy(request))).toEqual([]);

    await testBot.stop();
    testBot = undefined;
    expect(await proxy.stop()).toBe(0);
    expect(logLines(proxy.run).map((line) => line.msg)).toEqual([
      "rest proxy listening",
      "shutting down",
      "stopped",
    ]);
    expect(logLines(proxy.run)[0]).toMatchObject({
      host: "127.0.0.1",
      upstream: `http://127.0.0.1:${fakePort}/api`,
    });
    expect(proxy.run.stderr()).toBe("");
  }, 60_000);

  it("answers 502 and logs one line when Discord cannot be reached", async () => {
    proxy = await startRestProxy(`http://127.0.0.1:${await freePort()}/api`);

    const response = await fetch(`${proxy.apiBase}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${testToken}` },
    });

    expect(response.status).toBe(502);
    // The line comes after the answer: the proxy ends the response before it rethrows.
    const running = proxy.run;
    const failed = await eventually(() => {
      const lines = logLines(running).filter((line) => line.msg === "request not forwarded");
      return lines.length > 0 ? lines : undefined;
    }, "the proxy's error line");
    expect(failed).toEqual([
      expect.objectContaining({ level: "error", method: "GET", path: "/api/v10/gateway/bot" }),
    ]);
    expect(JSON.stringify(failed)).not.toContain(testToken);
  }, 60_000);
});

describe("the REST proxy's start-up problems", () => {
  it("refuses a bad configuration with one line per problem, exit 1", async () => {
    other = restProxyProcess({ REST_PROXY_PORT: "80a", DISCORD_API_BASE: "https://discord.com/api" });

    expect(await other.exited).toBe(1);
    expect(other.stderr()).toBe('config error: REST_PROXY_PORT must be a port number (1–65535), got "80a"\n');
    expect(other.stdout()).toBe("");
  }, 60_000);

  it("refuses to forward to itself, as a .env shared with the bots would make it, exit 1", async () => {
    other = restProxyProcess({ REST_PROXY_PORT: "8080", DISCORD_API_BASE: "http://localhost:8080/api" });

    expect(await other.exited).toBe(1);
    expect(other.stderr().trim().split("\n")).toEqual([
      expect.stringMatching(/^config error: DISCORD_API_BASE is the proxy's own address/u),
    ]);
  }, 60_000);

  it("says in one line that its port is in use, exit 1", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as { port: number };
    try {
      other = restProxyProcess({ REST_PROXY_PORT: String(port) });

      expect(await other.exited).toBe(1);
      expect(other.stderr()).toBe(
        `the REST proxy cannot listen on 127.0.0.1:${port} (REST_PROXY_HOST, REST_PROXY_PORT): the port is in use\n`,
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 60_000);
});
