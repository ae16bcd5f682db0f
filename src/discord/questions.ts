import type { QuestionProblem } from "./format/notices.ts";
import { cleanText } from "./text.ts";

/** A question ready for the engine, or why it was refused. */
export type CheckedQuestion = { ok: true; question: string } | { ok: false; problem: QuestionProblem };

/**
 * Discord's own markup in a message: user, role and channel mentions, custom emoji, command mentions, and
 * `@everyone` / `@here`. None of it is a word of a question (`<@81…> when was it built`).
 */
const DISCORD_MARKUP = /<(?:@[!&]?\d+|#\d+|a?:\w+:\d+|\/[\w -]+:\d+)>|@(?:everyone|here)\b/gu;
/** A Discord timestamp (`<t:1183852800:D>`), which each reader sees as a date in their own time zone. */
const DISCORD_TIMESTAMP = /<t:(-?\d{1,12})(?::[tTdDfFR])?>/gu;

/** Markup dropped, and a timestamp written as the day it names (UTC), as an article would write it. */
function withoutMarkup(typed: string): string {
  return typed.replace(DISCORD_MARKUP, " ").replace(DISCORD_TIMESTAMP, (_, seconds: string) => {
    const date = new Date(Number(seconds) * 1000);
    return Number.isNaN(date.getTime())
      ? " "
      : date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  });
}

/**
 * Cleans what a user typed (Discord markup such as mentions, invisible characters, extra whitespace) and
 * refuses it when nothing is left or when it is longer than `max` characters.
 */
export function checkQuestion(typed: string, max: number): CheckedQuestion {
  const question = cleanText(withoutMarkup(typed));
  if (question === "") return { ok: false, problem: { kind: "empty" } };
  if (question.length > max)
    return { ok: false, problem: { kind: "too-long", length: question.length, max } };
  return { ok: true, question };
}
