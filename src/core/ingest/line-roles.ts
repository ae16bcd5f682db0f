import {
  colonLabelledPairs,
  faqQuestionLines,
  flashcardLines,
  glossaryLines,
  inlineNotesLines,
  introducedListLines,
  labelBlockLines,
  labelledValueLines,
  type NoteColumns,
  noteColumnRows,
  numberedTitleLine,
  type Outline,
  outlineOf,
  QUOTE_MARKER,
  recordFieldLines,
  type SlideDeck,
  type StackedInfobox,
  type StackedTable,
  slideDeck,
  speakerLabelLines,
  speakerNotesLabels,
  stackedInfobox,
  stackedTables,
  underlinedHeadingLines,
} from "./line-layouts.ts";
import {
  breadcrumbHeaderLines,
  buttonRowLines,
  choiceLines,
  creditLines,
  datelineLines,
  documentHeaderLines,
  emailHeaderLines,
  emailThreadLines,
  frontMatterLines,
  isPageFurniture,
  menuLines,
  noteListLines,
  pageHeaderLines,
  pageTurnLines,
  paperFrontMatterLines,
  postBylineLines,
  printHeaderLines,
  qaSiteLines,
  runningHeaders,
  sectionEditLinkLines,
  siteBannerLines,
  siteControlLines,
  socialPostLines,
  tableOfContents,
  unnumberedContentsLines,
  wikipediaPageHeaderLines,
  withoutThreadNumbers,
} from "./page-furniture.ts";
import { gridRowsGoingOn } from "./table-rows.ts";
import { type TranscriptCues, transcriptCues } from "./transcript-cues.ts";

/**
 * What the lines of a pasted page are, found by looking at the whole page before it is read line by line:
 * the detectors of `page-furniture.ts`, `line-layouts.ts` and `transcript-cues.ts`, each run once. Lines
 * are numbered from 0 as `raw.split("\n")` gives them.
 */
export interface LineRoles {
  /**
   * The page's lines with a block quote's `>` marks, a caption's timestamp and a Q&A comment's signature
   * (`– Semaphore Mar 3, 2021 at 14:40`) turned into spaces, so every offset stays where it was.
   */
  lines: string[];
  /** Lines of a Markdown block quote. */
  quoteLines: Set<number>;
  cues: TranscriptCues;
  /** A transcript's lines are what was said, however short they are. */
  isTranscript: boolean;
  /**
   * Lines that are not the text: a Q&A page's stamps and votes, a note's front matter, a post's byline and
   * footer, an email thread's headers, greetings and quotes, a social thread's furniture, a site's
   * controls and menus, datelines, photo credits, a note list, a document's header block, a pasted
   * email's headers, and a pull quote.
   */
  furniture: Set<number>;
  /** A pasted email's header lines, by line (its `Subject:` is the title). */
  emailHeaders: Map<number, string>;
  /** Lines opening a post of a social thread or a Q&A page, each a paragraph of its own. */
  postStarts: Set<number>;
  /** An email signature's lines, each a sentence of its own. */
  signatureLines: Set<number>;
  /**
   * The first line of the article itself, past a copied page's menu and banners and a browser's print header
   * (a running header, so left out wherever it stands): it may be the title.
   */
  firstTextLine: number;
  /** The numbered heading that names a whole copied section, or -1 (see `numberedTitleLine`). */
  numberedTitleLine: number;
  /** A table of contents (heading and entries), and the later lines that repeat an entry: its headings. */
  contents: Set<number>;
  contentsHeadings: Set<number>;
  /** A table of contents without numbers, and the running headers (by `runningHeaderKey`) and page headers of a printed page. */
  unnumberedContents: Set<number>;
  runningHeaders: Set<string>;
  pageHeaders: Set<number>;
  /** `Label: value` lines and the lines under a label block's first, each a sentence of its own. */
  labelledLines: Set<number>;
  /** Flashcard questions (their answer is on the next line), and FAQ questions with their answer's line. */
  flashcards: Map<number, number>;
  /** A glossary's term lines, each over its definition's line (read as `term: definition`). */
  glossaryTerms: Set<number>;
  faqQuestions: Map<number, number>;
  /** Lines opening with a speaker's label or a slide's notes label, and a slide's `Speaker notes` labels alone on their line. */
  speakerLines: Set<number>;
  speakerNotesLabels: Set<number>;
  /** Tables copied one cell per line, by their first line. */
  stackedTables: Map<number, StackedTable>;
  /** An infobox copied one label or value per line (`stackedInfobox`). */
  stackedInfobox: StackedInfobox;
  /** A mind map's or an outliner's nodes, one a line, indented under their parents (`outlineOf`). */
  outline: Outline;
  /** A numbered slide deck's titles and the points of its slides (`slideDeck`). */
  slides: SlideDeck;
  /** Headings marked by a line of `=` or `-` under them (`underlinedHeadingLines`), past the page's furniture. */
  underlinedHeadings: Set<number>;
  /** Notes typed in two columns, a cue beside them (`noteColumnRows`), or null. */
  noteColumns: NoteColumns | null;
  /** A grid table's rows whose cells wrap onto the next line (`gridRowsGoingOn`). */
  wrappedGridRows: Set<number>;
}

/** The words of text, lower case and without punctuation, each followed by a space. */
const wordsOf = (text: string): string =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "")
    .map((word) => `${word} `)
    .join("");

/** The fewest words a block quote repeats before it counts as a pull quote rather than a chance echo. */
const PULL_QUOTE_WORDS = 6;

/** A paragraph that is one quotation alone, between blank lines (`"The little ships did not …"`). */
const QUOTED_PARAGRAPH = /^["“][^"“”]+["”]$/u;

/**
 * A pull quote: a block quote that a magazine or a blog sets beside its text, repeating a sentence of it
 * word for word (`> He would not "involve two great nations in a war …"`), or a paragraph copied from the
 * page that is only such a quotation. Read again, it would stand twice.
 */
function pullQuoteLines(lines: readonly string[], markedQuotes: ReadonlySet<number>): number[] {
  const isBlank = (n: number) => (lines[n] ?? "").trim() === "";
  const quotedParagraphs = lines.flatMap((line, n) =>
    QUOTED_PARAGRAPH.test(line.trim()) && isBlank(n - 1) && isBlank(n + 1) ? [n] : [],
  );
  const quoteLines = new Set([...markedQuotes, ...quotedParagraphs]);
  if (quoteLines.size === 0) return [];
  const text = ` ${wordsOf(lines.filter((_, n) => !quoteLines.has(n)).join(" "))}`;
  const found: number[] = [];
  let block: number[] = [];
  const closeBlock = () => {
    const words = wordsOf(block.map((n) => lines[n] as string).join(" "));
    const count = words.split(" ").length - 1;
    if (count >= PULL_QUOTE_WORDS && text.includes(` ${words}`)) found.push(...block);
    block = [];
  };
  lines.forEach((_, n) => {
    if (quoteLines.has(n)) block.push(n);
    else if (block.length > 0) closeBlock();
  });
  if (block.length > 0) closeBlock();
  return found;
}

/** Finds the roles of a page's lines. */
export function lineRolesOf(rawLines: readonly string[]): LineRoles {
  const quoteLines = new Set(rawLines.flatMap((line, n) => (QUOTE_MARKER.test(line) ? [n] : [])));
  const cues = transcriptCues(rawLines);
  const qa = qaSiteLines(rawLines);
  const emailThread = emailThreadLines(rawLines);
  const bylines = postBylineLines(rawLines);
  const postFurniture = [
    ...qa.furniture,
    ...frontMatterLines(rawLines),
    ...bylines.furniture,
    ...emailThread.furniture,
  ];
  const lines = rawLines.map((line, n) => {
    const timestamp = cues.prefixes.get(n) ?? 0;
    const signature = qa.signatures.get(n) ?? 0;
    return (
      " ".repeat(timestamp) +
      line.slice(timestamp, line.length - signature) +
      " ".repeat(signature)
    ).replace(QUOTE_MARKER, (marker) => " ".repeat(marker.length));
  });
  const isTranscript = cues.timestamps > 0;
  const social = socialPostLines(lines);
  if (social.postStarts.size > 0) lines.splice(0, lines.length, ...lines.map(withoutThreadNumbers));
  const emailHeaders = emailHeaderLines(lines);
  const menus = menuLines(lines);
  // What comes before the article's first line: none of it is the article's text.
  const beforeText = new Set([
    ...social.furniture,
    ...postFurniture,
    ...siteControlLines(lines),
    ...wikipediaPageHeaderLines(lines),
    ...emailHeaders.keys(),
    ...menus,
    ...buttonRowLines(lines),
    ...documentHeaderLines(lines),
    ...paperFrontMatterLines(lines),
    ...breadcrumbHeaderLines(lines),
  ]);
  const banner = siteBannerLines(
    lines,
    (n) => beforeText.has(n),
    (n) => menus.has(n),
  );
  for (const n of banner) beforeText.add(n);
  const contents = tableOfContents(lines);
  // A record's field may repeat word for word from record to record (`Place: Delft, Netherlands`).
  const fields = recordFieldLines(lines);
  const headers = runningHeaders(lines.map((line, n) => (contents.list.has(n) || fields.has(n) ? "" : line)));
  const printHeaders = printHeaderLines(lines, headers);
  const cards = flashcardLines(lines);
  return {
    lines,
    quoteLines,
    cues,
    isTranscript,
    furniture: new Set([
      ...beforeText,
      ...datelineLines(lines),
      ...creditLines(lines),
      ...sectionEditLinkLines(lines),
      ...noteListLines(lines),
      ...pullQuoteLines(lines, quoteLines),
      ...pageTurnLines(lines),
      ...choiceLines(lines),
    ]),
    emailHeaders,
    postStarts: new Set([...social.postStarts, ...qa.postStarts, ...bylines.postStarts]),
    signatureLines: emailThread.signature,
    firstTextLine: lines.findIndex(
      (line, n) =>
        line.trim() !== "" && !isPageFurniture(line.trim()) && !beforeText.has(n) && !printHeaders.has(n),
    ),
    numberedTitleLine: numberedTitleLine(lines),
    contents: contents.list,
    contentsHeadings: contents.headings,
    unnumberedContents: unnumberedContentsLines(lines),
    runningHeaders: headers,
    pageHeaders: pageHeaderLines(lines),
    labelledLines: new Set([
      ...labelledValueLines(lines),
      ...labelBlockLines(lines),
      ...introducedListLines(lines),
    ]),
    glossaryTerms: glossaryLines(lines),
    flashcards: cards,
    faqQuestions: faqQuestionLines(lines.map((line, n) => (cards.has(n) ? "" : line))),
    speakerLines: new Set([...speakerLabelLines(lines, fields), ...inlineNotesLines(lines)]),
    speakerNotesLabels: speakerNotesLabels(lines),
    stackedTables: stackedTables(lines),
    stackedInfobox: withColonLabelledPairs(
      stackedInfobox(lines, (n) => beforeText.has(n)),
      lines,
      beforeText,
    ),
    outline: outlineOf(lines),
    slides: slideDeck(lines),
    underlinedHeadings: new Set([...underlinedHeadingLines(lines)].filter((n) => !beforeText.has(n))),
    noteColumns: noteColumnRows(lines),
    wrappedGridRows: gridRowsGoingOn(lines),
  };
}

/** The infobox's pairs with those of any fact box whose labels end with a colon (`colonLabelledPairs`). */
function withColonLabelledPairs(
  box: StackedInfobox,
  lines: readonly string[],
  beforeText: ReadonlySet<number>,
): StackedInfobox {
  const isFurniture = (n: number) => beforeText.has(n) || isPageFurniture((lines[n] ?? "").trim());
  return { ...box, pairs: new Map([...box.pairs, ...colonLabelledPairs(lines, isFurniture)]) };
}
