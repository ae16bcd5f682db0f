import type { SourceToken } from "../text/detokenize.ts";
import type { ParsedArticle, ParsedSection } from "./parsed.ts";

/**
 * Parser for ordinary punctuated text (plain text or Markdown): headings are `#` lines or short
 * lines without final punctuation, paragraphs are split into sentences at `.`, `!` or `?` followed by
 * a capital, except after common abbreviations. `![caption](…)` lines are image captions,
 * `Category: …` lines categories, and an `External links` section lists links.
 */

/** Abbreviations whose period does not end a sentence (lower case, without the period). */
const ABBREVIATIONS = new Set(
  `mr mrs ms dr prof st mt jr sr vs etc e.g i.e approx no nos vol fig ca c gen col lt capt sgt gov
  pres rev hon jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp dept univ est`.split(/\s+/u),
);

/** Sections whose contents are not article text. */
const SKIPPED_SECTIONS = new Set([
  "references",
  "notes",
  "see also",
  "further reading",
  "bibliography",
  "sources",
]);

/** Whitespace-separated chunks of a line, with offsets into the whole file. */
function chunks(text: string, offset: number): SourceToken[] {
  return [...text.matchAll(/\S+/gu)].map((match) => ({
    source: match[0],
    sourceStart: offset + match.index,
    sourceEnd: offset + match.index + match[0].length,
  }));
}

function endsSentence(token: SourceToken, next: SourceToken | undefined): boolean {
  const match = /^(.*?)([.!?]+)["'”’)\]]*$/u.exec(token.source);
  if (match === null || next === undefined) return next === undefined;
  const word = (match[1] ?? "").toLowerCase().replace(/^["'“‘(]+/u, "");
  if (
    match[2] === "." &&
    (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word))
  ) {
    return false;
  }
  return /^["'“‘(]?[\p{Lu}\p{N}]/u.test(next.source);
}

/** Splits a paragraph's chunks into sentences. */
function splitSentences(tokens: SourceToken[]): SourceToken[][] {
  const sentences: SourceToken[][] = [];
  let current: SourceToken[] = [];
  tokens.forEach((token, n) => {
    current.push(token);
    if (endsSentence(token, tokens[n + 1])) {
      sentences.push(current);
      current = [];
    }
  });
  if (current.length > 0) sentences.push(current);
  return sentences;
}

/** A Markdown link or bare URL reduced to its visible text. */
function linkText(line: string): string {
  return line
    .replace(/^\s*(?:[-*+]|\d+\.)\s+/u, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/gu, "$1")
    .replace(/<(https?:[^>]+)>/gu, "$1")
    .trim();
}

/** Parses one article in ordinary punctuated text. */
export function parsePunctuated(raw: string): ParsedArticle {
  const sections: ParsedSection[] = [{ heading: null, captions: [], sentences: [] }];
  const categories: SourceToken[][] = [];
  const externalLinks: SourceToken[][] = [];
  let statedTitle: string | null = null;
  let block: "body" | "links" | "skipped" = "body";
  let paragraph: SourceToken[] = [];
  const flushParagraph = () => {
    if (paragraph.length > 0 && block === "body") {
      (sections.at(-1) as ParsedSection).sentences.push(...splitSentences(paragraph));
    }
    paragraph = [];
  };

  const lines = raw.split("\n");
  let offset = 0;
  lines.forEach((line, n) => {
    const lineOffset = offset;
    offset += line.length + 1;
    const trimmed = line.trim();
    if (trimmed === "") {
      flushParagraph();
      return;
    }
    const category = /^categor(?:y|ies)\s*:\s*(.+)$/iu.exec(trimmed);
    if (category !== null) {
      flushParagraph();
      const listStart = lineOffset + line.indexOf(category[1] as string);
      let itemOffset = 0;
      for (const item of (category[1] as string).split(/[|;]/u)) {
        const itemStart = listStart + itemOffset + (item.length - item.trimStart().length);
        if (item.trim() !== "") categories.push(chunks(item.trim(), itemStart));
        itemOffset += item.length + 1;
      }
      return;
    }
    const image = /^!\[([^\]]+)\]\([^)]*\)$/u.exec(trimmed);
    if (image !== null) {
      flushParagraph();
      const caption = image[1] as string;
      (sections.at(-1) as ParsedSection).captions.push(chunks(caption, lineOffset + line.indexOf(caption)));
      return;
    }
    const markdownHeading = /^(#{1,6})\s+(.+?)\s*#*$/u.exec(trimmed);
    const nextLine = lines[n + 1]?.trim() ?? "";
    const plainHeading =
      paragraph.length === 0 &&
      /^\p{Lu}/u.test(trimmed) &&
      !/[.!?:;,]$/u.test(trimmed) &&
      trimmed.split(/\s+/u).length <= 8 &&
      (nextLine === "" || /^\p{Lu}/u.test(nextLine));
    if (markdownHeading !== null || plainHeading) {
      flushParagraph();
      const text = markdownHeading?.[2] ?? trimmed;
      const headingStart = lineOffset + line.indexOf(text);
      if (markdownHeading?.[1] === "#" && statedTitle === null && sections.length === 1) {
        statedTitle = text;
        return;
      }
      const name = text.toLowerCase();
      block = name === "external links" ? "links" : SKIPPED_SECTIONS.has(name) ? "skipped" : "body";
      if (block === "body")
        sections.push({ heading: chunks(text, headingStart), captions: [], sentences: [] });
      return;
    }
    if (block === "links") {
      const text = linkText(trimmed);
      if (text !== "") externalLinks.push(chunks(text, lineOffset + Math.max(0, line.indexOf(text))));
      return;
    }
    paragraph.push(...chunks(line, lineOffset));
  });
  flushParagraph();
  return {
    format: "punctuated",
    statedTitle,
    sections: sections.filter((section) => section.heading !== null || section.sentences.length > 0),
    categories,
    externalLinks,
  };
}

/**
 * True when text looks like the stripped format: long runs of words with almost no sentence-final
 * punctuation (under one per hundred words).
 */
export function isStrippedFormat(raw: string): boolean {
  const words = raw.split(/\s+/u).filter(Boolean).length;
  const terminators = (raw.match(/[.!?]["'”’)\]]*(?=\s|$)/gu) ?? []).length;
  return words >= 20 && terminators * 100 < words;
}
