/**
 * The REST proxy as people run it: `src/cli/rest-proxy.ts` (what `npm run rest-proxy` runs, and what the
 * compose service runs compiled) as a child process, configured only through the environment.
 */
import { version as proxyVersion } from "@discordjs/proxy";
import { isolatedEnvironment } from "../support/cli.ts";
import { projectRoot } from "../support/paths.ts";
import { freePort } from "../support/ports.ts";
import { type Run, startProcess } from "../support/processes.ts";
import { eventually } from "./bot-harness.ts";
import type { RecordedRequest } from "./fake-discord.ts";

/** A proxy process that is listening. */
export interface RunningRestProxy {
  run: Run;
  /** What a bot takes as DISCORD_API_BASE to send its requests through the proxy. */
  apiBase: string;
  /** Sends SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts the proxy's entry point in Node with tsx as a loader, with exactly these settings: signals and
 * kills reach the proxy itself (the tsx command would run it in a child a kill leaves behind).
 */
export function restProxyProcess(env: Record<string, string>): Run {
  return startProcess(process.execPath, ["--import", "tsx", "src/cli/rest-proxy.ts"], {
    cwd: projectRoot,
    env: isolatedEnvironment(env),
  });
}

/** Starts the proxy on a free port in front of `upstream` and resolves once it logged that it listens. */
export async function startRestProxy(upstream: string): Promise<RunningRestProxy> {
  const port = await freePort();
  const run = restProxyProcess({ REST_PROXY_PORT: String(port), DISCORD_API_BASE: upstream });
  let exited = false;
  void run.exited.then(() => {
    exited = true;
  });
  await eventually(
    () => {
      if (exited) throw new Error(`the REST proxy exited before listening:\n${run.stderr()}`);
      return run.stdout().includes('"msg":"rest proxy listening"') ? true : undefined;
    },
    "the REST proxy to listen",
    30_000,
  );
  return {
    run,
    apiBase: `http://127.0.0.1:${port}/api`,
    stop: () => {
      if (run.child.exitCode === null) run.child.kill("SIGTERM");
      return run.exited;
    },
  };
}

/** Whether a request reached the fake through the proxy, which names itself at the end of the User-Agent. */
export function cameThroughProxy(request: RecordedRequest): boolean {
  return request.headers["user-agent"]?.endsWith(` @discordjs/proxy/${proxyVersion}`) ?? false;
}
