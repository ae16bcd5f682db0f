import { beforeAll, describe, expect, it } from "vitest";
import type { QaEngine } from "../../src/core/engine.ts";
import type { Answer, Article, Excerpt } from "../../src/core/types.ts";
import { formatAnswer, quoteExcerpt } from "../../src/discord/format/answer.ts";
import type { ReplyPayload } from "../../src/discord/format/embed.ts";
import {
  formatAbout,
  formatPassage,
  formatSearchPage,
  formatSections,
} from "../../src/discord/format/library.ts";
import { formatHelp } from "../../src/discord/format/notices.ts";
import { checkMessage } from "../e2e/fake-discord/validation.ts";
import { defaultEngine } from "../support/engines.ts";

let engine: QaEngine;
let article: Article;

beforeAll(() => {
  engine = defaultEngine().engine;
  const [first] = engine.articles;
  if (!first) throw new Error("expected the corpus article");
  article = first;
});

/** Asserts a reply would be accepted by Discord's validation (the fake checks every documented limit). */
function expectAcceptedByDiscord(payload: ReplyPayload): void {
  const failure = checkMessage(payload, payload);
  expect(failure, JSON.stringify(failure?.body)).toBeUndefined();
  for (const row of payload.components ?? []) {
    for (const button of row.components) {
      if ("custom_id" in button) expect(button.custom_id.length).toBeLessThanOrEqual(100);
    }
  }
}

function answered(question: string): Extract<Answer, { answered: true }> {
  const answer = engine.answer(question);
  if (!answer.answered) throw new Error(`expected the corpus to answer "${question}"`);
  return answer;
}

/** The real "when was it built" answer with its first excerpt changed. */
function withExcerpt(change: (excerpt: Excerpt) => Excerpt): Answer {
  const answer = answered("when was it built");
  const [first, ...rest] = answer.excerpts;
  if (!first) throw new Error("expected an excerpt");
  return { ...answer, excerpts: [change(first), ...rest] };
}

/** A markdown masked link to the article, whole: `[label](url)`. */
const wholeCitation = /\[[^\]\n]+\]\(https:\/\/en\.wikipedia\.org\/wiki\/Lal_Masjid,_Islamabad\)/u;

describe("the answer embed", () => {
  it("puts the short answer on top and cites the excerpt with its passage id in small text", () => {
    const [embed] = formatAnswer(answered("when was it built")).embeds;

    expect(embed?.title).toBe("1965");
    expect(embed?.description).toContain(
      "It was built in **1965** and is named for its red walls and interiors.",
    );
    expect(embed?.description).toContain(
      "-# [Lal Masjid › History](https://en.wikipedia.org/wiki/Lal_Masjid,_Islamabad) · `lal-masjid/history/2`",
    );
  });

  it("says honestly that the article doesn't say when nothing answers", () => {
    const [embed] = formatAnswer(engine.answer("who won the 2022 world cup")).embeds;

    expect(embed?.title).toBe("The article doesn't say");
    expect(embed?.description).toMatch(/^Nothing in the articles matches this question/u);
  });

  it("asks for a question, without claiming the articles don't say, when a message has nothing to look for", () => {
    const payload = formatAnswer(engine.answer("lol ok"));
    expect(payload.embeds[0]?.title).toBe("Ask me a question");
    expect(payload.embeds[0]?.description).toMatch(
      /^I couldn't find anything to look up in that\. Type a question/u,
    );
    expect(payload.components ?? []).toEqual([]);
  });

  it("keeps a huge passage within the description limit, around the answer, with its citation whole", () => {
    const filler = article.passages.map((passage) => passage.text).join(" ");
    const inserted = "It was built in 1965 and is named for its red walls. ";
    const huge = `${filler.repeat(8)} ${inserted}${filler.repeat(8)}`;
    const start = huge.indexOf(inserted) + "It was built in ".length;
    const payload = formatAnswer(
      withExcerpt((excerpt) => ({ ...excerpt, text: huge, answerSpan: { start, end: start + 4 } })),
    );

    expectAcceptedByDiscord(payload);
    const description = payload.embeds[0]?.description ?? "";
    expect(huge.length).toBeGreaterThan(40_000);
    expect(description).toContain("It was built in **1965** and is named for its red walls.");
    expect(description).toMatch(wholeCitation);
    expect(description).toContain("`lal-masjid/history/2`");
  });

  it("escapes markdown and mentions in corpus text, still bolding the answer", () => {
    const text =
      "**Loud** _claim_ `code` ||spoiler|| <@123> @everyone # built in 1965 [x](https://evil.example)";
    const start = text.indexOf("1965");
    const payload = formatAnswer(
      withExcerpt((excerpt) => ({ ...excerpt, text, answerSpan: { start, end: start + 4 } })),
    );

    const description = payload.embeds[0]?.description ?? "";
    expect(description).toContain(
      "> \\*\\*Loud\\*\\* \\_claim\\_ \\`code\\` \\|\\|spoiler\\|\\| \\<@123\\> @\u200Beveryone \\# built in **1965** \\[x\\](https://evil.example)",
    );
    expectAcceptedByDiscord(payload);
  });

  it("echoes the question as plain text without zero-width or bidi characters or mass mentions", () => {
    const answer = {
      ...answered("when was it built"),
      question: "@here when\u200B was \u202Eit built\u2069?",
    };
    const [embed] = formatAnswer(answer).embeds;

    expect(embed?.author?.name).toBe("Q: @\u200Bhere when was it built?");
  });

  it("keeps right-to-left text readable and its controls out", () => {
    const text = "\u202Eلال مسجد\u202C was built in 1965.";
    const start = text.indexOf("1965");
    const [embed] = formatAnswer(
      withExcerpt((excerpt) => ({ ...excerpt, text, answerSpan: { start, end: start + 4 } })),
    ).embeds;

    expect(embed?.description).toContain("> لال مسجد was built in **1965**.");
  });

  it("shortens 200-character article and section names in citations without breaking the link", () => {
    const longTitle = `Lal Masjid ${"and its very long history ".repeat(8)}`.slice(0, 200);
    const payload = formatAnswer(
      withExcerpt((excerpt) => ({ ...excerpt, article: longTitle, section: `${longTitle} section` })),
    );

    expectAcceptedByDiscord(payload);
    const citation = (payload.embeds[0]?.description ?? "")
      .split("\n")
      .find((line) => line.startsWith("-# "));
    expect(citation).toMatch(wholeCitation);
    expect(citation?.length).toBeLessThan(300);
  });

  it("drops the citation link, never half of it, when the source URL is absurdly long", () => {
    const url = `https://en.wikipedia.org/wiki/${"Lal_Masjid_".repeat(100)}`;
    const [embed] = formatAnswer(withExcerpt((excerpt) => ({ ...excerpt, url }))).embeds;

    expect(embed?.description).toContain("-# Lal Masjid › History · `lal-masjid/history/2`");
  });

  it("shows the answer alone when the short answer itself is enormous", () => {
    expect(quoteExcerpt("x".repeat(5000), { start: 0, end: 5000 }, 300)).toMatch(/^\*\*x+…\*\*$/u);
    expect(quoteExcerpt("x".repeat(5000), { start: 0, end: 5000 }, 300).length).toBeLessThanOrEqual(300);
  });
});

describe("browsing replies", () => {
  /** The real article with a 200-character title and every passage forty times longer. */
  function bloated(index: number): Article {
    return {
      ...article,
      id: `bloated-${index}`,
      title: `${index} ${"Lal Masjid (Red Mosque) of Islamabad ".repeat(6)}`.slice(0, 200),
      categories: [...article.categories, ...article.categories.map((category) => `${category} **again**`)],
      passages: article.passages.map((passage) => ({ ...passage, text: passage.text.repeat(40) })),
    };
  }
  const many = () => Array.from({ length: 30 }, (_, index) => bloated(index));

  it("lists an article's other names in /about, which questions may use as well as its title", () => {
    const payload = formatAbout([article], { name: "wiki-study-bot", version: "0.1.0" });

    expectAcceptedByDiscord(payload);
    expect(payload.embeds[0]?.fields?.[0]?.value).toContain("Also known as: Red Mosque");
  });

  it("fits /about for thirty articles in 25 fields and 6000 characters, saying how many more there are", () => {
    const payload = formatAbout(many(), { name: "wiki-study-bot", version: "0.1.0" });

    expectAcceptedByDiscord(payload);
    const fields = payload.embeds[0]?.fields ?? [];
    expect(fields).toHaveLength(25);
    expect(fields.at(-1)?.name).toBe("…and 6 more articles");
  });

  it("fits /sections for thirty articles and for one bloated article", () => {
    expectAcceptedByDiscord(formatSections(many()));
    const single = formatSections([bloated(1)]);
    expectAcceptedByDiscord(single);
    expect(single.embeds[0]?.title?.length).toBeLessThanOrEqual(256);
  });

  it("fits a search page of bloated passages with its buttons", () => {
    const [one, two] = many();
    if (!one || !two) throw new Error("expected articles");
    const entries = [...one.passages.slice(0, 3), ...two.passages.slice(0, 2)].map((passage) => ({
      passage,
      article: passage === one.passages[0] ? one : two,
    }));
    const payload = formatSearchPage({
      query: `@everyone ${"siege ".repeat(100)}`,
      scope: one.title,
      entries,
      page: 0,
      pageCount: 3,
      firstNumber: 1,
      total: 12,
      buttons: { previous: "search:AAAAAAAAAAA:-1", next: "search:AAAAAAAAAAA:1" },
    });

    expectAcceptedByDiscord(payload);
    expect(payload.embeds[0]?.title).not.toContain("@everyone");
  });

  it("fits a passage forty times longer than usual into one embed", () => {
    const bloatedArticle = bloated(1);
    const [passage] = bloatedArticle.passages;
    if (!passage) throw new Error("expected a passage");
    const payload = formatPassage({
      passage,
      article: bloatedArticle,
      previousId: null,
      nextId: "lal-masjid/lead/2",
    });

    expectAcceptedByDiscord(payload);
    expect(payload.embeds[0]?.description?.length).toBeLessThanOrEqual(4096);
  });

  it("fits the help text however many articles there are", () => {
    const payload = formatHelp({
      botUserId: "1100000000000000001",
      articleTitles: many().map((bloatedArticle) => bloatedArticle.title),
      everyMessageHere: true,
    });

    expectAcceptedByDiscord(payload);
    expect(payload.embeds[0]?.description).toContain("more");
  });
});
