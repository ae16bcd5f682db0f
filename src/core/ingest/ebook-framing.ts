/**
 * A Project Gutenberg e-book as its plain-text file comes: the project's header (the licence's opening,
 * `Title:`, `Author:`, `Release date:` and credits lines), the book between its `*** START OF THE PROJECT
 * GUTENBERG EBOOK … ***` and `*** END OF … ***` lines, then the full licence. Only the book is text; its
 * title is the header's `Title:`.
 */

const START_LINE = /^\s*\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK\b.*$/imu;
const END_LINE = /^\s*\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK\b.*$/imu;
const TITLE_LINE = /^\s*Title:\s*(.+)$/mu;
/** A transcriber's credit opening the book (older files put it after the start line). */
const CREDIT_PARAGRAPH =
  /^\s*(?:Produced by|E-?text prepared by|Transcribed from|Transcriber's Note)\b[\s\S]*?(?:\n\s*\n|$)/iu;

/** The book inside a Project Gutenberg file, under its title as a Markdown heading; null for any other text. */
export function gutenbergBook(text: string): string | null {
  const start = START_LINE.exec(text);
  if (start === null) return null;
  const header = text.slice(0, start.index);
  const afterStart = text.slice(start.index + start[0].length);
  const end = END_LINE.exec(afterStart);
  const book = (end === null ? afterStart : afterStart.slice(0, end.index))
    .replace(/^\s*\n/u, "")
    .replace(CREDIT_PARAGRAPH, "");
  const title = TITLE_LINE.exec(header)?.[1]?.trim();
  return title === undefined ? book : `# ${title}\n\n${book}`;
}
