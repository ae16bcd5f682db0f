import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import { findArticle } from "../src/core/lookup.ts";
import { articleChoices } from "../src/discord/choices.ts";
import type { Command, CommandContext, SearchResults } from "../src/discord/command.ts";
import type { ReplyPayload } from "../src/discord/format/embed.ts";
import { formatNoSearchResults, formatSearchPage } from "../src/discord/format/library.ts";
import {
  notYourSearchNotice,
  searchExpiredNotice,
  searchRefusal,
  staleButtonNotice,
  unknownArticleNotice,
} from "../src/discord/format/notices.ts";
import { buttonCustomId } from "../src/discord/interactions.ts";
import { checkQuestion } from "../src/discord/questions.ts";
import { replyInTime, replyPrivately } from "../src/discord/respond.ts";
import { isPrivate } from "../src/discord/server-rules.ts";
import type { Session } from "../src/discord/sessions.ts";

/** Values of `/search`'s optional options when the user leaves them out. */
export interface SearchDefaults {
  /** Article id to search in; null searches every article. */
  article: string | null;
}

export const searchDefaults: SearchDefaults = { article: null };

/** Results per page. */
const pageSize = 5;
/** Most results kept for paging. */
const maxResults = 50;

const data = new SlashCommandBuilder()
  .setName("search")
  .setDescription("Find the passages that mention some words, with pages of results")
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((option) => option.setName("query").setDescription("Words to look for").setRequired(true))
  .addStringOption((option) =>
    option.setName("article").setDescription("Search one article only (default: all)").setAutocomplete(true),
  );

/** One page of a session's results, with Previous/Next buttons when there is more than one page. */
function renderPage(session: SearchResults & Session, page: number, context: CommandContext): ReplyPayload {
  const pageCount = Math.ceil(session.passageIds.length / pageSize);
  const entries = session.passageIds
    .slice(page * pageSize, (page + 1) * pageSize)
    .flatMap((id) => context.engine.passageInContext(id) ?? []);
  return formatSearchPage({
    query: session.query,
    scope: session.articleId === null ? null : (context.engine.article(session.articleId)?.title ?? null),
    entries,
    page,
    pageCount,
    firstNumber: page * pageSize + 1,
    total: session.passageIds.length,
    buttons:
      pageCount > 1
        ? {
            previous: buttonCustomId("search", session.id, String(page - 1)),
            next: buttonCustomId("search", session.id, String(page + 1)),
          }
        : null,
  });
}

/** `/search query:<text> [article]`: numbered passages with ids; only the searcher may turn the pages. */
export default {
  data,
  access: "lookup",
  async execute(interaction, context, placement) {
    const checked = checkQuestion(
      interaction.options.getString("query", true),
      context.options.maxQuestionLength,
    );
    if (!checked.ok) return replyPrivately(interaction, searchRefusal(checked.problem));
    const articleValue = interaction.options.getString("article") ?? searchDefaults.article;
    const article = articleValue === null ? null : findArticle(context.engine.articles, articleValue);
    if (article === undefined) return replyPrivately(interaction, unknownArticleNotice(articleValue ?? ""));
    const query = checked.question;
    await replyInTime(
      interaction,
      async () => {
        const hits = context.engine.search(query, article?.id).slice(0, maxResults);
        if (hits.length === 0) return formatNoSearchResults(query, article?.title ?? null);
        const session = context.searches.create({
          userId: interaction.user.id,
          query,
          articleId: article?.id ?? null,
          passageIds: hits.map((hit) => hit.passage.id),
        });
        return renderPage(session, 0, context);
      },
      { deferAfterMs: context.options.deferAfterMs, ephemeral: isPrivate(placement) },
    );
  },
  async autocomplete(interaction, context) {
    await interaction.respond(articleChoices(context.engine.articles, interaction.options.getFocused()));
  },
  async button(interaction, context, [sessionId = "", pageText = ""]) {
    const session = context.searches.get(sessionId);
    if (!session) return replyPrivately(interaction, searchExpiredNotice(context.options.searchPageTtlMs));
    if (session.userId !== interaction.user.id) return replyPrivately(interaction, notYourSearchNotice);
    const page = Number(pageText);
    if (!Number.isInteger(page) || page < 0 || page * pageSize >= session.passageIds.length) {
      return replyPrivately(interaction, staleButtonNotice);
    }
    await interaction.update(renderPage(session, page, context));
  },
} satisfies Command;
