import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import { discordLimits } from "../limits.ts";
import { trimText } from "../text.ts";

/** What the bot sends in a reply, as plain JSON: built by pure formatters, sent by the transport. */
export interface ReplyPayload {
  /** Plain text, for short replies (small talk) that need no embed. */
  content?: string;
  embeds: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
}

/** Embed colours by meaning. */
export const embedColors = {
  answer: 0x2f9e44,
  noAnswer: 0x868e96,
  info: 0x5865f2,
} as const;

/** Custom ids of the Previous and Next buttons of a paged reply. */
export interface PagingButtonIds {
  previous: string;
  next: string;
}

/** Previous/Next buttons for page `page` (0-based) of `pageCount`, disabled at either end. */
export function pagingRow(
  page: number,
  pageCount: number,
  ids: PagingButtonIds,
): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: "Previous",
        custom_id: ids.previous,
        disabled: page === 0,
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: "Next",
        custom_id: ids.next,
        disabled: page >= pageCount - 1,
      },
    ],
  };
}

/** The characters of an embed that count towards Discord's 6000 total. */
export function embedSize(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/**
 * Joins whole blocks (e.g. an excerpt with its citation) with `separator` while they fit in `max`; when some
 * are left out, ends with `more(leftOut)`. Only a first block longer than `max` on its own is trimmed.
 */
export function joinBlocks(
  blocks: readonly string[],
  max: number,
  separator: string,
  more: (leftOut: number) => string,
): string {
  let joined = "";
  for (const [index, block] of blocks.entries()) {
    const candidate = index === 0 ? block : `${joined}${separator}${block}`;
    const isLast = index === blocks.length - 1;
    const note = isLast ? "" : `${separator}${more(blocks.length - index - 1)}`;
    if (candidate.length + note.length <= max) {
      joined = candidate;
      continue;
    }
    const leftOut = `${separator}${more(blocks.length - index)}`;
    if (index === 0) return trimText(block, max);
    return joined.length + leftOut.length <= max ? `${joined}${leftOut}` : joined;
  }
  return joined;
}

/**
 * Fits an embed into Discord's limits as a last step: trims each text field at a sentence or word boundary,
 * keeps at most 25 fields, then, while the total is over 6000, drops fields from the end and finally
 * shortens the description. Formatters keep their structure within limits first, so this rarely cuts.
 */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (fitted.title !== undefined) fitted.title = trimText(fitted.title, discordLimits.embedTitle);
  if (fitted.description !== undefined) {
    fitted.description = trimText(fitted.description, discordLimits.embedDescription);
  }
  if (fitted.author)
    fitted.author = { ...fitted.author, name: trimText(fitted.author.name, discordLimits.authorName) };
  if (fitted.footer)
    fitted.footer = { ...fitted.footer, text: trimText(fitted.footer.text, discordLimits.footerText) };
  if (fitted.fields) {
    fitted.fields = fitted.fields.slice(0, discordLimits.embedFields).map((field) => ({
      ...field,
      name: trimText(field.name, discordLimits.fieldName) || "\u200B",
      value: trimText(field.value, discordLimits.fieldValue) || "\u200B",
    }));
    while (embedSize(fitted) > discordLimits.embedTotal && fitted.fields.length > 0) fitted.fields.pop();
  }
  const excess = embedSize(fitted) - discordLimits.embedTotal;
  if (excess > 0 && fitted.description !== undefined) {
    fitted.description = trimText(fitted.description, Math.max(0, fitted.description.length - excess));
  }
  return fitted;
}
