import { execFile } from "node:child_process";
import { join } from "node:path";
import { isolatedEnvironment } from "../../src/cli/isolated-environment.ts";
import { projectRoot } from "./paths.ts";

export { isolatedEnvironment };

/** Per test that starts such processes: each loads its whole module graph, slow on a machine busy with other work. */
export const scriptTimeout = 120_000;

/** How a command-line run ended. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
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
