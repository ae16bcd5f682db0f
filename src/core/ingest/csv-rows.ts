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

/** The text with each run of CSV lines rewritten as a Markdown table; unchanged when it has none. */
export function csvAsMarkdownTables(text: string): string {
  const lines = text.split("\n");
  const out: string[] = [];
  for (let n = 0; n < lines.length; ) {
    const header = rowFields(lines[n] as string);
    const rows: string[][] = [];
    // A row may leave its last fields empty or add none, but not change the column count otherwise.
    for (let k = n + 1; header !== null && k < lines.length; k++) {
      const fields = rowFields(lines[k] as string);
      if (fields?.length !== header.length) break;
      rows.push(fields);
    }
    // A header names its columns in a few words each, none of them a number or a label (prose split at
    // its commas has longer pieces, a line of notes `Causes: drought, war, famine` a label).
    const named =
      header?.every(
        (field) =>
          field !== "" &&
          field.split(/\s+/u).length <= 4 &&
          !/^[-+]?[\d.,]+$/u.test(field) &&
          !/:\s/u.test(field),
      ) ?? false;
    if (header === null || !named || rows.length < MIN_ROWS) {
      out.push(lines[n] as string);
      n++;
      continue;
    }
    const row = (fields: readonly string[]) =>
      `| ${fields.map((field) => field.replace(/\|/gu, "/")).join(" | ")} |`;
    out.push("", row(header), row(header.map(() => "---")));
    for (const fields of rows) out.push(row(fields));
    out.push("");
    n += 1 + rows.length;
  }
  return out.join("\n");
}
