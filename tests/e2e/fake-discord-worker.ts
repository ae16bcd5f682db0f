/**
 * The Discord benchmark's fake Discord and driver (`discord-bench-driver.ts`) in a worker thread, so the bot
 * under test keeps its event loop to itself, as in production, where Discord is another machine. A worker
 * rather than a child process: the bot in this thread and everything the benchmark reports stay in one
 * process, the outcomes and recorded requests come back as structured clones with no serialisation of our
 * own, and nothing outlives the benchmark if it fails.
 */
import { parentPort, Worker, workerData } from "node:worker_threads";
import { type BenchDiscord, type BenchRound, startBenchDiscordHere } from "./discord-bench-driver.ts";
import type { FakeDiscordOptions } from "./fake-discord.ts";

/** What this thread asks of the worker; each call gets one {@link Reply}, in order. */
type Call = { call: "send"; round: BenchRound } | { call: "interactionRequests" } | { call: "stop" };
/** The worker's answer to a call (its first, unasked, carries the fake's `apiBase`). */
type Reply = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Starts the fake Discord and the driver in a worker thread; resolves once the fake listens. Each method
 * of the result is answered by the worker.
 */
export async function startBenchDiscordInWorker(options: Partial<FakeDiscordOptions>): Promise<BenchDiscord> {
  // The worker registers tsx itself before importing this file: under vitest no loader is registered in
  // Node at all, and `execArgv: ["--import", "tsx"]` still failed on a .ts entry on Node 20.
  const loader = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
    .then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })
    .then((module) => module.serveBenchDiscord());`;
  const worker = new Worker(loader, { eval: true, workerData: options });
  let pending: { resolve: (value: unknown) => void; reject: (error: Error) => void } | undefined;
  const settle = (settleWith: (waiting: NonNullable<typeof pending>) => void) => {
    const waiting = pending;
    pending = undefined;
    if (waiting) settleWith(waiting);
  };
  worker.on("message", (reply: Reply) =>
    settle((waiting) => (reply.ok ? waiting.resolve(reply.value) : waiting.reject(new Error(reply.error)))),
  );
  worker.on("error", (error) => settle((waiting) => waiting.reject(error)));
  worker.on("exit", (code) =>
    settle((waiting) => waiting.reject(new Error(`The fake Discord's worker exited with code ${code}`))),
  );
  const nextReply = () =>
    new Promise<unknown>((resolve, reject) => {
      pending = { resolve, reject };
    });
  const call = (message: Call) => {
    if (pending) throw new Error("The fake Discord's worker is still answering the previous call");
    const reply = nextReply();
    worker.postMessage(message);
    return reply;
  };

  let apiBase: string;
  try {
    apiBase = (await nextReply()) as string;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  return {
    apiBase,
    send: async (round) => (await call({ call: "send", round })) as Awaited<ReturnType<BenchDiscord["send"]>>,
    interactionRequests: async () =>
      (await call({ call: "interactionRequests" })) as Awaited<
        ReturnType<BenchDiscord["interactionRequests"]>
      >,
    stop: async () => {
      try {
        await call({ call: "stop" });
      } finally {
        await worker.terminate();
      }
    },
  };
}

/** The worker's side: starts the fake with the options it was given and answers calls until told to stop. */
export async function serveBenchDiscord(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error("serveBenchDiscord runs in the worker startBenchDiscordInWorker starts");
  // A value that cannot be cloned fails in postMessage: that too is answered, as an error.
  const replyWith = async (work: () => Promise<unknown>) => {
    try {
      port.postMessage({ ok: true, value: await work() } satisfies Reply);
    } catch (error) {
      const described = error instanceof Error ? (error.stack ?? error.message) : String(error);
      port.postMessage({ ok: false, error: described } satisfies Reply);
    }
  };
  let discord: BenchDiscord | undefined;
  await replyWith(async () => {
    discord = await startBenchDiscordHere(workerData as Partial<FakeDiscordOptions>);
    return discord.apiBase;
  });
  const started = discord;
  if (!started) return;
  port.on("message", async (message: Call) => {
    await replyWith(async () => {
      if (message.call === "send") return started.send(message.round);
      if (message.call === "interactionRequests") return started.interactionRequests();
      return started.stop();
    });
    if (message.call === "stop") port.close();
  });
}
