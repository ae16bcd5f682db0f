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
 * Runs a TypeScript entry point with tsx, as its npm script does, and resolves however it exits. Every
 * setting is explicit (empty = unset; cache and data in fresh folders) so a developer's `.env` cannot
 * interfere; `env` adds or overrides settings, `cwd` defaults to the project.
 */
export function runScript(
  script: string,
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CliRun> {
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    DISCORD_TOKEN: "",
    DISCORD_API_BASE: "",
    QA_CHANNEL_IDS: "",
    LOG_LEVEL: "",
    CORPUS_DIR: join(projectRoot, "corpus"),
    CACHE_DIR: mkdtempSync(join(tmpdir(), "cli-cache-")),
    DATA_DIR: mkdtempSync(join(tmpdir(), "cli-data-")),
    ...options.env,
  };
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
