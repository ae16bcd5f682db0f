/** What `/library` shows moderators: what an added article was read as, the list, and the confirm prompts. */
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
  TimestampStyles,
  time,
} from "discord.js";
import { ACCEPTED_FILES, formatBytes } from "../../library/extract.ts";
import type { ArticleSummary } from "../../library/server-library.ts";
import type { LibraryArticle, LibraryLimits, LibraryUsage } from "../../storage/library.ts";
import { discordLimits } from "../limits.ts";
import { inlineCode, markdownText, trimText } from "../text.ts";
import { embedColors, fitEmbed, joinBlocks, type ReplyPayload } from "./embed.ts";
import { plural } from "./library.ts";
import { memberName } from "./settings.ts";

const sourceLabels: Record<LibraryArticle["source"], string> = {
  txt: "text file",
  md: "Markdown file",
  pdf: "PDF",
  wikipedia: "Wikipedia",
};

const addedBy = (article: LibraryArticle) => memberName(article.addedBy);

/** The reply to an add: what was understood, so a moderator sees at once whether it was read correctly. */
export function formatAdded(
  article: LibraryArticle,
  replaced: LibraryArticle | null,
  summary: ArticleSummary,
): ReplyPayload {
  const sections =
    summary.sections.length === 0
      ? "none (one block of text)"
      : joinBlocks(
          summary.sections.map((heading) => markdownText(heading, 80)),
          700,
          " · ",
          (n) => `…and ${n} more`,
        );
  const embed: APIEmbed = {
    color: embedColors.answer,
    title: `${replaced ? "Replaced" : "Added"}: ${markdownText(article.title, discordLimits.embedTitle - 10)}`,
    ...(article.url ? { url: article.url } : {}),
    description: [
      `${plural(summary.sections.length, "section")}, ${plural(summary.sentences, "sentence")}, ${plural(summary.passages, "passage")} · ${formatBytes(article.bytes)} from a ${sourceLabels[article.source]}.`,
      "",
      "**It starts:**",
      ...summary.firstSentences.map((sentence) => `> ${markdownText(trimText(sentence, 300))}`),
    ].join("\n"),
    fields: [{ name: "Sections", value: sections }],
    footer: { text: `Article id: ${article.id} · questions on this server can now be answered from it` },
  };
  return { embeds: [fitEmbed(embed)] };
}

/** `/library list`: every article with who added it, when, and its size. */
export function formatLibraryList(
  articles: readonly LibraryArticle[],
  usage: LibraryUsage,
  limits: LibraryLimits,
  scope: "shared" | "own",
): ReplyPayload {
  const lines = articles.map(
    (article) =>
      `**${markdownText(article.title, 100)}** (${inlineCode(article.id)}) · ${sourceLabels[article.source]}, ${formatBytes(article.bytes)} · added by ${addedBy(article)} ${time(Math.floor(article.addedAt / 1000), TimestampStyles.RelativeTime)}`,
  );
  const scopeLine =
    scope === "own"
      ? "Questions here are answered from this library only (`/config library shared` adds the bot's articles)."
      : "Questions here are answered from this library and the bot's shared articles.";
  const embed: APIEmbed = {
    color: embedColors.info,
    title: "This server's library",
    description:
      articles.length === 0
        ? `Empty. Add articles with \`/library add\` (a ${ACCEPTED_FILES} file) or \`/library add-wikipedia\`.\n${scopeLine}`
        : `${joinBlocks(lines, discordLimits.embedDescription - 300, "\n", (n) => `…and ${n} more`)}\n\n${scopeLine}`,
    footer: {
      text: `${usage.articles} of ${limits.maxArticles} articles · ${formatBytes(usage.bytes)} of ${formatBytes(limits.maxTotalBytes)}`,
    },
  };
  return { embeds: [fitEmbed(embed)] };
}

/** A line under `/library show`'s table of contents: where the article came from. */
export function libraryArticleLine(article: LibraryArticle): string {
  return `${sourceLabels[article.source]}, ${formatBytes(article.bytes)} · added by ${addedBy(article)} ${time(Math.floor(article.addedAt / 1000), TimestampStyles.RelativeTime)}`;
}

/** Custom ids of a confirm prompt's buttons. */
export interface ConfirmButtons {
  confirm: string;
  cancel: string;
}

function confirmRow(
  buttons: ConfirmButtons,
  confirmLabel: string,
  danger: boolean,
): APIActionRowComponent<APIButtonComponent>[] {
  return [
    {
      type: ComponentType.ActionRow as const,
      components: [
        {
          type: ComponentType.Button as const,
          style: danger ? (ButtonStyle.Danger as const) : (ButtonStyle.Primary as const),
          label: confirmLabel,
          custom_id: buttons.confirm,
        },
        {
          type: ComponentType.Button as const,
          style: ButtonStyle.Secondary,
          label: "Cancel",
          custom_id: buttons.cancel,
        },
      ],
    },
  ];
}

/** The title is taken: offer to replace the server's article of that title. */
export function formatReplacePrompt(
  existing: LibraryArticle,
  summary: ArticleSummary,
  buttons: ConfirmButtons,
  ttlMs: number,
): ReplyPayload {
  return {
    content: `This server's library already has **${markdownText(existing.title, 100)}** (${formatBytes(existing.bytes)}, added by ${addedBy(existing)}). Replace it with the new one (${plural(summary.sentences, "sentence")})? Nothing changes unless you confirm within ${Math.round(ttlMs / 60_000)} minutes.`,
    embeds: [],
    components: confirmRow(buttons, "Replace it", false),
  };
}

/** `/library remove`: confirm before the article goes. */
export function formatRemovePrompt(
  article: LibraryArticle,
  buttons: ConfirmButtons,
  ttlMs: number,
): ReplyPayload {
  return {
    content: `Remove **${markdownText(article.title, 100)}** (${formatBytes(article.bytes)}) from this server's library? Questions will no longer be answered from it. Nothing changes unless you confirm within ${Math.round(ttlMs / 60_000)} minutes.`,
    embeds: [],
    components: confirmRow(buttons, "Remove it", true),
  };
}

/** How a confirm prompt ended; replaces the prompt, without its buttons. */
export function formatPromptOutcome(text: string): ReplyPayload {
  return { content: text, embeds: [], components: [] };
}

export const libraryNotices = {
  unavailable: "Server libraries are not available on this bot.",
  noFile: `Attach a ${ACCEPTED_FILES} file to add it.`,
  downloadFailed: (reason: string) => `The file could not be downloaded (${reason}); nothing was added.`,
  unknownArticle: (typed: string) =>
    `This server's library has no article ${inlineCode(trimText(typed, 80))}; \`/library list\` shows them.`,
  notYourPrompt: "Only the moderator who asked can confirm this.",
  expired: "This confirmation expired, and nothing changed.",
  cancelled: "Cancelled: nothing changed.",
  removed: (article: LibraryArticle) =>
    `Removed **${markdownText(article.title, 100)}** from this server's library.`,
  alreadyGone: "That article is no longer in the library; nothing changed.",
} as const;
