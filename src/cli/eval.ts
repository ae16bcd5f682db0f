import { resolve } from "node:path";
import { readCorpusFiles } from "../core/ingest/corpus.ts";
import { parseCliArgs } from "./args.ts";
import { baselinesFor, type EvalReport, evaluate, readEvalItems } from "./evaluation.ts";
import { loadEngineForCli, runCli } from "./load.ts";
import { scoreTable } from "./score-table.ts";

/**
 * `npm run eval -- [FILE.jsonl ...] [--corpus DIR] [--verbose] [--json]`: answer@1, answer@3, abstention and
 * false abstention per kind, ours vs a plain MiniSearch baseline measured in the same run.
 */
await runCli(async () => {
  const args = parseCliArgs(process.argv.slice(2), {
    flags: ["verbose", "json"],
    values: ["corpus"],
  });
  const files = args.positionals.length > 0 ? args.positionals : [resolve("../shared/eval/dev.jsonl")];
  const { engine, corpusDir } = loadEngineForCli(args.values.corpus, false);
  const baselines = baselinesFor(readCorpusFiles(corpusDir).files);
  const reports: Record<string, EvalReport["overall"]> = {};
  for (const file of files) {
    const report = evaluate(engine, baselines, readEvalItems(file));
    reports[file] = report.overall;
    if (args.flags.json) continue;
    console.log(`\n${scoreTable(`${file}  (corpus: ${corpusDir})`, report)}`);
    if (args.flags.verbose) {
      for (const { item, answer } of report.misses) {
        const shown = answer.answered
          ? answer.excerpts[0]?.text
          : `(abstained) closest: ${answer.related[0]?.text ?? "-"}`;
        console.log(`  MISS ${item.id} [${item.kind}] ${item.question}\n       → ${shown}`);
      }
    }
  }
  if (args.flags.json) console.log(JSON.stringify(reports));
});
