/**
 * The production path without Docker: the Dockerfile's stages run here, each in a temporary folder standing
 * for its /app, reading the Dockerfile itself so the two cannot drift. The build stage's `npm ci` reuses the
 * project's node_modules (the same lockfile, already installed); the production `npm ci --omit=dev` is real,
 * and may compile better-sqlite3 (about a minute). Then the runtime folder, holding only what the image
 * holds, runs the image's CMD and HEALTHCHECK, and the command docker-compose.yml gives the REST proxy.
 */
import type { ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { projectRoot } from "../support/paths.ts";
import { freePort } from "../support/ports.ts";
import { startTestPostgres, withPostgres } from "../support/postgres.ts";
import { type Run, startProcess } from "../support/processes.ts";
import { embedOf, eventually, testToken } from "./bot-harness.ts";
import { defaultGuildPeople, FakeDiscord } from "./fake-discord.ts";
import { cameThroughProxy } from "./rest-proxy-process.ts";

/** A stage of the Dockerfile, as run here. */
interface Stage {
  name: string;
  /** Stands for the stage's /app. */
  dir: string;
  env: Record<string, string>;
  cmd: string[];
  healthcheck: string[];
}

/**
 * RUN steps that prepare the image's file system outside /app. They are not run here: what they make, the
 * volume's folder owned by the non-root user, is a fresh temporary DATA_DIR owned by the test's user.
 */
const imageSetUp = new Set(["mkdir -p /data && chown node:node /data"]);

/** Runs a command to completion; throws with its output when it fails. */
async function runToEnd(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const run = startProcess(command, args, { cwd, env });
  const code = await run.exited;
  if (code !== 0) throw new Error(`${args.join(" ")} exited ${code}:\n${run.stdout()}${run.stderr()}`);
}

/** The environment of build steps: the developer's, minus what the npm running the tests set for itself. */
function buildEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^npm_/iu.test(name) && name !== "INIT_CWD"),
  );
}

/** One instruction per entry, continuation lines joined and comments dropped. */
function instructions(dockerfile: string): Array<{ keyword: string; args: string }> {
  return dockerfile
    .replace(/\\\n/gu, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const [keyword = "", ...rest] = line.split(/\s+/u);
      return { keyword: keyword.toUpperCase(), args: rest.join(" ") };
    });
}

/** `COPY [--from=stage] [--chown=…] source… destination`, relative to the project or to that stage's /app. */
function copy(args: string, stage: Stage, stages: Map<string, Stage>): void {
  const words = args.split(/\s+/u);
  const from = words.find((word) => word.startsWith("--from="))?.slice("--from=".length);
  const paths = words.filter((word) => !word.startsWith("--"));
  const destination = paths.pop() ?? "";
  const sourceRoot = from === undefined ? projectRoot : stages.get(from)?.dir;
  if (sourceRoot === undefined) throw new Error(`COPY --from=${from}: no such stage`);
  const intoFolder = destination.endsWith("/") || paths.length > 1;
  for (const source of paths) {
    const relative = from === undefined ? source : source.replace(/^\/app\//u, "");
    const target = join(stage.dir, destination, intoFolder ? basename(source) : "");
    cpSync(join(sourceRoot, relative), target, { recursive: true });
  }
}

async function runStep(command: string, stage: Stage): Promise<void> {
  if (imageSetUp.has(command)) return;
  if (command === "npm ci") {
    symlinkSync(join(projectRoot, "node_modules"), join(stage.dir, "node_modules"));
    return;
  }
  if (!command.startsWith("npm "))
    throw new Error(`the production test does not know how to run "${command}"`);
  // Niced: compiling better-sqlite3 must not starve the tests running beside this one.
  await runToEnd("nice", ["-n", "10", "sh", "-c", command], stage.dir, {
    ...buildEnvironment(),
    ...stage.env,
  });
}

/** Runs every stage of the Dockerfile in order; returns them by name. */
async function buildStages(dockerfile: string): Promise<Map<string, Stage>> {
  const stages = new Map<string, Stage>();
  let stage: Stage | undefined;
  for (const { keyword, args } of instructions(dockerfile)) {
    if (keyword === "FROM") {
      const name = /\bAS\s+(\S+)$/iu.exec(args)?.[1] ?? `stage-${stages.size}`;
      stage = {
        name,
        dir: mkdtempSync(join(tmpdir(), `docker-${name}-`)),
        env: {},
        cmd: [],
        healthcheck: [],
      };
      stages.set(name, stage);
      continue;
    }
    if (stage === undefined) throw new Error(`${keyword} before FROM`);
    switch (keyword) {
      case "WORKDIR":
        if (args !== "/app") throw new Error(`WORKDIR ${args}: the test maps only /app`);
        break;
      case "ENV":
        for (const pair of args.split(/\s+/u)) {
          const [name = "", value = ""] = pair.split("=");
          stage.env[name] = value;
        }
        break;
      case "COPY":
        copy(args, stage, stages);
        break;
      case "RUN":
        await runStep(args, stage);
        break;
      case "CMD":
        stage.cmd = JSON.parse(args) as string[];
        break;
      case "HEALTHCHECK":
        stage.healthcheck = JSON.parse(args.slice(args.indexOf("CMD ") + 4)) as string[];
        break;
      // Stood in for here by temporary folders and the test's own (non-root) user.
      case "VOLUME":
      case "USER":
        break;
      default:
        throw new Error(`the production test does not know the Dockerfile instruction ${keyword}`);
    }
  }
  return stages;
}

let stages: Map<string, Stage>;
let runtime: Stage;
let fake: FakeDiscord | undefined;
const children: ChildProcess[] = [];

beforeAll(async () => {
  stages = await buildStages(readFileSync(join(projectRoot, "Dockerfile"), "utf8"));
  runtime = [...stages.values()].at(-1) as Stage;
}, 1_200_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await fake?.stop();
  for (const stage of stages?.values() ?? []) rmSync(stage.dir, { recursive: true, force: true });
});

/**
 * Runs a command of the image in the runtime folder, configured only by the image's ENV and `env`: DATA_DIR
 * and CACHE_DIR are fresh folders, as a new volume would be.
 */
function inRuntime([command = "", ...args]: string[], env: Record<string, string>, input?: string): Run {
  const run = startProcess(command, args, {
    cwd: runtime.dir,
    env: {
      PATH: process.env.PATH ?? "",
      ...runtime.env,
      DATA_DIR: mkdtempSync(join(tmpdir(), "prod-data-")),
      CACHE_DIR: mkdtempSync(join(tmpdir(), "prod-cache-")),
      ...env,
    },
    input,
  });
  children.push(run.child);
  return run;
}

/**
 * The `command` of a service in docker-compose.yml. The file writes commands as JSON arrays (valid YAML),
 * which this reads without a YAML parser: a service's lines are those indented under its name.
 */
function composeCommand(service: string): string[] {
  const compose = readFileSync(join(projectRoot, "docker-compose.yml"), "utf8");
  const lines = new RegExp(`^  ${service}:\n((?: {4}.*\n)*)`, "mu").exec(compose)?.[1] ?? "";
  const command = /^ {4}command: (\[.*\])$/mu.exec(lines)?.[1];
  if (command === undefined) throw new Error(`docker-compose.yml gives the service ${service} no command`);
  return JSON.parse(command) as string[];
}

describe("the production image's steps (Dockerfile, without Docker)", () => {
  it("leaves a runtime holding only the production dependencies, dist/, the model and the corpus", () => {
    expect(readdirSync(runtime.dir).sort()).toEqual([
      "corpus",
      "dist",
      "models",
      "node_modules",
      "package-lock.json",
      "package.json",
    ]);
    expect(existsSync(join(runtime.dir, "node_modules/better-sqlite3"))).toBe(true);
    expect(existsSync(join(runtime.dir, "node_modules/tsx"))).toBe(false);
    expect(existsSync(join(runtime.dir, "node_modules/typescript"))).toBe(false);
    expect(runtime.cmd).toEqual(["node", "dist/src/main.js"]);
  });

  it("answers a piped question in the terminal chat without a token", async () => {
    const run = inRuntime(runtime.cmd, { DISCORD_TOKEN: "" }, "when was it built\n");

    expect(await run.exited).toBe(0);
    // The fresh cache is built first; on a busy machine that outlasts the progress line's quiet time.
    const messages = run
      .stderr()
      .split("\n")
      .filter((line) => !line.startsWith("Building the index"));
    expect(messages.join("\n")).toBe(
      "DISCORD_TOKEN is not set: starting the local terminal chat instead of the Discord bot.\n",
    );
    expect(run.stdout()).toContain("Answer: **1965**");
    expect(run.stdout()).toContain("(lal-masjid/history/2)");
  });

  it("registers the commands, serves Discord, passes its health check, and exits 0 on SIGTERM", async () => {
    fake = await FakeDiscord.start({ token: testToken });
    const discord = { DISCORD_TOKEN: testToken, DISCORD_API_BASE: fake.apiBase };
    const deploy = inRuntime(["node", "dist/scripts/deploy-commands.js"], discord);
    expect(await deploy.exited).toBe(0);
    expect(fake.registeredCommands().map((command) => command.name)).toEqual(
      commands.map((command) => command.data.name),
    );

    const health = { HEALTH_PORT: String(await freePort()) };
    const bot = inRuntime(runtime.cmd, { ...discord, ...health });
    // The index builds while the bot logs in (no cache on a first start): healthy once both are done.
    const logged = (message: string) => bot.stdout().includes(`"msg":"${message}"`);
    await eventually(
      () => (logged("bot ready") && logged("index ready") ? true : undefined),
      "the bot",
      30_000,
    );
    const check = inRuntime(runtime.healthcheck, health);
    expect(await check.exited).toBe(0);
    expect(JSON.parse(check.stdout().replace(/^healthy: /u, ""))).toMatchObject({
      status: "ok",
      gateway: "ready",
      articles: 1,
    });

    const sent = fake.sendInteraction({ name: "ask", options: { question: "when was it built" } });
    expect(embedOf(await fake.waitForInteractionReply(sent.id)).title).toBe("1965");
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);

    const after = inRuntime(runtime.healthcheck, health);
    expect(await after.exited).toBe(1);
    expect(after.stdout()).toMatch(/^unhealthy: no answer from 127\.0\.0\.1 port \d+ \(ECONNREFUSED\)/u);
  }, 120_000);

  it("runs docker-compose.yml's REST proxy, which carries the bot's answer to Discord", async () => {
    const command = composeCommand("rest-proxy");
    expect(command).toEqual(["node", "dist/src/cli/rest-proxy.js"]);
    const discord = await FakeDiscord.start({ token: testToken });
    try {
      // Chosen once the fake listens: two free ports picked before either is bound can be the same one, and
      // the bot would then reach the fake directly, past a proxy that could not listen.
      const proxyPort = await freePort();
      const proxy = inRuntime(command, {
        REST_PROXY_PORT: String(proxyPort),
        DISCORD_API_BASE: discord.apiBase,
      });
      const bot = inRuntime(runtime.cmd, {
        DISCORD_TOKEN: testToken,
        DISCORD_API_BASE: `http://127.0.0.1:${proxyPort}/api`,
        HEALTH_PORT: "",
      });
      const logged = (run: Run, message: string) => run.stdout().includes(`"msg":"${message}"`);
      await eventually(
        () => (logged(bot, "bot ready") && logged(bot, "index ready") ? true : undefined),
        "the bot, through the proxy",
        30_000,
      );

      const sent = discord.sendInteraction({ name: "ask", options: { question: "when was it built" } });
      expect(embedOf(await discord.waitForInteractionReply(sent.id)).title).toBe("1965");
      expect(discord.requests.filter((request) => !cameThroughProxy(request))).toEqual([]);
      bot.child.kill("SIGTERM");
      expect(await bot.exited).toBe(0);
      proxy.child.kill("SIGTERM");
      expect(await proxy.exited).toBe(0);
      expect(logged(proxy, "stopped")).toBe(true);
    } finally {
      await discord.stop();
    }
  }, 120_000);

  it("keeps its data in PostgreSQL with DATABASE_URL, as docker-compose.scale.yml runs it", async () => {
    const scale = readFileSync(join(projectRoot, "docker-compose.scale.yml"), "utf8");
    expect(scale).toContain("DATABASE_URL: postgres://bot:${POSTGRES_PASSWORD");
    const postgres = await startTestPostgres();
    const discord = await FakeDiscord.start({ token: testToken });
    try {
      const bot = inRuntime(runtime.cmd, {
        DISCORD_TOKEN: testToken,
        DISCORD_API_BASE: discord.apiBase,
        DATABASE_URL: postgres.url,
        HEALTH_PORT: "",
      });
      await eventually(
        () => (bot.stdout().includes('"msg":"bot ready"') ? true : undefined),
        "the bot on PostgreSQL",
        30_000,
      );
      const sent = discord.sendInteraction({
        name: "config",
        subcommand: "cooldown",
        options: { seconds: 45 },
        userId: defaultGuildPeople.ownerId,
      });
      expect((await discord.waitForInteractionReply(sent.id)).content).toContain("→ 45 s");
      bot.child.kill("SIGTERM");
      expect(await bot.exited).toBe(0);
      await withPostgres(postgres.url, async (db) => {
        const row = await db.get<{ settings: string }>("SELECT settings FROM guild_settings");
        expect(JSON.parse(row?.settings ?? "{}")).toMatchObject({ cooldownSeconds: 45 });
      });
    } finally {
      await discord.stop();
      await postgres.stop();
    }
  }, 120_000);
});
