/**
 * The terminal chat's wording: help, small talk, browsing (search, passage, sections, about), timelines and
 * quizzes, as plain lines with optional ANSI styles. The same data the slash commands show, worded for a
 * terminal; answers themselves are formatted by terminal-format.ts.
 */
import { defaultConversationOptions } from "../core/conversation/follow-up.ts";
import type { Utterance } from "../core/conversation/small-talk.ts";
import type { PassageInContext } from "../core/engine.ts";
import { type ScopeProblem, tableOfContents } from "../core/lookup.ts";
import { countCorrect, QUIZ_BLANK, type QuizQuestion } from "../core/study/quiz.ts";
import type { TimelineEvent } from "../core/study/timeline.ts";
import type { Article } from "../core/types.ts";
import type { BotIdentity } from "../discord/format/library.ts";
import { trimText } from "../discord/text.ts";
import { citationText, highlightSpan, safe, type TerminalStyle } from "./terminal-format.ts";

/** How much of a passage a search result shows. */
const snippetLength = 240;
/** Letters of a quiz's four choices, typed to answer. */
export const choiceLetters = ["A", "B", "C", "D"] as const;

/** `1 passage`, `3 passages`. */
export const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;
const letterOf = (index: number): string => choiceLetters[index] ?? "?";

/** The commands of the chat and what they do, as `/help` lists them. */
const commands: ReadonlyArray<[string, string]> = [
  ["/search <words>", "passages that mention the words, with their ids"],
  ["/passage <id>", "one passage in full (ids are in every answer)"],
  ["/sections [article]", "each article's table of contents"],
  ["/timeline [article]", "the dated events, earliest first"],
  ["/quiz [count] [article or section]", "multiple-choice questions; type A–D to answer"],
  ["/about", "the articles' sources and licences, and this program's version"],
  ["/help", "this list"],
  ["/quit", "leave (Ctrl-D works too)"],
];

/** The reply to a line typed while the index is first built; `fraction` is the share done, 0–1. */
export function formatIndexBuilding(fraction: number): string {
  return `The index is being built (${Math.floor(fraction * 100)}%); try again in a minute.`;
}

/** How to use the chat: asking, follow-ups, and the commands. */
export function formatChatHelp(articles: readonly Article[], style: TerminalStyle): string {
  const titles = articles.map((article) => safe(article.title)).join(", ");
  const minutes = Math.round(defaultConversationOptions.ttlMs / 60_000);
  const width = Math.max(...commands.map(([command]) => command.length));
  return [
    `I answer questions about ${titles || "the study articles"}, quoting the passages I use.`,
    "",
    style.bold("Ask"),
    "  Type a question: when was it built?",
    `  Follow-ups work for ${minutes} minutes: when was it rebuilt?  what about …?  why?  tell me more  what happened after that`,
    "",
    style.bold("Commands"),
    ...commands.map(([command, what]) => `  ${command.padEnd(width)}  ${what}`),
  ].join("\n");
}

/** A brief reply to small talk; "what can you do" gets the help. */
export function formatChatSmallTalk(
  utterance: Exclude<Utterance, "question">,
  articles: readonly Article[],
  bot: BotIdentity,
  style: TerminalStyle,
): string {
  const [first] = articles;
  const subject = articles.length === 1 && first ? safe(first.title) : "the study articles";
  switch (utterance) {
    case "capabilities":
      return formatChatHelp(articles, style);
    case "greeting":
      return `Hi! Ask me anything about ${subject} — for example “when was it built?” — or test yourself with /quiz.`;
    case "thanks":
      return "You're welcome! Ask me anything else about the articles whenever you like.";
    case "creator":
      return `I'm ${safe(bot.name)} v${safe(bot.version)}, a study assistant. I only quote the articles listed in /about, so you can check every answer.`;
    case "farewell":
      return "Bye — good luck with your studies! (/quit leaves the chat.)";
  }
}

/** "tell me more" or "what happened after that" when the articles have nothing further. */
export function formatNothingMore(continuation: "more" | "after", style: TerminalStyle): string {
  return style.bold(
    continuation === "more"
      ? "That's all the articles say about it. Ask another question, or try /search."
      : "The article says nothing after that. Ask another question, or see /sections.",
  );
}

/** The line under an answer that leaned on the previous question. */
export function formatUnderstoodAs(question: string, style: TerminalStyle): string {
  return style.dim(`(understood as: ${safe(question)})`);
}

/** `/search`: numbered passages with their ids and a snippet, best first. */
export function formatSearchResults(
  query: string,
  entries: ReadonlyArray<Pick<PassageInContext, "passage" | "article">>,
  total: number,
  style: TerminalStyle,
): string {
  if (entries.length === 0) {
    return `Nothing in the articles matches “${safe(query)}”. Try fewer or other words, or ask a question.`;
  }
  const lines = [style.bold(`Passages matching “${safe(query)}” (${plural(total, "passage")}):`)];
  entries.forEach(({ passage, article }, n) => {
    lines.push(`  ${n + 1}. ${passage.id} · ${safe(article.title)} › ${safe(passage.sectionHeading)}`);
    lines.push(`     ${safe(trimText(passage.text, snippetLength))}`);
  });
  if (total > entries.length)
    lines.push(style.dim(`  …and ${total - entries.length} more; add words to narrow the search.`));
  lines.push(style.dim("/passage <id> shows one in full."));
  return lines.join("\n");
}

/** `/passage`: the passage in full with the ids around it. */
export function formatPassageInFull(
  { passage, article, previousId, nextId }: PassageInContext,
  style: TerminalStyle,
): string {
  const source = article.url ? ` <${article.url}>` : "";
  return [
    style.bold(`${safe(article.title)} › ${safe(passage.sectionHeading)} (${passage.id})`),
    safe(passage.text),
    style.dim(
      `previous: ${previousId ?? "none (start of the article)"} · next: ${nextId ?? "none (end of the article)"}`,
    ),
    style.dim(`${article.license ? `licence: ${safe(article.license)}` : "licence unknown"}${source}`),
  ].join("\n");
}

/** A passage id that does not exist, with close ids when there are some. */
export function formatUnknownPassage(typed: string, suggestions: readonly string[]): string {
  const close = suggestions.length > 0 ? ` Did you mean ${suggestions.join(", ")}?` : "";
  return `There is no passage “${safe(typed)}”; see /sections for where each section starts.${close}`;
}

/** An article or section that names nothing. */
export function formatScopeProblem(problem: ScopeProblem): string {
  if (problem.problem === "unknown-article") {
    return `There is no article called “${safe(problem.typed)}”. /sections lists them.`;
  }
  const where = problem.article === null ? "the articles" : safe(problem.article);
  return `There is no article or section called “${safe(problem.typed)}” in ${where}. /sections lists them.`;
}

/** `/sections`: each article's sections with their passage counts and first passage ids. */
export function formatContents(articles: readonly Article[], style: TerminalStyle): string {
  return articles
    .map((article) => {
      const rows = tableOfContents(article).map((row) => {
        const count = row.passages === 0 ? "no passages" : plural(row.passages, "passage");
        const first = row.firstId ? ` · from ${row.firstId}` : "";
        return `  ${safe(row.heading)} · ${count}${first}`;
      });
      return [style.bold(`${safe(article.title)} (${article.id})`), ...rows].join("\n");
    })
    .join("\n\n");
}

/** `/about`: the articles' sources, licences, categories and links, and this program's version. */
export function formatAboutChat(
  articles: readonly Article[],
  bot: BotIdentity,
  style: TerminalStyle,
): string {
  const blocks = articles.map((article) => {
    const lines = [style.bold(safe(article.title))];
    lines.push(
      `  source: ${article.url ?? "unknown"} · ${article.license ? `licence: ${safe(article.license)}` : "licence unknown"}`,
    );
    if (article.categories.length > 0) lines.push(`  categories: ${article.categories.map(safe).join(", ")}`);
    if (article.externalLinks.length > 0)
      lines.push(`  external links: ${article.externalLinks.map(safe).join(", ")}`);
    lines.push(
      `  ${plural(article.sections.length, "section")}, ${plural(article.passages.length, "passage")}`,
    );
    return lines.join("\n");
  });
  return [
    "I answer using only these articles and quote the passages I rely on; check the sources before you cite anything.",
    "",
    ...blocks.flatMap((block) => [block, ""]),
    style.dim(`${safe(bot.name)} v${safe(bot.version)}`),
  ].join("\n");
}

/** `/timeline`: the dated events, earliest first, one per line with its citation. */
export function formatTimeline(
  scope: string | null,
  events: readonly TimelineEvent[],
  style: TerminalStyle,
): string {
  const about = scope === null ? "the articles" : safe(scope);
  if (events.length === 0) return `I found no dated events in ${about}. /sections shows what it covers.`;
  return [
    style.bold(`Timeline of ${about} (${plural(events.length, "event")}):`),
    ...events.flatMap((event) => [
      `  ${style.bold(safe(event.label))} — ${safe(event.summary)}`,
      `      ${citationText(event, style)}`,
    ]),
  ].join("\n");
}

/** A quiz question: the sentence with its blank, and the four lettered choices. */
export function formatQuizQuestion(
  question: QuizQuestion,
  index: number,
  total: number,
  scope: string | null,
  style: TerminalStyle,
): string {
  return [
    style.bold(
      `Question ${index + 1} of ${total}${scope === null ? "" : ` · ${safe(scope)}`}: fill in the blank`,
    ),
    `  ${safe(question.prompt)}`,
    ...question.choices.map((choice, n) => `  ${letterOf(n)}. ${safe(choice)}`),
    style.dim("Type A, B, C or D (/stop ends the quiz)."),
  ].join("\n");
}

/** The reveal after an answer: right or wrong, the correct choice, the whole sentence and its source. */
export function formatQuizReveal(question: QuizQuestion, chosen: number, style: TerminalStyle): string {
  const correct = `${letterOf(question.correctIndex)}. ${safe(question.answer)}`;
  const start = question.prompt.indexOf(QUIZ_BLANK);
  const span = start < 0 ? null : { start, end: start + question.answer.length };
  return [
    chosen === question.correctIndex
      ? style.bold(`✅ Correct: ${correct}`)
      : style.bold(
          `❌ Not quite: the answer is ${correct} (you chose ${letterOf(chosen)}. ${safe(question.choices[chosen] ?? "")})`,
        ),
    `  ${highlightSpan(question.citation.sentence, span, style)}`,
    `      ${citationText(question.citation, style)}`,
  ].join("\n");
}

/** The end of a quiz: the score and each question's answer with its passage id. */
export function formatQuizSummary(
  questions: readonly QuizQuestion[],
  chosen: readonly number[],
  style: TerminalStyle,
): string {
  const answered = questions.slice(0, chosen.length);
  const lines = answered.map((question, n) => {
    const picked = chosen[n] ?? -1;
    const mark = picked === question.correctIndex ? "✅" : "❌";
    const yours =
      picked === question.correctIndex ? "" : ` (you chose ${safe(question.choices[picked] ?? "nothing")})`;
    return `  ${mark} ${n + 1}. ${safe(question.answer)}${yours} · ${question.citation.passageId}`;
  });
  const stopped = answered.length < questions.length ? ` (stopped after ${answered.length})` : "";
  return [
    style.bold(`Quiz finished: ${countCorrect(questions, chosen)} of ${answered.length} correct${stopped}`),
    ...lines,
    style.dim("/quiz for another round."),
  ].join("\n");
}

/** A quiz that cannot be made from the chosen articles or sections. */
export function formatNoQuizQuestions(scope: string | null): string {
  const what = scope === null ? "the articles" : safe(scope);
  return `I can't make quiz questions from ${what}: it states no dates, numbers or names I can ask about. Try another section.`;
}
