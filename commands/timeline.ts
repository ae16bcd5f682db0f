import { InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { findArticle } from "../src/core/lookup.ts";
import { buildTimeline } from "../src/core/study/timeline.ts";
import { articleChoices } from "../src/discord/choices.ts";
import type { Command, TimelinePages } from "../src/discord/command.ts";
import type { ReplyPayload } from "../src/discord/format/embed.ts";
import {
  notYourTimelineNotice,
  staleButtonNotice,
  timelineExpiredNotice,
  unknownArticleNotice,
} from "../src/discord/format/notices.ts";
import { formatTimelinePage, timelinePageCount } from "../src/discord/format/study.ts";
import { buttonCustomId } from "../src/discord/interactions.ts";
import { replyPrivately } from "../src/discord/respond.ts";
import { isPrivate } from "../src/discord/server-rules.ts";
import type { Session } from "../src/discord/sessions.ts";

/** Values of `/timeline`'s optional options when the user leaves them out. */
export interface TimelineDefaults {
  /** Article id to list; null lists the events of every article together. */
  article: string | null;
}

export const timelineDefaults: TimelineDefaults = { article: null };

const data = new SlashCommandBuilder()
  .setName("timeline")
  .setDescription("List the dated events of the articles in order, each with its source")
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((option) =>
    option.setName("article").setDescription("One article only (default: all)").setAutocomplete(true),
  );

/** One page of a timeline with Previous/Next buttons that come back to this session. */
function renderPage(session: TimelinePages & Session, page: number): ReplyPayload {
  return formatTimelinePage({
    scope: session.scope,
    events: session.events,
    page,
    buttons: {
      previous: buttonCustomId("timeline", session.id, String(page - 1)),
      next: buttonCustomId("timeline", session.id, String(page + 1)),
    },
  });
}

/**
 * `/timeline [article]`: the dated events of one article or of all, earliest first, one line each with its
 * citation, page by page; only the person who asked may turn the pages, for a while.
 */
export default {
  data,
  access: "reading",
  async execute(interaction, context, placement) {
    const articleValue = interaction.options.getString("article") ?? timelineDefaults.article;
    const article = articleValue === null ? null : findArticle(context.engine.articles, articleValue);
    if (article === undefined) return replyPrivately(interaction, unknownArticleNotice(articleValue ?? ""));
    const session = context.timelines.create({
      userId: interaction.user.id,
      scope: article?.title ?? null,
      events: buildTimeline(context.engine.articles, { articleId: article?.id }),
    });
    await interaction.reply({
      ...renderPage(session, 0),
      flags: isPrivate(placement) ? MessageFlags.Ephemeral : undefined,
    });
  },
  async autocomplete(interaction, context) {
    await interaction.respond(articleChoices(context.engine.articles, interaction.options.getFocused()));
  },
  async button(interaction, context, [sessionId = "", pageText = ""]) {
    const session = context.timelines.get(sessionId);
    if (!session)
      return replyPrivately(interaction, timelineExpiredNotice(context.options.timelinePageTtlMs));
    if (session.userId !== interaction.user.id) return replyPrivately(interaction, notYourTimelineNotice);
    const page = Number(pageText);
    if (!Number.isInteger(page) || page < 0 || page >= timelinePageCount(session.events)) {
      return replyPrivately(interaction, staleButtonNotice);
    }
    await interaction.update(renderPage(session, page));
  },
} satisfies Command;
