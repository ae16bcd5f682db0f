import type { Answer, Excerpt } from "../core/types.ts";

/** ANSI styles, used only when the output is a terminal. */
export interface TerminalStyle {
  bold: (text: string) => string;
  dim: (text: string) => string;
  highlight: (text: string) => string;
}

export const ansiStyle: TerminalStyle = {
  bold: (text) => `\u001b[1m${text}\u001b[22m`,
  dim: (text) => `\u001b[2m${text}\u001b[22m`,
  highlight: (text) => `\u001b[1;33m${text}\u001b[22;39m`,
};

export const plainStyle: TerminalStyle = {
  bold: (text) => text,
  dim: (text) => text,
  highlight: (text) => `**${text}**`,
};

/** Strips control characters so corpus text cannot move the cursor or recolour the terminal. */
function safe(text: string): string {
  return text.replace(/(?![\n\t])\p{Cc}/gu, "");
}

function excerptLines(excerpt: Excerpt, n: number, style: TerminalStyle): string[] {
  const { text, answerSpan } = excerpt;
  const shown = answerSpan
    ? `${safe(text.slice(0, answerSpan.start))}${style.highlight(safe(text.slice(answerSpan.start, answerSpan.end)))}${safe(text.slice(answerSpan.end))}`
    : safe(text);
  const source = excerpt.url ? ` <${excerpt.url}>` : "";
  return [
    `  [${n}] ${shown}`,
    style.dim(`      — ${safe(excerpt.article)} › ${safe(excerpt.section)} (${excerpt.passageId})${source}`),
  ];
}

/** The question an answer is for, as its first line; an empty one is shown as such. */
export function formatQuestionForTerminal(question: string, style: TerminalStyle): string {
  return style.bold(`Q: ${question === "" ? "(empty question)" : safe(question)}`);
}

/** An answer as terminal lines: the short answer, then numbered cited excerpts, or an honest "not found". */
export function formatAnswerForTerminal(answer: Answer, style: TerminalStyle): string {
  if (!answer.answered) {
    const lines = [
      answer.reason === "empty-question"
        ? "Ask a question about the articles, e.g. “when was it built?”"
        : answer.reason === "low-confidence"
          ? style.bold("I couldn't find a direct answer; these passages may help.")
          : style.bold("The articles don't say."),
    ];
    if (answer.related.length > 0) {
      if (answer.reason !== "low-confidence") lines.push(style.dim("Closest passages:"));
      for (const [n, excerpt] of answer.related.entries()) lines.push(...excerptLines(excerpt, n + 1, style));
    }
    return lines.join("\n");
  }
  const lines: string[] = [];
  if (answer.answer !== null) lines.push(`${style.bold("Answer:")} ${style.highlight(safe(answer.answer))}`);
  for (const [n, excerpt] of answer.excerpts.entries()) lines.push(...excerptLines(excerpt, n + 1, style));
  return lines.join("\n");
}
