/**
 * A flashcard deck exported from Anki as "Notes in Plain Text": `#key:value` header lines (`#separator:tab`,
 * `#html:true`, `#tags column:3`, `#deck:…`), then one note a record, its fields split by the separator and
 * quoted (`"…"`, `""` a quote) when they hold it or a line break. The headers, and the columns that file a
 * note rather than say anything (its tags, GUID, note type and deck), go. Each note becomes a paragraph the
 * parser reads as a card: `front<TAB>back` (read `front: back.`), or, for a cloze note (`Under the
 * {{c1::Canton System}} (from 1757), Western traders …`), its fields as sentences in turn; read as a card,
 * that sentence became a name over its deck's tags. Cloze deletions are
 * read as their answers wherever they stand (`pasted-markup.ts`).
 */

/** A header line: Anki's keys, in lower case, before a colon. */
const HEADER_LINE = /^#([a-z]+(?: [a-z]+)?):(.*)$/u;

/** The keys Anki's plain-text export writes; one of the first two is always there. */
const HEADER_KEYS = new Set([
  "separator",
  "html",
  "tags column",
  "guid column",
  "notetype column",
  "deck column",
  "deck",
  "notetype",
  "columns",
  "tags",
  "if matches",
]);

/** What each `#separator:` names. */
const SEPARATORS: Readonly<Record<string, string>> = {
  tab: "\t",
  comma: ",",
  semicolon: ";",
  space: " ",
  pipe: "|",
  colon: ":",
};

/** A cloze deletion's opening (`{{c1::`). */
const CLOZE_DELETION = /\{\{c\d+::/u;

/** Columns (by header key) that file a note and say nothing about its subject. */
const FILING_COLUMNS = ["tags column", "guid column", "notetype column", "deck column"] as const;

/** The deck as text the parser reads, its deck name (if given) the title; null for any other text. */
export function ankiNotesAsText(text: string): string | null {
  const lines = text.split("\n");
  const headers = new Map<string, string>();
  let bodyStart = 0;
  for (; bodyStart < lines.length; bodyStart++) {
    const header = HEADER_LINE.exec((lines[bodyStart] as string).trim());
    if (header === null || !HEADER_KEYS.has(header[1] as string)) break;
    headers.set(header[1] as string, (header[2] as string).trim());
  }
  if (!headers.has("separator") && !headers.has("html")) return null;
  const separator = SEPARATORS[(headers.get("separator") ?? "tab").toLowerCase()] ?? "\t";
  const filing = new Set(
    FILING_COLUMNS.flatMap((key) => {
      const column = Number(headers.get(key));
      return Number.isInteger(column) && column >= 1 ? [column - 1] : [];
    }),
  );
  const deck = headers.get("deck");
  const notes = noteRecords(lines.slice(bodyStart).join("\n"), separator).flatMap((fields) => {
    const said = fields
      .filter((_, column) => !filing.has(column))
      .map((field) => field.replace(/\s*\n\s*/gu, " ").trim())
      .filter((field) => field !== "");
    if (said.length === 0) return [];
    const [first = ""] = said;
    // A cloze note's text is a statement, and its further fields notes on it; a basic note's front is a
    // prompt (`Who were the Cohong?`, `Name the five treaty ports.`), read with its answer as one sentence.
    if (CLOZE_DELETION.test(first)) return [said.map(asSentence).join(" ")];
    // A prompt's stop would come before the colon that joins it to its answer.
    return [[first.replace(/(?<!\.)\.$/u, ""), ...said.slice(1)].join("\t")];
  });
  return [...(deck === undefined || deck === "" ? [] : [`# ${deck}`]), ...notes].join("\n\n");
}

function asSentence(field: string): string {
  return /[.!?]["'”’)]?$/u.test(field.replace(/<[^>]*>/gu, "").trim()) ? field : `${field}.`;
}

/** The notes' fields: a separator parts fields and a line break notes, except inside a quoted field. */
function noteRecords(body: string, separator: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  const endRecord = () => {
    fields.push(field);
    if (fields.some((value) => value.trim() !== "")) records.push(fields);
    fields = [];
    field = "";
  };
  for (let i = 0; i < body.length; i++) {
    const char = body[i] as string;
    if (quoted) {
      if (char !== '"') field += char;
      else if (body[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (char === '"' && field === "" && closesField(body, i, separator)) quoted = true;
    else if (char === separator) {
      fields.push(field);
      field = "";
    } else if (char === "\n") endRecord();
    else field += char;
  }
  endRecord();
  return records;
}

/**
 * Whether the quote at `open` starts a quoted field: its closing quote (a lone one; `""` is a quote inside)
 * ends the field. A field that only opens with a quotation (`"Factory" = trading post`) is read as it is.
 */
function closesField(body: string, open: number, separator: string): boolean {
  for (let i = open + 1; i < body.length; i++) {
    if (body[i] !== '"') continue;
    if (body[i + 1] === '"') {
      i++;
      continue;
    }
    const after = body[i + 1];
    return after === undefined || after === separator || after === "\n";
  }
  return false;
}
