import { resolve } from "node:path";
import { readCorpusFiles } from "../core/ingest/corpus.ts";
import { parseCliArgs } from "./args.ts";
import { type EvalReport, type EvalScores, evaluate, PlainBaseline, readEvalItems } from "./evaluation.ts";
import { loadEngineForCli, runCli } from "./load.ts";
import { compareThesauri } from "./thesaurus-experiment.ts";

const percent = (value: number) => (Number.isNaN(value) ? "-" : `${(value * 100).toFixed(0)}%`);

function row(label: string, ours: EvalScores, baseline: EvalScores): string {
  const cells = [ours.answerAt1, ours.answerAt3, ours.abstention, ours.falseAbstention].map(percent);
  const baseCells = [baseline.answerAt1, baseline.answerAt3, baseline.abstention].map(percent);
  return `${label.padEnd(24)} ${String(ours.items).padStart(3)} ${cells.map((c) => c.padStart(7)).join("")}  │${baseCells.map((c) => c.padStart(8)).join("")}`;
}

function table(title: string, report: EvalReport): string {
  const header = `${"kind".padEnd(24)} ${"n".padStart(3)} ${["ans@1", "ans@3", "abst", "f.abst"].map((c) => c.padStart(7)).join("")}  │${["base@1", "base@3", "b.abst"].map((c) => c.padStart(8)).join("")}`;
  return [
    title,
    header,
    ...report.byKind.map(({ kind, ours, baseline }) => row(kind, ours, baseline)),
    row("ALL", report.overall.ours, report.overall.baseline),
  ].join("\n");
}

/**
 * `npm run eval -- [FILE.jsonl ...] [--corpus DIR] [--verbose] [--json]`: answer@1, answer@3, abstention and
 * false abstention per kind, ours vs a plain MiniSearch baseline measured in the same run.
 */
await runCli(async () => {
  const args = parseCliArgs(process.argv.slice(2), {
    flags: ["verbose", "json", "thesaurus"],
    values: ["corpus"],
  });
  const files = args.positionals.length > 0 ? args.positionals : [resolve("../shared/eval/dev.jsonl")];
  const { engine, corpusDir } = loadEngineForCli(args.values.corpus, false);
  const baseline = new PlainBaseline(readCorpusFiles(corpusDir).files);
  const reports: Record<string, EvalReport["overall"]> = {};
  for (const file of files) {
    const report = evaluate(engine, baseline, readEvalItems(file));
    reports[file] = report.overall;
    if (args.flags.json) continue;
    console.log(`\n${table(`${file}  (corpus: ${corpusDir})`, report)}`);
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
  if (args.flags.thesaurus) {
    for (const file of files) console.log(`\n${await compareThesauri(corpusDir, readEvalItems(file))}`);
  }
});
