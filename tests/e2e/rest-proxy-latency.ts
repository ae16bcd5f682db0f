/**
 * `npx tsx tests/e2e/rest-proxy-latency.ts [--interactions N] [--rounds N]`: what the REST proxy adds to an
 * answer. The real bot answers `/ask` one interaction at a time, timed from INTERACTION_CREATE to the callback
 * the fake accepted, once talking to the fake Discord directly and once through the proxy's real entry point
 * (`src/cli/rest-proxy.ts` under tsx) in front of it; rounds alternate the two so a change in the machine's
 * load falls on both. Prints each round's medians, the median of them for each way, and their difference.
 */
import { CommandError, type CommandSpec, integerOption, runCommand } from "../../src/cli/args.ts";
import { realCorpusQuestions } from "../../src/cli/bench-questions.ts";
import { formatMs, median } from "../../src/cli/latency.ts";
import { freePort } from "../support/ports.ts";
import { benchmarkDiscord, benchPassed, type DiscordBenchResult } from "./discord-bench.ts";
import { startRestProxy } from "./rest-proxy-process.ts";

const latencyCommand = {
  command: "npx tsx tests/e2e/rest-proxy-latency.ts",
  synopsis: ["[--interactions N] [--rounds N]"],
  summary:
    "Times /ask (INTERACTION_CREATE → callback, one at a time) with the bot talking to the fake Discord directly and through the REST proxy, and prints both medians.",
  options: {
    interactions: { type: "string", value: "N", description: "timed /ask per round and way (default 100)" },
    rounds: { type: "string", value: "N", description: "rounds, each timing both ways (default 3)" },
  },
  positionals: false,
  examples: ["npx tsx tests/e2e/rest-proxy-latency.ts", "npx tsx tests/e2e/rest-proxy-latency.ts --rounds 1"],
} as const satisfies CommandSpec;

/** One round through the proxy: a fresh proxy process in front of a fresh fake on a port chosen for it. */
async function throughProxy(options: Parameters<typeof benchmarkDiscord>[0]): Promise<DiscordBenchResult> {
  const fakePort = await freePort();
  const proxy = await startRestProxy(`http://127.0.0.1:${fakePort}/api`);
  try {
    return await benchmarkDiscord({ ...options, fake: { port: fakePort }, apiBase: proxy.apiBase });
  } finally {
    await proxy.stop();
  }
}

await runCommand(latencyCommand, async ({ values }) => {
  const interactions = integerOption("interactions", values.interactions, 1) ?? 100;
  const rounds = integerOption("rounds", values.rounds, 1) ?? 3;
  const options = { interactions, concurrency: 1, warmUp: 10, questions: realCorpusQuestions() };
  const medians = { direct: [] as number[], proxy: [] as number[] };
  // The first bot of the process runs slower than the next ones (the JIT, lazy imports): not timed.
  await benchmarkDiscord({ ...options, interactions: 50 });
  for (let round = 1; round <= rounds; round++) {
    for (const way of ["direct", "proxy"] as const) {
      const result = way === "direct" ? await benchmarkDiscord(options) : await throughProxy(options);
      if (!benchPassed(result))
        throw new CommandError(
          `${way}, round ${round}: not every /ask was answered once: ${result.problems.join("; ")}`,
        );
      medians[way].push(result.latencyMs.p50);
      console.error(`… round ${round}, ${way}: median ${formatMs(result.latencyMs.p50)}`);
    }
  }
  const perRound = (way: "direct" | "proxy") => medians[way].map(formatMs).join(", ");
  const direct = median(medians.direct);
  const proxy = median(medians.proxy);
  console.log(
    [
      `/ask, INTERACTION_CREATE → callback, ${interactions} one at a time per round, ${rounds} round(s); median of the rounds' medians`,
      `  direct to the fake Discord   ${formatMs(direct)}   (rounds: ${perRound("direct")})`,
      `  through the REST proxy       ${formatMs(proxy)}   (rounds: ${perRound("proxy")})`,
      `  added by the proxy           ${proxy < direct ? "-" : "+"}${formatMs(Math.abs(proxy - direct))}`,
    ].join("\n"),
  );
});
