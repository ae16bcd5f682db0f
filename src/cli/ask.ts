import type { Answer, Excerpt } from "../core/types.ts";
import { type CommandSpec, readInputFile, runCommand, UsageError } from "./args.ts";
import { loadEngineForCli } from "./load.ts";
import {
  ansiStyle,
  formatAnswerForTerminal,
  formatQuestionForTerminal,
  plainStyle,
} from "./terminal-format.ts";

const askCommand = {
  command: "npm run ask --",
  synopsis: [
    '[--json] [--explain] [--corpus DIR] "question"',
    "[--json] [--explain] [--corpus DIR] --batch FILE",
  ],
  summary:
    "Answers a question from the articles: the short answer and 1–3 cited excerpts, or that the articles don't say.",
  options: {
    json: {
      type: "boolean",
      description: "print the answer as JSON on stdout (with --batch: one object per line, in order)",
    },
    explain: {
      type: "boolean",
      description: "also print, on stderr, how the question was understood and how sentences scored",
    },
    corpus: {
      type: "string",
      value: "DIR",
      description: "answer from this folder of articles (default: CORPUS_DIR)",
    },
    batch: {
      type: "string",
      value: "FILE",
      description:
        "answer every line of FILE, one answer per line; a blank line gets an empty-question answer",
    },
  },
  positionals: true,
  examples: [
    'npm run ask -- "when was lal masjid built"',
    'npm run ask -- --json "who designed lal masjid"',
    "npm run ask -- --json --batch questions.txt > answers.jsonl   # line n of the output answers line n",
    'npm run ask -- --corpus ~/articles "when was the bridge opened"',
  ],
} as const satisfies CommandSpec;

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
    ...(answer.answered ? {} : { reason: answer.reason }),
  };
}

/** The lines of a batch file, blank ones included, so that answer n is the answer to line n. */
function batchQuestions(file: string): string[] {
  const lines = readInputFile(file, "batch file").split("\n");
  // The newline that ends the last line does not start another one.
  if (lines.at(-1) === "") lines.pop();
  return lines.map((line) => line.trim());
}

await runCommand(askCommand, ({ values, positionals }) => {
  if (values.batch !== undefined && positionals.length > 0)
    throw new UsageError("give a question or --batch FILE, not both");
  const questions =
    values.batch !== undefined ? batchQuestions(values.batch) : [positionals.join(" ").trim()];
  if (values.batch === undefined && questions[0] === "") throw new UsageError("no question given");
  const { engine } = loadEngineForCli(values.corpus);
  const style = process.stdout.isTTY ? ansiStyle : plainStyle;
  for (const [n, question] of questions.entries()) {
    const answer = engine.answer(
      question,
      values.explain ? (e) => console.error(JSON.stringify(e, null, 2)) : undefined,
    );
    if (values.json) {
      console.log(JSON.stringify(answerJson(answer)));
    } else {
      // Answers in a batch are told apart by a blank line and the question they answer.
      if (n > 0) console.log();
      console.log(`${formatQuestionForTerminal(question, style)}\n${formatAnswerForTerminal(answer, style)}`);
    }
  }
});
