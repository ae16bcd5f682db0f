/**
 * How the lines of a pasted or saved document are laid out, read before its sentences are: list and
 * quote markers, plain-text timelines, numbered headings, infobox rows, flashcards, FAQ questions, slide
 * notes and transcript speakers. Each detector looks at the lines around one line, or at all of them, and
 * says which lines play which part; `punctuated.ts` reads the text accordingly.
 */

/** The cells of a line copied from an infobox or a spreadsheet: tab-separated, the empty ones left out. */
export function tabCells(line: string): Array<{ text: string; start: number }> {
  if (!line.includes("\t")) return [];
  return [...line.matchAll(/[^\t]+/gu)]
    .filter((match) => match[0].trim() !== "")
    .map((match) => ({ text: match[0], start: match.index }));
}

/** A line that can only go on with an infobox value: short, without final punctuation, no heading mark. */
export function isInfoboxContinuation(trimmed: string): boolean {
  return (
    trimmed !== "" &&
    trimmed.split(/\s+/u).length <= 10 &&
    !/[.!?:]$/u.test(trimmed) &&
    !/^[#>|*-]/u.test(trimmed)
  );
}

/**
 * A list item's marker (`- `, `* `, `• `, `1. `, `2) `), those of slides and word processors (`– `, `◦ `,
 * `▪ `, a sub-bullet's `o `), a checklist's boxes, ticked or not (`☐ `, `☑ `, `✓ `), and an emoji a newsletter or
 * a chat sets before each line (`📅 When: …`).
 */
export const LIST_MARKER =
  /^\s*(?:[-*+•–—◦▪‣·☐☑☒□■✓✔✗✘]|o(?=\s)|\d{1,3}[.)]|\p{Extended_Pictographic}\uFE0F?)\s+/u;

/** A Markdown block quote's marks at the start of a line (`> `, `>> `). */
export const QUOTE_MARKER = /^\s*(?:>\s?)+/u;

/**
 * A line of a plain-text timeline or glossary: a short lead, a spaced dash, then the rest (`1974 – farmers
 * find pieces of a clay figure`, `Nitrification – bacteria oxidise ammonium`).
 */
const DASH_ITEM = /^(?![*#>|+•–—-])[^–—]{1,40}? [–—-] \S/u;

/**
 * Whether line `n` is one of two or more such lines running: each is then a sentence of its own, even
 * without final punctuation, where a lone one may be a hard-wrapped sentence's line.
 */
export function isDashItem(lines: readonly string[], n: number): boolean {
  const isItem = (at: number) => DASH_ITEM.test(lines[at]?.trim() ?? "");
  return isItem(n) && (isItem(n - 1) || isItem(n + 1));
}

/**
 * What may follow a short numbered heading besides a blank line: its first subheading (`2.1 The knitters`),
 * or, as a word processor's text export sets it, a long line opening the section's paragraph.
 */
function opensSection(next: string): boolean {
  return NUMBERED_SUBHEADING.test(next) || next.split(/\s+/u).length >= 15;
}

/** A section number before a heading (`2.1 `, `3 `, `4. `), never a year. */
export const SECTION_NUMBER = /^\d{1,2}(?:\.\d{1,2})*\.?\s+(?=\p{Lu})/u;

/** A numbered subheading's line (`2.1 The knitters`, `3.2. Results`). */
export const NUMBERED_SUBHEADING = /^\d{1,2}(?:\.\d{1,2})+\.?\s+\p{Lu}/u;

/** The most words of a numbered heading set right over a short line of its section's text. */
const NUMBERED_HEADING_OVER_LINE = 4;

/**
 * A numbered heading of lecture notes or a report (`2. Causes`, then a blank line or the section's text), not
 * the item of a numbered list: it stands apart, with no list item on the nearest lines before or after it.
 */
export function isNumberedHeading(lines: readonly string[], n: number): boolean {
  const line = lines[n]?.trim() ?? "";
  const next = lines[n + 1]?.trim() ?? "";
  const short = line.split(/\s+/u).length <= 8 && !/[.!?:;]$/u.test(line);
  // A heading of a few words may sit right over a column's short lines (a two-column paper's `1. Introduction`).
  const brief = line.split(/\s+/u).length <= NUMBERED_HEADING_OVER_LINE && next.split(/\s+/u).length >= 6;
  if (!/^\d{1,2}\.\s+\p{Lu}/u.test(line) || !(next === "" || (short && (opensSection(next) || brief))))
    return false;
  const nearest = (step: 1 | -1) => lines[nearestTextLine(lines, n, step)]?.trim() ?? "";
  return !LIST_MARKER.test(nearest(-1)) && !LIST_MARKER.test(nearest(1));
}

/**
 * A short line ending without the punctuation a sentence or a label ends with: it may name someone (a
 * byline, a credit's name, a post's author) or head a section.
 */
export function isShortBareLine(line: string, maxWords: number): boolean {
  const trimmed = line.trim();
  return trimmed !== "" && trimmed.split(/\s+/u).length <= maxWords && !/[.!?:;,]$/u.test(trimmed);
}

/** A line of one mark repeated that underlines a heading (Markdown's and reStructuredText's `=====`, `-----`). */
const UNDERLINE = /^([=~^#*+-])\1{2,}$/u;

/** The most words an underlined heading has: a longer line over a rule is a paragraph's end. */
const UNDERLINED_HEADING_WORDS = 20;

/**
 * Headings marked by the line under them (`Introduction` over `------------`), as Markdown's setext
 * headings, reStructuredText and pandoc's plain text write them; a title may have the same line over it
 * too. The heading stands on its own after a blank line, holds no table cell and ends on no stop or comma
 * (a sentence over a rule is a paragraph closed by a separator, as a Kindle note's `==========`).
 */
export function underlinedHeadingLines(lines: readonly string[]): Set<number> {
  const headings = new Set<number>();
  for (let n = 1; n < lines.length; n++) {
    const mark = UNDERLINE.exec(lines[n]?.trim() ?? "")?.[1];
    if (mark === undefined) continue;
    const heading = lines[n - 1]?.trim() ?? "";
    const above = lines[n - 2]?.trim() ?? "";
    if (
      /\p{L}/u.test(heading) &&
      !heading.includes("|") &&
      !/[.,;]$/u.test(heading) &&
      heading.split(/\s+/u).length <= UNDERLINED_HEADING_WORDS &&
      (above === "" || above === mark.repeat(above.length))
    )
      headings.add(n - 1);
  }
  return headings;
}

/** Two-column notes (`noteColumnRows`): where the bar stands, where notes start, and the rows by line. */
export interface NoteColumns {
  /** The bar's offset in each row. */
  bar: number;
  /** Where a note starts in a row; a note's line set further in carries on the one above. */
  noteStart: number;
  rows: Set<number>;
}

/** The fewest rows, with a cue beside and without, that make two-column notes. */
const MIN_NOTE_ROWS = 6;
const MIN_CUED_ROWS = 3;

/**
 * Notes typed in two columns, a cue (a keyword, a question) on the left and notes on the right, split by a
 * bar at one place on every line (Cornell notes: `what is learning?   | learning = relatively permanent`
 * over `                    |   change in behaviour`). A table's rows start with their bar; these lines have
 * one bar each, at the same offset, some with a cue beside their notes and some without.
 */
export function noteColumnRows(lines: readonly string[]): NoteColumns | null {
  const byBar = new Map<number, number[]>();
  lines.forEach((line, n) => {
    const bar = line.indexOf("|");
    if (bar < 8 || line.indexOf("|", bar + 1) >= 0) return;
    byBar.set(bar, [...(byBar.get(bar) ?? []), n]);
  });
  const [bar, rows] = [...byBar].sort((a, b) => b[1].length - a[1].length)[0] ?? [-1, []];
  const cued = rows.filter((n) => (lines[n] ?? "").slice(0, bar).trim() !== "").length;
  if (rows.length < MIN_NOTE_ROWS || cued < MIN_CUED_ROWS || rows.length - cued < MIN_CUED_ROWS) return null;
  const starts = rows.flatMap((n) => {
    const note = (lines[n] ?? "").slice(bar + 1);
    return note.trim() === "" ? [] : [bar + 1 + note.length - note.trimStart().length];
  });
  return { bar, noteStart: Math.min(...starts), rows: new Set(rows) };
}

/** The nearest line before (`-1`) or after (`1`) line `n` that holds text, or -1 when there is none. */
export function nearestTextLine(lines: readonly string[], n: number, step: 1 | -1): number {
  for (let at = n + step; at >= 0 && at < lines.length; at += step) {
    if ((lines[at]?.trim() ?? "") !== "") return at;
  }
  return -1;
}

/** The runs of non-blank lines between blank lines, as [start, end) line numbers, in order. */
export function blankSeparatedBlocks(lines: readonly string[]): Array<{ start: number; end: number }> {
  const blocks: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (let n = 0; n <= lines.length; n++) {
    if (n < lines.length && (lines[n] as string).trim() !== "") continue;
    if (n > start) blocks.push({ start, end: n });
    start = n + 1;
  }
  return blocks;
}

/** A question's label on a question-and-answer sheet (`Q:`, `Q.`), and its answer's (`A:`). */
export const QUESTION_LABEL = /^Q\s*[:.]\s*/u;
export const ANSWER_LABEL = /^A[:.]$/u;
const ANSWER_LINE = /^A\s*[:.]\s*\S/u;

/**
 * The cards of a flashcard deck: a `Q:` line with its one-line `A:` answer on the next line, mapped
 * question line → answer line. The question and the answer's first sentence are read as one sentence: the
 * answer is often a fragment (`A: Its own eggshell`) that says nothing without its question. A deck has
 * two cards or more, most of them running on into the next card's question; a sheet that sets its
 * questions apart with blank lines reads them as headings over their answers instead (the FAQ reading).
 */
export function flashcardLines(lines: readonly string[]): Map<number, number> {
  const cards = new Map<number, number>();
  let runningOn = 0;
  lines.forEach((line, n) => {
    const answer = lines[n + 1]?.trim() ?? "";
    const after = lines[n + 2]?.trim() ?? "";
    if (!QUESTION_LABEL.test(line.trim()) || !ANSWER_LINE.test(answer)) return;
    if (after !== "" && !QUESTION_LABEL.test(after)) return;
    cards.set(n, n + 1);
    if (after !== "") runningOn += 1;
  });
  return cards.size >= 2 && runningOn * 2 >= cards.size ? cards : new Map();
}

/**
 * The lines of a FAQ page or a question-and-answer sheet that are its questions, each a heading over its
 * answer, mapped to the line its answer starts on: a question alone on its line, opening a paragraph, with
 * an answer (not another question) next. It takes two such lines to make a FAQ, so an essay's one
 * rhetorical question stays a sentence; a list of questions with no answers between them (a chapter's
 * review questions) makes none.
 */
export function faqQuestionLines(lines: readonly string[]): Map<number, number> {
  const questions = new Map<number, number>();
  lines.forEach((line, n) => {
    const text = line.trim().replace(QUESTION_LABEL, "");
    if (!/^\p{Lu}/u.test(text) || !text.endsWith("?") || /[.!?]\s/u.test(text)) return;
    if (text.split(/\s+/u).length > 15 || (lines[n - 1]?.trim() ?? "") !== "") return;
    const answerLine = nearestTextLine(lines, n, 1);
    if (answerLine >= 0 && !(lines[answerLine] as string).trim().endsWith("?")) questions.set(n, answerLine);
  });
  return questions.size >= 2 ? questions : new Map();
}

/** A slide's number alone on its line, as an outline export or a copy of the slide sorter sets it (`Slide 4`). */
const SLIDE_NUMBER = /^slide\s*\d{1,3}$/iu;
/** Fewest numbered slides that make a deck: one or two such lines may be a document's mention of a slide. */
const MIN_SLIDES = 3;
/** Most words of a slide's title. */
const SLIDE_TITLE_WORDS = 14;

/** A slide deck's lines: each slide's title, and the lines of its body. */
export interface SlideDeck {
  titles: Set<number>;
  body: Set<number>;
}

/**
 * A slide deck exported or copied as text, its slides numbered (`Slide 4`): the line after each number is
 * the slide's title, and each later line of the slide is a point of its own, with or without a bullet
 * (a sub-point indented under it). Read as prose, points without a stop ran together into sentences of a
 * hundred words, and the first point under a title was taken for a second heading.
 */
export function slideDeck(lines: readonly string[]): SlideDeck {
  const deck: SlideDeck = { titles: new Set(), body: new Set() };
  const numbers = lines.flatMap((line, n) => (SLIDE_NUMBER.test(line.trim()) ? [n] : []));
  if (numbers.length < MIN_SLIDES) return deck;
  numbers.forEach((number, k) => {
    const end = numbers[k + 1] ?? lines.length;
    const first = nearestTextLine(lines, number, 1);
    if (first < 0 || first >= end) return;
    // A slide's title is short and ends without a stop; a paragraph after the number (a talk's transcript
    // marking where each slide came up) is the slide's text.
    const text = (lines[first] as string).trim();
    const titled =
      !LIST_MARKER.test(lines[first] as string) &&
      text.split(/\s+/u).length <= SLIDE_TITLE_WORDS &&
      !/\.["'”’)]?$/u.test(text);
    if (titled) deck.titles.add(first);
    for (let n = titled ? first + 1 : first; n < end; n++)
      if ((lines[n] as string).trim() !== "") deck.body.add(n);
  });
  return deck;
}

/** A notes label alone on its line (`Notes:`), naming whose notes they are or not (`Speaker notes:`). */
const NOTES_LABEL = /^(?:(speaker|presenter)\s+)?notes\s*:$/iu;

/**
 * A slide deck's speaker-notes labels (`Notes:`, `Speaker notes:`): the notes are the slide's text, not a
 * back-matter `Notes` section. `Notes:` is such a label when it comes twice or more (a back-matter
 * section comes once); `Speaker notes:` and `Presenter notes:` always are.
 */
export function speakerNotesLabels(lines: readonly string[]): Set<number> {
  return notesLabelLines(lines, NOTES_LABEL);
}

/** Lines matching a notes label (group 1 names whose notes): named ones, or plain ones found twice or more. */
function notesLabelLines(lines: readonly string[], label: RegExp): Set<number> {
  const found = lines.flatMap((line, n) => {
    const match = label.exec(line.trim());
    return match === null ? [] : [{ n, named: match[1] !== undefined }];
  });
  return new Set(found.filter((entry) => found.length >= 2 || entry.named).map((entry) => entry.n));
}

/** A notes label opening a line of notes (`Speaker notes: The plant is …`), named, or plain and twice or more. */
const INLINE_NOTES_LABEL = /^(?:(speaker|presenter)\s+)?notes\s*:\s+\S/iu;

/** A slide deck's lines that open with a speaker-notes label: the label is no part of the notes' first sentence. */
export function inlineNotesLines(lines: readonly string[]): Set<number> {
  return notesLabelLines(lines, INLINE_NOTES_LABEL);
}

/** A field's label opening a line, then its value (`Maker: De Grieksche A`, `Accession number: C.214`). */
const FIELD_LABEL = /^(\p{Lu}[\p{L}'’-]*(?:\s+[\p{L}'’-]+){0,3}):\s+\S/u;
/** Fewest lines in a record's block of fields. */
const MIN_RECORD_FIELDS = 3;

/**
 * The lines of a record's fields: three lines or more in a row, each opening with its own label (a museum
 * object's `Maker:`, `Place:`, `Date:`, `Materials:`; a catalogue entry's). The labels recur from record to
 * record, as a transcript's speakers do, but within a block each comes once, where speakers take turns.
 */
export function recordFieldLines(lines: readonly string[]): Set<number> {
  const found = new Set<number>();
  let block: Array<{ n: number; label: string }> = [];
  const closeBlock = () => {
    if (block.length >= MIN_RECORD_FIELDS && new Set(block.map(({ label }) => label)).size === block.length)
      for (const { n } of block) found.add(n);
    block = [];
  };
  lines.forEach((line, n) => {
    const label = FIELD_LABEL.exec(line.trim())?.[1];
    if (label !== undefined) block.push({ n, label: label.toLowerCase() });
    else closeBlock();
  });
  closeBlock();
  return found;
}

/** A speaker's label opening a transcript's line (`HOST:`, `DR. OKAFOR:`, `Interviewer:`), then the words. */
const SPEAKER_LABEL = /^((?:\p{Lu}[\p{L}.'’-]*\s+){0,2}\p{Lu}[\p{L}.'’-]*):\s+\S/u;
/** A broadcast transcript's label in capitals with the speaker's role, alone on its line (`MARGARET HALVORSEN, HOST:`). */
const SPEAKER_LABEL_ALONE =
  /^(\p{Lu}[\p{Lu}.'’-]*(?:\s+\p{Lu}[\p{Lu}.'’-]*){0,2},\s+\p{Lu}{2,}(?:\s+\p{Lu}{2,}){0,2}):$/u;

/**
 * The lines of a transcript that open with a speaker's label: one label opening two lines or more makes a
 * transcript, and then so does any label in capitals (`STUDENT:` asking once). Labels say who talks, not
 * what is said, and would open every turn's first sentence (`DR. OKAFOR: Good question.`). A one-letter
 * label is a question-and-answer sheet's `Q:` or `A:`, which the FAQ reading handles. In a transcript, a
 * label in capitals with the speaker's role may stand alone over the turn (`MARGARET HALVORSEN, HOST:`).
 */
export function speakerLabelLines(
  lines: readonly string[],
  fields: ReadonlySet<number> = recordFieldLines(lines),
): Set<number> {
  const labelAt = new Map<number, string>();
  const counts = new Map<string, number>();
  lines.forEach((line, n) => {
    const label = SPEAKER_LABEL.exec(line.trim())?.[1];
    if (label === undefined || label.length === 1 || fields.has(n)) return;
    labelAt.set(n, label);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  });
  if (![...counts.values()].some((count) => count >= 2)) return new Set();
  const isSpeaker = (label: string) => (counts.get(label) ?? 0) >= 2 || label === label.toUpperCase();
  const alone = lines.flatMap((line, n) => (SPEAKER_LABEL_ALONE.test(line.trim()) ? [n] : []));
  return new Set([...[...labelAt].filter(([, label]) => isSpeaker(label)).map(([n]) => n), ...alone]);
}

/**
 * A labelled value on its own line (`Also known as: Angkor Vat, Nokor Wat`, `Tags: Food Microbiology`), or a
 * glossary's term and definition (`indirect rule: British system of governing …`), whose term may be lower case.
 */
const LABELLED_VALUE = /^\p{L}[\p{L}-]*(?: [\p{L}()-]+){0,2}:\s+\S.*[^.!?:;]$/u;

/**
 * Lines of a run of two or more labelled values (a page's `Also known as: …` and `Key People: …`, a note's
 * `Tags: …` and `Created: …` properties, a textbook's `Key Terms`): each is a sentence of its own, not a
 * heading, and they do not run together for want of a full stop.
 */
export function labelledValueLines(lines: readonly string[]): Set<number> {
  const isLabelled = (n: number) => LABELLED_VALUE.test(lines[n]?.trim() ?? "");
  const found = new Set<number>();
  lines.forEach((_, n) => {
    if (isLabelled(n) && (isLabelled(n - 1) || isLabelled(n + 1))) found.add(n);
  });
  return found;
}

/** Fewest lines in a block of short unstopped lines for the lines under its first to be a label's. */
const MIN_LABEL_BLOCK_LINES = 4;

/**
 * The lines under the first of a label block: four lines or more between blank lines, each short and none
 * ending a sentence, as a museum's object label sets its name over its maker, date, material and `Accession
 * no.` lines. The first line names the thing; each line under it is a sentence of its own, not a heading (a
 * heading seldom stands over three more, with no paragraph between).
 */
export function labelBlockLines(lines: readonly string[]): Set<number> {
  // Lines of a wrapped paragraph or a subtitle's cue run on: in lower case (a label's date may open so,
  // `c. 1780`), or after a comma.
  const isLabelLine = (line: string) => {
    const words = line.split(/\s+/u).length;
    return words <= 12 && (!/^\p{Ll}/u.test(line) || words <= 2) && !/[.!?:;,]["'”’)\]]*$/u.test(line);
  };
  const found = new Set<number>();
  // The page's first block is its header (a site's menus, the title, a byline), which other readers sort.
  for (const { start, end } of blankSeparatedBlocks(lines).slice(1)) {
    const block = lines.slice(start, end).map((line) => line.trim());
    // A list's items are no label's lines (an outline's `1.  By 1850: c. 430 million`).
    if (
      block.length >= MIN_LABEL_BLOCK_LINES &&
      block.every(isLabelLine) &&
      !block.some((line) => LIST_MARKER.test(line))
    )
      for (let at = start + 1; at < end; at++) found.add(at);
  }
  return found;
}

/**
 * The heading numbering a whole copied section (`8.3 Tropical Cyclones` over `8.3.1 …` and `8.3.2 …`), whose
 * name is the text's title though the page opens on something else (a textbook's `Learning Objectives` box),
 * or -1: the one numbered heading with a dotted number that every other numbered heading's number extends,
 * two of them at least.
 */
export function numberedTitleLine(lines: readonly string[]): number {
  const numbered: Array<{ n: number; number: string }> = [];
  lines.forEach((line, n) => {
    const trimmed = line.trim();
    const number = SECTION_NUMBER.exec(trimmed)?.[0].trimEnd().replace(/\.$/u, "");
    if (number !== undefined && isShortBareLine(trimmed, 10)) numbered.push({ n, number });
  });
  const [root, ...rest] = numbered;
  if (root === undefined || !root.number.includes(".") || rest.length < 2) return -1;
  return rest.every(({ number }) => number.startsWith(`${root.number}.`)) ? root.n : -1;
}

/** Fewest entries of a glossary set out as term and definition lines (a textbook's `Key Terms`). */
const MIN_GLOSSARY_ENTRIES = 3;

/**
 * A glossary whose terms stand on their own lines over their definitions, each entry between blank lines
 * (`eye` / `the calm, roughly circular center of a hurricane …`): the terms' lines, each definition the line
 * under its term. The
 * definition opens in lower case, as it goes on from its term; it takes three such entries in a row, so a
 * heading over a paragraph is not read as one. Read as prose, the entries ran together into one sentence.
 */
export function glossaryLines(lines: readonly string[]): Set<number> {
  const isTerm = (line: string) => isShortBareLine(line, 6) && !LIST_MARKER.test(line);
  const found = new Set<number>();
  let run: number[] = [];
  const closeRun = () => {
    if (run.length >= MIN_GLOSSARY_ENTRIES) for (const term of run) found.add(term);
    run = [];
  };
  for (const { start, end } of blankSeparatedBlocks(lines)) {
    const term = lines[start]?.trim() ?? "";
    const definition = lines[start + 1]?.trim() ?? "";
    if (
      end - start === 2 &&
      isTerm(term) &&
      /^\p{Ll}/u.test(definition) &&
      definition.split(/\s+/u).length >= 3
    ) {
      // Entries follow one another across a single blank line.
      const last = run.at(-1);
      if (last !== undefined && start !== last + 3) closeRun();
      run.push(start);
    } else closeRun();
  }
  closeRun();
  return found;
}

/**
 * The lines of a list whose markers were lost in the copy, under a sentence that introduces it (`By the end
 * of this section, you will be able to:`, then `Describe …` / `Explain …` / `Classify …`): each is a
 * sentence of its own, though none ends with a stop. The lines open with a capital and none ends with a
 * comma, so a paragraph wrapped under the colon still reads as one.
 */
export function introducedListLines(lines: readonly string[]): Set<number> {
  const found = new Set<number>();
  const introduces = (n: number) => {
    const line = lines[n]?.trim() ?? "";
    return line.endsWith(":") && line.split(/\s+/u).length >= 4;
  };
  for (const block of blankSeparatedBlocks(lines)) {
    // The introducing sentence ends the block above, or opens this one.
    const start = introduces(block.start) ? block.start + 1 : block.start;
    if (start === block.start && !introduces(nearestTextLine(lines, start, -1))) continue;
    const items = lines.slice(start, block.end).map((line) => line.trim());
    if (
      items.length >= 2 &&
      items.every((line) => /^\p{Lu}/u.test(line) && !/,$/u.test(line) && line.split(/\s+/u).length <= 30)
    )
      for (let at = start; at < block.end; at++) found.add(at);
  }
  return found;
}

/** A table cell that is a figure: a number with its sign, separators, a decimal part or a percent sign. */
const FIGURE_CELL = /^[-+−±~≈<>]?\s?[\d][\d,.\s]*%?$/u;

/** A line short enough to be one cell of a table: a few words, no sentence's end. */
function isCellLine(trimmed: string): boolean {
  return (
    trimmed !== "" && trimmed.length <= 40 && trimmed.split(/\s+/u).length <= 6 && !/[.!?:;]$/u.test(trimmed)
  );
}

/** A table copied out of a PDF one cell per line, found by {@link stackedTables}. */
export interface StackedTable {
  /** The first line (the header's first cell). */
  start: number;
  /** Cells per row. */
  columns: number;
  /** Rows, the header's included. */
  rows: number;
}

/**
 * Tables that a PDF copy lays out one cell per line (`Material`, `Trees planted`, `Survival (%)`, then
 * `Chinese chestnut`, `120`, `91`, …), keyed by their first line. Such a run of short lines is a table when
 * some row width splits it into a header of words and three or more rows in which each column holds
 * figures throughout or words throughout, one column of figures at least: numbers in fixed columns are
 * what a list of short lines does not have. The most cells, then the narrowest width, win. Read otherwise,
 * the header became headings and the figures page numbers.
 */
export function stackedTables(lines: readonly string[]): Map<number, StackedTable> {
  const tables = new Map<number, StackedTable>();
  let n = 0;
  while (n < lines.length) {
    let end = n;
    while (end < lines.length && isCellLine((lines[end] as string).trim())) end += 1;
    const run = lines.slice(n, end).map((line) => line.trim());
    // A title or a note may stand on a line of its own right before or after the cells.
    const shapes = [0, 1, 2].flatMap((before) =>
      [0, 1, 2].flatMap((after) => {
        const cells = run.slice(before, run.length - after);
        const shape = cells.length >= 6 ? tableShape(cells) : null;
        return shape === null ? [] : [{ start: n + before, ...shape }];
      }),
    );
    const widest = shapes.sort((a, b) => b.columns * b.rows - a.columns * a.rows)[0];
    if (widest !== undefined) tables.set(widest.start, widest);
    n = Math.max(end, n + 1);
  }
  return tables;
}

function tableShape(cells: readonly string[]): { columns: number; rows: number } | null {
  for (let columns = 2; columns <= 8; columns += 1) {
    const rows = cells.length / columns;
    if (!Number.isInteger(rows) || rows < 3) continue;
    const isFigure = (row: number, column: number) =>
      FIGURE_CELL.test(cells[row * columns + column] as string);
    let figureColumns = 0;
    let consistent = true;
    for (let column = 0; column < columns && consistent; column += 1) {
      if (isFigure(0, column)) consistent = false;
      const figures = Array.from({ length: rows - 1 }, (_, row) => isFigure(row + 1, column));
      if (figures.every(Boolean)) figureColumns += 1;
      else if (figures.some(Boolean)) consistent = false;
    }
    if (consistent && figureColumns > 0) return { columns, rows };
  }
  return null;
}

/** A line short enough to be an infobox's label or value: a citation marker at its end aside. */
function isInfoboxLine(trimmed: string): boolean {
  const text = trimmed.replace(/(?:\[\d{1,3}\])+$/u, "");
  return text !== "" && text.split(/\s+/u).length <= 10 && !/[.!?:;]$/u.test(text);
}

/** An infobox's label: one to four words, capitalised, without figures or commas (`Governing body`). */
const INFOBOX_LABEL = /^\p{Lu}[\p{L}'’()-]*(?: [\p{L}'’()-]+){0,3}$/u;

/** An infobox copied one label or value per line, found by {@link stackedInfobox}. */
export interface StackedInfobox {
  /** Each label's line and its value's. */
  pairs: Map<number, number>;
  /** The box's title standing over its rows (`Mount Rushmore National Memorial`). */
  titles: Set<number>;
}

/**
 * An infobox copied from a phone's browser, its labels and values on lines of their own, alternating
 * (`Location`, `Pennington County, South Dakota`, `Area`, `1,278.45 acres`, …), above the page's first
 * paragraph. The pairs are read from the run's end, where the last value sits, back to the first line that
 * cannot be a label (the box's title above them, say); three pairs at least, one value with a figure
 * (boxes give dates and measures), so that a few short headings or a list of names are left alone; the
 * page's furniture (its tabs and menus) ends a run. Read otherwise, the values became headings.
 */
export function stackedInfobox(
  lines: readonly string[],
  isFurniture: (n: number) => boolean = () => false,
): StackedInfobox {
  const lead = lines.findIndex((line) => line.trim().split(/\s+/u).length >= 15);
  const box: StackedInfobox = { pairs: new Map(), titles: new Set() };
  let n = 0;
  while (n < (lead < 0 ? lines.length : lead)) {
    let end = n;
    while (end < lines.length && !isFurniture(end) && isInfoboxLine((lines[end] as string).trim())) end += 1;
    // A group's name inside the box (`UNESCO World Heritage Site` over `Criteria`, `Reference`) ends one
    // run of pairs; the pairs above it are read as a run of their own.
    for (let runEnd = end; runEnd > n; ) {
      const found = new Map<number, number>();
      let first = runEnd;
      for (let value = runEnd - 1; value - 1 >= n; value -= 2) {
        if (!INFOBOX_LABEL.test((lines[value - 1] as string).trim())) break;
        found.set(value - 1, value);
        first = value - 1;
      }
      const withFigure = [...found.values()].some((value) => /\d/u.test(lines[value] as string));
      if (found.size < 3 || !withFigure) break;
      for (const [label, value] of found) box.pairs.set(label, value);
      if (first > n) box.titles.add(first - 1);
      runEnd = first - 1;
    }
    n = Math.max(end, n + 1);
  }
  return box;
}

/** A label alone on its line, ending with a colon: one to five words, capitalised (`Foundation stone laid:`). */
const COLON_LABEL = /^\p{Lu}[\p{L}'’()-]*(?: [\p{L}'’()-]+){0,4}:$/u;
/** Most words a value under such a label has: a name, a date, a measure or a short list. */
const COLON_VALUE_WORDS = 12;

/**
 * A fact box whose labels end with a colon and stand over their values, a line each (`Consecrated:`, then
 * `March 25, 1436`), as an encyclopedia's `Quick Facts` or a magazine's sidebar pastes, anywhere in the text:
 * two such pairs at least, one after another (blank lines may part the pairs, not a label from its value),
 * each value a short line of its own, not the first line of a paragraph that wraps on.
 * Read otherwise, the labels stood alone and the values became headings.
 */
export function colonLabelledPairs(
  lines: readonly string[],
  isFurniture: (n: number) => boolean,
): Map<number, number> {
  const isPair = (label: number) => {
    const value = (lines[label + 1] ?? "").trim();
    const after = (lines[label + 2] ?? "").trim();
    // The cheap tests first: the furniture test runs every furniture pattern on the line.
    return (
      COLON_LABEL.test((lines[label] as string).trim()) &&
      value !== "" &&
      !value.endsWith(":") &&
      !LIST_MARKER.test(value) &&
      value.split(/\s+/u).length <= COLON_VALUE_WORDS &&
      // The value is whole: not a wrapped paragraph's first line.
      (after === "" || COLON_LABEL.test(after)) &&
      !isFurniture(label) &&
      !isFurniture(label + 1)
    );
  };
  const pairs = new Map<number, number>();
  for (let n = 0; n < lines.length; ) {
    const run: number[] = [];
    for (let label = n; label < lines.length && isPair(label); ) {
      run.push(label);
      label += 2;
      while (label < lines.length && (lines[label] as string).trim() === "") label += 1;
    }
    if (run.length >= 2) for (const label of run) pairs.set(label, label + 1);
    n = run.length > 0 ? (run.at(-1) as number) + 2 : n + 1;
  }
  return pairs;
}

/** An outline's shape: each node's depth, and the nodes under it (by line). */
export interface Outline {
  depths: Map<number, number>;
  children: Map<number, number[]>;
}

/** How many nodes of an outline, and how many below its first level, make one: a few indented lines do not. */
const OUTLINE_MIN_NODES = 8;
const OUTLINE_MIN_DEEP_NODES = 3;

/**
 * A mind map or an outliner's page exported as text: one node a line, indented by tabs (or by a fixed
 * number of spaces) under the node it belongs to, without list markers, mostly fragments (`Built: 1889`,
 * `architect -> Gustave Eiffel`). Most of its lines are indented, some two levels deep or more, and most
 * end without a stop; text whose paragraphs open with a tab is indented one level only. Read as wrapped
 * prose, the nodes ran together into sentences of a hundred words.
 */
export function outlineOf(lines: readonly string[]): Outline {
  const outline: Outline = { depths: new Map(), children: new Map() };
  const nodes = lines.flatMap((line, n) => {
    if (line.trim() === "" || LIST_MARKER.test(line)) return [];
    const indent = /^[\t ]*/u.exec(line)?.[0] ?? "";
    return [{ n, indent, stopped: /[.!?]["'”’)]?$/u.test(line.trim()) }];
  });
  const nonBlank = lines.filter((line) => line.trim() !== "").length;
  const tabbed = nodes.some((node) => node.indent.includes("\t"));
  // Spaces count in steps of the smallest indent any line has.
  const step = tabbed
    ? 1
    : Math.min(...nodes.map((node) => node.indent.length).filter((length) => length > 0), Infinity);
  const depthOf = (indent: string) =>
    tabbed ? (indent.match(/\t/gu)?.length ?? 0) : Math.round(indent.length / step);
  if (!Number.isFinite(step)) return outline;
  const indented = nodes.filter((node) => depthOf(node.indent) > 0);
  if (
    indented.length < OUTLINE_MIN_NODES ||
    indented.length < 0.6 * nonBlank ||
    indented.filter((node) => depthOf(node.indent) >= 2).length < OUTLINE_MIN_DEEP_NODES ||
    indented.filter((node) => node.stopped).length >= 0.5 * indented.length
  )
    return outline;
  // Each node's parent is the nearest node above it that is less deep.
  const open: number[] = [];
  for (const { n, indent } of nodes) {
    const depth = depthOf(indent);
    outline.depths.set(n, depth);
    while (open.length > 0 && (outline.depths.get(open.at(-1) as number) as number) >= depth) open.pop();
    const parent = open.at(-1);
    if (parent !== undefined) outline.children.set(parent, [...(outline.children.get(parent) ?? []), n]);
    open.push(n);
  }
  return outline;
}
