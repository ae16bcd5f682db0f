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
export function safe(text: string): string {
  return text.replace(/(?![\n\t])\p{Cc}/gu, "");
}

/** Where a quoted text comes from, as answers, quizzes and timelines cite it. */
export interface TerminalCitation {
  article: string;
  section: string;
  passageId: string;
  url: string | null;
}

/** `— Article › Section (passage-id) <url>`, dimmed. */
export function citationText(source: TerminalCitation, style: TerminalStyle): string {
  const link = source.url ? ` <${source.url}>` : "";
  return style.dim(`— ${safe(source.article)} › ${safe(source.section)} (${source.passageId})${link}`);
}

/** Text with the span [start, end) highlighted; the whole text plain when there is no span. */
export function highlightSpan(
  text: string,
  span: { start: number; end: number } | null,
  style: TerminalStyle,
): string {
  if (span === null) return safe(text);
  return `${safe(text.slice(0, span.start))}${style.highlight(safe(text.slice(span.start, span.end)))}${safe(text.slice(span.end))}`;
}

function excerptLines(excerpt: Excerpt, n: number, style: TerminalStyle): string[] {
  return [
    `  [${n}] ${highlightSpan(excerpt.text, excerpt.answerSpan, style)}`,
    `      ${citationText(excerpt, style)}`,
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
        : answer.reason === "nothing-asked"
          ? "I couldn't find anything to look up in that. Ask about something in the articles, e.g. “when was it built?”"
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
