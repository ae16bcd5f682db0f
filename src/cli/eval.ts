import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { readCorpusFiles } from "../core/ingest/corpus.ts";
import { CommandError, type CommandSpec, runCommand } from "./args.ts";
import { baselinesFor, type EvalReport, evaluate, readEvalItems } from "./evaluation.ts";
import { loadEngineForCli } from "./load.ts";
import { scoreTable } from "./score-table.ts";

/** The set measured when no file is given: the team's development questions, in `../shared`. */
const defaultEvalFile = "../shared/eval/dev.jsonl";

const evalCommand = {
  command: "npm run eval --",
  synopsis: ["[--corpus DIR] [--verbose] [--json] [FILE.jsonl ...]"],
  summary: `Measures answers against question files (JSON lines with "question", "answerable" and "answers"): answer@1, answer@3, abstention, false abstention and short-answer figures per question kind, ours beside plain and stemmed+fuzzy MiniSearch measured in the same run. Without FILE: ${defaultEvalFile}.`,
  options: {
    corpus: {
      type: "string",
      value: "DIR",
      description: "answer from this folder of articles (default: CORPUS_DIR)",
    },
    verbose: {
      type: "boolean",
      description: "also list every question answered wrongly, with what was shown",
    },
    json: { type: "boolean", description: "print only the figures, as one JSON object keyed by file" },
  },
  positionals: true,
  examples: [
    "npm run eval                                                   # the team's set in ../shared",
    "npm run eval -- tests/fixtures/blind/batch-01-lal-masjid.jsonl --verbose",
    "npm run eval -- --corpus tests/fixtures/blind/articles tests/fixtures/blind/batch-04-forth-bridge.jsonl",
  ],
  notes: ["The index is built afresh (no cache), so the figures always describe the current code."],
} as const satisfies CommandSpec;

/** The files to measure: those given, or the default set when it is beside the project. */
function evalFiles(given: readonly string[]): string[] {
  if (given.length > 0) return [...given];
  if (existsSync(resolve(defaultEvalFile))) return [resolve(defaultEvalFile)];
  throw new CommandError(
    `eval: no question file given, and ${defaultEvalFile} (the team's evaluation data) is not beside the project; pass one, e.g. npm run eval -- tests/fixtures/blind/batch-01-lal-masjid.jsonl`,
    2,
  );
}

await runCommand(evalCommand, ({ values, positionals }) => {
  // Every file is read before the engine loads, so a mistake in one is reported at once.
  const sets = evalFiles(positionals).map((file) => ({ file, items: readEvalItems(file) }));
  const { engine, corpusDir } = loadEngineForCli(values.corpus, false);
  const baselines = baselinesFor(readCorpusFiles(corpusDir).files);
  const reports: Record<string, EvalReport["overall"]> = {};
  for (const { file, items } of sets) {
    const report = evaluate(engine, baselines, items);
    reports[file] = report.overall;
    if (values.json) continue;
    console.log(`\n${scoreTable(`${file}  (corpus: ${corpusDir})`, report)}`);
    if (values.verbose) {
      for (const { item, answer } of report.misses) {
        const shown = answer.answered
          ? answer.excerpts[0]?.text
          : `(abstained) closest: ${answer.related[0]?.text ?? "-"}`;
        console.log(`  MISS ${item.id} [${item.kind}] ${item.question}\n       → ${shown}`);
      }
    }
  }
  if (values.json) console.log(JSON.stringify(reports));
});
