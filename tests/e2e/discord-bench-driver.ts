/**
 * The Discord benchmark's side of Discord: the fake Discord and the driver that sends `/ask` through it and
 * times each answer. It runs wherever the fake runs, in the bot's thread or in a worker of its own
 * (`fake-discord-worker.ts`), so the times are taken on the fake's event loop either way.
 */
import { FakeDiscord, type FakeDiscordOptions, type RecordedRequest } from "./fake-discord.ts";

/** What the driver sends. */
export interface BenchPlan {
  /** `/ask` interactions timed. */
  interactions: number;
  /** Interactions in flight at once (a sliding window, not batches). */
  concurrency: number;
  /** Untimed interactions sent first, through the same window. */
  warmUp: number;
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

/** What the driver saw of a whole plan. */
export interface SentInteractions {
  warmUp: InteractionOutcome[];
  timed: InteractionOutcome[];
  /** From the first timed interaction sent to the last one answered. */
  wallMs: number;
}

/**
 * A fake Discord with the benchmark's driver beside it, in this thread or in a worker: the bot is pointed at
 * `apiBase`, and every call is answered on the fake's own event loop.
 */
export interface BenchDiscord {
  /** What the bot gets as ClientOptions `rest.api`; the fake accepts `testToken`. */
  readonly apiBase: string;
  /** Sends the plan's warm-up and then its timed interactions; resolves once all are answered or given up. */
  send(plan: BenchPlan): Promise<SentInteractions>;
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
    send: (plan) => sendInteractions(fake, plan),
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

async function sendInteractions(fake: FakeDiscord, plan: BenchPlan): Promise<SentInteractions> {
  const { interactions, concurrency, warmUp, questions } = plan;
  const questionAt = (n: number) => questions[n % questions.length] as string;
  const warmUpOutcomes = await inSlidingWindow(warmUp, concurrency, (n) => askOnce(fake, questionAt(n)));
  const started = performance.now();
  const timed = await inSlidingWindow(interactions, concurrency, (n) => askOnce(fake, questionAt(n)));
  return { warmUp: warmUpOutcomes, timed, wallMs: performance.now() - started };
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
