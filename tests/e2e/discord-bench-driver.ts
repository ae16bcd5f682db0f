/**
 * The Discord benchmark's side of Discord: the fake Discord and the driver that sends `/ask` through it and
 * times each answer. It runs wherever the fake runs, in the bot's thread or in a worker of its own
 * (`fake-discord-worker.ts`), so the times are taken on the fake's event loop either way.
 */
import { threadId } from "node:worker_threads";
import { FakeDiscord, type FakeDiscordOptions, type RecordedRequest } from "./fake-discord.ts";

/** One round of `/ask` interactions the driver sends. */
export interface BenchRound {
  /** Interactions sent. */
  count: number;
  /** Interactions in flight at once (a sliding window, not batches). */
  concurrency: number;
  /** Questions asked in turn, from the first again after the last. */
  questions: readonly string[];
}

/** What the fake saw of one interaction. */
export interface InteractionOutcome {
  id: string;
  token: string;
  question: string;
  /** Time to the accepted callback; undefined when none came in time. */
  latencyMs: number | undefined;
}

/** What the driver saw of a round. */
export interface SentRound {
  outcomes: InteractionOutcome[];
  /** From the first interaction sent to the last one answered. */
  wallMs: number;
  /** The thread the fake and the driver ran on (`worker_threads.threadId`). */
  threadId: number;
}

/**
 * A fake Discord with the benchmark's driver beside it, in this thread or in a worker: the bot is pointed at
 * `apiBase`, and every call is answered on the fake's own event loop.
 */
export interface BenchDiscord {
  /** What the bot gets as ClientOptions `rest.api`; the fake accepts `testToken`. */
  readonly apiBase: string;
  /** Sends a round of interactions; resolves once all are answered or given up. */
  send(round: BenchRound): Promise<SentRound>;
  /** Every request the bot made for an interaction (callbacks and webhooks), in the order answered. */
  interactionRequests(): Promise<RecordedRequest[]>;
  stop(): Promise<void>;
}

/** How long after Discord's window a callback is still waited for, so a late one is seen being rejected. */
const lateCallbackGraceMs = 1000;
/** How long a deferred reply may take to be edited in. */
export const deferredAnswerWaitMs = 10_000;

/** Starts a fake Discord in this thread, with the driver beside it. */
export async function startBenchDiscordHere(options: Partial<FakeDiscordOptions>): Promise<BenchDiscord> {
  const fake = await FakeDiscord.start(options);
  return {
    apiBase: fake.apiBase,
    send: (round) => sendRound(fake, round),
    interactionRequests: async () =>
      fake.requests.filter((request) => interactionTokenOf(request) !== undefined),
    stop: () => fake.stop(),
  };
}

/** The interaction token a callback or webhook request is for (`/interactions/:id/:token/callback`, `/webhooks/:app/:token…`). */
export function interactionTokenOf(request: RecordedRequest): string | undefined {
  const [, root, , token] = request.path.split("/");
  return root === "interactions" || root === "webhooks" ? token : undefined;
}

async function sendRound(fake: FakeDiscord, round: BenchRound): Promise<SentRound> {
  const { count, concurrency, questions } = round;
  const started = performance.now();
  const outcomes = await inSlidingWindow(count, concurrency, (n) =>
    askOnce(fake, questions[n % questions.length] as string),
  );
  return { outcomes, wallMs: performance.now() - started, threadId };
}

/** Runs `run(0…count-1)` with at most `concurrency` running at once, starting the next as one finishes. */
async function inSlidingWindow<T>(
  count: number,
  concurrency: number,
  run: (n: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const n = next++;
      results[n] = await run(n);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return results;
}

/** Sends one `/ask` and resolves once it is answered (or has clearly gone unanswered). */
async function askOnce(fake: FakeDiscord, question: string): Promise<InteractionOutcome> {
  const sentAt = performance.now();
  const sent = fake.sendInteraction({ name: "ask", options: { question } });
  const latencyMs = await fake
    .waitForInteractionResponse(
      sent.id,
      fake.options.interactionTimeoutMs + lateCallbackGraceMs,
      (events) => events.length > 0,
    )
    .then(
      () => performance.now() - sentAt,
      () => undefined,
    );
  // The window slot stays taken until the user sees the answer; a missing one is reported from the requests.
  if (latencyMs !== undefined) {
    await fake.waitForInteractionResponse(sent.id, deferredAnswerWaitMs).catch(() => undefined);
  }
  return { id: sent.id, token: sent.token, question, latencyMs };
}
