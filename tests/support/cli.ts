import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "./paths.ts";

/** Per test that starts such processes: each loads its whole module graph, slow on a machine busy with other work. */
export const scriptTimeout = 120_000;

/** How a command-line run ended. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment for a child process of the program: every setting explicit (empty = unset), Discord's API
 * on a closed port, cache and data in fresh folders, so neither a developer's `.env` nor their data can
 * interfere and nothing reaches discord.com. `overrides` adds or replaces settings.
 */
export function isolatedEnvironment(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    DISCORD_TOKEN: "",
    DISCORD_CLIENT_ID: "",
    DISCORD_GUILD_ID: "",
    DISCORD_API_BASE: "http://127.0.0.1:9/api",
    QA_CHANNEL_IDS: "",
    MESSAGE_CONTENT_INTENT: "",
    DM_ANSWERS: "",
    CORPUS_DIR: "corpus",
    CACHE_DIR: mkdtempSync(join(tmpdir(), "bot-cache-")),
    CORPUS_WATCH: "",
    HEALTH_PORT: "",
    DATA_DIR: mkdtempSync(join(tmpdir(), "bot-data-")),
    LOG_LEVEL: "info",
    ...overrides,
  };
}

/**
 * Runs a TypeScript entry point with tsx, as its npm script does, in an {@link isolatedEnvironment} with
 * `env` added, from the project unless `cwd` says otherwise, and resolves however it exits.
 */
export function runScript(
  script: string,
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CliRun> {
  // An absolute corpus folder, so a run from another folder still finds the project's articles.
  const env = isolatedEnvironment({ CORPUS_DIR: join(projectRoot, "corpus"), ...options.env });
  const tsx = join(projectRoot, "node_modules/.bin/tsx");
  return new Promise((resolve) => {
    execFile(
      tsx,
      [join(projectRoot, script), ...args],
      { cwd: options.cwd ?? projectRoot, env },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
