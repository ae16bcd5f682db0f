/**
 * A Wikipedia article's wikitext, as an editor copies it from the edit box: `== Section ==` headings,
 * `'''bold'''`, `[[Link|text]]`, `{{templates}}`, `<ref>` citations, `{| tables |}`. It is read as the
 * Markdown it stands for: the infobox's name (else the lead's first bold words) the title, the infobox's
 * fields a table, headings, list items and table rows as Markdown has them, a file's caption a Markdown
 * image's; citations, categories, hatnotes and maintenance templates are left out, and the few templates
 * that stand for words in the sentence (`{{circa}}`, `{{convert|8|km}}`, `{{lang|de|…}}`, dates) give them.
 */

import { captionBlock } from "./html-source.ts";

/** Wikitext's own markup: links in double brackets, with headings, bold or templates written its way. */
export function isWikitextSource(text: string): boolean {
  const links = text.match(/\[\[[^[\]\n]+\]\]/gu)?.length ?? 0;
  if (links < 3) return false;
  const headings = /^={2,6}[^=\n]+={2,6}[ \t]*$/mu.test(text);
  const bold = /'''[^'\n]+'''/u.test(text);
  const templates = text.match(/\{\{[^{}\n|]+[|}]/gu)?.length ?? 0;
  return headings || bold || templates >= 2;
}

/** Templates that stand for words of the sentence, by lower-case name: what they read as. */
const INLINE_TEMPLATES: Record<string, (params: string[]) => string> = {
  circa: (params) => (params[0] ? `c. ${params[0]}` : "c."),
  "c.": (params) => (params[0] ? `c. ${params[0]}` : "c."),
  convert: unitAmount,
  cvt: unitAmount,
  lang: (params) => params[1] ?? "",
  transl: (params) => params.at(-1) ?? "",
  nowrap: (params) => params[0] ?? "",
  small: (params) => params[0] ?? "",
  nobr: (params) => params[0] ?? "",
  "birth date": wikiDate,
  "birth date and age": wikiDate,
  "death date": wikiDate,
  "death date and age": wikiDate,
  "start date": wikiDate,
  "end date": wikiDate,
  "start date and age": wikiDate,
  date: (params) => params[0] ?? "",
  "as of": (params) => `As of ${wikiDate(params)}`,
  marriage: (params) => params[0] ?? "",
  ubl: (params) => params.join(", "),
  "unbulleted list": (params) => params.join(", "),
  hlist: (params) => params.join(", "),
  plainlist: (params) => params.join(" "),
  flatlist: (params) => params.join(" "),
};

/** `{{birth date|1878|11|7}}` → `7 November 1878` (named options such as `df=y` are ignored). */
function wikiDate(params: string[]): string {
  const [year, month, day] = params.filter((param) => !param.includes("="));
  const monthName =
    month !== undefined && /^\d{1,2}$/u.test(month)
      ? new Date(Date.UTC(2000, Number(month) - 1, 1)).toLocaleString("en", {
          month: "long",
          timeZone: "UTC",
        })
      : month;
  return [day, monthName, year].filter((part) => part !== undefined && part !== "").join(" ");
}

/** `{{convert|8|km|mi}}` → `8 km`; `{{convert|3|to|5|m}}` → `3 to 5 m`. */
function unitAmount(params: string[]): string {
  const [amount, second, third, fourth] = params.filter((param) => !param.includes("="));
  if (amount === undefined) return "";
  if (second !== undefined && /^(?:to|-|–|and|or|x|×)$/u.test(second) && third !== undefined)
    return [amount, second === "-" ? "to" : second, third, fourth].filter(Boolean).join(" ");
  return [amount, second].filter(Boolean).join(" ");
}

/** Infobox fields that hold no words a reader would look up. */
const HIDDEN_FIELDS =
  /^(?:image\w*|img\w*|alt|logo\w*|map\w*|pushpin\w*|relief|coordinates|coords|embed|module\d*|signature\w*|footnotes|website|url|native_name_lang|child|label_position)$/u;

/** A template's name and its parameters, split at the top-level bars (links and templates are resolved first). */
function templateParts(inner: string): { name: string; params: string[]; named: Map<string, string> } {
  const [rawName = "", ...rest] = inner.split("|");
  const named = new Map<string, string>();
  const params: string[] = [];
  for (const param of rest) {
    const equals = /^\s*([\w ]+?)\s*=\s*([\s\S]*)$/u.exec(param);
    if (equals) named.set((equals[1] as string).toLowerCase(), (equals[2] as string).trim());
    else params.push(param.trim());
  }
  return { name: rawName.trim().toLowerCase().replace(/_/gu, " "), params, named };
}

/** The infobox's fields as a two-column table, a field a row (`Birth date⇥7 November 1878`). */
function infoboxTable(named: Map<string, string>): string {
  const rows: string[] = [];
  for (const [field, value] of named) {
    const text = value.replace(/\s+/gu, " ").trim();
    if (text === "" || HIDDEN_FIELDS.test(field.replace(/ /gu, "_"))) continue;
    if (field === "name" || field === "caption") continue;
    const label = field.replace(/[_\d]+/gu, " ").trim();
    if (label === "") continue;
    rows.push(`${label.charAt(0).toUpperCase()}${label.slice(1)}\t${text}`);
  }
  const caption = named.get("caption")?.replace(/\s+/gu, " ").trim();
  return `\n\n${rows.join("\n")}\n\n${caption ? captionBlock(caption) : ""}`;
}

/**
 * Replaces the matches of `innermost` (a pattern that cannot hold itself, so it matches the innermost
 * of nested brackets) until none is left, each by what `replace` makes of its first group.
 */
function innermostFirst(text: string, innermost: RegExp, replace: (inner: string) => string): string {
  let previous = "";
  let current = text;
  while (current !== previous) {
    previous = current;
    current = current.replace(innermost, (_, inner: string) => replace(inner));
  }
  return current;
}

/** Options of a file link that are not its caption. */
const FILE_OPTION =
  /^(?:thumb|thumbnail|frame|frameless|border|right|left|center|centre|none|upright(?:=[\d.]+)?|\d+(?:x\d+)?px|(?:alt|link|class|lang|page)=.*)$/iu;

/** Resolves the innermost `[[…]]` links until none is left: a link its text, a file its caption, a category nothing. */
function resolveLinks(text: string): string {
  return innermostFirst(text, /\[\[([^[\]]*)\]\]/gu, (inner) => {
    const [target = "", ...rest] = inner.split("|");
    const namespace = /^\s*:?\s*([\w ]+?)\s*:/u.exec(target)?.[1]?.toLowerCase();
    if (namespace === "file" || namespace === "image") {
      const caption = rest
        .filter((part) => !FILE_OPTION.test(part.trim()))
        .at(-1)
        ?.trim();
      return caption ? captionBlock(caption) : "";
    }
    if (namespace === "category") return "";
    if (rest.length > 0) return rest.at(-1) as string;
    return target.replace(/#.*$/u, "").replace(/^:/u, "");
  });
}

/** Resolves the innermost `{{…}}` templates until none is left. */
function resolveTemplates(text: string, found: { infoboxName: string | null }): string {
  return innermostFirst(text, /\{\{([^{}]*)\}\}/gu, (inner) => {
    const { name, params, named } = templateParts(inner);
    if (name.startsWith("infobox") || name.endsWith(" infobox")) {
      found.infoboxName ??= named.get("name")?.replace(/\s+/gu, " ").trim() || null;
      return infoboxTable(named);
    }
    const inline = INLINE_TEMPLATES[name] ?? (name.startsWith("lang-") ? INLINE_TEMPLATES.transl : undefined);
    return inline ? inline(params) : "";
  });
}

/** A wikitable's rows, tab-separated cells a row (a cell's attributes left out). */
function tableRows(lines: string[]): string[] {
  const rows: string[][] = [];
  let row: string[] | null = null;
  const cellText = (cell: string) => {
    // `style="…" | text`: the attributes come before a single bar.
    const bar = cell.search(/(?<!\|)\|(?!\|)/u);
    return (bar >= 0 && /=/u.test(cell.slice(0, bar)) ? cell.slice(bar + 1) : cell).trim();
  };
  for (const line of lines) {
    if (/^\{\|/u.test(line)) continue;
    if (/^\|\+/u.test(line)) {
      rows.push([line.slice(2).trim()]);
      row = null;
    } else if (/^\|-/u.test(line)) {
      row = null;
    } else if (/^[|!]/u.test(line)) {
      if (row === null) {
        row = [];
        rows.push(row);
      }
      row.push(
        ...line
          .slice(1)
          .split(/\|\||!!/u)
          .map(cellText),
      );
    } else if (row !== null && row.length > 0) {
      // A cell's text may run on over the next lines.
      row[row.length - 1] = `${row.at(-1)} ${line.trim()}`;
    }
  }
  return rows.map((cells) => cells.filter((cell) => cell !== "").join("\t")).filter((line) => line !== "");
}

/** The article as Markdown: title, infobox table, headings, paragraphs, lists, tables and captions. */
export function wikitextToMarkdown(source: string): string {
  const found: { infoboxName: string | null } = { infoboxName: null };
  let text = source
    .replace(/<!--[\s\S]*?-->/gu, "")
    .replace(/<ref\b[^>]*\/>/giu, "")
    .replace(/<ref\b[^>]*>[\s\S]*?<\/ref\s*>/giu, "")
    .replace(/<(gallery|math|timeline|references|score|graph)\b[^>]*>[\s\S]*?<\/\1\s*>/giu, "")
    .replace(/__[A-Z]+__/gu, "");
  text = resolveTemplates(resolveLinks(text), found);
  const boldTitle = /'''([^'\n]{1,80}?)'''/u.exec(text)?.[1]?.trim();
  text = text
    .replace(/\[(?:https?:)?\/\/[^\s\]]+\s+([^\]]+)\]/gu, "$1")
    .replace(/\[(?:https?:)?\/\/[^\s\]]+\]/gu, "")
    .replace(/'{2,5}/gu, "")
    .replace(/<br\s*\/?>/giu, " ")
    .replace(
      /<\/?(?:small|big|sup|sub|span|div|center|u|s|del|ins|abbr|cite|nowiki|poem|blockquote|code|var)\b[^>]*>/giu,
      "",
    );
  const lines = text.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trimEnd();
    if (/^\{\|/u.test(line)) {
      const table: string[] = [];
      while (i < lines.length && !/^\|\}/u.test(lines[i] as string)) table.push(lines[i++] as string);
      out.push("", ...tableRows(table), "");
      continue;
    }
    const heading = /^(={2,6})\s*(.+?)\s*\1$/u.exec(line);
    if (heading) {
      out.push("", `${"#".repeat((heading[1] as string).length)} ${heading[2]}`, "");
      continue;
    }
    const listed = /^([*#]+)\s*(.*)$/u.exec(line);
    if (listed) {
      out.push(`${(listed[1] as string).endsWith("#") ? "1." : "-"} ${listed[2]}`);
      continue;
    }
    out.push(line.replace(/^[:;]+\s*/u, ""));
  }
  const markdown = out
    .map((line) => line.replace(/[ \t]+$/u, ""))
    .join("\n")
    .replace(/\n{3,}/gu, "\n\n")
    .trim();
  const title = found.infoboxName ?? (boldTitle || null);
  return title ? `# ${title}\n\n${markdown}` : markdown;
}
