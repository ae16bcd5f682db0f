import type { SourceToken } from "../text/detokenize.ts";
import { canBeFiniteVerb, posTags } from "../text/lexicon.ts";
import {
  ANSWER_LABEL,
  isDashItem,
  isInfoboxContinuation,
  isNumberedHeading,
  LIST_MARKER,
  type NoteColumns,
  NUMBERED_SUBHEADING,
  nearestTextLine,
  QUESTION_LABEL,
  SECTION_NUMBER,
  type StackedTable,
  tabCells,
} from "./line-layouts.ts";
import { lineRolesOf } from "./line-roles.ts";
import {
  contentsNames,
  FOOTNOTE_LINE,
  FOOTNOTE_RULE,
  isPageFurniture,
  NUMBERED_FOOTNOTE,
  pageNoteNumbers,
  runningHeaderKey,
  sourceLinkOf,
  tableOfContents,
  withoutPhotoCredit,
} from "./page-furniture.ts";
import type { ParsedArticle, ParsedSection } from "./parsed.ts";
import {
  MARKDOWN_FOOTNOTE_DEFINITION,
  type MarkupContext,
  mapText,
  removeInlineMarkup,
  sourceTokens,
  usesLetterNotes,
  usesTrailingEditLinks,
} from "./pasted-markup.ts";
import {
  isRowBorder,
  isTableLine,
  isTableSyntax,
  keyValueSentence,
  rowSentence,
  rowsAreNamedValues,
  tableCells,
} from "./table-rows.ts";
import { transcriptCues } from "./transcript-cues.ts";
import { AUXILIARY_VERBS, MONTHS, NON_FINAL_WORDS } from "./word-lists.ts";

/**
 * Parser for ordinary punctuated text (plain text or Markdown, typed or pasted from the web): headings
 * are `#` lines or short lines without final punctuation, paragraphs are split into sentences at `.`, `!`
 * or `?` followed by a capital, except after common abbreviations. `![caption](…)` lines are image
 * captions, `Category: …` lines categories, table rows sentences of their own, and an `External links`
 * section lists links. Back matter (`References`, `Notes`, `See also` …) is left out up to the next
 * section that is not back matter, and so is the furniture of a copied web page (`page-furniture.ts`).
 */

/** Abbreviations whose period does not end a sentence (lower case, without the period). */
const ABBREVIATIONS = new Set(
  `mr mrs ms dr prof st mt jr sr vs etc e.g i.e approx no nos vol fig ch pp ca c gen col lt capt sgt gov
  pres rev hon jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp dept univ est cf viz incl excl esp`.split(
    /\s+/u,
  ),
);

/** Titles of back-matter sections whose contents are not article text. */
const SKIPPED_SECTIONS = new Set([
  "references",
  "notes",
  "see also",
  "further reading",
  "bibliography",
  "sources",
  "citations",
  "footnotes",
  "works cited",
  "notes and references",
  // A web page's list of links to its other pages is `RELATED`, below.
  "you may also like",
  "read next",
  // An encyclopedia site's lists after the article: its other articles, how to cite it, its revisions.
  "related topics",
  "citation information",
  "article history",
  "external websites",
  "additional reading",
  // A press release's contact block, after its text.
  "media contact",
  "media contacts",
  "press contact",
  "press contacts",
  "media enquiries",
  "media inquiries",
  "press enquiries",
  "press inquiries",
]);

/** A press release's end mark (`###`, `-30-`, `ENDS`), alone on its line. */
const RELEASE_END = /^(?:#\s?#\s?#|-\s?30\s?-|[-–—]?\s?ends\s?[-–—]?)$/iu;
/** How many lines may follow a press release's end mark: its contact block, not more text. */
const RELEASE_END_REACH = 15;
/** The back-matter section whose entries are kept, as the article's external links. */
const LINKS_SECTION = "external links";

/** What the lines under a heading are: article text, external links, or back matter left out. */
type Block = "body" | "links" | "skipped";

/**
 * A web page's heading over links to its other pages: `Related`, alone or naming what it lists (`Related posts`,
 * `Related objects`). Not any word: an article's `Related species` is text.
 */
const RELATED =
  /^related(?: (?:pages|articles|links|posts|stories|objects|content|items|resources|videos|documents|files|reading))?$/u;

function blockUnder(sectionName: string): Block {
  if (sectionName === LINKS_SECTION) return "links";
  return SKIPPED_SECTIONS.has(sectionName) || RELATED.test(sectionName) ? "skipped" : "body";
}

/** True for text that opens with a day and its month (`19 July 1545: The Sinking`). */
function opensWithDate(text: string): boolean {
  const date = /^\d{1,2}\s+(\p{L}+)/u.exec(text);
  return date !== null && MONTHS.has((date[1] as string).toLowerCase());
}

/** The section number a heading opens with, or "" (a day before its month, `19 July 1545`, is a date). */
function sectionNumberOf(text: string): string {
  const number = SECTION_NUMBER.exec(text)?.[0] ?? "";
  return opensWithDate(text) ? "" : number;
}

/** A word a line ends on, cut by a hyphen (`abdomi-`), as text copied from a PDF breaks words. */
const LINE_END_HYPHEN = /^\p{L}+-$/u;

/**
 * The word a line-end hyphen cut, joined with its rest on the next line (`abdomi-` `nal,` → `abdominal,`),
 * or null when the next line does not go on with a lower-case word. The hyphen stays where the text writes
 * the compound with it elsewhere, or where both halves are words and the whole is not (`sea-` `level`).
 */
function joinHyphenated(wrapped: SourceToken, next: SourceToken, raw: string): SourceToken | null {
  const rest = /^(\p{Ll}+)(.*)$/u.exec(next.source);
  if (rest === null) return null;
  const head = wrapped.source.slice(0, -1);
  const tail = rest[1] as string;
  const compound = `${head}-${tail}`;
  const isWord = (word: string) => posTags(word.toLowerCase()).length > 0;
  const keepsHyphen = raw.includes(compound) || (!isWord(head + tail) && isWord(head) && isWord(tail));
  return {
    source: `${keepsHyphen ? compound : head + tail}${rest[2] as string}`,
    sourceStart: wrapped.sourceStart,
    sourceEnd: next.sourceEnd,
  };
}

function endsSentence(token: SourceToken, next: SourceToken | undefined): boolean {
  const match = /^(.*?)([.!?]+)["'”’)\]]*$/u.exec(token.source);
  if (match === null || next === undefined) return next === undefined;
  const word = (match[1] ?? "").toLowerCase().replace(/^["'“‘(]+/u, "");
  if (
    match[2] === "." &&
    (ABBREVIATIONS.has(word) ||
      /^\p{L}$/u.test(word) ||
      /^(\p{L}\.)+\p{L}$/u.test(word) ||
      // A citation's `et al.` before its year (`Phillips et al. (2006) showed …`).
      (word === "al" && /^[([]?\p{N}/u.test(next.source)) ||
      // A translation's `lit.` before its quote (`lit. 'Mound of the Dead Men'`); `was lit. Work …` ends one.
      (word === "lit" && /^["'“‘]/u.test(next.source)) ||
      // A script's scene heading, interior or exterior, in capitals (`SCENE 1 – EXT. FIRTH OF TAY – DAWN`).
      /^(?:INT|EXT)$/u.test(match[1] ?? "") ||
      // Old British money, shillings before pence (`pawned it for 4s. 6d.`, `£2 10s. 6d.`).
      (/^\p{N}+s$/u.test(word) && /^\p{N}+d\b/u.test(next.source)))
  ) {
    return false;
  }
  return /^["'“‘([]?[\p{Lu}\p{N}]/u.test(next.source);
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

/** Whether a sentence says something: four words or more, one of them a finite verb in lower case. */
function isClause(tokens: readonly SourceToken[]): boolean {
  return (
    tokens.length >= 4 &&
    tokens.some((token) => /^\p{Ll}+$/u.test(token.source) && canBeFiniteVerb(token.source))
  );
}

/**
 * Whether a line reads as a title rather than the start of a hard-wrapped sentence: it has no auxiliary
 * verb and does not end on a word a sentence cannot end on (`The mosque was commissioned by`).
 */
function isTitleLike(tokens: readonly SourceToken[]): boolean {
  const words = tokens.map((token) => token.source.toLowerCase());
  return !words.some((word) => AUXILIARY_VERBS.has(word)) && !NON_FINAL_WORDS.has(words.at(-1) ?? "");
}

/**
 * Least words of a sentence made of an unpunctuated transcript's captions (each of 5–15 words): captions
 * are added until it has this many. On SQuAD's ten articles turned into automatic captions (lower case, no
 * punctuation, 5–12 words each), answer@1 / @3 was 15 / 28 with every caption a sentence, 49 / 60 at 20
 * words, 58 / 68 at 30, 59 / 67 at 35 and 45, and 16 / 19 parsed as the stripped format (plain MiniSearch 45 / 57).
 */
const CAPTION_SENTENCE_WORDS = 30;

/** An outline's first-level branch over nodes of its own is a heading when it is this short (in words). */
const OUTLINE_HEADING_WORDS = 8;
/** A node's leaves read as its values when there are this few, each this short (in tokens). */
const OUTLINE_MAX_VALUES = 6;
const OUTLINE_VALUE_TOKENS = 14;

/** A figure's or a table's caption as a PDF's text puts it (`Figure 2. Surface area …`, `Fig. 3:`, `Table 1.`). */
const FIGURE_CAPTION = /^(?:Figure|Fig\.|Table|Chart|Map|Plate)\s+\d{1,3}[.:]/u;

/** Whether text stops on a word that no sentence ends on (`the`, `of`, `and`): it must go on. */
function endsOnNonFinalWord(tokens: readonly SourceToken[]): boolean {
  return NON_FINAL_WORDS.has(tokens.at(-1)?.source.toLowerCase() ?? "");
}

/**
 * Whether, within a few lines after line `n`, a line that ends a sentence is followed by one that opens in
 * lower case: where a text set around a caption resumes.
 */
function resumesInLowerCase(lines: readonly string[], n: number): boolean {
  for (let next = n + 1; next <= n + CAPTION_LINES && next < lines.length; next++) {
    const line = (lines[next] as string).trim();
    if (line === "") return false;
    if (/^\p{Ll}/u.test(line) && SENTENCE_END.test((lines[next - 1] as string).trim())) return true;
  }
  return false;
}

/** The most lines a caption set into a sentence runs to. */
const CAPTION_LINES = 6;

/** A sentence's last mark at the end of a line or token, with a closing quote or bracket after it. */
const SENTENCE_END = /[.!?]["'”’)\]]?$/u;

/** A page's short description under its title (`temple complex, Cambodia`): lower case, no full stop. */
function isDescriptionLine(line: string): boolean {
  return /^\p{Ll}/u.test(line) && line.split(/\s+/u).length <= 6 && !/[.!?:;]$/u.test(line);
}

/** A plain heading without the stop an old book sets after it (`THE BEAVER AND HIS WORKS.`): no part of its name. */
function withoutFinalStop(tokens: SourceToken[]): SourceToken[] {
  const last = tokens.at(-1);
  if (last === undefined || !/\p{L}{2}\.$/u.test(last.source)) return tokens;
  return [
    ...tokens.slice(0, -1),
    { ...last, source: last.source.slice(0, -1), sourceEnd: last.sourceEnd - 1 },
  ];
}

/**
 * An outline item as a word processor saves it as text: its number or letter, a tab, then the item
 * (`1.1<TAB>Saint-Domingue was …`, `a)<TAB>about 40,000 white colonists`), or a lower-case letter set off by
 * two spaces or more (a formal outline's `a.  Cultivated land grew …`). It is a list item, not a row of two
 * cells (`1.1: Saint-Domingue was …`), nor the next sentence of the line above.
 */
const OUTLINE_ITEM =
  /^(\s*)(?:(\d{1,2}\.(?:\d{1,2}\.?)*|[a-z]\)|[ivx]{1,5}[.)])(\t+)|([a-z][.)]|[ivx]{1,5}[.)])( {2,}))(?=[^\t]+$)/u;

/** An outline item's line with its marker read as a list's (`-`, or `1.` kept), of the same length. */
function outlineItem(line: string): string {
  const item = OUTLINE_ITEM.exec(line);
  if (item === null) return line;
  const [whole, indent = "", tabbedMarker, tabs, spacedMarker, spaces] = item;
  const marker = tabbedMarker ?? spacedMarker ?? "";
  const gap = tabs ?? spaces ?? "";
  const listMarker = /^\d{1,2}\.$/u.test(marker) ? marker : "-".padEnd(marker.length);
  return `${indent}${listMarker}${" ".repeat(gap.length)}${line.slice(whole.length)}`;
}

/**
 * The lines with each drop capital that a digital edition sets on a line of its own (`T`, then `he road from
 * Hanga Roa …`) moved onto its word: the letter's line left empty, so every later character keeps its place;
 * and a letter set apart before its word's small capitals (`T HE STORY`) joined to them.
 * Joined only when letter and word make a known word, and for `A` and `I`, which are words themselves, only
 * when the rest is none (`A` / `s the tide rose`, not `A` / `new generation`).
 */
function withDropCapitalsJoined(lines: string[]): string[] {
  const joined = [...lines];
  lines.forEach((line, n) => {
    // An e-reader's copy sets the letter apart on the word's own line, before the small capitals that go on
    // (`T HE STORY OF the pencil`): joined in place, the space moved after the word.
    const split = /^(\p{Lu}) (\p{Lu}+)\b/u.exec(line);
    if (split !== null) {
      const [, letter = "", rest = ""] = split;
      const word = (letter + rest).toLowerCase();
      if (posTags(word).length > 0 && !(/^[AI]$/u.test(letter) && posTags(rest.toLowerCase()).length > 0))
        joined[n] = `${letter}${rest} ${line.slice(split[0].length)}`;
      return;
    }
    const next = lines[n + 1] ?? "";
    const rest = /^\p{Ll}+/u.exec(next)?.[0];
    if (!/^\p{Lu}$/u.test(line) || rest === undefined) return;
    if (posTags((line + rest).toLowerCase()).length === 0) return;
    if (/^[AI]$/u.test(line) && posTags(rest).length > 0) return;
    joined[n] = "";
    joined[n + 1] = line + next;
  });
  return joined;
}

/** A picture described in brackets on its own line (`[Image: …]`, `[Photo: …]`), and the credit closing it. */
const PICTURE_DESCRIPTION = /^\[(?:image|photo|photograph|picture|illustration)\s*:\s*(.+?)\]$/iu;
const PICTURE_CREDIT = /\s*(?:credit|photo|photograph|image)\s*:\s*[^.]{1,80}\.?$/iu;

/** Fewest names a contents list gives for a heading it leaves out to be read as no section's. */
const MIN_CONTENTS_NAMES = 3;

/** How many short lines (a caption, a name, a group's label) may stand between an infobox's first lines and its rows. */
const INFOBOX_HEAD_LINES = 3;

/** Whether an infobox's rows (`Location<TAB>Masvingo`) follow line `n` within a few short lines. */
function infoboxRowsFollow(lines: readonly string[], n: number): boolean {
  for (let k = n + 1; k <= n + 1 + INFOBOX_HEAD_LINES && k < lines.length; k++) {
    const line = lines[k] as string;
    if (tabCells(line).length >= 2) return true;
    if (!isInfoboxContinuation(line.trim())) return false;
  }
  return false;
}

/** Parses one article in ordinary punctuated text, removing pasted web markup (`pasted-markup.ts`). */
export function parsePunctuated(raw: string): ParsedArticle {
  const sections: ParsedSection[] = [{ heading: null, captions: [], sentences: [] }];
  const categories: SourceToken[][] = [];
  const externalLinks: SourceToken[][] = [];
  const splitLines = raw.split("\n");
  // A contents list's numbered entries (`1.1<TAB>Foundation legend`) stay as they are, to be read as its entries.
  const listedContents = tableOfContents(splitLines).list;
  const rawLines = withDropCapitalsJoined(
    splitLines.map((line, n) => (listedContents.has(n) ? line : outlineItem(line))),
  );
  const context: MarkupContext = {
    letterNotes: usesLetterNotes(raw),
    pageNotes: pageNoteNumbers(rawLines),
    trailingEditLinks: usesTrailingEditLinks(rawLines),
  };
  const clean = (text: string, offset: number) => removeInlineMarkup(mapText(text, offset), context);
  const tokensOf = (text: string, offset: number) => sourceTokens(clean(text, offset));
  let statedTitle: string | null = null;
  // The name of the heading that numbers the whole text, which outranks the line the page opens on.
  let numberedTitle: string | null = null;
  // The line a plain title stood on (-1 when none): a short description may stand under it.
  let titleAt = -1;
  let block: Block = "body";
  let paragraph: SourceToken[] = [];
  let tableHeader: SourceToken[][] = [];
  // The last infobox row read and its last line: the line right after it may go on with its value.
  let infoboxRow: { tokens: SourceToken[]; line: number } | null = null;
  /** The last one-cell row of a box drawn in text, which a lower-case line below continues. */
  let boxRow: { tokens: SourceToken[]; line: number; indent: number } | null = null;
  // A grid table's row so far, when a cell's text wraps onto the lines under it (`| 1860 | Hill is … Post |`
  // over `|      | Office |`): the row ends at the next border.
  let gridRowCells: SourceToken[][] | null = null;
  const currentSection = () => sections.at(-1) as ParsedSection;
  // A paragraph that stopped without a sentence's end, held in case a page break cut it (the text goes on
  // in lower case after the page number, the header and the footnotes), and a footnote being read.
  let held: SourceToken[] = [];
  // Whether a page's number or header was stepped over since the paragraph was held.
  let pageBroke = false;
  let footnote: SourceToken[] | null = null;
  // Whether the footnote being read is under a footnote rule, where notes open with plain numbers.
  let underFootnoteRule = false;
  // Whether the footnote being read is a figure's caption set into a sentence, which resumes after it.
  let captionInSentence = false;
  // The list items read so far that a more indented item may hang under, innermost last.
  let openItems: { section: ParsedSection; indent: number; sentence: number }[] = [];
  const noteListItem = (line: string, section: ParsedSection, first: number) => {
    const indent = indentOf(line);
    openItems = openItems.filter((item) => item.section === section && item.indent < indent);
    const parent = openItems.at(-1);
    if (parent !== undefined)
      for (let n = first; n < section.sentences.length; n++) {
        section.parents ??= new Map();
        section.parents.set(n, parent.sentence);
      }
    if (section.sentences.length > first) openItems.push({ section, indent, sentence: first });
  };
  const pushSentences = (tokens: SourceToken[]) => {
    if (tokens.length > 0 && block === "body") currentSection().sentences.push(...splitSentences(tokens));
  };
  // Notes read under a footnote rule, set after the paragraph they interrupt rather than before it.
  let pageNotes: SourceToken[][] = [];
  const flushFootnote = () => {
    // Only a paragraph held at the page's foot may go on after them; otherwise they come where they are.
    if (underFootnoteRule && held.length > 0 && footnote !== null && footnote.length > 0)
      pageNotes.push(footnote);
    else pushSentences(footnote ?? []);
    footnote = null;
    captionInSentence = false;
  };
  const flushPageNotes = () => {
    for (const note of pageNotes) pushSentences(note);
    pageNotes = [];
  };
  const flushParagraph = () => {
    flushFootnote();
    const interrupted = held.length > 0 || paragraph.length > 0;
    pushSentences(held);
    held = [];
    pushSentences(paragraph);
    paragraph = [];
    if (interrupted) flushPageNotes();
  };

  const roles = lineRolesOf(rawLines);
  const { lines, quoteLines, cues, isTranscript } = roles;
  const listedNames = contentsNames(lines, [...roles.contents, ...roles.unnumberedContents]);
  // An unpunctuated transcript (automatic captions) has no sentences: its captions, run together to about a
  // sentence's length, stand for them.
  const captionsAreSentences = isTranscript && !hasSentencePunctuation(raw);
  // A flashcard's question, waiting for its answer on the next line.
  let cardQuestion: SourceToken[] = [];
  // The line after a FAQ's question, whose `A:` label is not part of the answer.
  let answerLine = -1;
  // A table copied one cell per line, being read: its header's cells name each later row's.
  let stacked: { table: StackedTable; header: SourceToken[][]; row: SourceToken[][] } | null = null;
  // Where each line starts in the text, and a whole line's words at their place (a cell or value alone on it).
  const lineStarts: number[] = [];
  lines.reduce((start, line) => {
    lineStarts.push(start);
    return start + line.length + 1;
  }, 0);
  const lineTokens = (n: number) => {
    const line = lines[n] as string;
    const text = line.trim();
    return tokensOf(text, (lineStarts[n] as number) + line.indexOf(text));
  };
  // An outline's nodes read with the node they hang under (`Gaudí takes over: 1883`, `aged 31 at the time`).
  const readWithParent = new Set<number>();
  const readOutlineNode = (n: number, tokens: SourceToken[]) => {
    if (readWithParent.has(n) || block !== "body") return;
    flushParagraph();
    const children = roles.outline.children.get(n) ?? [];
    const words = tokens.filter((token) => /\p{L}/u.test(token.source)).length;
    // A first-level branch over its own nodes is a section (`Origins`, `Design`); on a slide, whose title
    // heads the section, it is a point with its details (`Teacher Michael Maestlin: Taught …; Introduced …`).
    if (
      roles.outline.depths.get(n) === 1 &&
      children.length > 0 &&
      words <= OUTLINE_HEADING_WORDS &&
      roles.slides.titles.size === 0
    ) {
      sections.push({ heading: withoutFinalStop(tokens), captions: [], sentences: [] });
      return;
    }
    const childTokens = children.map(lineTokens);
    // Short leaves read as the node's values, one sentence: `Towers: 18 planned; 12 -> the Apostles; …`.
    const leaves =
      children.length > 0 &&
      children.length <= OUTLINE_MAX_VALUES &&
      children.every(
        (child, i) =>
          !roles.outline.children.has(child) &&
          !roles.speakerLines.has(child) &&
          (childTokens[i] as SourceToken[]).length <= OUTLINE_VALUE_TOKENS &&
          !/[.!?]["'”’)]?$/u.test(childTokens[i]?.at(-1)?.source ?? ""),
      );
    if (!leaves) {
      pushSentences(tokens);
      return;
    }
    for (const child of children) readWithParent.add(child);
    const labelled = (token: SourceToken) => token.source.endsWith(":");
    currentSection().sentences.push(
      tokens.at(-1) !== undefined && labelled(tokens.at(-1) as SourceToken)
        ? [...tokens, ...rowSentence([], childTokens)]
        : tokens.some(labelled)
          ? rowSentence([], [tokens, ...childTokens])
          : keyValueSentence(tokens, childTokens),
    );
  };
  // Two-column notes: each cue heads the notes beside it, each note at the column's edge is a sentence of its
  // own (notes seldom end on a stop), and a note's line set further in carries on the note above it.
  let noteCue: { section: ParsedSection; line: number } | null = null;
  const readNoteRow = (n: number, line: string, lineOffset: number, columns: NoteColumns) => {
    const cue = sourceTokens(clean(line.slice(0, columns.bar), lineOffset));
    const note = sourceTokens(clean(line.slice(columns.bar + 1), lineOffset + columns.bar + 1));
    const noteAt = (note[0]?.sourceStart ?? lineOffset) - lineOffset;
    const carriesOn = note.length > 0 && noteAt > columns.noteStart;
    // A column's header (`CUES | NOTES`) names no cue.
    const capitals = (tokens: SourceToken[]) =>
      tokens.length === 1 && /^\p{Lu}{2,}$/u.test(tokens[0]?.source ?? "");
    if (noteCue === null && capitals(cue) && capitals(note)) return;
    if (cue.length > 0 && carriesOn && noteCue?.line === n - 1) {
      // A cue wrapped onto the next row (`Generalization vs` / `discrimination`) goes on with its heading.
      noteCue.section.heading?.push(...cue);
      noteCue.line = n;
    } else if (cue.length > 0) {
      flushParagraph();
      if (block === "body") sections.push({ heading: withoutFinalStop(cue), captions: [], sentences: [] });
      noteCue = { section: currentSection(), line: n };
    }
    if (note.length === 0 || !carriesOn) flushParagraph();
    paragraph.push(...note);
  };
  // Lines that carried on a list item wrapped onto them, read with it.
  const itemContinuations = new Set<number>();
  lines.forEach((line, n) => {
    if (itemContinuations.has(n)) return;
    const lineOffset = lineStarts[n] as number;
    const trimmed = line.trim();
    // A title wrapped over lines (a paper's `Thermal and stormwater performance of an` / `extensive green
    // roof …`) is read as one line.
    const titleWrap = n === roles.firstTextLine ? wrappedTitleLines(lines, n) : [];
    const nextLine = lines[n + 1 + titleWrap.length]?.trim() ?? "";
    // What a heading is followed by, past the page's furniture (a mobile page's `edit` link under it).
    let after = n + 1 + titleWrap.length;
    while (roles.furniture.has(after)) after++;
    const lineAfter = lines[after]?.trim() ?? "";
    const standsAlone = nextLine === "" && (lines[n - 1]?.trim() ?? "") === "";
    if (roles.emailHeaders.has(n)) {
      // A pasted email's subject is its title; its sender, recipients and date are not text.
      const subject = /^\s*subject\s*:\s*/iu.exec(line);
      if (subject !== null && statedTitle === null)
        statedTitle = clean(line.slice(subject[0].length), lineOffset + subject[0].length).text.trim();
      return;
    }
    // Each post of a social thread is a paragraph of its own, and so is each comment on a Q&A page.
    if (roles.postStarts.has(n) || MARKDOWN_FOOTNOTE_DEFINITION.test(trimmed)) flushParagraph();
    // A post's sources close with the post: the next reply is text again.
    if (roles.postStarts.has(n)) block = "body";
    if (roles.furniture.has(n)) return;
    const tableStart = roles.stackedTables.get(n);
    if (tableStart !== undefined) {
      flushParagraph();
      stacked = { table: tableStart, header: [], row: [] };
    }
    if (stacked !== null && n < stacked.table.start + stacked.table.rows * stacked.table.columns) {
      const cell = lineTokens(n);
      if (n - stacked.table.start < stacked.table.columns) stacked.header.push(cell);
      else stacked.row.push(cell);
      if (stacked.row.length === stacked.table.columns) {
        if (block === "body") currentSection().sentences.push(rowSentence(stacked.header, stacked.row));
        stacked.row = [];
      }
      return;
    }
    const infoboxValue = roles.stackedInfobox.pairs.get(n);
    if (infoboxValue !== undefined) {
      // `Sculptor`, then `Gutzon Borglum` on the next line, reads `Sculptor: Gutzon Borglum.`
      flushParagraph();
      if (block === "body")
        currentSection().sentences.push(keyValueSentence(lineTokens(n), [lineTokens(infoboxValue)]));
      return;
    }
    // Each value was read with its label, on the line before.
    if (roles.stackedInfobox.pairs.has(n - 1) || roles.stackedInfobox.titles.has(n)) return;
    if (roles.speakerNotesLabels.has(n)) {
      flushParagraph();
      return;
    }
    if (
      captionsAreSentences &&
      (cues.markerLines.has(n) || cues.prefixes.has(n)) &&
      paragraph.length >= CAPTION_SENTENCE_WORDS
    )
      flushParagraph();
    if (cues.markerLines.has(n)) return;
    if (cues.messageStarts.has(n)) flushParagraph();
    if (!isTableLine(trimmed)) tableHeader = [];
    if (roles.unnumberedContents.has(n)) return;
    if (FOOTNOTE_RULE.test(trimmed) && NUMBERED_FOOTNOTE.test(nextLine)) {
      // The notes under it interrupt the paragraph they follow, which may go on after the page break.
      flushFootnote();
      footnote = [];
      underFootnoteRule = true;
      return;
    }
    if (
      roles.contents.has(n) ||
      isPageFurniture(trimmed) ||
      roles.pageHeaders.has(n) ||
      (n !== roles.firstTextLine && roles.runningHeaders.has(runningHeaderKey(trimmed)))
    ) {
      pageBroke = held.length > 0;
      return;
    }
    if (trimmed === "") {
      const last = paragraph.at(-1);
      const readingFootnote = footnote !== null;
      if (readingFootnote) flushFootnote();
      underFootnoteRule = false;
      if (readingFootnote || last === undefined) return;
      if (!/[.!?:;"'”’)\]]$/u.test(last.source)) {
        pushSentences(held);
        held = paragraph;
        pageBroke = false;
        paragraph = [];
      } else flushParagraph();
      return;
    }
    if (roles.noteColumns?.rows.has(n)) {
      readNoteRow(n, line, lineOffset, roles.noteColumns);
      return;
    }
    // What follows a press release's end mark is its contact block.
    if (
      RELEASE_END.test(trimmed) &&
      lines.slice(n + 1).filter((later) => later.trim() !== "").length <= RELEASE_END_REACH
    ) {
      flushParagraph();
      block = "skipped";
      return;
    }
    // A block quote is a paragraph of its own.
    if (quoteLines.has(n) !== quoteLines.has(n - 1)) flushParagraph();
    const category = /^categor(?:y|ies)\s*:\s*(.+)$/iu.exec(trimmed);
    if (category !== null) {
      flushParagraph();
      const listStart = lineOffset + line.indexOf(category[1] as string);
      let itemOffset = 0;
      for (const item of (category[1] as string).split(/[|;]/u)) {
        const itemStart = listStart + itemOffset + (item.length - item.trimStart().length);
        if (item.trim() !== "") categories.push(tokensOf(item.trim(), itemStart));
        itemOffset += item.length + 1;
      }
      return;
    }
    // A picture a copied page describes in brackets (`[Image: Hōkūleʻa under sail … Credit: Polynesian …]`)
    // captions the section, without its credit.
    const described = PICTURE_DESCRIPTION.exec(trimmed);
    if (described !== null) {
      flushParagraph();
      const caption = (described[1] as string).replace(PICTURE_CREDIT, "");
      currentSection().captions.push(tokensOf(caption, lineOffset + line.indexOf(caption)));
      return;
    }
    const image = /^!\[([^\]]+)\]\([^)]*\)$/u.exec(trimmed);
    if (image !== null) {
      flushParagraph();
      const caption = image[1] as string;
      currentSection().captions.push(tokensOf(caption, lineOffset + line.indexOf(caption)));
      return;
    }
    if (isTableLine(trimmed)) {
      flushParagraph();
      if (block !== "body" || isTableSyntax(trimmed)) return;
      const lineCells = tableCells(line).map((cell) => tokensOf(cell.text, lineOffset + cell.start));
      if (lineCells.every((cell) => cell.length === 0)) return;
      const cells =
        gridRowCells?.length === lineCells.length
          ? lineCells.map((cell, i) => [...(gridRowCells?.[i] ?? []), ...cell])
          : lineCells;
      gridRowCells = null;
      if (roles.wrappedGridRows.has(n)) {
        gridRowCells = cells;
        return;
      }
      // Where the first cell's text starts in its line: a box's wrapped line starts further in.
      const indent = (cells[0]?.[0]?.sourceStart ?? lineOffset) - lineOffset;
      // A first row over a separator row names the columns.
      if (
        tableHeader.length === 0 &&
        isTableLine(nextLine) &&
        isTableSyntax(nextLine) &&
        !isRowBorder(nextLine)
      )
        tableHeader = cells;
      else if (rowsAreNamedValues(tableHeader) && cells.length === 2)
        currentSection().sentences.push(
          keyValueSentence(cells[0] as SourceToken[], [cells[1] as SourceToken[]]),
        );
      else if (
        boxRow?.line === n - 1 &&
        cells.length === 1 &&
        /^\p{Ll}/u.test(cells[0]?.[0]?.source ?? "") &&
        indent > boxRow.indent
      ) {
        // A box's line indented further, in lower case, wraps the line above (`energy stored by producers` /
        // `after respiration`, set under the definition's first word).
        boxRow.tokens.push(...(cells[0] as SourceToken[]));
        boxRow.line = n;
      } else {
        const sentence = rowSentence(tableHeader, cells);
        currentSection().sentences.push(sentence);
        boxRow =
          cells.length === 1 && tableHeader.length === 0 ? { tokens: sentence, line: n, indent } : null;
      }
      return;
    }
    const infoboxCells = block === "body" ? tabCells(line) : [];
    if (infoboxCells.length >= 2) {
      // An infobox or a spreadsheet copied as text: `Born<TAB>18 July 1918` reads `Born: 18 July 1918.`
      flushParagraph();
      const [name, ...values] = infoboxCells.map((cell) => tokensOf(cell.text, lineOffset + cell.start));
      infoboxRow = { tokens: keyValueSentence(name as SourceToken[], values), line: n };
      currentSection().sentences.push(infoboxRow.tokens);
      return;
    }
    // An infobox value on more lines (`Born<TAB>Rolihlahla Mandela`, then `18 July 1918`) goes on its row.
    if (infoboxRow?.line === n - 1 && isInfoboxContinuation(trimmed)) {
      const more = tokensOf(line, lineOffset);
      const at = more[0]?.sourceStart ?? lineOffset;
      infoboxRow.tokens.push({ source: ";", sourceStart: at, sourceEnd: at }, ...more);
      infoboxRow.line = n;
      return;
    }
    const cleaned = clean(line, lineOffset);
    const wrapCleaned = titleWrap.map((k) => clean(lines[k] as string, lineStarts[k] as number));
    for (const k of titleWrap) itemContinuations.add(k);
    const text = [cleaned, ...wrapCleaned].map((part) => part.text.trim()).join(" ");
    // A line of nothing but markup (a stray citation marker) neither adds text nor ends a paragraph.
    if (text === "") return;
    const tokens = withoutPhotoCredit([cleaned, ...wrapCleaned].flatMap(sourceTokens));
    // A running header opening the text may be its title, but not with the page number set beside it.
    if (
      n === roles.firstTextLine &&
      /\s{3,}\d{1,4}$/u.test(trimmed) &&
      roles.runningHeaders.has(runningHeaderKey(trimmed))
    )
      tokens.pop();
    if (cues.chapterLines.has(n)) {
      flushParagraph();
      if (block === "body") sections.push({ heading: tokens, captions: [], sentences: [] });
      return;
    }
    // A card's question, or a glossary's term (with its colon), runs on into the line under it.
    if (roles.flashcards.has(n) || roles.glossaryTerms.has(n)) {
      flushParagraph();
      const at = tokens.at(-1)?.sourceEnd ?? 0;
      cardQuestion = roles.glossaryTerms.has(n)
        ? [...tokens, { source: ":", sourceStart: at, sourceEnd: at }]
        : tokens;
      return;
    }
    if (cardQuestion.length > 0) {
      const [first = [], ...rest] = splitSentences(tokens);
      if (block === "body") currentSection().sentences.push([...cardQuestion, ...first], ...rest);
      cardQuestion = [];
      return;
    }
    if (n === answerLine && ANSWER_LABEL.test(tokens[0]?.source ?? "")) tokens.shift();
    if (roles.speakerLines.has(n)) {
      const labelEnd = tokens.findIndex((token) => token.source.endsWith(":"));
      if (labelEnd >= 0 && labelEnd < 3) tokens.splice(0, labelEnd + 1);
      if (tokens.length === 0) return;
    }
    const depth = roles.outline.depths.get(n) ?? 0;
    if (depth > 0) {
      readOutlineNode(n, tokens);
      return;
    }
    // A quote's last line may name its author (`> — Alexander Fleming`): it goes on the quote, not a list.
    const listedHeading = roles.contentsHeadings.has(n);
    const listItem =
      LIST_MARKER.test(cleaned.text) &&
      !listedHeading &&
      !isNumberedHeading(lines, n) &&
      !(quoteLines.has(n) && /^[–—]/u.test(text)) &&
      !dashGoesOn(lines, n);
    // A line read as a sentence of its own though it has no marker: a timeline's or a labelled value's.
    const slidePoint = !listItem && roles.slides.body.has(n);
    const itemLine =
      !listItem &&
      (isDashItem(lines, n) || roles.labelledLines.has(n) || roles.signatureLines.has(n) || slidePoint);
    const markdownHeading = /^(#{1,6})\s+(.+?)\s*#*$/u.exec(text);
    // A textbook's numbered heading (`2.1 Causes of the famine`, `3 Routes`): the number is not its name.
    const sectionNumber = sectionNumberOf(text);
    const headingText = text.slice(sectionNumber.length);
    const sectionName = (markdownHeading?.[2] ?? headingText).toLowerCase().replace(/\s*:$/u, "");
    const backMatter = !listItem && blockUnder(sectionName) !== "body";
    // In back matter, a short line without final punctuation is an entry (`Coe, Lewis (1993). The Telegraph`).
    const titleCandidate = n === roles.firstTextLine;
    // A forum thread opens on its question, which names it (`How did the Inca run an empire without writing?`).
    if (
      titleCandidate &&
      roles.postStarts.size > 0 &&
      statedTitle === null &&
      /\?$/u.test(text) &&
      text.split(/\s+/u).length <= 30
    )
      statedTitle = text.replace(/\?\s+\p{Lu}.*$/u, "?");
    const plainHeading =
      (block === "body" && (roles.slides.titles.has(n) || roles.underlinedHeadings.has(n))) ||
      (block === "body" &&
        // A transcript's lines are what was said, however short; only its first line may be its title.
        (!isTranscript || titleCandidate) &&
        !listItem &&
        !itemLine &&
        // A title has a word in it; an equation alone on its line (`N₂ + 3H₂ ⇌ 2NH₃`) has none, and one
        // with a short name in it (`E = hf`) is still no title.
        headingText.split(/\s+/u).some((word) => /^\p{L}{2}/u.test(word)) &&
        !/\s[=<>≤≥≈]\s/u.test(headingText) &&
        // A title may open with a year (`1980 eruption of Mount St. Helens`), any heading with a date.
        (/^\p{Lu}/u.test(headingText) ||
          (titleCandidate && /^\p{N}/u.test(headingText)) ||
          opensWithDate(headingText)) &&
        // An old book sets its chapter's title in capitals with a stop (`THE BEAVER AND HIS WORKS.`). Under a
        // paragraph, a stop inside a closing quote or bracket ends its last line (`District."`, `Library.)`).
        ((!/[.!?:;,]$/u.test(text) && !(paragraph.length > 0 && /\.["'”’)\]]+$/u.test(text))) ||
          // A textbook's numbered heading may ask (`4.1 WHAT IS SOIL?`).
          (sectionNumber !== "" && /\?$/u.test(text) && text.split(/\s+/u).length <= 8) ||
          (/^[^\p{Ll}]*\p{Lu}{2}[^\p{Ll}]*[^.]\.$/u.test(text) && nextLine === "")) &&
        // A title may run longer than a section's heading (`The Reign of Terror: France's Year of the Guillotine`),
        // longer still when its words are capitalised as a title's (`The South Sea Bubble of 1720: Credit, …`,
        // a blog post's `The Race Home: How Five Tea Clippers Turned a Cargo Run into a National Obsession`).
        // A news headline standing alone over the text may run longer still and have a verb (`Huskisson dies
        // after being struck by Rocket at Parkside – as it happened`).
        // A short note in brackets closing a heading adds no words to its name (`Stop 1 – The Great Western
        // Dockyard (1 min 50 s)`, `THE BRONZE AGE (c. 3000 – c. 1100 BC)`).
        headingText.replace(/\s*\((?:[^()\s]+\s){0,5}[^()\s]+\)$/u, "").split(/\s+/u).length <=
          (titleCandidate ? (standsAlone ? 25 : isTitleLike(tokens) ? 20 : 12) : 8) &&
        // What follows a heading starts afresh: a blank line, a capital, a Markdown heading, a list (a slide's
        // title and bullets) or a numbered subheading (`2.1 The knitters`); a title may have a short lower-case description under it
        // (`Angkor Wat` / `temple complex, Cambodia`) or its dates (an exhibition's `12 March – 30 August 2026`).
        (lineAfter === "" ||
          /^\p{Lu}/u.test(lineAfter) ||
          /^#{1,6}\s/u.test(lineAfter) ||
          LIST_MARKER.test(lineAfter) ||
          NUMBERED_SUBHEADING.test(lineAfter) ||
          (titleCandidate && opensWithDate(lineAfter)) ||
          (titleCandidate && isTitleLike(tokens) && isDescriptionLine(lineAfter))) &&
        (paragraph.length === 0 ||
          (endsSentence(paragraph.at(-1) as SourceToken, undefined) && isTitleLike(tokens))) &&
        // A line ending on a word no sentence ends on, with the next right under it, runs on into that line
        // (a newspaper column's `The aviator left the ground at` / `Les Baraques, a hamlet …`).
        // (A title so cut, `… and the Future of the` / `American Chestnut`, is read whole: `wrappedTitleLines`.)
        !(!titleCandidate && lineAfter !== "" && endsOnNonFinalWord(tokens)));
    const faqQuestion = block === "body" && roles.faqQuestions.has(n);
    if (faqQuestion) {
      answerLine = roles.faqQuestions.get(n) as number;
      if (QUESTION_LABEL.test(text)) tokens.shift();
    }
    // A title-like line between a paragraph cut off mid-sentence and its lower-case continuation is the
    // next page's header (`THE ARAL SEA: DECLINE …` under the page number), not a section's heading.
    if (
      plainHeading &&
      held.length > 0 &&
      /^\p{Ll}/u.test(lines[nearestTextLine(lines, n, 1)]?.trim() ?? "")
    ) {
      pageBroke = true;
      return;
    }
    // The dates right under a title (an exhibition's `12 March – 30 August 2026`) caption the lead; they head
    // nothing. After a blank line, a date may head a timeline's first entry.
    if (titleAt === n - 1 && block === "body" && opensWithDate(text) && text.split(/\s+/u).length <= 8) {
      currentSection().captions.push(tokens);
      return;
    }
    if (markdownHeading !== null || backMatter || plainHeading || faqQuestion || listedHeading) {
      flushParagraph();
      // Without the `##` marks, before and (optionally) after the heading.
      const heading =
        markdownHeading === null
          ? withoutFinalStop(tokens.slice(sectionNumber === "" ? 0 : 1))
          : // An outliner's toggle heading keeps its arrow in the export (`## ▸ Causes`): no word of its name.
            tokens.slice(
              /^[▸▶►▹▷▾▼]$/u.test(tokens[1]?.source ?? "") ? 2 : 1,
              /^#+$/u.test(tokens.at(-1)?.source ?? "") ? -1 : undefined,
            );
      // A file's title is its `# Title` line, or a plain heading on its first line.
      const titleLine = markdownHeading?.[1] === "#" || (plainHeading && titleCandidate);
      const headingSource = heading.map((token) => token.source).join(" ");
      if (n === roles.numberedTitleLine && block === "body") numberedTitle = headingSource;
      if (titleLine && statedTitle === null && sections.length === 1) {
        statedTitle = headingSource;
        if (markdownHeading === null) titleAt = n;
        return;
      }
      // Before the text starts, a copied infobox repeats the title and captions its picture over its rows
      // (`Great Zimbabwe`, `The Great Enclosure seen from the Hill Complex`, `Location<TAB>Masvingo …`),
      // perhaps under the name in its own language and a group's label (`Religion`).
      const beforeText = sections.length === 1 && currentSection().sentences.length === 0;
      if (beforeText && plainHeading && headingSource === statedTitle) return;
      if (beforeText && plainHeading && infoboxRowsFollow(lines, n)) {
        currentSection().captions.push(tokens);
        return;
      }
      // Where a pasted contents list names the sections, a plain heading it does not name is a picture's
      // caption or the page's short description under its title (`British chemist (1910–1994)`), not a section.
      if (
        plainHeading &&
        !titleCandidate &&
        markdownHeading === null &&
        !backMatter &&
        !faqQuestion &&
        !listedHeading &&
        listedNames.size >= MIN_CONTENTS_NAMES &&
        !listedNames.has(headingText.toLowerCase())
      ) {
        currentSection().captions.push(tokens);
        return;
      }
      // A back-matter name before the article's first prose is a page's control, not its back matter
      // (an encyclopedia's `External Websites` button under the title, over the author's name).
      const proseRead = sections.some((section) => section.sentences.some(isClause));
      if (block === "body" && blockUnder(sectionName) !== "body" && !proseRead) return;
      block = blockUnder(sectionName);
      if (block === "body") sections.push({ heading, captions: [], sentences: [] });
      return;
    }
    // A page's short description under its plain title (`ancient city, Jordan`) captions the lead.
    if (titleAt >= 0 && nearestTextLine(lines, n, -1) === titleAt && isDescriptionLine(text)) {
      if (block === "body") currentSection().captions.push(tokens);
      return;
    }
    if (block === "links") {
      externalLinks.push(listItem ? tokens.slice(1) : tokens);
      return;
    }
    if (block === "skipped") return;
    if (listItem || itemLine) {
      // A list item is a sentence of its own, even without final punctuation.
      flushParagraph();
      const section = currentSection();
      const first = section.sentences.length;
      paragraph.push(...(listItem ? tokens.slice(1) : tokens));
      // A long item wrapped by hand runs on in lines indented under it, in lower case (`• Tsar = autocrat,
      // no real` / `  parliament, believes God chose him`).
      for (let k = n + 1; listItem && wrapsItem(lines, n, k, roles.furniture); k++) {
        paragraph.push(...sourceTokens(clean(lines[k] as string, lineStarts[k] as number)));
        itemContinuations.add(k);
      }
      flushParagraph();
      if (listItem || slidePoint) noteListItem(line, section, first);
      else openItems = [];
      return;
    }
    // A page's footnote (`¹ Leghorn is the old English name of Livorno`) is a sentence apart from the text it
    // interrupts, and so is a figure's caption set into a paragraph cut off mid-sentence.
    const footnoteStart = FOOTNOTE_LINE.test(text) || (underFootnoteRule && NUMBERED_FOOTNOTE.test(text));
    // A PDF may set a figure's caption into a sentence where no page breaks (`… When the` / `Figure 5.3 The
    // pyramid …` / `same grain is fed …`): the sentence is held, and goes on where the text resumes in lower case.
    const captionCutsSentence =
      footnote === null &&
      held.length === 0 &&
      endsOnNonFinalWord(paragraph) &&
      FIGURE_CAPTION.test(text) &&
      resumesInLowerCase(lines, n);
    if (captionCutsSentence) {
      held = paragraph;
      paragraph = [];
      pageBroke = false;
    }
    if (
      captionInSentence &&
      footnote !== null &&
      /^\p{Ll}/u.test(text) &&
      SENTENCE_END.test(footnote.at(-1)?.source ?? "")
    )
      flushFootnote();
    const captionStart = held.length > 0 && FIGURE_CAPTION.test(text);
    if (footnote !== null || (paragraph.length === 0 && (footnoteStart || captionStart))) {
      if (footnoteStart || captionStart) flushFootnote();
      footnote = [...(footnote ?? []), ...(footnoteStart ? tokens.slice(1) : tokens)];
      captionInSentence ||= captionCutsSentence;
      return;
    }
    if (held.length > 0) {
      // The text goes on after a page break in lower case, or after a word no sentence ends on (`… to make
      // the | 1 | Central Asian republics …`): the held paragraph continues.
      if (paragraph.length === 0 && (/^\p{Ll}/u.test(text) || (pageBroke && endsOnNonFinalWord(held))))
        paragraph = held;
      else {
        pushSentences(held);
        flushPageNotes();
      }
      held = [];
      pageBroke = false;
    }
    const wrapped = paragraph.at(-1);
    const continued = tokens[0];
    if (wrapped !== undefined && continued !== undefined && LINE_END_HYPHEN.test(wrapped.source)) {
      const joined = joinHyphenated(wrapped, continued, raw);
      if (joined !== null) {
        paragraph.pop();
        paragraph.push(joined, ...tokens.slice(1));
        return;
      }
    }
    paragraph.push(...tokens);
    // Text at the margin closes the lists above it; an indented line may go on with an item.
    if (!/^\s/u.test(line)) openItems = [];
  });
  flushParagraph();
  flushPageNotes();
  return {
    format: "punctuated",
    statedTitle: numberedTitle ?? statedTitle,
    sourceUrl: sourceLinkOf(rawLines),
    sections: sections.filter((section) => section.heading !== null || section.sentences.length > 0),
    categories,
    externalLinks,
  };
}

/**
 * True when text looks like the stripped format: long runs of words with almost no sentence-final
 * punctuation or line structure (under one sentence end, list item, heading, table row or paragraph break
 * per hundred words). Study notes in Markdown end few lines with a period, but each bullet or heading
 * ends a thought as a period would.
 */
export function isStrippedFormat(raw: string): boolean {
  const words = wordCount(raw);
  const lines = raw.split("\n").map((line) => line.trim());
  const structural = lines.filter(
    (line, n) =>
      line !== "" &&
      (LIST_MARKER.test(line) || /^#{1,6}\s/u.test(line) || isTableLine(line) || lines[n + 1] === ""),
  ).length;
  return words >= 20 && (sentenceEnds(raw) + structural + transcriptCues(lines).timestamps) * 100 < words;
}

function wordCount(raw: string): number {
  return raw.split(/\s+/u).filter(Boolean).length;
}

/** Sentence-final punctuation marks, with any closing quote or bracket after them. */
function sentenceEnds(raw: string): number {
  return (raw.match(/[.!?]["'”’)\]]*(?=\s|$)/gu) ?? []).length;
}

/** Whether a text ends its sentences with punctuation: one end or more per hundred words. */
function hasSentencePunctuation(raw: string): boolean {
  return sentenceEnds(raw) * 100 >= wordCount(raw);
}

/** The most lines a title wraps over, and its most words. */
const TITLE_WRAP_LINES = 3;
const WRAPPED_TITLE_WORDS = 25;

/**
 * The lines after line `n` (the first of the text) that its title wraps onto: each after a line ending on a
 * word no title ends on (`… performance of an`) or opening in lower case (`climate: a two-summer …`), up to
 * a blank line, the whole without a sentence's end. A first line and a line under it (an author, a course)
 * with neither sign stay apart.
 */
function wrappedTitleLines(lines: readonly string[], n: number): number[] {
  const first = lines[n]?.trim() ?? "";
  if (!/^\p{Lu}/u.test(first)) return [];
  const wrapped: number[] = [];
  let previous = first;
  for (let k = n + 1; k <= n + TITLE_WRAP_LINES; k++) {
    const line = lines[k]?.trim() ?? "";
    const lastWord = /(\p{L}+)\W*$/u.exec(previous)?.[1]?.toLowerCase() ?? "";
    if (line === "" || !(NON_FINAL_WORDS.has(lastWord) || /^\p{Ll}/u.test(line))) break;
    wrapped.push(k);
    previous = line;
  }
  const whole = [first, ...wrapped.map((k) => lines[k]?.trim() ?? "")].join(" ");
  const closed = (lines[n + wrapped.length + 1]?.trim() ?? "") === "";
  return closed && !/[.!?]$/u.test(whole) && whole.split(/\s+/u).length <= WRAPPED_TITLE_WORDS ? wrapped : [];
}

/** Whether line `k` carries on the list item of line `item`, wrapped onto it: indented deeper, in lower case. */
function wrapsItem(
  lines: readonly string[],
  item: number,
  k: number,
  furniture: ReadonlySet<number>,
): boolean {
  const line = lines[k] ?? "";
  return (
    !furniture.has(k) &&
    indentOf(line) > indentOf(lines[item] ?? "") &&
    /^[ \t]+[\p{Ll}(]/u.test(line) &&
    !LIST_MARKER.test(line.trim())
  );
}

/**
 * Whether line `n` opens with a dash that sets off words inside a sentence wrapped onto it, not a list item:
 * an en or em dash before a lower-case word, under a line of prose that ends mid-sentence and is no item
 * itself (a PDF's `… brought to the surface with the coal` / `– was deposited in tips …`).
 */
function dashGoesOn(lines: readonly string[], n: number): boolean {
  const above = lines[n - 1]?.trim() ?? "";
  return (
    /^[–—]\s+\p{Ll}/u.test(lines[n]?.trim() ?? "") &&
    above.split(/\s+/u).length >= 8 &&
    !LIST_MARKER.test(above) &&
    !/[.!?:;]["'”’)\]]*$/u.test(above)
  );
}

/** How far a line is indented, a tab counting four spaces. */
function indentOf(line: string): number {
  return (/^\s*/u.exec(line)?.[0] ?? "").replace(/\t/gu, "    ").length;
}
