/**
 * Study features end to end, with the real client and the real engine over the project's article plus the
 * shared extra ones: follow-up questions and small talk, /quiz, /leaderboard, /timeline, and 👍 / 👎 votes
 * stored in the bot's SQLite file.
 */
import { existsSync, readFileSync } from "node:fs";
import { type APIMessage, InteractionType, MessageFlags } from "discord.js";
import { expect, it } from "vitest";
import { loadEngine } from "../../src/core/engine.ts";
import { generateQuiz, type QuizQuestion } from "../../src/core/study/quiz.ts";
import type { StudyEngine } from "../../src/discord/command.ts";
import { databasePath, openDatabase } from "../../src/storage/database.ts";
import { QuizScoreStore } from "../../src/storage/quiz-scores.ts";
import { multiArticleCorpusDir } from "../support/engines.ts";
import { describeWithSharedData } from "../support/paths.ts";
import { botPerTest, buttonIdsOf, choicesOf, embedOf, textOf } from "./bot-harness.ts";
import type { FakeDiscord } from "./fake-discord.ts";

const aliceId = "1200000000000000002";
const bobId = "1200000000000000003";

const engine: StudyEngine = loadEngine({ corpusDir: multiArticleCorpusDir(), cacheDir: null }).engine;
/** Every question the corpus allows about Lal Masjid: the answer key (prompts and answers do not depend on the seed). */
const lalMasjidQuestions = generateQuiz(engine.articles, { articleId: "lal-masjid", count: 10_000, seed: 1 });

const start = botPerTest((setup) => ({ engine, ...setup }));

/** Sends a message mentioning the bot and waits for the bot's reply to it. */
async function mention(fake: FakeDiscord, content: string, authorId = aliceId): Promise<APIMessage> {
  const sent = fake.sendMessage({ content, mentionsBot: true, authorId });
  return fake.waitForChannelMessage((message) => message.message_reference?.message_id === sent.id);
}

/** Runs a slash command and waits for what the user sees. */
async function command(
  fake: FakeDiscord,
  name: string,
  options: Record<string, string | number | boolean> = {},
  more: { userId?: string; dm?: boolean } = {},
): Promise<APIMessage> {
  const sent = fake.sendInteraction({ name, options, ...more });
  return fake.waitForInteractionReply(sent.id);
}

/** Presses a button (on the latest message carrying it) and waits for what the presser sees. */
async function press(fake: FakeDiscord, customId: string, userId = aliceId): Promise<APIMessage> {
  const sent = fake.sendInteraction({ type: InteractionType.MessageComponent, customId, userId });
  return fake.waitForInteractionReply(sent.id);
}

const withoutEscapes = (text: string): string => text.replace(/\\(.)/gu, "$1");

/** The question on screen, found in the answer key by its prompt, and its choices as shown (A–D). */
function questionOnScreen(message: APIMessage): { question: QuizQuestion; choices: string[] } {
  const description = embedOf(message).description ?? "";
  const prompt = withoutEscapes(/^> (.*)$/mu.exec(description)?.[1] ?? "");
  const question = lalMasjidQuestions.find((candidate) => candidate.prompt === prompt);
  if (!question) throw new Error(`no question of the corpus has the prompt ${prompt}`);
  const choices = [...description.matchAll(/^\*\*[A-D]\.\*\* (.*)$/gmu)].map((match) =>
    withoutEscapes(match[1] ?? ""),
  );
  return { question, choices };
}

describeWithSharedData("conversation", () => {
  it("understands a follow-up mention from the same user in the same channel, and not another user's", async () => {
    const { fake } = await start();

    expect(embedOf(await mention(fake, "when was lal masjid built")).title).toBe("1965");
    const followUp = embedOf(await mention(fake, "when was it rebuilt?"));
    const bobsFollowUp = embedOf(await mention(fake, "when was it rebuilt?", bobId));

    expect(followUp.description).toContain("rebuilt in **2009**");
    expect(followUp.author?.name).toBe("Q: when was it rebuilt?");
    expect(followUp.description).toMatch(/^-# understood as: when was Lal Masjid rebuilt\n/u);
    expect(bobsFollowUp.description).not.toContain("understood as");
  });

  it("answers 'what happened after that' with what follows, in a DM, saying how it understood it", async () => {
    const { fake } = await start();

    await command(fake, "ask", { question: "when did troops storm lal masjid" }, { dm: true });
    const next = embedOf(await command(fake, "ask", { question: "what happened after that" }, { dm: true }));

    expect(next.description).toContain(
      "-# understood as: what happened after: when did troops storm lal masjid",
    );
    expect(next.description).toContain("conflicting reports");
  });

  it("replies briefly to small talk without searching, and with the help to 'what can you do'", async () => {
    const { fake } = await start();

    const hello = await mention(fake, "hi there!");
    const thanks = await mention(fake, "thanks a lot");
    const capabilities = await command(fake, "ask", { question: "what can you do?" });

    expect(hello.content).toMatch(/^Hi! Ask me anything about the study articles/u);
    expect(hello.embeds).toEqual([]);
    expect(buttonIdsOf(hello)).toEqual([]);
    expect(thanks.content).toMatch(/^You're welcome!/u);
    expect(embedOf(capabilities).title).toBe("How to ask me");
    expect(textOf(embedOf(capabilities))).toContain("/quiz");
  });

  it("keeps the honest 'doesn't say' for a question the articles don't answer, pointing to /sections", async () => {
    const { fake } = await start();

    const embed = embedOf(await command(fake, "ask", { question: "who won the 2022 world cup" }));

    expect(embed.title).toBe("The article doesn't say");
    expect(embed.description).toContain("`/sections` shows what the articles cover");
  });
});

describeWithSharedData("/quiz", () => {
  it("asks, refuses other members, reveals right and wrong with the citation, scores once, then sums up", async () => {
    const test = await start();
    const { fake } = test;

    const first = await command(fake, "quiz", { article: "lal-masjid", count: 3 });
    expect(embedOf(first).title).toBe("Question 1 of 3");
    expect(embedOf(first).author?.name).toBe("Quiz · Lal Masjid");
    const buttons = buttonIdsOf(first);
    expect(buttons).toHaveLength(4);
    for (const id of buttons) expect(id.length).toBeLessThanOrEqual(100);

    const refusal = await press(fake, buttons[0] ?? "", bobId);
    expect(refusal.flags).toBe(MessageFlags.Ephemeral);
    expect(refusal.content).toContain("someone else's quiz");
    expect(fake.message(first.id)?.embeds).toEqual(first.embeds);

    const seen: QuizQuestion[] = [];
    let message = first;
    for (const [index, answerRight] of [false, true, true].entries()) {
      const { question, choices } = questionOnScreen(message);
      seen.push(question);
      const right = choices.indexOf(question.answer);
      expect(right).toBeGreaterThanOrEqual(0);
      const chosen = answerRight ? right : (right + 1) % 4;
      const reveal = await press(fake, buttonIdsOf(message)[chosen] ?? "");
      const [revealEmbed] = reveal.embeds;
      const letter = "ABCD"[right];
      expect(revealEmbed?.title).toMatch(
        answerRight
          ? new RegExp(`^✅ Correct: ${letter}\\. `, "u")
          : new RegExp(`^❌ Not quite: the answer is ${letter}\\. `, "u"),
      );
      expect(revealEmbed?.description).toContain(
        `[Lal Masjid › ${question.citation.section}](https://en.wikipedia.org/wiki/Lal_Masjid,_Islamabad) · \`${question.citation.passageId}\``,
      );
      expect(revealEmbed?.description).toContain(`**${question.answer}**`);
      // A second press on the same question changes nothing and counts nothing.
      expect((await press(fake, buttonIdsOf(message)[right] ?? "")).embeds).toEqual(reveal.embeds);
      if (index < 2) {
        const nextId = buttonIdsOf(reveal).at(-1) ?? "";
        message = await press(fake, nextId);
        expect(embedOf(message).title).toBe(`Question ${index + 2} of 3`);
      } else {
        expect(reveal.embeds[1]?.title).toBe("Quiz finished: 2 of 3 correct");
        expect(reveal.embeds[1]?.footer?.text).toContain("/leaderboard");
      }
    }

    expect(new Set(seen.map((question) => question.id)).size).toBe(3);
    const db = openDatabase(databasePath(test.dataDir));
    try {
      const board = await new QuizScoreStore(db).leaderboard(fake.defaultGuildId, aliceId);
      expect(board.you).toMatchObject({ correct: 2, answered: 3, rank: 1 });
    } finally {
      await db.close();
    }
  });

  it("never repeats a question in a user's quizzes while the article has others", async () => {
    const { fake } = await start();

    const prompts = new Set<string>();
    for (let round = 0; round < 3; round++) {
      const first = await command(fake, "quiz", {
        article: "lal-masjid",
        section: "lal-masjid/siege",
        count: 1,
      });
      expect(embedOf(first).author?.name).toBe("Quiz · Lal Masjid › Siege");
      const { question } = questionOnScreen(first);
      expect(question.citation.section).toBe("Siege");
      prompts.add(question.prompt);
    }

    expect(prompts.size).toBe(3);
  });

  it("suggests sections of the chosen article and refuses unknown articles and sections privately", async () => {
    const { fake } = await start();

    const typed = fake.sendInteraction({
      type: InteractionType.ApplicationCommandAutocomplete,
      name: "quiz",
      options: { article: "lal-masjid", section: "sie" },
      focused: "section",
    });
    const [callback] = await fake.waitForInteractionResponse(typed.id);
    const badArticle = await command(fake, "quiz", { article: "Atlantis" });
    const badSection = await command(fake, "quiz", { article: "lal-masjid", section: "Architecture" });

    expect(choicesOf(callback)).toEqual([{ name: "Siege", value: "lal-masjid/siege" }]);
    expect(badArticle).toMatchObject({ flags: MessageFlags.Ephemeral });
    expect(badArticle.content).toContain("There is no article called “Atlantis”");
    expect(badSection).toMatchObject({ flags: MessageFlags.Ephemeral });
    expect(badSection.content).toContain("There is no section called “Architecture” in **Lal Masjid**");
  });

  it("stops taking answers after the quiz expires, with a clear message", async () => {
    const { fake } = await start({ options: { quizTtlMs: 200 } });
    const first = await command(fake, "quiz", { count: 2 });
    await new Promise((resolve) => setTimeout(resolve, 300));

    const notice = await press(fake, buttonIdsOf(first)[0] ?? "");

    expect(notice.flags).toBe(MessageFlags.Ephemeral);
    expect(notice.content).toContain("This quiz has ended");
  });

  it("follows the server's rules: private when the server says so, refused without an allowed role", async () => {
    const test = await start({ guildDefaults: { visibility: "private" } });
    const { fake } = test;

    const quiz = await command(fake, "quiz", { count: 1 });
    test.settings.update(fake.defaultGuildId, bobId, (settings) => ({
      ...settings,
      allowedRoleIds: ["1500000000000000001"],
    }));
    const refused = await command(fake, "quiz", { count: 1 });

    expect(quiz.flags).toBe(MessageFlags.Ephemeral);
    expect(embedOf(quiz).title).toBe("Question 1 of 1");
    expect(refused.flags).toBe(MessageFlags.Ephemeral);
    expect(refused.content).toContain("only members with one of these roles");
  });

  it("works in direct messages without keeping a score", async () => {
    const test = await start();
    const { fake } = test;

    const quiz = await command(fake, "quiz", { article: "lal-masjid", count: 1 }, { dm: true });
    const { question, choices } = questionOnScreen(quiz);
    const reveal = await press(fake, buttonIdsOf(quiz)[choices.indexOf(question.answer)] ?? "");

    expect(reveal.embeds[1]?.footer?.text).toContain("not scored");
    const db = openDatabase(databasePath(test.dataDir));
    try {
      expect(await db.get("SELECT count(*) AS rows FROM quiz_scores")).toEqual({ rows: 0 });
    } finally {
      await db.close();
    }
  });
});

describeWithSharedData("/leaderboard", () => {
  it("says so when no one has a score yet", async () => {
    const { fake } = await start();

    const embed = embedOf(await command(fake, "leaderboard"));

    expect(embed.description).toContain("No one has answered a quiz question on this server yet");
  });

  it("lists the top 10 without pinging and shows the caller's rank outside it", async () => {
    const test = await start();
    const { fake } = test;
    const db = openDatabase(databasePath(test.dataDir));
    try {
      const scores = new QuizScoreStore(db);
      for (let player = 0; player < 12; player++) {
        const userId = `17000000000000000${String(player).padStart(2, "0")}`;
        for (let answer = 0; answer <= player; answer++)
          await scores.record(fake.defaultGuildId, userId, true);
      }
      await scores.record(fake.defaultGuildId, bobId, false);
    } finally {
      await db.close();
    }

    const sent = fake.sendInteraction({ name: "leaderboard", userId: bobId });
    const reply = await fake.waitForInteractionReply(sent.id);

    const lines = embedOf(reply).description?.split("\n") ?? [];
    expect(lines[0]).toBe("**1.** <@1700000000000000011> — 12 correct of 12 (100%)");
    expect(lines).toHaveLength(12);
    expect(lines[10]).toBe("…");
    expect(lines[11]).toBe(`**13.** <@${bobId}> — 0 correct of 1 (0%) ← you`);
    expect(embedOf(reply).footer?.text).toMatch(/^13 players/u);
    expect(reply.mentions).toEqual([]);
    const request = fake.requests.find((candidate) => candidate.path.includes(`/interactions/${sent.id}/`));
    expect(request?.body).toMatchObject({ data: { allowed_mentions: { parse: [] } } });
  });
});

describeWithSharedData("/timeline", () => {
  it("lists dated events in order, one cited line each, paged for the asker only", async () => {
    const { fake } = await start({ options: { timelinePageTtlMs: 60_000 } });

    const first = await command(fake, "timeline");
    const embed = embedOf(first);
    const lines = embed.description?.split("\n") ?? [];
    expect(embed.title).toBe("Timeline of the articles");
    expect(embed.footer?.text).toMatch(/^Page 1 of 3 · 24 events/u);
    expect(lines[0]).toBe(
      "**1671** — It was commissioned by the emperor Aurangzeb in 1671 and completed in 1673. (Badshahi Mosque › Introduction · `badshahi-mosque/lead/1`)",
    );
    expect(lines).toContain(
      "**1965** — It was built in 1965 and is named for its red walls and interiors. ([Lal Masjid › History](https://en.wikipedia.org/wiki/Lal_Masjid,_Islamabad) · `lal-masjid/history/2`)",
    );
    for (const line of lines) expect(line).toMatch(/^\*\*[^*]+\*\* — .+ \(.+ › .+ · `[a-z0-9/-]+`\)$/u);
    const [, nextId = ""] = buttonIdsOf(first);

    const refused = await press(fake, nextId, bobId);
    const second = await press(fake, nextId);

    expect(refused.flags).toBe(MessageFlags.Ephemeral);
    expect(refused.content).toContain("Only the person who asked for this timeline");
    expect(embedOf(second).footer?.text).toMatch(/^Page 2 of 3/u);
    const year = (line: string | undefined) => Number(/^\*\*[^*]*?(\d{4})/u.exec(line ?? "")?.[1]);
    const secondLines = embedOf(second).description?.split("\n") ?? [];
    expect(year(secondLines[0])).toBeGreaterThanOrEqual(year(lines.at(-1)));
  });

  it("shows one article on a single page without buttons, and refuses an unknown article privately", async () => {
    const { fake } = await start();

    const lalMasjid = await command(fake, "timeline", { article: "Lal Masjid" });
    const unknown = await command(fake, "timeline", { article: "Atlantis" });

    expect(embedOf(lalMasjid).title).toBe("Timeline of Lal Masjid");
    const years = (embedOf(lalMasjid).description?.split("\n") ?? []).map((line) => line.slice(2, 6));
    expect(years).toEqual(["1965", "1979", "1998", "July", "July", "July", "July", "2009", "Dece", "May "]);
    expect(buttonIdsOf(lalMasjid)).toEqual([]);
    expect(unknown.flags).toBe(MessageFlags.Ephemeral);
  });

  it("stops paging after the expiry with a clear message", async () => {
    const { fake } = await start({ options: { timelinePageTtlMs: 200 } });
    const first = await command(fake, "timeline");
    await new Promise((resolve) => setTimeout(resolve, 300));

    const notice = await press(fake, buttonIdsOf(first)[1] ?? "");

    expect(notice.content).toContain("This timeline has expired");
  });
});

describeWithSharedData("feedback on answers", () => {
  it("takes a vote, lets it change once, refuses a third press, and stores no user id", async () => {
    const test = await start();
    const { fake } = test;

    const answer = await mention(fake, "when was lal masjid built");
    const [up = "", down = ""] = buttonIdsOf(answer);
    const slashAnswer = await command(fake, "ask", { question: "who designed it" });

    const acknowledgements = [
      await press(fake, up),
      await press(fake, down),
      await press(fake, up),
      await press(fake, down, bobId),
    ];

    expect(buttonIdsOf(slashAnswer)).toHaveLength(2);
    expect(acknowledgements.map((reply) => reply.flags)).toEqual(Array(4).fill(MessageFlags.Ephemeral));
    expect(acknowledgements.map((reply) => reply.content)).toEqual([
      "Thanks — noted 👍",
      "Thanks — changed to 👎. Your vote on this answer is now final.",
      "Your vote on this answer is already final.",
      "Thanks — noted 👎",
    ]);
    const path = databasePath(test.dataDir);
    const db = openDatabase(path);
    try {
      const votes = await db.all("SELECT guild_id, question, passage_ids, vote FROM answer_votes");
      expect(votes).toEqual([
        expect.objectContaining({ question: "when was lal masjid built", vote: -1 }),
        expect.objectContaining({ question: "when was lal masjid built", vote: -1 }),
      ]);
      expect(votes[0]).toMatchObject({ guild_id: fake.defaultGuildId });
      expect(JSON.parse((votes[0] as { passage_ids: string }).passage_ids)).toContain("lal-masjid/history/2");
    } finally {
      await db.close();
    }
    const files = [path, `${path}-wal`].filter((file) => existsSync(file));
    const stored = Buffer.concat(files.map((file) => readFileSync(file))).toString("latin1");
    for (const userId of [aliceId, bobId]) expect(stored).not.toContain(userId);
  });
});
