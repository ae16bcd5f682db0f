/**
 * Making text safe to show on Discord: strip what is invisible or reorders text, neutralize markdown and mass
 * mentions, and shorten at sentence or word boundaries. Used for corpus text and for user text echoed back.
 */

/** Zero-width and bidi control characters, invisible fillers and tag characters. */
const invisible =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: code points are deleted one by one, combining ones included.
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF0-\uFFFB]|[\u{E0000}-\u{E007F}]/gu;
/** Control characters other than whitespace. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const control = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/gu;
const ellipsis = "…";

/** Removes invisible and control characters and collapses all whitespace (newlines too) to single spaces. */
export function cleanText(text: string, options: { trim?: boolean } = {}): string {
  const cleaned = text.normalize("NFC").replace(invisible, "").replace(control, "").replace(/\s+/gu, " ");
  return options.trim === false ? cleaned : cleaned.trim();
}

/** Stops `@everyone` and `@here` from reading as mass mentions, even where allowed mentions would not apply. */
export function neutralizeMassMentions(text: string): string {
  return text.replace(/@(everyone|here)\b/giu, "@\u200B$1");
}

/**
 * Escapes Discord markdown so text shows literally: emphasis, code, spoilers, quotes, headings, masked links,
 * list markers at the start, and `<…>` forms (user, role and channel mentions, emoji, timestamps).
 * Expects single-line text, as {@link cleanText} returns.
 */
export function escapeMarkdown(text: string): string {
  const escaped = text
    .replace(/[\\*_~`|<>#[\]]/gu, "\\$&")
    .replace(/^-/u, "\\-")
    .replace(/^(\d+)\.(?=\s)/u, "$1\\.");
  return neutralizeMassMentions(escaped);
}

/** Cleaned, escaped text for markdown fields (descriptions, field values, titles), at most `max` long. */
export function markdownText(text: string, max = Number.POSITIVE_INFINITY): string {
  return trimText(escapeMarkdown(cleanText(text)), max);
}

/** Cleaned text for fields Discord shows as plain text (author, footer, choice names, labels). */
export function plainText(text: string, max = Number.POSITIVE_INFINITY): string {
  return trimText(neutralizeMassMentions(cleanText(text)), max);
}

/** Text as inline code; falls back to escaped text if it contains a backtick. */
export function inlineCode(text: string): string {
  const cleaned = cleanText(text);
  return cleaned.includes("`") ? escapeMarkdown(cleaned) : `\`${cleaned}\``;
}

/** Longest URL linked in citations; longer ones are left out rather than cut. */
const maxLinkedUrlLength = 512;

/** `[label](url)` with the URL made safe for markdown; just the label when the URL is unusable. */
export function maskedLink(label: string, url: string | null): string {
  if (url === null || url.length > maxLinkedUrlLength) return label;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return label;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return label;
  const safe = parsed.href.replace(
    /[()<>\s]/gu,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `[${label}](${safe})`;
}

/** Whether a cut before `index` would split a surrogate pair or separate an escape from its character. */
function isUnsafeCut(text: string, index: number): boolean {
  const before = text.charCodeAt(index - 1);
  if (before >= 0xd800 && before <= 0xdbff) return true;
  let backslashes = 0;
  for (let at = index - 1; at >= 0 && text[at] === "\\"; at--) backslashes++;
  return backslashes % 2 === 1;
}

const sentenceEnd = /[.!?…]["'”’)\]]*(?=\s)/gu;

/**
 * Shortens text to at most `max` characters, marking the cut with "…": after the last sentence that fits
 * when that keeps most of the room, else at the last word boundary, else (one long word) mid-word but never
 * inside a surrogate pair or an escape.
 */
export function trimText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return "";
  const room = max - 1;
  let sentenceCut = -1;
  for (const match of text.slice(0, room + 1).matchAll(sentenceEnd)) {
    const end = match.index + match[0].length;
    if (end + 1 <= room) sentenceCut = end;
  }
  if (sentenceCut >= room * 0.6) return `${text.slice(0, sentenceCut)} ${ellipsis}`;
  const space = text.lastIndexOf(" ", room);
  if (space >= room * 0.5) return `${text.slice(0, space).trimEnd()}${ellipsis}`;
  let cut = room;
  while (cut > 0 && isUnsafeCut(text, cut)) cut--;
  return `${text.slice(0, cut).trimEnd()}${ellipsis}`;
}

/**
 * Shortens text to at most `max` characters keeping its end, marked with a leading "…": from the first
 * sentence that starts in the kept part, else from a word boundary.
 */
export function trimTextStart(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return "";
  const room = max - 1;
  for (const match of text.matchAll(sentenceEnd)) {
    const start = match.index + match[0].length + 1;
    if (start < text.length - (room - 1)) continue;
    if (text.length - start >= room * 0.6) return `${ellipsis} ${text.slice(start)}`;
    break;
  }
  const space = text.indexOf(" ", text.length - max);
  if (space !== -1 && text.length - space - 1 >= room * 0.5) return `${ellipsis}${text.slice(space + 1)}`;
  let cut = text.length - room;
  while (cut < text.length && isUnsafeCut(text, cut)) cut++;
  const low = text.charCodeAt(cut);
  if (low >= 0xdc00 && low <= 0xdfff) cut++;
  return `${ellipsis}${text.slice(cut)}`;
}
