/** Guidance, refusals and apologies: every short message the bot shows people outside answers and browsing. */
import type { APIEmbed } from "discord.js";
import type { Utterance } from "../../core/conversation/small-talk.ts";
import type { Vote, VoteOutcome } from "../../storage/feedback.ts";
import type { RateDecision } from "../../storage/rate-limits.ts";
import type { Refusal } from "../server-rules.ts";
import { inlineCode, markdownText, plainText } from "../text.ts";
import { embedColors, fitEmbed, joinBlocks, type ReplyPayload } from "./embed.ts";
import type { BotIdentity } from "./library.ts";

/** Why a question (or search query) was refused before answering. */
export type QuestionProblem = { kind: "empty" } | { kind: "too-long"; length: number; max: number };

function tooLong(what: string, problem: { length: number; max: number }): string {
  return `That ${what} is ${problem.length} characters long; please keep it under ${problem.max}.`;
}

/** The refusal for a question that is empty or too long. */
export function questionRefusal(problem: QuestionProblem): string {
  return problem.kind === "empty"
    ? "Please type a question, for example `/ask question: When was it built?`"
    : `${tooLong("question", problem)} One question at a time works best.`;
}

/** The refusal for a search query that is empty or too long. */
export function searchRefusal(problem: QuestionProblem): string {
  return problem.kind === "empty"
    ? "Please type the words to look for, for example `/search query: history`"
    : tooLong("search", problem);
}

export const apology =
  "Sorry, something went wrong on my side while answering. It has been logged; please try again in a moment.";

export const restartingNotice = "I'm restarting right now; please try again in a minute.";

/** The reply to anything that needs the engine while it is first built; `fraction` is the share done, 0–1. */
export function indexBuildingNotice(fraction: number): string {
  return `The index is being built (${Math.floor(fraction * 100)}%); try again in a minute.`;
}

export const unknownCommandNotice =
  "I don't know this command (my command list may have changed). Try `/help` to see what I can do.";

export const staleButtonNotice = "This button no longer works. Run the command again.";

/** A role mention; shown as the role's name, and never a ping, since replies allow no mentions. */
export const roleMention = (roleId: string): string => `<@&${roleId}>`;

/** A channel mention, shown as the channel's name. */
export const channelMention = (channelId: string): string => `<#${channelId}>`;

/** Why a slash command was turned away by the server's settings (always shown privately). */
export function refusalNotice(refusal: Refusal): string {
  switch (refusal.reason) {
    case "role":
      return `On this server, only members with one of these roles can ask me: ${refusal.allowedRoleIds.map(roleMention).join(", ")}. \`/help\` still works.`;
    case "lookups-off":
      return "The moderators of this server have turned `/search` and `/passage` off. You can still ask with `/ask`.";
    case "dm-off":
      return "I don't answer questions in direct messages. Ask me in a server we share, with `/ask` or by mentioning me.";
    case "not-moderator":
      return "Only members with the **Manage Server** permission can change my settings. Nothing was changed.";
  }
}

/** The reaction left, once, on a plain-message question that came too soon. */
export const waitReaction = "⏳";

/**
 * The one notice a member gets when a question comes too soon, saying how long to wait. Further attempts
 * during the same wait get only {@link waitReaction}.
 */
export function rateLimitNotice(decision: Extract<RateDecision, { allowed: false }>): string {
  const wait = `${decision.retryAfterSeconds} second${decision.retryAfterSeconds === 1 ? "" : "s"}`;
  return decision.reason === "cooldown"
    ? `${waitReaction} One question at a time: you can ask again in ${wait}. (This server's moderators set the cooldown.)`
    : `${waitReaction} This server has reached its limit of questions per minute. Please try again in ${wait}.`;
}

/** A duration in whole minutes, at least one: "10 minutes". */
function minutes(ms: number): string {
  const count = Math.max(1, Math.round(ms / 60_000));
  return `${count} minute${count === 1 ? "" : "s"}`;
}

/** A paging button pressed after its search expired (or after the bot restarted). */
export function searchExpiredNotice(ttlMs: number): string {
  return `These search results have expired (pages can be turned for ${minutes(ttlMs)}). Run \`/search\` again to browse them.`;
}

export const notYourSearchNotice =
  "Only the person who ran this search can turn its pages. Run `/search` yourself to browse the results.";

/** A paging button pressed after its timeline expired (or after the bot restarted). */
export function timelineExpiredNotice(ttlMs: number): string {
  return `This timeline has expired (pages can be turned for ${minutes(ttlMs)}). Run \`/timeline\` again to browse it.`;
}

export const notYourTimelineNotice =
  "Only the person who asked for this timeline can turn its pages. Run `/timeline` yourself to browse it.";

/** A quiz button pressed after the quiz expired (or after the bot restarted). */
export function quizExpiredNotice(ttlMs: number): string {
  return `This quiz has ended: a quiz stops ${minutes(ttlMs)} after its last answer. Start a new one with \`/quiz\`.`;
}

export const notYourQuizNotice =
  "This is someone else's quiz, so only they can answer. Start your own with `/quiz`!";

/** A `count` outside what `/quiz` accepts (Discord checks it only as registered, and registrations go stale). */
export function quizCountNotice(min: number, max: number): string {
  return `A quiz has from ${min} to ${max} questions. Nothing was started.`;
}

/** A `section` option naming no section (of the article, when one was chosen). */
export function unknownSectionNotice(typed: string, article: string | null): string {
  const where = article === null ? "in the articles" : `in **${markdownText(article, 100)}**`;
  return `There is no section called “${markdownText(typed, 100)}” ${where}. Pick one from the suggestions, or see \`/sections\`.`;
}

/** The articles (or the chosen article or section) hold no sentence a question can be made from. */
export function noQuizQuestionsNotice(scope: string | null): string {
  const what = scope === null ? "the articles" : `**${markdownText(scope, 200)}**`;
  return `I can't make quiz questions from ${what}: it states no dates, numbers or names I can ask about. Try another section, or leave \`section\` out.`;
}

export const leaderboardInDirectMessagesNotice =
  "Leaderboards belong to servers: run `/leaderboard` in a server. Quizzes in direct messages are not scored.";

const voteEmoji: Record<Vote, string> = { up: "👍", down: "👎" };

/** The private acknowledgement of a 👍 / 👎 press. */
export function voteNotice(outcome: VoteOutcome, vote: Vote): string {
  switch (outcome) {
    case "recorded":
      return `Thanks — noted ${voteEmoji[vote]}`;
    case "unchanged":
      return `You already voted ${voteEmoji[vote]} on this answer — noted.`;
    case "changed":
      return `Thanks — changed to ${voteEmoji[vote]}. Your vote on this answer is now final.`;
    case "final":
      return "Your vote on this answer is already final.";
  }
}

/** A vote button pressed after the bot forgot the answer (too old, or the bot restarted since). */
export function votesClosedNotice(windowMs: number): string {
  const hours = Math.max(1, Math.round(windowMs / 3_600_000));
  return `Voting on this answer has closed: answers take votes for ${hours} hour${hours === 1 ? "" : "s"} (and not across a restart of the bot). Thanks anyway!`;
}

/** An `article` option naming no article. */
export function unknownArticleNotice(typed: string): string {
  return `There is no article called “${markdownText(typed, 100)}”. Pick one from the suggestions, or see \`/sections\` for the list.`;
}

/** A `/passage` id that does not exist, with close ids when there are some. */
export function unknownPassageNotice(typed: string, suggestions: readonly string[]): string {
  const close =
    suggestions.length > 0 ? ` Did you mean ${suggestions.map((id) => inlineCode(id)).join(", ")}?` : "";
  return `There is no passage “${markdownText(typed, 100)}”. Start typing to get suggestions, or see \`/sections\`.${close}`;
}

/** What `/help` and a bare mention show. */
export interface HelpContext {
  botUserId: string;
  articleTitles: readonly string[];
  /** Whether every message in the channel where help was asked counts as a question. */
  everyMessageHere: boolean;
}

/** How to ask: the slash command, a mention, a DM, with examples, and the browsing commands. */
export function formatHelp(context: HelpContext): ReplyPayload {
  const titles = context.articleTitles.map((title) => `**${markdownText(title, 100)}**`);
  const subject = joinBlocks(titles, 600, ", ", (n) => `and ${n} more`);
  const [firstTitle] = context.articleTitles;
  const example = firstTitle ? `What is ${plainText(firstTitle, 80)}?` : "When was it built?";
  const mention = `<@${context.botUserId}>`;
  const lines = [
    `I answer questions about ${subject || "the study articles"}, quoting the passages I use.`,
    "",
    "**Ask**",
    `• Slash command: ${inlineCode(`/ask question: ${example}`)} (add \`private: True\` to see the answer alone)`,
    `• Mention me: ${mention} When was it built?`,
    "• Direct message: send me your question in a DM.",
    ...(context.everyMessageHere ? ["• In this channel, every message is taken as a question."] : []),
    "",
    "• Follow-ups work for 10 minutes: *when was it rebuilt?*, *what about …?*, *tell me more*",
    "",
    "**Browse**",
    "• `/search query: <words>` lists the passages that mention them, page by page",
    "• `/passage id: <id>` shows one passage in full (ids are in every answer)",
    "• `/sections` shows each article's table of contents",
    "• `/timeline` lists the dated events in order",
    "• `/about` shows the sources, licences and my version",
    "",
    "**Practise**",
    "• `/quiz` asks multiple-choice questions from the articles; `/leaderboard` shows this server's best",
  ];
  const embed: APIEmbed = {
    color: embedColors.info,
    title: "How to ask me",
    description: lines.join("\n"),
    footer: { text: "Answers come only from the articles; if they don't say, I'll tell you." },
  };
  return { embeds: [fitEmbed(embed)] };
}

/** A brief reply to small talk, without searching: the help for "what can you do", a line otherwise. */
export function formatSmallTalk(
  utterance: Exclude<Utterance, "question">,
  help: HelpContext,
  bot: BotIdentity,
): ReplyPayload {
  const [firstTitle] = help.articleTitles;
  const subject =
    help.articleTitles.length === 1 && firstTitle
      ? `**${markdownText(firstTitle, 100)}**`
      : "the study articles";
  const lines: Record<Exclude<Utterance, "question" | "capabilities">, string> = {
    greeting: `Hi! Ask me anything about ${subject} — for example *When was it built?* — or test yourself with \`/quiz\`.`,
    thanks: "You're welcome! Ask me anything else about the articles whenever you like.",
    creator: `I'm **${markdownText(bot.name, 100)}** v${markdownText(bot.version, 40)}, a study assistant run by this bot's operator. I only quote the articles listed in \`/about\`, so you can check every answer.`,
    farewell: "Bye — good luck with your studies!",
  };
  if (utterance === "capabilities") return formatHelp(help);
  return { content: lines[utterance], embeds: [] };
}
