/**
 * Turns punctuated prose into the seed's stripped format while keeping where each sentence started, so
 * any punctuated text becomes labelled training data for the boundary model. The recipe is the shared
 * pool's: one line; no periods, colons, semicolons, quotes, dashes or hyphens; ` , ` commas; `\( \)`
 * parentheses; ` 's` possessives; `12 , 000`; `7 50 PM`. Markdown heading lines stay inline as bare words,
 * as the seed's headings do, and count as pieces of their own.
 */

/** Stripped text and the character offsets (in it) where each sentence or heading starts. */
export interface StrippedText {
  text: string;
  pieceStarts: number[];
  /** Offsets where a heading starts (a subset of `pieceStarts`). */
  headingStarts: number[];
}

/** Abbreviations whose period does not end a sentence. */
const ABBREVIATIONS =
  /(?:^|\s)(?:Mr|Mrs|Ms|Dr|Prof|St|Mt|Sr|Jr|Gen|Col|Capt|Lt|Sgt|Gov|Sen|Rep|Rev|Hon|No|Vol|vs|etc|e\.g|i\.e|cf|approx|ca|c|Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|[A-Z])\.$/u;

/** Splits a paragraph of punctuated prose into sentences at `.`, `!` or `?` before a capital or digit. */
export function splitPunctuatedSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of paragraph.matchAll(/[.!?]["'”’)\]]*\s+(?=["'“‘([]*[\p{Lu}\p{N}])/gu)) {
    const end = match.index + match[0].trimEnd().length;
    const candidate = paragraph.slice(start, end);
    if (ABBREVIATIONS.test(candidate.replace(/["'”’)\]]+$/u, ""))) continue;
    sentences.push(candidate.trim());
    start = match.index + match[0].length;
  }
  const rest = paragraph.slice(start).trim();
  if (rest !== "") sentences.push(rest);
  return sentences;
}

/** One sentence (or heading) in the stripped format, or "" when nothing is left. */
export function stripSentence(sentence: string): string {
  return (
    sentence
      // Digit groups and times keep their digits apart (`12,000` → `12 , 000`, `7:50` → `7 50`).
      .replace(/(\d),(\d{3})/gu, "$1 , $2")
      .replace(/(\d)[.:](\d)/gu, "$1 $2")
      .replace(/(\p{L})['’]s\b/gu, "$1 's")
      .replace(/\(/gu, " \\( ")
      .replace(/\)/gu, " \\) ")
      .replace(/,/gu, " , ")
      // Quotes go, but an apostrophe inside a word (`isn't`) stays, as in the shared pool.
      .replace(/(^|[^\p{L}])['‘’](?!s\b)|(?<! )['‘’](?=[^\p{L}]|$)/gu, "$1 ")
      .replace(/["“”.:;!?$%&*#/_=+<>[\]{}|~^`•…]|[-‐‑‒–—―]/gu, " ")
      .replace(/\s+/gu, " ")
      .trim()
  );
}

/** Strips a Markdown or plain-text article: `#` lines and short title lines become inline headings. */
export function stripArticle(source: string): StrippedText {
  const pieces: Array<{ text: string; heading: boolean }> = [];
  const paragraphs = source.split(/\n\s*\n|\n(?=#)/u);
  paragraphs.forEach((paragraph, n) => {
    const trimmed = paragraph.trim();
    if (trimmed === "") return;
    const heading = /^#{1,6}\s+(.+)$/u.exec(trimmed);
    if (heading) {
      // The first `#` line is the article's title, which the stripped format does not repeat.
      if (n > 0 || !trimmed.startsWith("# ")) pieces.push({ text: heading[1] as string, heading: true });
      return;
    }
    for (const sentence of splitPunctuatedSentences(trimmed.replace(/\s+/gu, " ")))
      pieces.push({ text: sentence, heading: false });
  });
  let text = "";
  const pieceStarts: number[] = [];
  const headingStarts: number[] = [];
  for (const piece of pieces) {
    const stripped = stripSentence(piece.text);
    if (stripped === "") continue;
    if (text !== "") text += " ";
    pieceStarts.push(text.length);
    if (piece.heading) headingStarts.push(text.length);
    text += stripped;
  }
  return { text, pieceStarts, headingStarts };
}
