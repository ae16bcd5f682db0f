/**
 * A Kindle's `My Clippings.txt`: entries parted by `==========` lines, each the book's line (`The Ice King
 * (Eleanor Whitcombe)`), a line saying what was clipped and where (`- Your Highlight on page 14 | Location
 * 196-199 | Added on Sunday, 3 March 2024 21:17:03`), a blank line, then the highlighted passage or the
 * reader's note (a bookmark has none). Only the passages and notes are text, each apart from the others (a
 * list item), since a highlight may start or stop mid-sentence; the book is the title, or each book a section when the file holds
 * several. Read as it was, every passage ran on into the `==========` after it and every place line was a sentence.
 */

const SEPARATOR_LINE = /^={10}$/u;
/** What an entry holds and where: `- Your Highlight on page 3 | …`, an older Kindle's `- Highlight Loc. 38-40 | …`. */
const PLACE_LINE = /^-\s*(?:Your\s+)?(?:Highlight|Note|Bookmark|Clip)\b.*\|/iu;

/** The clippings as Markdown, a book's passages under its title; null for any other text. */
export function kindleClippingsAsText(text: string): string | null {
  const entries = text
    .split("\n")
    .reduce<string[][]>(
      (parts, line) => {
        if (SEPARATOR_LINE.test(line.trim())) parts.push([]);
        else parts.at(-1)?.push(line);
        return parts;
      },
      [[]],
    )
    .map((lines) => {
      const kept = lines.map((line) => line.trim());
      while (kept[0] === "") kept.shift();
      return kept;
    })
    .filter((lines) => lines.length > 0);
  const clippings = entries.flatMap((lines) => {
    const [book = "", place = "", ...passage] = lines;
    if (!PLACE_LINE.test(place)) return [];
    return [{ book: book.replace(/^\uFEFF/u, ""), passage: passage.join(" ").trim() }];
  });
  // A clippings file has two entries or more, and every entry is one.
  if (clippings.length < 2 || clippings.length !== entries.length) return null;
  const books = [...new Set(clippings.map((clipping) => clipping.book))];
  const out = books.length === 1 ? [`# ${books[0]}`] : [];
  for (const book of books) {
    if (books.length > 1) out.push(`## ${book}`);
    // Each a list item: a highlight cut off mid-sentence does not run on into the next.
    for (const clipping of clippings)
      if (clipping.book === book && clipping.passage !== "") out.push(`- ${clipping.passage}`);
  }
  return out.join("\n\n");
}
