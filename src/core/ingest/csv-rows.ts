/**
 * A table exported as comma-separated values and pasted or saved as text (a spreadsheet's CSV): a header
 * row over at least three rows with as many fields. Each run of such lines is rewritten as the Markdown
 * table it stands for, so the parser reads every row as a sentence naming its columns (`Lake: Ladoga;
 * Countries: Russia; …`) instead of one run-on line of numbers. Lines around it stay as they are.
 */

/** The fields of a CSV line (`"…"` quotes a field holding commas, `""` a quote), or null when a quote is left open. */
export function csvFields(line: string): string[] | null {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (quoted) {
      if (char !== '"') field += char;
      else if (line[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (char === '"' && field.trim() === "") quoted = true;
    else if (char === ",") {
      fields.push(field.trim());
      field = "";
    } else field += char;
  }
  if (quoted) return null;
  fields.push(field.trim());
  return fields;
}

/** Fewest columns and rows (below the header) that make a run of lines a table. */
const MIN_COLUMNS = 3;
const MIN_ROWS = 3;

/** Whether a line may be a CSV row: no list marker, no Markdown table pipe, and the fewest columns or more. */
function rowFields(line: string): string[] | null {
  if (line.trim() === "" || line.includes("|") || /^\s*(?:[-*+•]|\d+[.)])\s/u.test(line)) return null;
  const fields = csvFields(line);
  return fields !== null && fields.length >= MIN_COLUMNS ? fields : null;
}

/** A table row copied without its outer pipes (`22 June 1860 | President James Buchanan vetoes …`): its cells. */
function barePipeCells(line: string): string[] | null {
  const trimmed = line.trim();
  if (trimmed === "" || trimmed.startsWith("|") || trimmed.endsWith("|") || !trimmed.includes(" | "))
    return null;
  const cells = trimmed.split(/\s+\|\s+/u);
  return cells.every((cell) => cell !== "" && !cell.includes("|")) ? cells : null;
}

/** A Markdown table's lines: the header, its separator and the rows, each cell's own pipes made slashes. */
function markdownTable(header: readonly string[], rows: readonly string[][]): string[] {
  const row = (cells: readonly string[]) =>
    `| ${cells.map((cell) => cell.replace(/\|/gu, "/")).join(" | ")} |`;
  return [row(header), row(header.map(() => "---")), ...rows.map(row)];
}

/**
 * The text with each run of lines that `cellsOf` reads as a header over rows of as many cells rewritten as
 * `asTable` gives it (null leaves the run's first line as it was and looks again from the next).
 */
function rewriteRowRuns(
  text: string,
  cellsOf: (line: string) => string[] | null,
  asTable: (header: readonly string[], rows: readonly string[][]) => string[] | null,
): string {
  const lines = text.split("\n");
  const out: string[] = [];
  for (let n = 0; n < lines.length; ) {
    const header = cellsOf(lines[n] as string);
    const rows: string[][] = [];
    // A row may leave its last fields empty or add none, but not change the column count otherwise.
    for (let k = n + 1; header !== null && k < lines.length; k++) {
      const cells = cellsOf(lines[k] as string);
      if (cells?.length !== header.length) break;
      rows.push(cells);
    }
    const table = header === null || rows.length < MIN_ROWS ? null : asTable(header, rows);
    if (table === null) {
      out.push(lines[n] as string);
      n++;
      continue;
    }
    out.push(...table);
    n += 1 + rows.length;
  }
  return out.join("\n");
}

/**
 * The text with each table copied as rows of cells between pipes, without the outer pipes or a separator
 * row (`Date | Event`, `1852 | Free Soil Party platform calls for …`), rewritten as a Markdown table; read
 * as prose, its rows ran into one sentence. A header of short names over three rows or more, with as many
 * cells each, and a row with a figure or a cell of three words or more: a site's menus of links are not one.
 */
export function barePipeRowsAsMarkdownTables(text: string): string {
  return rewriteRowRuns(text, barePipeCells, (header, rows) => {
    const named = header.every((cell) => cell.split(/\s+/u).length <= 4 && !/\d/u.test(cell));
    const data = rows.some((cells) =>
      cells.some((cell) => /\d/u.test(cell) || cell.split(/\s+/u).length >= 3),
    );
    return named && data ? markdownTable(header, rows) : null;
  });
}

/** The text with each run of CSV lines rewritten as a Markdown table; unchanged when it has none. */
export function csvAsMarkdownTables(text: string): string {
  return rewriteRowRuns(text, rowFields, (header, rows) => {
    // A header names its columns in a few words each, none of them a number or a label (prose split at
    // its commas has longer pieces, a line of notes `Causes: drought, war, famine` a label).
    const named = header.every(
      (field) =>
        field !== "" &&
        field.split(/\s+/u).length <= 4 &&
        !/^[-+]?[\d.,]+$/u.test(field) &&
        !/:\s/u.test(field),
    );
    return named ? ["", ...markdownTable(header, rows), ""] : null;
  });
}
