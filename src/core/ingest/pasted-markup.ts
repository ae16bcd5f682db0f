import type { SourceToken } from "../text/detokenize.ts";

/**
 * Inline markup that text copied from web pages carries besides its prose: Wikipedia's citation and
 * maintenance markers (`[1]`, `[a]`, `[citation needed]`, `[edit]`), HTML tags and entities, Markdown
 * emphasis and links. It is removed from a line while every remaining character remembers where it came
 * from, so tokens keep their offsets in the source file.
 */

/** Text with, for each character, the span of the source it came from. */
export interface MappedText {
  text: string;
  /** Source offset of the first source character behind each character. */
  starts: number[];
  /** Source offset just after the last source character behind each character. */
  ends: number[];
}

/** How to read markers whose meaning depends on the whole article. */
export interface MarkupContext {
  /**
   * Whether the article numbers its notes with letters (`[a]`, `[b]`). Only then is an attached `[d]` a
   * note: otherwise it is an editor's completion of a quoted word (`constitute[d]`).
   */
  letterNotes: boolean;
  /**
   * The numbers of the notes a copied PDF lists under its footnote rules. Only such a number, stuck to a
   * year that ends a sentence (`review in 2020.7 In December`), is a note: `2.7` may be a decimal.
   */
  pageNotes: ReadonlySet<string>;
  /**
   * Whether the article's headings end in the mobile site's edit link (`History Edit`), found on two headings
   * or more. Only then is a final `Edit` a link: a heading may end in the word (`How to Edit`).
   */
  trailingEditLinks: boolean;
}

/** A heading copied from Wikipedia's mobile site with its edit link (`Buildings and structures Edit`). */
const TRAILING_EDIT_HEADING = /^(?:[^\s.!?:;,]+ ){1,8}Edit$/u;
/** That edit link, ending its heading. */
const TRAILING_EDIT_LINK = /\s+Edit(?=\s*$)/dgu;

/** True when two lines or more are headings followed by the mobile site's edit link. */
export function usesTrailingEditLinks(lines: readonly string[]): boolean {
  return lines.filter((line) => TRAILING_EDIT_HEADING.test(line.trim())).length >= 2;
}

/** True when the text carries Wikipedia's lettered note markers: the first of them is always `[a]`. */
export function usesLetterNotes(raw: string): boolean {
  return /\S\[a\]/u.test(raw);
}

/** A piece of a rewritten match: new text (standing for the whole match) or a capture group kept as is. */
type Piece = string | { group: number };

/** Source text starting at `offset`, each character standing for itself. */
export function mapText(text: string, offset: number): MappedText {
  const starts = Array.from({ length: text.length }, (_, n) => offset + n);
  return { text, starts, ends: starts.map((start) => start + 1) };
}

/** Replaces every match of `pattern` (which needs the `g` and `d` flags) with the pieces `replace` gives. */
function rewrite(
  mapped: MappedText,
  pattern: RegExp,
  replace: (match: RegExpExecArray) => Piece[],
): MappedText {
  let text = "";
  const starts: number[] = [];
  const ends: number[] = [];
  const keep = (from: number, to: number) => {
    text += mapped.text.slice(from, to);
    starts.push(...mapped.starts.slice(from, to));
    ends.push(...mapped.ends.slice(from, to));
  };
  let matched = false;
  let done = 0;
  for (const match of mapped.text.matchAll(pattern)) {
    const start = match.index;
    const end = start + match[0].length;
    keep(done, start);
    for (const piece of replace(match)) {
      if (typeof piece === "string") {
        text += piece;
        for (let n = 0; n < piece.length; n++) {
          starts.push(mapped.starts[start] ?? 0);
          ends.push(mapped.ends[end - 1] ?? 0);
        }
      } else {
        const [from, to] = match.indices?.[piece.group] ?? [start, start];
        keep(from, to);
      }
    }
    done = end;
    matched = true;
  }
  if (!matched) return mapped;
  keep(done, mapped.text.length);
  return { text, starts, ends };
}

/** Named entities that pasted HTML commonly leaves behind (numeric ones are decoded by number). */
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  nbsp: " ",
  quot: '"',
  apos: "'",
  lt: "<",
  gt: ">",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  laquo: "«",
  raquo: "»",
  middot: "·",
  bull: "•",
  deg: "°",
  times: "×",
  minus: "−",
  frac12: "½",
  copy: "©",
  reg: "®",
  thinsp: " ",
  ensp: " ",
  emsp: " ",
  shy: "",
  zwj: "",
  zwnj: "",
  pound: "£",
  euro: "€",
  yen: "¥",
  cent: "¢",
  sect: "§",
  para: "¶",
  plusmn: "±",
  divide: "÷",
  micro: "µ",
  frac14: "¼",
  frac34: "¾",
  sup2: "²",
  sup3: "³",
  le: "≤",
  ge: "≥",
  ne: "≠",
  asymp: "≈",
  larr: "←",
  rarr: "→",
  harr: "↔",
  trade: "™",
  prime: "′",
  dagger: "†",
  permil: "‰",
  iquest: "¿",
  iexcl: "¡",
  szlig: "ß",
};

/** A letter's diacritic as HTML names it (`&eacute;`, `&Ouml;`), as the combining mark it adds. */
const DIACRITICS: Readonly<Record<string, string>> = {
  acute: "\u0301",
  grave: "\u0300",
  circ: "\u0302",
  tilde: "\u0303",
  uml: "\u0308",
  ring: "\u030a",
  cedil: "\u0327",
  caron: "\u030c",
};

/** Letters HTML names by their own word (`&oslash;`, `&AElig;`), case as written. */
const NAMED_LETTERS: Readonly<Record<string, string>> = {
  oslash: "ø",
  Oslash: "Ø",
  aelig: "æ",
  AElig: "Æ",
  oelig: "œ",
  OElig: "Œ",
  eth: "ð",
  ETH: "Ð",
  thorn: "þ",
  THORN: "Þ",
};

/** Greek letters by name (`&mu;`, `&Delta;`), as science pages write them. */
const GREEK_LETTERS = [
  "alpha",
  "beta",
  "gamma",
  "delta",
  "epsilon",
  "zeta",
  "eta",
  "theta",
  "iota",
  "kappa",
  "lambda",
  "mu",
  "nu",
  "xi",
  "omicron",
  "pi",
  "rho",
  "sigmaf",
  "sigma",
  "tau",
  "upsilon",
  "phi",
  "chi",
  "psi",
  "omega",
];

/** A named letter: accented (`eacute`), named (`oslash`) or Greek (`Delta`), case as written. */
function namedLetter(name: string): string | null {
  const accented = /^([A-Za-z])(acute|grave|circ|tilde|uml|ring|cedil|caron)$/u.exec(name);
  if (accented !== null) return `${accented[1]}${DIACRITICS[accented[2] as string]}`.normalize("NFC");
  const named = NAMED_LETTERS[name];
  if (named !== undefined) return named;
  const greek = GREEK_LETTERS.indexOf(name.toLowerCase());
  if (greek < 0) return null;
  // The Greek alphabet in order from alpha (U+03B1), final sigma in its place before sigma.
  const letter = String.fromCodePoint(0x3b1 + greek);
  return /^\p{Lu}/u.test(name) && name !== "sigmaf" ? letter.toUpperCase() : letter;
}

/** The character an entity's name (`amp`, `#8217`, `#x2019`) stands for, or null for one it does not know. */
export function decodeEntity(name: string): string | null {
  const code = /^#x([\da-f]+)$/iu.exec(name)?.[1] ?? null;
  const decimal = /^#(\d+)$/u.exec(name)?.[1] ?? null;
  const codePoint = code !== null ? Number.parseInt(code, 16) : decimal !== null ? Number(decimal) : null;
  if (codePoint !== null) {
    if (codePoint > 0x10ffff || codePoint === 0) return null;
    // A non-breaking space must still separate words.
    return codePoint === 0xa0 ? " " : String.fromCodePoint(codePoint);
  }
  return namedLetter(name) ?? NAMED_ENTITIES[name.toLowerCase()] ?? null;
}

/** Wikipedia's link to edit a section, copied after its heading (`[edit]`, `[edit source]`). */
const EDIT_LINK = "edit(?: source)?";
/** Wikipedia's inline maintenance tags: a request ending in "needed" or "?", or one of a few fixed words. */
const MAINTENANCE_TAG = [
  String.raw`[a-z][a-z' -]{0,40}(?:needed|\?)`,
  EDIT_LINK,
  "(?:needs )?update",
  "(?:dubious|disputed)(?: [–—-] discuss)?",
  "discuss",
  "vague",
  "specify",
  "verify",
  "failed verification",
  "(?:permanent )?dead link",
  "not in citation given",
  "non sequitur",
  "unreliable source",
  "self-published source",
  "weasel words",
  "peacock prose",
  "inconsistent",
  "contradictory",
].join("|");
/** Labels of grouped notes (`[note 1]`, `[Note 3]`, `[nb 2]`, `[n 4]`, `[note a]`). */
const NOTE_LABEL = String.raw`(?:note|nb|n|fn)\s?\d{1,3}|note\s\p{L}`;
/** An optional page reference after a marker (`[12]:45`, `[3]:12–14`). */
const PAGE_SUFFIX = String.raw`(?::\d+(?:[–-]\d+)?)?`;

/**
 * Citation and maintenance markers. Numbers of one to three digits are notes wherever they stand (a
 * four-digit one is more likely a year an editor put in brackets); the wordier markers must be attached
 * to the word before them, as Wikipedia renders them, since `[just]` or `[a trader]` after a space is
 * an editor's insertion into a quotation.
 */
function citationMarkers(attachedMarker: string): RegExp {
  return new RegExp(
    String.raw`(?:\[(?:\d{1,3}|${NOTE_LABEL})\]|(?<=\S)\[(?:${attachedMarker})\])${PAGE_SUFFIX}`,
    "giud",
  );
}
const CITATION_MARKERS = citationMarkers(MAINTENANCE_TAG);
const CITATION_MARKERS_WITH_LETTERS = citationMarkers(`${MAINTENANCE_TAG}|[a-z]{1,2}`);

/**
 * A footnote number a PDF copy sticks to a sentence's end (`called lava.1 Magma forms`): after a word's
 * final stop, before a capital or the line's end.
 */
const FOOTNOTE_AFTER_SENTENCE = /(?<=\p{L}\p{L}[.!?]["'”’)]?)\d{1,3}(?=\s+["'“‘(]?\p{Lu}|\s*$)/dgu;
/**
 * An Anki cloze deletion (`{{c1::Canton System}}`, `{{c2::Guangzhou::city}}`): the card's text is its
 * answer, the hint after a second `::` is not.
 */
const CLOZE = /\{\{c\d+::(.+?)(?:::[^{}]*)?\}\}/dgu;
/**
 * A number stuck to a year's or a grouped number's final stop (`until 1874.13`, `£250,000.7 A huge`),
 * before a capital or the line's end: a note's, if the notes list it.
 */
const NUMBER_AFTER_YEAR =
  /(?<=(?<![\d,])(?:\d{4}|\d{1,3}(?:,\d{3})+)[.!?]["'”’)]?)(\d{1,3})(?=\s+["'“‘(]?\p{Lu}|\s*$)/dgu;
/**
 * A number a word processor's copy sticks to a word (`a sliding scale3, under which`, `the mail6.`): a
 * note's, if the notes list it. After three lower-case letters, so `CO2` and `F16` stay.
 */
const NUMBER_AFTER_WORD = /(?<=\p{Ll}{3})(\d{1,3})(?=[.,;:!?)]|\s|$)/dgu;
/**
 * A footnote's superscript number after a word or its punctuation (`at Leghorn,¹ where`, `Soulier.²`); a
 * unit's power stays (`km²`, `m³`: after a letter, not a word of four).
 */
const SUPERSCRIPT_FOOTNOTE = /(?<=\p{L}{4}|\p{L}[.,;:!?]["'”’)]?)[¹²³⁴⁵⁶⁷⁸⁹⁰]+(?=\s|$)/dgu;
/** A PDF's typographic ligatures (`ﬁrst`, `ﬂourishing`), read as their letters so the words are found. */
const LIGATURE = /[\uFB00-\uFB06]/dgu;
/**
 * A transcript's note of what was heard rather than said, within a turn (`[laughs]`, `[pause]`,
 * `[inaudible 00:14:02]`, `[crosstalk]`): transcribers' conventions, not the speaker's words.
 */
const TRANSCRIBER_NOTE =
  /\s*\[(?:laughs?|laughter|laughing|(?:long )?pause[sd]?|inaudible|unclear|indistinct|crosstalk|coughs?|sighs?|applause|silence)(?:\s+(?:\d{1,2}:)?\d{1,2}:\d{2})?\]/dgiu;
/** A heading's `[edit]` link copied with a space before it (`## Early life [edit]`): it ends the line. */
const HEADING_EDIT_LINK = new RegExp(String.raw`\s+\[${EDIT_LINK}\](?=\s*$)`, "dgu");
/** `[text](url)`, allowing one level of parentheses in the address (`…/Foo_(bar)`). */
const MARKDOWN_LINK = /!?\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)/dgu;
/**
 * A reference-style link or image named by a label with a letter (`[text][ref]`, `![][image1]`, as a Google
 * Docs Markdown export writes them); `[17][18]` are a page's citation markers.
 */
const REFERENCE_LINK = /!?\[([^\]]*)\]\[(?=[^\]\s]*\p{L})[^\]\s]{1,40}\]/dgu;
/** A link's or an image's definition on its own line (`[image1]: <data:image/png;base64,…>`): no text. */
const LINK_DEFINITION = /^\s*\[[^\]^]{1,40}\]:\s+<?(?:https?:|data:|\/|#)\S*.*$/dgu;
/** A heading's attributes at its end (`## 1. Overview {#1.-overview}`), as pandoc and Google Docs export them. */
const HEADING_ATTRIBUTES = /\s*\{#[^{}\n]{1,200}\}(?=\s*$)/dgu;
/** A backslash escaping a mark (`\-`, `\!`, `\[`, `1\.`): Markdown shows the mark alone. */
const BACKSLASH_ESCAPE = /\\([!-/:-@[-`{-~])/dgu;
/** An exam question's marks at its line's end (`… the People's Charter. [2 marks]`, `(4 marks)`): no words of it. */
const QUESTION_MARKS = /\s*[[(]\d{1,2} marks?[\])]\s*$/dgiu;
/** `<https://…>` autolinks. */
const AUTOLINK = /<((?:https?|mailto):[^<>\s]+)>/dgu;
/** A note-taking app's or a wiki's link (`[[James Busby]]`, `[[He Whakaputanga (1835)|the declaration]]`): its text. */
const WIKI_LINK = /\[\[([^\]|\n]{1,200}?)(?:\|([^\]\n]{1,200}?))?\]\]/dgu;
/**
 * A Markdown footnote's reference (`… a fifth and a quarter [^1].`) and the label opening its definition
 * (`[^1]: Our textbook says …`): the note's text stays, read as a paragraph of its own.
 */
const FOOTNOTE_LABEL = String.raw`\[\^[\p{L}\p{N}_-]{1,20}\]`;
const MARKDOWN_FOOTNOTE = new RegExp(String.raw`\s*${FOOTNOTE_LABEL}(?!:)|^\s*${FOOTNOTE_LABEL}:\s*`, "dgu");
export const MARKDOWN_FOOTNOTE_DEFINITION = new RegExp(String.raw`^\s*${FOOTNOTE_LABEL}:`, "u");
/** A task list's box after the item's marker (`- [ ] Redo the pH reading`, `- [x] Read ch. 6`): the item stays. */
const TASK_BOX = /^(\s*(?:[-*+]|\d{1,3}[.)])\s+)\[[ xX]\]\s+/dgu;
/** A callout's type (`> [!note] Key idea`): its title, if any, introduces what follows. */
const CALLOUT = /^(\s*)\[![\w-]{1,20}\][+-]?[ \t]*(.*?)\s*$/dgu;
/** A highlight (`==two agreements==`), as Obsidian and other Markdown editors write it. */
const HIGHLIGHT = /==(?=\S)([^=\n]{1,300}?)(?<=\S)==/dgu;
/** Note tags ending a line or making it (`… a colony. #colonial-office`, `#nz-history #treaties`). */
const TRAILING_TAGS = /(?:^|\s+)#\p{L}[\p{L}\p{N}_/-]*(?:\s+#\p{L}[\p{L}\p{N}_/-]*)*\s*$/dgu;
/**
 * HTML comments and tags; attributes need an `=`, so a comparison in prose (`a <b and c> d`) is no tag.
 * Tags that separate blocks leave a space so words do not run together.
 */
const HTML_TAG = /<!--.*?-->|<\/?([a-z][a-z\d]*)(?:\s[^<>]*=[^<>]*)?\s*\/?>/dgiu;
const BLOCK_TAGS = new Set(["br", "p", "div", "li", "td", "th", "tr", "hr", "ul", "ol", "table", "dd", "dt"]);
/**
 * Markdown emphasis: `**x**`, `__x__`, `*x*`, `_x_` opening before a word and closing after one, never
 * inside a word (`snake_case`, `5*3`), and within 300 characters so a stray marker never scans a whole
 * file. Web addresses are matched first and kept whole, as their underscores are not emphasis.
 */
const EMPHASIS =
  /(\b(?:https?|ftp):\/\/\S+)|(?<![\p{L}\p{N}\\*_])(\*\*|__|\*|_)(?![\s*_])(.{1,300}?)(?<![\s*_\\])\2(?![\p{L}\p{N}*_])/dgu;
export const ENTITY = /&(#\d{1,7}|#x[\da-f]{1,6}|[a-z]{2,8}\d{0,2});/dgiu;

/** Characters without which a line holds none of the markup above. */
const MARKUP_CHARACTERS = /[[\]&*_<=#{\\¹²³⁴⁵⁶⁷⁸⁹⁰\uFB00-\uFB06]|[.!?]["'”’)]?\d| Edit\s*$|marks?\)\s*$/u;

/** Removes inline web markup from one line, keeping each remaining character's source span. */
export function removeInlineMarkup(mapped: MappedText, context: MarkupContext): MappedText {
  const notesStuckToWords = context.pageNotes.size > 0 && /\p{Ll}\d/u.test(mapped.text);
  if (!MARKUP_CHARACTERS.test(mapped.text) && !notesStuckToWords) return mapped;
  let result = rewrite(mapped, HTML_TAG, (match) =>
    match[1] !== undefined && BLOCK_TAGS.has(match[1].toLowerCase()) ? [" "] : [],
  );
  result = rewrite(result, AUTOLINK, () => [{ group: 1 }]);
  result = rewrite(result, WIKI_LINK, (match) => [{ group: match[2] !== undefined ? 2 : 1 }]);
  result = rewrite(result, CALLOUT, (match) =>
    match[2] === "" ? [] : [{ group: 2 }, /[.!?:]$/u.test(match[2] ?? "") ? "" : ":"],
  );
  result = rewrite(result, HIGHLIGHT, () => [{ group: 1 }]);
  result = rewrite(result, MARKDOWN_FOOTNOTE, () => []);
  result = rewrite(result, TASK_BOX, () => [{ group: 1 }]);
  result = rewrite(result, CLOZE, () => [{ group: 1 }]);
  result = rewrite(result, TRAILING_TAGS, () => []);
  // Inline images are not prose; a line that is only an image is a caption, handled by the parser.
  result = rewrite(result, MARKDOWN_LINK, (match) => (match[0].startsWith("!") ? [] : [{ group: 1 }]));
  result = rewrite(result, context.letterNotes ? CITATION_MARKERS_WITH_LETTERS : CITATION_MARKERS, () => []);
  result = rewrite(result, LINK_DEFINITION, () => []);
  result = rewrite(result, REFERENCE_LINK, (match) => (match[0].startsWith("!") ? [] : [{ group: 1 }]));
  result = rewrite(result, HEADING_ATTRIBUTES, () => []);
  result = rewrite(result, HEADING_EDIT_LINK, () => []);
  if (context.trailingEditLinks && TRAILING_EDIT_HEADING.test(result.text.trim()))
    result = rewrite(result, TRAILING_EDIT_LINK, () => []);
  result = rewrite(result, FOOTNOTE_AFTER_SENTENCE, () => []);
  if (context.pageNotes.size > 0)
    for (const stuckNumber of [NUMBER_AFTER_YEAR, NUMBER_AFTER_WORD])
      result = rewrite(result, stuckNumber, (match) =>
        context.pageNotes.has(match[1] ?? "") ? [] : [{ group: 0 }],
      );
  result = rewrite(result, SUPERSCRIPT_FOOTNOTE, () => []);
  result = rewrite(result, TRANSCRIBER_NOTE, () => []);
  result = rewrite(result, QUESTION_MARKS, () => []);
  result = rewrite(result, LIGATURE, (match) => [match[0].normalize("NFKC")]);
  result = rewrite(result, EMPHASIS, (match) => (match[1] !== undefined ? [{ group: 1 }] : [{ group: 3 }]));
  // After emphasis, so an escaped star or underscore is never read as its mark.
  result = rewrite(result, BACKSLASH_ESCAPE, () => [{ group: 1 }]);
  // Entities last, so a decoded `&lt;` or `&#42;` is never taken for markup.
  return rewrite(result, ENTITY, (match) => {
    const decoded = decodeEntity(match[1] ?? "");
    return decoded === null ? [{ group: 0 }] : [decoded];
  });
}

/** The whitespace-separated chunks of mapped text as source tokens. */
export function sourceTokens(mapped: MappedText): SourceToken[] {
  return [...mapped.text.matchAll(/\S+/gu)].map((match) => ({
    source: match[0],
    sourceStart: mapped.starts[match.index] ?? 0,
    sourceEnd: mapped.ends[match.index + match[0].length - 1] ?? 0,
  }));
}
