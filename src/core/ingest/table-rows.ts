import type { SourceToken } from "../text/detokenize.ts";

/**
 * Tables in pasted text: Markdown rows (`| a | b |`) and the wikitext row syntax (`{|`, `|-`, `|}`) that
 * survives a careless copy. A data row becomes one sentence naming each cell by its column
 * (`Line: Paris–Lille; Opened: 1794.`), so its facts can be found and cited like any other sentence.
 */

/** A border of a table or box drawn in plain text (`+------+-----+`, `+======+`), as PDFs and consoles copy. */
const GRID_BORDER = /^\+[-=]{3,}(?:\+[-=]{3,})*\+$/u;

/** A plain-text table's border between rows, or round a box (`+------+`): no header above it, unlike `+====+`. */
export function isRowBorder(trimmed: string): boolean {
  return GRID_BORDER.test(trimmed) && !trimmed.includes("=");
}

/** Whether a trimmed line belongs to a table (rows start with a pipe, borders with `+-`; prose never does). */
export function isTableLine(trimmed: string): boolean {
  return trimmed.startsWith("|") || trimmed.startsWith("{|") || GRID_BORDER.test(trimmed);
}

/**
 * The grid tables' rows that go on on the next line, a cell's text wrapped there. Pandoc's grid tables draw a
 * border (`+----+`) after every row, so lines between two borders are one row; a console's table (MySQL's)
 * borders only its header and its end and sets a whole row on every line. Each table is looked at once.
 */
export function gridRowsGoingOn(lines: readonly string[]): Set<number> {
  const goesOn = new Set<number>();
  const trimmedAt = (at: number) => lines[at]?.trim() ?? "";
  const isData = (at: number) => trimmedAt(at).startsWith("|") && !isTableSyntax(trimmedAt(at));
  for (let first = 0; first < lines.length; first++) {
    if (!isTableLine(trimmedAt(first))) continue;
    let last = first;
    while (last + 1 < lines.length && isTableLine(trimmedAt(last + 1))) last++;
    // The border under the first row may only close a header, as a console's does.
    const firstRow = isData(first) ? first : first + 1;
    let bordered = false;
    for (let at = firstRow + 2; at < last && !bordered; at++)
      bordered = isRowBorder(trimmedAt(at)) && isData(at - 1) && isData(at + 1);
    for (let n = first; bordered && n < last; n++)
      if (
        isData(n) &&
        isData(n + 1) &&
        tableCells(lines[n] ?? "").length === tableCells(lines[n + 1] ?? "").length
      )
        goesOn.add(n);
    first = last;
  }
  return goesOn;
}

/** A row of table syntax without content: a Markdown separator (`|---|:-:|`), a wikitext marker or a border. */
export function isTableSyntax(trimmed: string): boolean {
  return (
    /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$/u.test(trimmed) ||
    /^(?:\{\||\|[-}+])/u.test(trimmed) ||
    GRID_BORDER.test(trimmed)
  );
}

/** A row's cells as text with their offsets in the line; the outer pipes open and close the row. */
export function tableCells(line: string): Array<{ text: string; start: number }> {
  const cells: Array<{ text: string; start: number }> = [];
  const pipes = [...line.matchAll(/(?<!\\)\|/gu)].map((match) => match.index);
  const bounds = [-1, ...pipes, line.length];
  for (let n = 0; n + 1 < bounds.length; n++) {
    const start = (bounds[n] as number) + 1;
    const text = line.slice(start, bounds[n + 1]);
    const outside = (n === 0 || n === bounds.length - 2) && text.trim() === "";
    if (!outside) cells.push({ text, start });
  }
  return cells;
}

/** Headers of a two-column table's second column that say only that it holds the first column's value. */
const VALUE_COLUMN_NAMES = new Set([
  "value",
  "values",
  "detail",
  "details",
  "information",
  "info",
  "data",
  "description",
  "definition",
  "meaning",
]);

/**
 * Whether a table's rows are named values, each read `name: value`: two columns under a header that
 * names no column of its own (blank, or `Field | Value`, `Term | Definition`), as an infobox or a glossary
 * copied as a Markdown table has.
 */
export function rowsAreNamedValues(header: readonly SourceToken[][]): boolean {
  if (header.length !== 2) return false;
  const second = (header[1] as SourceToken[]).map((token) => token.source.toLowerCase()).join(" ");
  return second === "" || VALUE_COLUMN_NAMES.has(second);
}

/** One data row as a sentence: `Header: cell; Header: cell`, or the cells alone without a header. */
export function rowSentence(
  header: readonly SourceToken[][],
  cells: readonly SourceToken[][],
): SourceToken[] {
  const tokens: SourceToken[] = [];
  // Inserted punctuation has no source of its own: it takes an empty span where its cell starts.
  const inserted = (source: string, at: number) => ({ source, sourceStart: at, sourceEnd: at });
  cells.forEach((cell, n) => {
    const at = cell[0]?.sourceStart;
    if (at === undefined) return;
    if (tokens.length > 0) tokens.push(inserted(";", at));
    const name = header[n] ?? [];
    if (name.length > 0) tokens.push(...name, inserted(":", at));
    tokens.push(...cell);
  });
  return tokens;
}

/** A named value as a sentence: `Born: Rolihlahla Mandela`, further values after `;`. */
export function keyValueSentence(
  name: readonly SourceToken[],
  values: readonly SourceToken[][],
): SourceToken[] {
  const at = values[0]?.[0]?.sourceStart ?? name.at(-1)?.sourceEnd ?? 0;
  // A label that brings its own colon (`Consecrated:`) needs no other.
  const colon = name.at(-1)?.source.endsWith(":") ? [] : [{ source: ":", sourceStart: at, sourceEnd: at }];
  return [...name, ...colon, ...rowSentence([], values)];
}
