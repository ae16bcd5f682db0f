/**
 * A web page's HTML source, saved as an `.html` file or pasted from the browser's view-source: its tags are
 * markup, not text. It is read as the Markdown it stands for: the first `<h1>` (else the `<title>`) the title,
 * `<h2>`…`<h6>` headings, paragraphs and blocks paragraphs, `<li>` list items, table cells tab-separated, a
 * figure's caption a Markdown image's; the head, scripts, styles, menus, forms, footer, lists of bare links
 * (related stories, a contents list) and what the markup marks as a byline, tags or widgets are left out.
 */

import { decodeEntity, ENTITY } from "./pasted-markup.ts";

/** A page's own markup: a doctype or `<html>` opening it, or paragraphs and headings closed as HTML closes them. */
export function isHtmlSource(text: string): boolean {
  if (/^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!DOCTYPE\s+html|html[\s>])/iu.test(text)) return true;
  const closedBlocks = text.match(/<\/(?:p|h[1-6]|li|div)>/giu)?.length ?? 0;
  return closedBlocks >= 5 && /<(?:p|h[1-6])[\s>]/iu.test(text);
}

/** Elements whose whole content is no part of the text a reader sees. */
const HIDDEN_ELEMENTS = [
  "head",
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "nav",
  "footer",
  "form",
  "button",
  "select",
  "iframe",
];

/**
 * A page's furniture by the class or id its markup gives it (as reader views tell it): a byline, tags,
 * share and comment widgets, related links, advertisements. Only elements that do not nest in themselves are
 * cut this way, so the first closing tag is their own.
 */
const FURNITURE_ELEMENTS =
  /<(p|ul|ol|aside|span)\b[^>]*\b(?:class|id)\s*=\s*["'][^"']*\b(?:byline|tags?|share|sharing|social|related|comments?|newsletter|subscribe|breadcrumbs?|sidebar|advert|ad|ads|promo|cookie)\b[^"']*["'][^>]*>[\s\S]*?<\/\1\s*>/giu;

/** Elements that end a paragraph where they open and close. */
const BLOCK_TAGS =
  /<\/?(?:p|div|section|article|main|header|aside|blockquote|figure|figcaption|ul|ol|dl|dt|dd|table|thead|tbody|tfoot|tr|hr|pre|address|details|summary|caption)\b[^>]*>/giu;

/** The text between two tags, without the tags inside it, on one line. */
function inlineText(html: string): string {
  return html
    .replace(/<[^>]*>/gu, "")
    .replace(/\s+/gu, " ")
    .trim();
}

/** A caption as the Markdown image line the parser reads as one, a block of its own. */
export function captionBlock(caption: string): string {
  return `\n\n![${caption.replace(/[[\]]/gu, "")}]()\n\n`;
}

/** The page as Markdown: title, headings, paragraphs and list items, each block apart. */
export function htmlToMarkdown(html: string): string {
  let body = html.replace(/<!--[\s\S]*?-->/gu, " ");
  const h1 = /<h1\b[^>]*>([\s\S]*?)<\/h1>/iu.exec(body);
  const titleElement = /<title\b[^>]*>([\s\S]*?)<\/title>/iu.exec(body);
  const title = inlineText(h1?.[1] ?? titleElement?.[1] ?? "");
  for (const element of HIDDEN_ELEMENTS)
    body = body.replace(new RegExp(`<${element}\\b[^>]*>[\\s\\S]*?</${element}\\s*>`, "giu"), " ");
  if (h1 !== null) body = body.replace(h1[0], " ");
  body = body.replace(FURNITURE_ELEMENTS, " ");
  const markdown = body
    // In HTML a line break in the source is a space; only the tags below break the text.
    .replace(/\s+/gu, " ")
    .replace(/<h([2-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/giu, (_, level: string, inner: string) => {
      const heading = inlineText(inner);
      return heading === "" ? "\n\n" : `\n\n${"#".repeat(Number(level))} ${heading}\n\n`;
    })
    // A list item that is nothing but a link points elsewhere (`Read also: …`, a contents entry).
    .replace(/<li\b[^>]*>\s*<a\b[^>]*>[\s\S]*?<\/a>\s*<\/li\s*>/giu, "\n")
    .replace(/<figcaption\b[^>]*>([\s\S]*?)<\/figcaption\s*>/giu, (_, inner: string) => {
      const caption = inlineText(inner).replace(/[[\]]/gu, "");
      return caption === "" ? "\n\n" : captionBlock(caption);
    })
    .replace(/<li\b[^>]*>/giu, "\n- ")
    .replace(/<\/li\s*>/giu, "\n")
    .replace(/<br\s*\/?>/giu, "\n")
    .replace(/<\/t[dh]\s*>\s*(?=<t[dh]\b)/giu, "\t")
    .replace(BLOCK_TAGS, "\n\n")
    .replace(/<[^>]*>/gu, "")
    // Entities are decoded here so that lines read as the page shows them (`By Priya Raman · 14 March 2023`);
    // `&lt;`, `&gt;` and `&amp;` are left for `pasted-markup.ts`, so none is taken for markup.
    .replace(ENTITY, (entity, name: string) =>
      /^(?:lt|gt|amp)$/iu.test(name) ? entity : (decodeEntity(name) ?? entity),
    )
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .replace(/\n{3,}/gu, "\n\n")
    .trim();
  return title === "" ? markdown : `# ${title}\n\n${markdown}`;
}
