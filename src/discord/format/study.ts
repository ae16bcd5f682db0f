/** Practising: quiz questions and their reveal, the quiz summary, the leaderboard, timeline pages. */
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import { countCorrect, QUIZ_BLANK, type QuizQuestion } from "../../core/study/quiz.ts";
import type { TimelineEvent } from "../../core/study/timeline.ts";
import type { Leaderboard, RankedScore } from "../../storage/quiz-scores.ts";
import { discordLimits } from "../limits.ts";
import { cleanText, escapeMarkdown, markdownText, plainText } from "../text.ts";
import { citation, citationLine, quoteExcerpt } from "./answer.ts";
import {
  embedColors,
  fitEmbed,
  joinBlocks,
  type PagingButtonIds,
  pagingRow,
  type ReplyPayload,
} from "./embed.ts";

/** Letters of the four choices, as buttons and in the list. */
const choiceLetters = ["A", "B", "C", "D"] as const;
/** The blank of a prompt, escaped so Discord shows underscores rather than underlining. */
const shownBlank = escapeMarkdown(QUIZ_BLANK);
/** A prompt or cited sentence is shown at most this long. */
const maxSentenceLength = 900;
const maxChoiceLength = 200;

const userMention = (userId: string): string => `<@${userId}>`;
const letterOf = (index: number): string => choiceLetters[index] ?? "?";

/** A quiz as the taker sees it right now. */
export interface QuizView {
  /** Who takes it; shown as a mention, which pings no one in an embed. */
  takerId: string;
  /** What the questions are about ("Lal Masjid › History"); null for every article. */
  scope: string | null;
  questions: readonly QuizQuestion[];
  /** Index of the question on screen. */
  current: number;
  /** The choice made for each question answered so far. */
  chosen: readonly number[];
  /** Whether answers count on a server's leaderboard (not in direct messages). */
  scored: boolean;
  /** How long the quiz waits for an answer (ms), for the footer. */
  ttlMs: number;
  /** Custom ids: the choice buttons of question `q`, and the button that shows question `q`. */
  buttons: { choice: (question: number, choice: number) => string; next: (question: number) => string };
}

/** The question's prompt with the blank visible, escaped. */
function promptText(question: QuizQuestion): string {
  const [before = "", after = ""] = question.prompt.split(QUIZ_BLANK);
  const shown = (text: string) => escapeMarkdown(cleanText(text, { trim: false }));
  const text = `${shown(before).trimStart()}${shownBlank}${shown(after).trimEnd()}`;
  return text.length <= maxSentenceLength ? text : markdownText(question.prompt, maxSentenceLength);
}

/** The cited sentence with the answer in bold, then its citation. */
function citedSentence(question: QuizQuestion): string {
  const start = question.prompt.indexOf(QUIZ_BLANK);
  const span = start < 0 ? null : { start, end: start + question.answer.length };
  return `> ${quoteExcerpt(question.citation.sentence, span, maxSentenceLength)}\n${citationLine(question.citation)}`;
}

const choiceLine = (question: QuizQuestion, index: number): string =>
  `**${letterOf(index)}.** ${markdownText(question.choices[index] ?? "", maxChoiceLength)}`;

/** The A–D buttons: live while the question is open, then disabled and coloured by the result. */
function choiceRow(view: QuizView, index: number): APIActionRowComponent<APIButtonComponent> {
  const question = view.questions[index] as QuizQuestion;
  const picked = view.chosen[index];
  return {
    type: ComponentType.ActionRow,
    components: question.choices.map((_, choice) => ({
      type: ComponentType.Button,
      style:
        picked === undefined
          ? ButtonStyle.Primary
          : choice === question.correctIndex
            ? ButtonStyle.Success
            : choice === picked
              ? ButtonStyle.Danger
              : ButtonStyle.Secondary,
      label: letterOf(choice),
      custom_id: view.buttons.choice(index, choice),
      disabled: picked !== undefined,
    })),
  };
}

const scoreOf = (view: QuizView): number => countCorrect(view.questions, view.chosen);

function quizAuthor(view: QuizView): APIEmbed["author"] {
  return { name: plainText(`Quiz · ${view.scope ?? "all articles"}`, discordLimits.authorName) };
}

/** The open question: the blanked sentence and the four choices. */
function questionEmbed(view: QuizView, index: number): APIEmbed {
  const question = view.questions[index] as QuizQuestion;
  const minutes = Math.max(1, Math.round(view.ttlMs / 60_000));
  return {
    color: embedColors.info,
    author: quizAuthor(view),
    title: `Question ${index + 1} of ${view.questions.length}`,
    description: [
      `${userMention(view.takerId)}, fill in the blank:`,
      `> ${promptText(question)}`,
      question.choices.map((_, choice) => choiceLine(question, choice)).join("\n"),
    ].join("\n\n"),
    footer: {
      text: `Only the quiz taker can answer · the quiz ends ${minutes} minute${minutes === 1 ? "" : "s"} after the last answer`,
    },
  };
}

/** The answered question: right or wrong, the correct choice, and the cited sentence. */
function revealEmbed(view: QuizView, index: number): APIEmbed {
  const question = view.questions[index] as QuizQuestion;
  const picked = view.chosen[index] ?? -1;
  const right = picked === question.correctIndex;
  const correct = `${letterOf(question.correctIndex)}. ${markdownText(question.answer, maxChoiceLength)}`;
  const lines = [...(right ? [] : [`You chose ${choiceLine(question, picked)}.`]), citedSentence(question)];
  return {
    color: right ? embedColors.answer : embedColors.noAnswer,
    author: quizAuthor(view),
    title: right ? `✅ Correct: ${correct}` : `❌ Not quite: the answer is ${correct}`,
    description: lines.join("\n\n"),
    footer: {
      text: `Question ${index + 1} of ${view.questions.length} · score ${scoreOf(view)}/${view.chosen.length}`,
    },
  };
}

/** The end of the quiz: the score and each question's answer with its passage id. */
function summaryEmbed(view: QuizView): APIEmbed {
  const lines = view.questions.map((question, index) => {
    const picked = view.chosen[index];
    const answer = markdownText(question.answer, 80);
    const result =
      picked === question.correctIndex
        ? `✅ **${index + 1}.** ${answer}`
        : `❌ **${index + 1}.** ${answer} (you chose ${markdownText(question.choices[picked ?? -1] ?? "nothing", 80)})`;
    return `${result} · ${citation(question.citation)}`;
  });
  return {
    color: embedColors.info,
    title: `Quiz finished: ${scoreOf(view)} of ${view.questions.length} correct`,
    description: joinBlocks(lines, 3000, "\n", (n) => `…and ${n} more`),
    footer: {
      text: view.scored
        ? "Your answers count on this server's /leaderboard · /quiz for another round"
        : "Quizzes in direct messages are not scored · /quiz for another round",
    },
  };
}

/**
 * The quiz message as it stands: the open question with A–D buttons; once answered, the reveal with a
 * "Next question" button, or after the last question the reveal and the summary.
 */
export function formatQuiz(view: QuizView): ReplyPayload {
  const index = view.current;
  if (view.chosen.length <= index) {
    return { embeds: [fitEmbed(questionEmbed(view, index))], components: [choiceRow(view, index)] };
  }
  const last = index + 1 >= view.questions.length;
  const next: APIActionRowComponent<APIButtonComponent> = {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Primary,
        label: "Next question",
        custom_id: view.buttons.next(index + 1),
      },
    ],
  };
  return {
    embeds: last
      ? [fitEmbed(revealEmbed(view, index)), fitEmbed(summaryEmbed(view))]
      : [fitEmbed(revealEmbed(view, index))],
    components: last ? [choiceRow(view, index)] : [choiceRow(view, index), next],
  };
}

/** How many are listed on the leaderboard. */
export const leaderboardSize = 10;

function scoreLine(score: RankedScore, you: boolean): string {
  const accuracy = score.answered === 0 ? 0 : Math.round((100 * score.correct) / score.answered);
  const line = `**${score.rank}.** ${userMention(score.userId)} — ${score.correct} correct of ${score.answered} (${accuracy}%)`;
  return you ? `${line} ← you` : line;
}

/** `/leaderboard`: the server's best quiz takers, and the caller's own rank wherever it is. */
export function formatLeaderboard(board: Leaderboard, callerId: string): ReplyPayload {
  if (board.top.length === 0) {
    const embed: APIEmbed = {
      color: embedColors.info,
      title: "Quiz leaderboard",
      description: "No one has answered a quiz question on this server yet. Be the first: `/quiz`!",
    };
    return { embeds: [fitEmbed(embed)] };
  }
  const lines = board.top.map((score) => scoreLine(score, score.userId === callerId));
  const listed = board.top.some((score) => score.userId === callerId);
  const yours =
    board.you === null
      ? ["", "You have no score here yet: `/quiz` gets you on the board."]
      : listed
        ? []
        : ["…", scoreLine(board.you, true)];
  const embed: APIEmbed = {
    color: embedColors.info,
    title: "Quiz leaderboard",
    description: [...lines, ...yours].join("\n"),
    footer: {
      text: `${board.players} player${board.players === 1 ? "" : "s"} · ranked by correct answers, then fewer tries`,
    },
  };
  return { embeds: [fitEmbed(embed)] };
}

/** Most events on one timeline page. */
const eventsPerPage = 10;

/** One event as a line: `**1965** — summary ([Article › Section](url) · `id`)`. */
export function timelineLine(event: TimelineEvent): string {
  return `**${markdownText(event.label, 60)}** — ${markdownText(event.summary, 300)} (${citation(event)})`;
}

/**
 * Splits lines into pages of at most `perPage` lines that fit in `maxChars` joined by newlines; a line too
 * long for a page of its own is shortened.
 */
export function pageLines(lines: readonly string[], perPage: number, maxChars: number): string[][] {
  const pages: string[][] = [];
  let page: string[] = [];
  let size = 0;
  for (const line of lines) {
    const fitted = joinBlocks([line], maxChars, "\n", () => "");
    const added = (page.length > 0 ? 1 : 0) + fitted.length;
    if (page.length > 0 && (page.length >= perPage || size + added > maxChars)) {
      pages.push(page);
      page = [];
      size = 0;
    }
    size += (page.length > 0 ? 1 : 0) + fitted.length;
    page.push(fitted);
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/** One page of a timeline. */
export interface TimelinePage {
  /** Title of the article it covers; null for every article. */
  scope: string | null;
  events: readonly TimelineEvent[];
  /** 0-based; a page past the end shows the last one. */
  page: number;
  /** Custom ids of the Previous and Next buttons of this page (used only when there are several pages). */
  buttons: PagingButtonIds;
}

/** The pages of a timeline, for paging buttons to check a page number against. */
export function timelinePageCount(events: readonly TimelineEvent[]): number {
  return pageLines(events.map(timelineLine), eventsPerPage, discordLimits.embedDescription).length;
}

/** `/timeline`: dated events, earliest first, one line each, with paging buttons when there are several pages. */
export function formatTimelinePage(view: TimelinePage): ReplyPayload {
  const about = view.scope === null ? "the articles" : markdownText(view.scope, 200);
  const title = `Timeline of ${about}`;
  if (view.events.length === 0) {
    const embed: APIEmbed = {
      color: embedColors.noAnswer,
      title,
      description: `I found no dated events in ${about}. \`/sections\` shows what it covers.`,
    };
    return { embeds: [fitEmbed(embed)] };
  }
  const pages = pageLines(view.events.map(timelineLine), eventsPerPage, discordLimits.embedDescription);
  const page = Math.min(Math.max(0, view.page), pages.length - 1);
  const count = view.events.length;
  const embed: APIEmbed = {
    color: embedColors.info,
    title,
    description: (pages[page] ?? []).join("\n"),
    footer: {
      text: `Page ${page + 1} of ${pages.length} · ${count} event${count === 1 ? "" : "s"} · /passage <id> shows one in full`,
    },
  };
  return {
    embeds: [fitEmbed(embed)],
    components: pages.length > 1 ? [pagingRow(page, pages.length, view.buttons)] : [],
  };
}
