import { type ChildProcess, spawn } from "node:child_process";

/** A child process whose output is collected as it comes. */
export interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Settles with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Starts `command` in `cwd` with exactly `env`, writes `input` (if any) to its stdin and closes it. */
export function startProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: string },
): Run {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin?.end(options.input);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}
