import { describe, expect, it } from "vitest";
import { generateQuiz, QUIZ_BLANK, type QuizQuestion } from "../../src/core/study/quiz.ts";
import { buildTimeline, type TimelineEvent } from "../../src/core/study/timeline.ts";
import type { ReplyPayload } from "../../src/discord/format/embed.ts";
import { formatSmallTalk } from "../../src/discord/format/notices.ts";
import {
  formatQuiz,
  formatTimelinePage,
  pageLines,
  type QuizView,
  timelinePageCount,
} from "../../src/discord/format/study.ts";
import { checkMessage } from "../e2e/fake-discord/validation.ts";
import { defaultEngine } from "../support/engines.ts";

const { articles } = defaultEngine().engine;

function expectAcceptedByDiscord(payload: ReplyPayload): void {
  const failure = checkMessage(payload, payload);
  expect(failure, JSON.stringify(failure?.body)).toBeUndefined();
}

function quizView(questions: QuizQuestion[], current: number, chosen: number[]): QuizView {
  return {
    takerId: "1200000000000000002",
    scope: "Lal Masjid",
    questions,
    current,
    chosen,
    scored: true,
    ttlMs: 600_000,
    buttons: {
      choice: (question, choice) => `quiz:AAAAAAAAAAA:answer:${question}:${choice}`,
      next: (question) => `quiz:AAAAAAAAAAA:next:${question}`,
    },
  };
}

describe("the quiz message", () => {
  const questions = generateQuiz(articles, { count: 10, seed: 3 });

  it("shows the blank as underscores, not as markdown underlining, with the four choices", () => {
    const [question] = questions;
    if (!question) throw new Error("expected quiz questions from the corpus");
    const [embed] = formatQuiz(quizView(questions, 0, [])).embeds;

    expect(embed?.description).toContain("\\_\\_\\_\\_\\_");
    expect(embed?.description).not.toContain(QUIZ_BLANK);
    expect(embed?.description?.match(/^\*\*[A-D]\.\*\* /gmu)).toHaveLength(4);
  });

  it("fits Discord's limits at every step of a ten-question quiz on the corpus", () => {
    const chosen: number[] = [];
    for (const [index, question] of questions.entries()) {
      expectAcceptedByDiscord(formatQuiz(quizView(questions, index, chosen)));
      chosen.push((question.correctIndex + index) % 4);
      expectAcceptedByDiscord(formatQuiz(quizView(questions, index, chosen)));
    }
    const last = formatQuiz(quizView(questions, questions.length - 1, chosen));
    expect(last.embeds[1]?.title).toMatch(/^Quiz finished: \d+ of 10 correct$/u);
  });

  it("stays within limits and pings no one with huge, hostile sentences and choices", () => {
    const [real] = questions;
    if (!real) throw new Error("expected quiz questions from the corpus");
    const hostile = `@everyone **bold** <@1200000000000000003> ${"very long words ".repeat(400)}`;
    const question: QuizQuestion = {
      ...real,
      prompt: `${hostile}${QUIZ_BLANK}${hostile}`,
      answer: "x".repeat(300),
      choices: ["x".repeat(300), `@here ${"y".repeat(300)}`, "`code`", "||spoiler||"],
      correctIndex: 0,
      citation: {
        ...real.citation,
        sentence: `${hostile}${"x".repeat(300)}${hostile}`,
        article: "T".repeat(300),
      },
    };
    for (const chosen of [[], [1]]) {
      const payload = formatQuiz(quizView([question], 0, chosen));
      expectAcceptedByDiscord(payload);
      const text = JSON.stringify(payload.embeds);
      expect(text).not.toMatch(/@everyone|@here/u);
    }
  });
});

describe("timeline pages", () => {
  const [real] = buildTimeline(articles);

  it("keep every event exactly once, in order, each page within the embed limits", () => {
    if (!real) throw new Error("expected a timeline");
    const events: TimelineEvent[] = Array.from({ length: 57 }, (_, n) => ({
      ...real,
      label: String(1900 + n),
      summary: `${"A long summary with **markdown** and @everyone ".repeat(8)}${n}`,
    }));
    const pageCount = timelinePageCount(events);
    const shown: string[] = [];
    for (let page = 0; page < pageCount; page++) {
      const payload = formatTimelinePage({
        scope: null,
        events,
        page,
        buttons: { previous: "timeline:x:prev", next: "timeline:x:next" },
      });
      expectAcceptedByDiscord(payload);
      shown.push(...(payload.embeds[0]?.description?.split("\n") ?? []));
    }
    expect(shown.map((line) => line.slice(2, 6))).toEqual(events.map((event) => event.label));
    expect(pageCount).toBeGreaterThan(5);
  });

  it("pack lines by count and by length", () => {
    expect(pageLines(["a", "b", "c", "d", "e"], 2, 100)).toEqual([["a", "b"], ["c", "d"], ["e"]]);
    expect(pageLines(["aaaa", "bbbb", "cc"], 10, 9)).toEqual([["aaaa", "bbbb"], ["cc"]]);
  });
});

describe("small talk", () => {
  const help = { botUserId: "1100000000000000001", articleTitles: ["Lal Masjid"], everyMessageHere: false };
  const bot = { name: "wiki-study-bot", version: "0.1.0" };

  it("answers greetings, thanks, farewells and 'who made you' in one short line, and 'what can you do' with the help", () => {
    for (const utterance of ["greeting", "thanks", "creator", "farewell"] as const) {
      const reply = formatSmallTalk(utterance, help, bot);
      expect(reply.embeds).toEqual([]);
      expect(reply.content?.length).toBeLessThan(300);
    }
    expect(formatSmallTalk("greeting", help, bot).content).toContain("**Lal Masjid**");
    expect(formatSmallTalk("creator", help, bot).content).toContain("wiki-study-bot");
    expect(formatSmallTalk("capabilities", help, bot).embeds[0]?.title).toBe("How to ask me");
  });
});
