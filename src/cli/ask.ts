import { readFileSync } from "node:fs";
import type { Answer, Excerpt } from "../core/types.ts";
import { parseCliArgs, UsageError } from "./args.ts";
import { loadEngineForCli, runCli } from "./load.ts";
import { ansiStyle, formatAnswerForTerminal, plainStyle } from "./terminal-format.ts";

const USAGE =
  'npm run ask -- [--json] [--explain] [--corpus DIR] "question"   |   npm run ask -- --json [--corpus DIR] --batch FILE';

/** The documented JSON shape of one answer (one line per question with --batch). */
function answerJson(answer: Answer) {
  const excerpt = (e: Excerpt) => ({
    text: e.text,
    article: e.article,
    section: e.section,
    passageId: e.passageId,
    url: e.url,
    score: e.score,
    answerSpan: e.answerSpan,
  });
  return {
    question: answer.question,
    answered: answer.answered,
    answer: answer.answer,
    excerpts: answer.excerpts.map(excerpt),
    related: answer.related.map(excerpt),
  };
}

await runCli(() => {
  const args = parseCliArgs(process.argv.slice(2), {
    flags: ["json", "explain"],
    values: ["corpus", "batch"],
  });
  const batchFile = args.values.batch;
  const questions =
    batchFile !== undefined
      ? readFileSync(batchFile, "utf8")
          .split("\n")
          .map((line) => line.trim())
          .filter((line) => line !== "")
      : [args.positionals.join(" ").trim()];
  if (batchFile !== undefined && args.positionals.length > 0)
    throw new UsageError(`give a question or --batch, not both\n${USAGE}`);
  if (questions.length === 0 || questions[0] === "") throw new UsageError(`no question given\n${USAGE}`);
  const { engine } = loadEngineForCli(args.values.corpus);
  const style = process.stdout.isTTY ? ansiStyle : plainStyle;
  for (const question of questions) {
    const answer = engine.answer(
      question,
      args.flags.explain ? (e) => console.error(JSON.stringify(e, null, 2)) : undefined,
    );
    console.log(
      args.flags.json ? JSON.stringify(answerJson(answer)) : formatAnswerForTerminal(answer, style),
    );
  }
});
