import type { QuestionProblem } from "./format/notices.ts";
import { cleanText } from "./text.ts";

/** A question ready for the engine, or why it was refused. */
export type CheckedQuestion = { ok: true; question: string } | { ok: false; problem: QuestionProblem };

/**
 * Cleans what a user typed (invisible characters, extra whitespace) and refuses it when nothing is left or
 * when it is longer than `max` characters.
 */
export function checkQuestion(typed: string, max: number): CheckedQuestion {
  const question = cleanText(typed);
  if (question === "") return { ok: false, problem: { kind: "empty" } };
  if (question.length > max)
    return { ok: false, problem: { kind: "too-long", length: question.length, max } };
  return { ok: true, question };
}

/** A message's text without the mentions of the bot (`<@id>` and the legacy `<@!id>`). */
export function withoutBotMention(content: string, botUserId: string): string {
  return content.replaceAll(`<@${botUserId}>`, " ").replaceAll(`<@!${botUserId}>`, " ").trim();
}
