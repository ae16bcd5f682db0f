import type { EvalReport, EvalScores, ScoreRow } from "./evaluation.ts";

/** The evaluation table `npm run eval` and `npm run train` print: ours, then both baselines of the same run. */

export const percent = (value: number) => (Number.isNaN(value) ? "-" : `${(value * 100).toFixed(0)}%`);

const OURS: Array<[string, (s: EvalScores) => number]> = [
  ["ans@1", (s) => s.answerAt1],
  ["ans@3", (s) => s.answerAt3],
  ["abst", (s) => s.abstention],
  ["f.abst", (s) => s.falseAbstention],
  ["EM", (s) => s.shortExact],
  ["F1", (s) => s.shortF1],
  ["shown", (s) => s.shortShown],
  ["wrong", (s) => s.shortWrong],
];
const BASELINE: Array<[string, (s: EvalScores) => number]> = [
  ["@1", (s) => s.answerAt1],
  ["@3", (s) => s.answerAt3],
];

function line(label: string, n: string, ours: string[], plain: string[], stemmed: string[]): string {
  const cells = (values: string[]) => values.map((c) => c.padStart(7)).join("");
  return `${label.padEnd(24)} ${n.padStart(4)} ${cells(ours)}  │ plain${cells(plain)}  │ stem+fuzzy${cells(stemmed)}`;
}

function row(label: string, scores: ScoreRow): string {
  return line(
    label,
    String(scores.ours.items),
    OURS.map(([, get]) => percent(get(scores.ours))),
    BASELINE.map(([, get]) => percent(get(scores.baseline))),
    BASELINE.map(([, get]) => percent(get(scores.stemmed))),
  );
}

export function scoreTable(title: string, report: EvalReport): string {
  const names = (columns: typeof OURS) => columns.map(([name]) => name);
  return [
    title,
    line("kind", "n", names(OURS), names(BASELINE), names(BASELINE)),
    ...report.byKind.map((kindRow) => row(kindRow.kind, kindRow)),
    row("ALL", report.overall),
  ].join("\n");
}
