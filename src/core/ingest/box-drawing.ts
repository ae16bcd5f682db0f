/**
 * Text drawn in boxes with box-drawing characters, as a PDF, a terminal or a plain-text textbook lays out a
 * boxed note or a table:
 *
 *     ┌──────────────────┐        ┌──────┬────────────┐
 *     │ KEY CONCEPT      │        │ Year │ Event      │
 *     │ The atmosphere … │        ├──────┼────────────┤
 *     └──────────────────┘        │ 1902 │ Stratosphere named │
 *
 * Read as prose, the borders ran into the sentences (`┌───┐ │ KEY CONCEPT │ │ The atmosphere …`). A box of
 * one column is rewritten as its lines of text, a box of several as the Markdown table it stands for; the
 * borders become blank lines, so the box is a block of its own. A plain rule (`──────`) is left alone: the
 * parser reads it as a rule between parts of a page, or over a page's footnotes.
 */

/** A border of a box: box-drawing characters only, with a corner or a junction among its lines. */
const BOX_BORDER = /^[\u2500-\u257F]*[┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬╒╓╕╖╘╙╛╜╞╟╡╢╤╥╧╨╪╫╭╮╯╰][\u2500-\u257F]*$/u;
/** The vertical lines that wall a box's text on each side and split its columns. */
const BOX_WALL = /[│┃║]/u;

/** The cells of a walled line (`│ 1902 │ Stratosphere │`), or null when it is not walled on both sides. */
function walledCells(trimmed: string): string[] | null {
  if (!BOX_WALL.test(trimmed.at(0) ?? "") || !BOX_WALL.test(trimmed.at(-1) ?? "")) return null;
  return trimmed
    .slice(1, -1)
    .split(BOX_WALL)
    .map((cell) => cell.trim());
}

/** The text with each box's borders made blank lines and its walled lines made text or table rows. */
export function boxDrawingAsText(text: string): string {
  if (!/[\u2500-\u257F]/u.test(text)) return text;
  const lines = text.split("\n");
  const out: string[] = [];
  // Within a box of several columns: whether its header row (the first) has been written.
  let tableHeaderWritten = false;
  lines.forEach((line, n) => {
    const trimmed = line.trim();
    if (BOX_BORDER.test(trimmed)) {
      // A border between a table's rows (`├──┼──┤`) keeps the table whole.
      const next = walledCells((lines[n + 1] ?? "").trim());
      if (tableHeaderWritten && next !== null && next.length > 1) return;
      out.push("");
      tableHeaderWritten = false;
      return;
    }
    const cells = walledCells(trimmed);
    if (cells === null) {
      out.push(line);
      tableHeaderWritten = false;
    } else if (cells.length === 1) out.push(cells[0] as string);
    else if (cells.some((cell) => cell !== "")) {
      out.push(`| ${cells.join(" | ")} |`);
      if (!tableHeaderWritten) out.push(`| ${cells.map(() => "---").join(" | ")} |`);
      tableHeaderWritten = true;
    }
  });
  return out.join("\n");
}
