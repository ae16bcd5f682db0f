import { resolve } from "node:path";
import { loadEngine } from "../core/engine.ts";
import { readCorpusFiles } from "../core/ingest/corpus.ts";
import { parseCliArgs } from "./args.ts";
import {
  type EvalItem,
  type EvalScores,
  outputOf,
  PlainBaseline,
  readEvalItems,
  type SystemOutput,
  score,
} from "./evaluation.ts";

/** `npm run eval -- [FILE.jsonl ...] [--corpus DIR] [--verbose]`: accuracy and abstention, ours vs the plain baseline. */
const args = parseCliArgs(process.argv.slice(2), { flags: ["verbose", "json"], values: ["corpus"] });
const corpusDir = resolve(args.values.corpus ?? process.env.CORPUS_DIR ?? "corpus");
const files = args.positionals.length > 0 ? args.positionals : [resolve("../shared/eval/dev.jsonl")];

const { engine } = loadEngine({ corpusDir, cacheDir: null });
const baseline = new PlainBaseline(readCorpusFiles(corpusDir).files);

const percent = (value: number) =>
  Number.isNaN(value) ? "   -" : `${(value * 100).toFixed(0).padStart(3)}%`;

function table(title: string, rows: Array<[string, EvalScores, EvalScores]>): string {
  const header = `${"kind".padEnd(26)} ${"n".padStart(3)}  ${"ans@1".padStart(5)} ${"ans@3".padStart(5)} ${"abst".padStart(5)} ${"false".padStart(5)}   │ base@1 base@3 b.abst`;
  const lines = rows.map(
    ([kind, ours, base]) =>
      `${kind.padEnd(26)} ${String(ours.items).padStart(3)}  ${percent(ours.answerAt1).padStart(5)} ${percent(ours.answerAt3).padStart(5)} ${percent(ours.abstention).padStart(5)} ${percent(ours.falseAbstention).padStart(5)}   │ ${percent(base.answerAt1).padStart(6)} ${percent(base.answerAt3).padStart(6)} ${percent(base.abstention).padStart(6)}`,
  );
  return [title, header, ...lines].join("\n");
}

const report: Record<string, { ours: EvalScores; baseline: EvalScores }> = {};
for (const file of files) {
  const items: EvalItem[] = readEvalItems(file);
  const ours: SystemOutput[] = [];
  const base: SystemOutput[] = [];
  for (const item of items) {
    const answer = engine.answer(item.question);
    ours.push(outputOf(answer));
    base.push(baseline.run(item.question));
    if (args.flags.verbose) {
      const correct = item.answerable
        ? answer.answered &&
          ours.at(-1)?.excerptTexts[0] !== undefined &&
          score([item], [ours.at(-1) as SystemOutput]).answerAt1 === 1
        : !answer.answered;
      console.error(
        `${correct ? "ok  " : "MISS"} ${item.id} [${item.kind}] ${item.question}\n     → ${answer.answered ? `${answer.answer ?? "-"} | ${answer.excerpts[0]?.text}` : `(abstained) ${answer.related[0]?.text ?? ""}`}`,
      );
    }
  }
  const kinds = [...new Set(items.map((item) => item.kind))].sort();
  const pick = (kind: string) =>
    items.map((item, n) => [item, n] as const).filter(([item]) => item.kind === kind);
  const rows: Array<[string, EvalScores, EvalScores]> = kinds.map((kind) => {
    const chosen = pick(kind);
    return [
      kind,
      score(
        chosen.map(([item]) => item),
        chosen.map(([, n]) => ours[n] as SystemOutput),
      ),
      score(
        chosen.map(([item]) => item),
        chosen.map(([, n]) => base[n] as SystemOutput),
      ),
    ];
  });
  const overall: [string, EvalScores, EvalScores] = ["ALL", score(items, ours), score(items, base)];
  report[file] = { ours: overall[1], baseline: overall[2] };
  if (!args.flags.json) console.log(`${table(`\n${file} (corpus ${corpusDir})`, [...rows, overall])}\n`);
}
if (args.flags.json) console.log(JSON.stringify(report));
