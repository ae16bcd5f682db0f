import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import type { Answer, Excerpt } from "../../core/types.ts";
import { discordLimits } from "../limits.ts";
import {
  cleanText,
  escapeMarkdown,
  inlineCode,
  markdownText,
  maskedLink,
  plainText,
  trimText,
  trimTextStart,
} from "../text.ts";
import { embedColors, fitEmbed, joinBlocks, type ReplyPayload } from "./embed.ts";

/** At most this many excerpts are quoted. */
const maxExcerpts = 3;
/** An excerpt is quoted at most this long, however much room is left: a citation, not the article. */
const maxQuoteLength = 700;
/** Below this, an excerpt is not worth quoting: fewer excerpts are shown instead. */
const minQuoteLength = 120;
/** Article and section names in a citation are shortened past this. */
const maxCitationNameLength = 100;
const maxPassageIdLength = 200;

/** Where a quoted text comes from: an excerpt, a quiz question's sentence, a timeline event. */
export type CitedSource = Pick<Excerpt, "article" | "section" | "url" | "passageId">;

/** "Article › Section", linked to the source when known, then the passage id. */
export function citation(source: CitedSource): string {
  const label = `${markdownText(source.article, maxCitationNameLength)} › ${markdownText(source.section, maxCitationNameLength)}`;
  return `${maskedLink(label, source.url)} · ${inlineCode(trimText(source.passageId, maxPassageIdLength))}`;
}

/** The citation as small text, on a line of its own under a quote. */
export function citationLine(source: CitedSource): string {
  return `-# ${citation(source)}`;
}

/**
 * The excerpt's text escaped, with the answer span in bold, shortened to `max` around the span: text after it
 * is kept first up to half the room, text before it fills the rest.
 */
export function quoteExcerpt(text: string, span: Excerpt["answerSpan"], max: number): string {
  if (span === null || span.start < 0 || span.end > text.length || span.start >= span.end) {
    return markdownText(text, max);
  }
  const answer = escapeMarkdown(cleanText(text.slice(span.start, span.end)));
  if (answer === "") return markdownText(text, max);
  const bold = `**${answer}**`;
  if (bold.length >= max) return `**${trimText(answer, Math.max(1, max - 4))}**`;
  const before = escapeMarkdown(cleanText(text.slice(0, span.start), { trim: false }).trimStart());
  const after = escapeMarkdown(cleanText(text.slice(span.end), { trim: false }).trimEnd());
  const room = max - bold.length;
  let afterRoom = Math.min(after.length, Math.floor(room / 2));
  const beforeRoom = Math.min(before.length, room - afterRoom);
  afterRoom = Math.min(after.length, room - beforeRoom);
  return `${trimTextStart(before, beforeRoom)}${bold}${trimText(after, afterRoom)}`;
}

/** A quoted excerpt and its citation, the quote at most `quoteLength` long. */
function excerptBlock(excerpt: Excerpt, quoteLength: number, highlight: boolean): string {
  const quote = quoteExcerpt(excerpt.text, highlight ? excerpt.answerSpan : null, quoteLength);
  return `> ${quote}\n${citationLine(excerpt)}`;
}

/**
 * Excerpt blocks that fit in `max` characters together with `intro`: as many as fit (up to three) with an
 * equal share of the room each, so every shown excerpt keeps its whole citation.
 */
function excerptBlocks(excerpts: readonly Excerpt[], intro: string, max: number, highlight: boolean): string {
  const separator = "\n\n";
  for (let count = Math.min(maxExcerpts, excerpts.length); count > 0; count--) {
    const shown = excerpts.slice(0, count);
    const citations = shown.map((excerpt) => citationLine(excerpt).length + "> \n".length);
    const overhead = intro.length + separator.length * count + citations.reduce((sum, n) => sum + n, 0);
    const quoteLength = Math.min(maxQuoteLength, Math.floor((max - overhead) / count));
    if (quoteLength < minQuoteLength && count > 1) continue;
    const blocks = shown.map((excerpt) => excerptBlock(excerpt, Math.max(quoteLength, 1), highlight));
    return joinBlocks([intro, ...blocks].filter(Boolean), max, separator, () => "");
  }
  return intro;
}

/** The asker's question, shown small above the answer as plain text. */
function questionAuthor(question: string): APIEmbed["author"] {
  const shown = plainText(question, discordLimits.authorName - 3);
  return shown === "" ? undefined : { name: `Q: ${shown}` };
}

/** Custom ids of an answer's 👍 and 👎 buttons. */
export interface VoteButtonIds {
  up: string;
  down: string;
}

/** How an answer is shown besides the answer itself. */
export interface AnswerPresentation {
  /** What the user typed, shown above the answer; the answer's own question by default. */
  asked?: string;
  /** How the question was understood when it leaned on the previous one (small text); null when it did not. */
  understoodAs?: string | null;
  /** The 👍 / 👎 buttons under the answer; none when null. */
  votes?: VoteButtonIds | null;
}

/** Longest "understood as" shown. */
const maxUnderstoodAsLength = 300;

/** "understood as: …" in small text, or nothing. */
function understoodLine(understoodAs: string | null | undefined): string {
  if (!understoodAs) return "";
  return `-# understood as: ${markdownText(understoodAs, maxUnderstoodAsLength)}`;
}

function voteRow(ids: VoteButtonIds): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: "👍" }, custom_id: ids.up },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        emoji: { name: "👎" },
        custom_id: ids.down,
      },
    ],
  };
}

/**
 * An answer as one embed: the short answer as title when there is one, then up to three quoted excerpts with
 * the answer span in bold, each cited as "Article › Section" (linked to the source) with its passage id.
 * When the articles do not answer, says so, offers the closest passages and points to `/sections`. A question
 * that leaned on the previous one says how it was understood.
 */
export function formatAnswer(answer: Answer, presentation: AnswerPresentation = {}): ReplyPayload {
  const author = questionAuthor(presentation.asked ?? answer.question);
  const budget = discordLimits.embedDescription;
  const understood = understoodLine(presentation.understoodAs);
  const components = presentation.votes ? [voteRow(presentation.votes)] : [];
  if (answer.answered) {
    const title = answer.answer === null ? "What the article says" : markdownText(answer.answer, 200);
    const top = answer.excerpts[0];
    const embed: APIEmbed = {
      color: embedColors.answer,
      ...(author ? { author } : {}),
      title,
      description: excerptBlocks(answer.excerpts, understood, budget, true),
      ...(top
        ? { footer: { text: plainText(`/passage ${top.passageId} shows the whole passage`, 200) } }
        : {}),
    };
    return { embeds: [fitEmbed(embed)], components };
  }
  if (answer.reason === "empty-question" || answer.reason === "nothing-asked") {
    const embed: APIEmbed = {
      color: embedColors.info,
      title: "Ask me a question",
      description: `${answer.reason === "nothing-asked" ? "I couldn't find anything to look up in that. " : ""}Type a question about the articles, for example: *When was it built?*`,
    };
    return { embeds: [fitEmbed(embed)] };
  }
  // "Not sure" when passages come close; "doesn't say" only when nothing holds what was asked.
  const unsure = answer.reason === "low-confidence";
  const honest = unsure
    ? "I couldn't find a direct answer; these passages may help:"
    : answer.related.length > 0
      ? "I couldn't find the answer in the articles. These passages came closest (`/sections` shows what the articles cover):"
      : "Nothing in the articles matches this question. Try other words, or browse with `/sections` and `/search`.";
  const embed: APIEmbed = {
    color: embedColors.noAnswer,
    ...(author ? { author } : {}),
    title: unsure ? "Not sure" : "The article doesn't say",
    description: excerptBlocks(
      answer.related,
      [understood, honest].filter(Boolean).join("\n"),
      budget,
      false,
    ),
  };
  return { embeds: [fitEmbed(embed)], components };
}

/** "more" or "what happened after that" when there is nothing further to show. */
export function formatNothingMore(
  continuation: "more" | "after",
  asked: string,
  understoodAs: string,
): ReplyPayload {
  const author = questionAuthor(asked);
  const embed: APIEmbed = {
    color: embedColors.noAnswer,
    ...(author ? { author } : {}),
    title: continuation === "more" ? "That's all I found on that" : "The article says nothing after that",
    description: [
      understoodLine(understoodAs),
      continuation === "more"
        ? "I've shown every passage I found for it. Ask another question, or browse with `/sections`."
        : "That's where the article's account ends. Ask another question, or browse with `/sections`.",
    ].join("\n"),
  };
  return { embeds: [fitEmbed(embed)] };
}
