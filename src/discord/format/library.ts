/** Browsing the corpus: search result pages, one passage, tables of contents, sources. */
import type { APIEmbed, APIEmbedField } from "discord.js";
import type { PassageInContext } from "../../core/engine.ts";
import { tableOfContents } from "../../core/lookup.ts";
import type { Article, Passage } from "../../core/types.ts";
import { discordLimits } from "../limits.ts";
import { inlineCode, markdownText, maskedLink, plainText } from "../text.ts";
import {
  embedColors,
  embedSize,
  fitEmbed,
  joinBlocks,
  type PagingButtonIds,
  pagingRow,
  type ReplyPayload,
} from "./embed.ts";

/** How much of a passage a search result shows. */
const snippetLength = 240;
const maxNameLength = 100;

/** `1 passage`, `3 passages`. */
export const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

/** The article's URL when Discord would accept it as an embed URL. */
function embedUrl(url: string | null): string | undefined {
  if (url === null) return undefined;
  return maskedLink("x", url) === "x" ? undefined : url;
}

/** One page of `/search` results. */
export interface SearchPage {
  query: string;
  /** Title of the article searched, or null when all were. */
  scope: string | null;
  /** The results on this page, best first. */
  entries: ReadonlyArray<{ passage: Passage; article: Article }>;
  /** 0-based. */
  page: number;
  pageCount: number;
  /** Number of the first entry (1-based) over all pages. */
  firstNumber: number;
  total: number;
  /** Custom ids of the Previous and Next buttons; null when there is one page. */
  buttons: PagingButtonIds | null;
}

/** A page of search results: a numbered list of passages with ids and snippets, and paging buttons. */
export function formatSearchPage(page: SearchPage): ReplyPayload {
  const lines = page.entries.map(({ passage, article }, index) => {
    const where = `${markdownText(article.title, maxNameLength)} › ${markdownText(passage.sectionHeading, maxNameLength)}`;
    const heading = `**${page.firstNumber + index}.** ${inlineCode(passage.id)} · ${where}`;
    return `${heading}\n${markdownText(passage.text, snippetLength)}`;
  });
  const scope = page.scope === null ? "" : `In **${markdownText(page.scope, maxNameLength)}**\n\n`;
  const embed: APIEmbed = {
    color: embedColors.info,
    title: `Passages matching “${markdownText(page.query, 200)}”`,
    description: `${scope}${joinBlocks(lines, discordLimits.embedDescription - scope.length, "\n\n", (n) => `…and ${n} more`)}`,
    footer: {
      text: `Page ${page.page + 1} of ${page.pageCount} · ${plural(page.total, "passage")} · /passage <id> shows one in full`,
    },
  };
  return {
    embeds: [fitEmbed(embed)],
    components: page.buttons ? [pagingRow(page.page, page.pageCount, page.buttons)] : [],
  };
}

/** `/search` found nothing. */
export function formatNoSearchResults(query: string, scope: string | null): ReplyPayload {
  const where = scope === null ? "the articles" : `**${markdownText(scope, maxNameLength)}**`;
  const embed: APIEmbed = {
    color: embedColors.noAnswer,
    title: "No passages found",
    description: `Nothing in ${where} matches “${markdownText(query, 200)}”. Try fewer or other words, or ask a question with \`/ask\`.`,
  };
  return { embeds: [fitEmbed(embed)] };
}

/** One passage in full, with its article and section, and the ids of the passages before and after it. */
export function formatPassage({ passage, article, previousId, nextId }: PassageInContext): ReplyPayload {
  const url = embedUrl(article.url);
  const embed: APIEmbed = {
    color: embedColors.info,
    title: `${markdownText(article.title, 120)} › ${markdownText(passage.sectionHeading, 120)}`,
    ...(url ? { url } : {}),
    description: markdownText(passage.text, discordLimits.embedDescription),
    fields: [
      {
        name: "Previous passage",
        value: previousId ? inlineCode(previousId) : "none (start of the article)",
        inline: true,
      },
      {
        name: "Next passage",
        value: nextId ? inlineCode(nextId) : "none (end of the article)",
        inline: true,
      },
    ],
    footer: { text: plainText(article.license ? `${passage.id} · ${article.license}` : passage.id, 500) },
  };
  return { embeds: [fitEmbed(embed)] };
}

function contentsLines(article: Article): string[] {
  return tableOfContents(article).map((row) => {
    const count = row.passages === 0 ? "no passages" : plural(row.passages, "passage");
    const first = row.firstId ? ` · from ${inlineCode(row.firstId)}` : "";
    return `**${markdownText(row.heading, maxNameLength)}** · ${count}${first}`;
  });
}

/**
 * Fields, one per article, sharing what is left of the 6000-character total; past 25 articles the last field
 * says how many more there are.
 */
function articleFields(
  articles: readonly Article[],
  embed: APIEmbed,
  fieldValue: (article: Article, max: number) => string,
  moreHint: string,
): APIEmbedField[] {
  const fitting =
    articles.length > discordLimits.embedFields ? discordLimits.embedFields - 1 : articles.length;
  const shown = articles.slice(0, fitting);
  const more = articles.length - fitting;
  const moreField = more > 0 ? [{ name: `…and ${plural(more, "more article")}`, value: moreHint }] : [];
  const names = shown.map((article) => markdownText(article.title, maxNameLength));
  const reserved =
    embedSize(embed) +
    names.reduce((sum, name) => sum + name.length, 0) +
    moreField.reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  const perField = Math.min(
    discordLimits.fieldValue,
    Math.floor((discordLimits.embedTotal - reserved) / Math.max(1, shown.length)),
  );
  return [
    ...shown.map((article, index) => ({ name: names[index] ?? "", value: fieldValue(article, perField) })),
    ...moreField,
  ];
}

/** `/sections`: the table of contents of one article, or of each article when several are given. */
export function formatSections(articles: readonly Article[]): ReplyPayload {
  const [only] = articles;
  if (articles.length === 1 && only) {
    const url = embedUrl(only.url);
    const embed: APIEmbed = {
      color: embedColors.info,
      title: markdownText(only.title, discordLimits.embedTitle),
      ...(url ? { url } : {}),
      description: joinBlocks(
        contentsLines(only),
        discordLimits.embedDescription,
        "\n",
        (n) => `…and ${n} more sections`,
      ),
      footer: { text: `${plural(only.passages.length, "passage")} · /passage <id> shows one in full` },
    };
    return { embeds: [fitEmbed(embed)] };
  }
  const embed: APIEmbed = {
    color: embedColors.info,
    title: "Articles and their sections",
    description: `${plural(articles.length, "article")}. \`/sections article:<name>\` shows one in full.`,
    footer: { text: "/passage <id> shows a passage in full" },
  };
  embed.fields = articleFields(
    articles,
    embed,
    (article, max) => joinBlocks(contentsLines(article), max, "\n", (n) => `…and ${n} more sections`),
    "Pick one with `/sections article:<name>`.",
  );
  return { embeds: [fitEmbed(embed)] };
}

/**
 * Where an article comes from and under which licence, with its other names, categories and external links;
 * the source link is left out rather than cut when it does not fit in `max`.
 */
function sourceLines(article: Article, max: number): string[] {
  const lines: string[] = [];
  const source = maskedLink("Source", article.url);
  const licence = article.license
    ? `licence: ${markdownText(article.license, maxNameLength)}`
    : "licence unknown";
  const linked = `${source} · ${licence}`;
  lines.push(source === "Source" || linked.length > max ? licence : linked);
  const listed = (label: string, names: readonly string[]) => {
    if (names.length > 0)
      lines.push(`${label}: ${names.map((name) => markdownText(name, maxNameLength)).join(", ")}`);
  };
  // Questions may name the article by its other names too (`the red mosque`), so say so.
  listed("Also known as", article.aliases);
  listed("Categories", article.categories);
  listed("External links", article.externalLinks);
  lines.push(`${plural(article.sections.length, "section")}, ${plural(article.passages.length, "passage")}`);
  return lines;
}

/** What the bot is: its name and version. */
export interface BotIdentity {
  name: string;
  version: string;
}

/** `/about`: the articles the bot answers from, their sources and licences, and the bot's version. */
export function formatAbout(articles: readonly Article[], bot: BotIdentity): ReplyPayload {
  const embed: APIEmbed = {
    color: embedColors.info,
    title: "About this study bot",
    description:
      "I answer questions using only the articles below and quote the passages I rely on, so you can check them. I can be wrong: follow the source links before you cite anything.",
    footer: { text: plainText(`${bot.name} v${bot.version}`, 200) },
  };
  embed.fields = articleFields(
    articles,
    embed,
    (article, max) => joinBlocks(sourceLines(article, max), max, "\n", () => "…"),
    "`/sections` lists them all.",
  );
  return { embeds: [fitEmbed(embed)] };
}
