import { InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { findArticle, resolveStudyScope, type StudyScope } from "../src/core/lookup.ts";
import { generateQuiz, type QuizQuestion, quizLength } from "../src/core/study/quiz.ts";
import { hashSeed } from "../src/core/study/random.ts";
import { articleChoices, sectionChoices } from "../src/discord/choices.ts";
import type { Command, CommandContext, QuizRun } from "../src/discord/command.ts";
import type { ReplyPayload } from "../src/discord/format/embed.ts";
import {
  noQuizQuestionsNotice,
  notYourQuizNotice,
  quizCountNotice,
  quizExpiredNotice,
  staleButtonNotice,
  unknownArticleNotice,
  unknownSectionNotice,
} from "../src/discord/format/notices.ts";
import { formatQuiz } from "../src/discord/format/study.ts";
import { buttonCustomId } from "../src/discord/interactions.ts";
import { replyPrivately } from "../src/discord/respond.ts";
import { isPrivate } from "../src/discord/server-rules.ts";
import type { Session } from "../src/discord/sessions.ts";

/** Values of `/quiz`'s optional options when the user leaves them out. */
export interface QuizDefaults {
  /** Article id to ask about; null asks about every article. */
  article: string | null;
  /** Section to ask about (`article-id/slug`, a slug or a heading); null asks about every section. */
  section: string | null;
  /** Questions in one quiz. */
  count: number;
}

export const quizDefaults: QuizDefaults = { article: null, section: null, count: quizLength.usual };

const data = new SlashCommandBuilder()
  .setName("quiz")
  .setDescription(
    "Test yourself: multiple-choice questions from the articles, with the source of each answer",
  )
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((option) =>
    option.setName("article").setDescription("Ask about one article (default: all)").setAutocomplete(true),
  )
  .addStringOption((option) =>
    option.setName("section").setDescription("Ask about one section (default: all)").setAutocomplete(true),
  )
  .addIntegerOption((option) =>
    option
      .setName("count")
      .setDescription(`How many questions (default ${quizDefaults.count})`)
      .setMinValue(quizLength.min)
      .setMaxValue(quizLength.max),
  );

/**
 * `count` questions in the scope, avoiding those the taker was asked in their other quizzes still running or
 * recently finished, as long as the scope has enough others.
 */
function pickQuestions(
  context: CommandContext,
  scope: StudyScope,
  count: number,
  seed: number,
  userId: string,
): QuizQuestion[] {
  const recent: string[] = [];
  for (const run of context.quizzes.live()) {
    if (run.userId === userId) recent.push(...run.questions.map((question) => question.id));
  }
  return generateQuiz(context.engine.articles, {
    articleId: scope.articleId,
    sectionSlug: scope.sectionSlug,
    count,
    seed,
    avoid: recent,
  });
}

/** The quiz message for a run as it stands. */
function renderQuiz(run: QuizRun & Session, context: CommandContext): ReplyPayload {
  return formatQuiz({
    takerId: run.userId,
    scope: run.scope,
    questions: run.questions,
    current: run.current,
    chosen: run.chosen,
    scored: run.guildId !== null,
    ttlMs: context.options.quizTtlMs,
    buttons: {
      choice: (question, choice) =>
        buttonCustomId("quiz", run.id, "answer", String(question), String(choice)),
      next: (question) => buttonCustomId("quiz", run.id, "next", String(question)),
    },
  });
}

/**
 * Applies a press of the quiz taker: an answer to the open question is counted once (and scored on a
 * server); "Next question" moves on once the open question is answered. Any other press (a double click, an
 * old button) changes nothing. Resolves to whether something changed. The run changes before the first await,
 * so a second press arriving meanwhile already finds the question answered.
 */
async function applyPress(
  run: QuizRun,
  context: CommandContext,
  action: string,
  question: number,
  choice: number,
): Promise<boolean> {
  const open = run.current === question && run.chosen.length === question;
  if (action === "answer" && open && choice >= 0 && choice < (run.questions[question]?.choices.length ?? 0)) {
    run.chosen.push(choice);
    if (run.guildId !== null) {
      const correct = choice === run.questions[question]?.correctIndex;
      await context.quizScores.record(run.guildId, run.userId, correct);
    }
    return true;
  }
  if (action === "next" && question === run.current + 1 && run.chosen.length === question) {
    if (question >= run.questions.length) return false;
    run.current = question;
    return true;
  }
  return false;
}

/**
 * `/quiz [article] [section] [count]`: multiple-choice questions made from the articles, one at a time with
 * A–D buttons only the taker may press; each answer reveals the cited sentence, and the last one the score.
 * Seeded by the interaction id, so two quizzes differ. Answers count on the server's leaderboard (quizzes in
 * direct messages are not scored). Follows the server's visibility setting.
 */
export default {
  data,
  access: "reading",
  async execute(interaction, context, placement) {
    const count = interaction.options.getInteger("count") ?? quizDefaults.count;
    if (!Number.isInteger(count) || count < quizLength.min || count > quizLength.max) {
      return replyPrivately(interaction, quizCountNotice(quizLength.min, quizLength.max));
    }
    const scope = resolveStudyScope(
      context.engine.articles,
      interaction.options.getString("article") ?? quizDefaults.article,
      interaction.options.getString("section") ?? quizDefaults.section,
    );
    if ("problem" in scope) {
      return replyPrivately(
        interaction,
        scope.problem === "unknown-article"
          ? unknownArticleNotice(scope.typed)
          : unknownSectionNotice(scope.typed, scope.article),
      );
    }
    const seed = hashSeed(interaction.id);
    const questions = pickQuestions(context, scope, count, seed, interaction.user.id);
    if (questions.length === 0) return replyPrivately(interaction, noQuizQuestionsNotice(scope.label));
    const run = context.quizzes.create({
      userId: interaction.user.id,
      guildId: interaction.guildId,
      scope: scope.label,
      questions,
      current: 0,
      chosen: [],
    });
    await interaction.reply({
      ...renderQuiz(run, context),
      flags: isPrivate(placement) ? MessageFlags.Ephemeral : undefined,
    });
  },
  async autocomplete(interaction, context) {
    const focused = interaction.options.getFocused(true);
    const { articles } = context.engine;
    if (focused.name === "article") return interaction.respond(articleChoices(articles, focused.value));
    const chosen = interaction.options.getString("article");
    const article = chosen === null ? undefined : findArticle(articles, chosen);
    await interaction.respond(sectionChoices(article ? [article] : articles, focused.value));
  },
  async button(interaction, context, [runId = "", action = "", questionText = "", choiceText = ""]) {
    if (action !== "answer" && action !== "next") return replyPrivately(interaction, staleButtonNotice);
    const run = context.quizzes.get(runId);
    if (!run) return replyPrivately(interaction, quizExpiredNotice(context.options.quizTtlMs));
    if (run.userId !== interaction.user.id) return replyPrivately(interaction, notYourQuizNotice);
    if (await applyPress(run, context, action, Number(questionText), Number(choiceText)))
      context.quizzes.touch(run);
    await interaction.update(renderQuiz(run, context));
  },
} satisfies Command;
