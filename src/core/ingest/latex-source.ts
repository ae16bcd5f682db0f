/**
 * LaTeX source, pasted or saved as a `.tex` file (a lecturer's notes, a student's report): its commands are
 * markup, not text. It is read as the Markdown it stands for: `\section{…}` a heading, `\emph{…}` its words,
 * `\item` a list item, `\cite{…}` and `%` comments nothing, display math left out as a PDF's text leaves it
 * out, inline math as its symbols (`CO$_2$` → `CO2`).
 */

/** A LaTeX document's own commands: its class or its body, or two sectioning commands opening lines. */
export function isLatexSource(text: string): boolean {
  if (/\\documentclass\s*(?:\[[^\]\n]*\])?\s*\{|\\begin\{document\}/u.test(text)) return true;
  return (text.match(/^[ \t]*\\(?:chapter|section|subsection)\*?\{/gmu)?.length ?? 0) >= 2;
}

/** Sectioning commands and the Markdown heading each becomes. */
const HEADING_LEVELS: Readonly<Record<string, string>> = {
  part: "##",
  chapter: "##",
  section: "##",
  subsection: "###",
  subsubsection: "####",
  paragraph: "####",
};

/** Commands that stand for their (last) argument's text. */
const TEXT_COMMANDS = new Set([
  "emph",
  "textbf",
  "textit",
  "textsl",
  "textsc",
  "texttt",
  "textrm",
  "textsf",
  "textup",
  "textnormal",
  "underline",
  "mbox",
  "text",
  "mathrm",
  "mathbf",
  "mathit",
  "mathsf",
  "mathtt",
  "operatorname",
  "url",
  "href",
  "textcolor",
  "colorbox",
]);

/** Commands whose arguments are references, layout or setup: nothing a reader sees as text. */
const DROPPED_COMMANDS = new Set([
  "cite",
  "citep",
  "citet",
  "citealp",
  "citeauthor",
  "citeyear",
  "nocite",
  "parencite",
  "textcite",
  "autocite",
  "footcite",
  "ref",
  "eqref",
  "autoref",
  "cref",
  "Cref",
  "pageref",
  "label",
  "includegraphics",
  "vspace",
  "hspace",
  "bibliography",
  "bibliographystyle",
  "addbibresource",
  "pagestyle",
  "thispagestyle",
  "setlength",
  "setcounter",
  "input",
  "include",
  "usepackage",
  "newcommand",
  "renewcommand",
  "author",
  "date",
  "title",
]);

/** Symbols written as commands, in text or in math. */
const SYMBOLS: Readonly<Record<string, string>> = {
  ldots: "…",
  dots: "…",
  cdots: "…",
  pm: "±",
  mp: "∓",
  times: "×",
  cdot: "·",
  div: "÷",
  deg: "°",
  circ: "°",
  approx: "≈",
  sim: "~",
  neq: "≠",
  ne: "≠",
  le: "≤",
  leq: "≤",
  ge: "≥",
  geq: "≥",
  to: "→",
  rightarrow: "→",
  leftarrow: "←",
  Rightarrow: "⇒",
  leftrightarrow: "↔",
  rightleftharpoons: "⇌",
  infty: "∞",
  alpha: "α",
  beta: "β",
  gamma: "γ",
  delta: "δ",
  Delta: "Δ",
  epsilon: "ε",
  theta: "θ",
  lambda: "λ",
  mu: "μ",
  pi: "π",
  rho: "ρ",
  sigma: "σ",
  Sigma: "Σ",
  tau: "τ",
  phi: "φ",
  omega: "ω",
  Omega: "Ω",
  S: "§",
  P: "¶",
  copyright: "©",
  pounds: "£",
  euro: "€",
  textendash: "–",
  textemdash: "—",
  textdegree: "°",
  LaTeX: "LaTeX",
  TeX: "TeX",
};

/** Where a `{…}` group opening at `open` closes (its matching brace), or -1 when it never does. */
function groupEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if (char === "\\") i++;
    else if (char === "{") depth++;
    else if (char === "}" && --depth === 0) return i;
  }
  return -1;
}

/**
 * Rewrites every `\name*[…]{…}…` whose name `rewrite` knows; `rewrite` gets the command's name and its brace
 * arguments (already rewritten) and returns the replacement, or null to leave the command alone.
 */
function rewriteCommands(
  text: string,
  rewrite: (name: string, args: string[]) => string | null,
  argumentsOf: (name: string) => number,
): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const match = /\\([A-Za-z]+)\*?/uy;
    match.lastIndex = i;
    const command = text[i] === "\\" ? match.exec(text) : null;
    if (command === null) {
      out += text[i] === "\\" ? text.slice(i, i + 2) : text[i];
      i += text[i] === "\\" ? 2 : 1;
      continue;
    }
    const name = command[1] as string;
    let at = i + command[0].length;
    const args: string[] = [];
    const wanted = argumentsOf(name);
    while (args.length < wanted) {
      const skipped = /^[ \t]*(?:\[[^\]]*\][ \t]*)*/u.exec(text.slice(at))?.[0].length ?? 0;
      if (text[at + skipped] !== "{") break;
      const end = groupEnd(text, at + skipped);
      if (end < 0) break;
      args.push(rewriteCommands(text.slice(at + skipped + 1, end), rewrite, argumentsOf));
      at = end + 1;
    }
    const replacement = args.length === wanted ? rewrite(name, args) : null;
    if (replacement === null) {
      out += command[0];
      i += command[0].length;
    } else {
      out += replacement;
      i = at;
    }
  }
  return out;
}

/** Inline math as its symbols: `$^{14}$C` → `14C`, `$1.2 \times 10^{-12}$` → `1.2 × 10^-12`. */
function mathText(math: string): string {
  return symbolsAndLeftovers(
    math
      .replace(/(?<=\d)\s*\^\{?(-?\d+)\}?/gu, "\uE001$1")
      .replace(/[\^_]\{([^{}]*)\}/gu, "$1")
      .replace(/[\^_]/gu, "")
      .replace(/\uE001/gu, "^"),
  );
}

/** TeX's typing of dashes, quotes and spaces as the characters they make. */
function typography(text: string): string {
  return text
    .replace(/\\[,;:! ]/gu, (spacing) => (spacing === "\\ " ? " " : ""))
    .replace(/(?<!\\)~/gu, " ")
    .replace(/---/gu, "—")
    .replace(/--/gu, "–")
    .replace(/``/gu, "“")
    .replace(/''/gu, "”");
}

/** The commands left once the others are read: symbols as symbols, the rest dropped, braces gone. */
function symbolsAndLeftovers(text: string): string {
  return text
    .replace(/\\([A-Za-z]+)\*?/gu, (_, name: string) => SYMBOLS[name] ?? "")
    .replace(/\\([%&$#_{}])/gu, "\uE000$1")
    .replace(/[{}]/gu, "")
    .replace(/\uE000/gu, "");
}

/** The argument count of each command read. */
function argumentCount(name: string): number {
  if (name === "href" || name === "textcolor" || name === "colorbox") return 2;
  if (name === "newcommand" || name === "renewcommand") return 2;
  return 1;
}

/** LaTeX source as the Markdown it stands for. */

/** A tabular's rows as a Markdown table: cells split at `&`, rows at `\\`, rules (`\midrule`, `\hline`) gone. */
function tabularAsMarkdown(body: string): string {
  const rows = body
    .replace(/\\(?:toprule|midrule|bottomrule|hline)(?:\[[^\]]*\])?|\\cline\{[^}]*\}/gu, " ")
    .split(/\\\\(?:\[[^\]]*\])?/u)
    .map((row) => row.split(/(?<!\\)&/u).map((cell) => cell.replace(/\s+/gu, " ").trim()))
    .filter((cells) => cells.some((cell) => cell !== ""));
  const lines = rows.map((cells) => `| ${cells.join(" | ")} |`);
  if (lines.length > 0) lines.splice(1, 0, `|${" :- |".repeat(rows[0]?.length ?? 1)}`);
  return lines.join("\n");
}

export function latexToMarkdown(source: string): string {
  // `%` opens a comment to the line's end (not `\%`); a line of nothing but a comment goes with its break.
  let text = source
    .split("\n")
    .flatMap((line) => {
      const comment = /(?<!\\)%/u.exec(line);
      if (comment === null) return [line];
      return line.slice(0, comment.index).trim() === "" ? [] : [line.slice(0, comment.index)];
    })
    .join("\n");
  const title = /\\title\{/u.exec(text);
  const titleText =
    title === null
      ? null
      : text.slice(title.index + title[0].length, groupEnd(text, title.index + title[0].length - 1));
  const begin = text.indexOf("\\begin{document}");
  if (begin >= 0) text = text.slice(begin + "\\begin{document}".length);
  const end = text.indexOf("\\end{document}");
  if (end >= 0) text = text.slice(0, end);
  text = text
    // Display math, as a PDF's text layer leaves it out.
    .replace(/\\\[[\s\S]*?\\\]|\$\$[\s\S]*?\$\$/gu, " ")
    .replace(/\\begin\{(equation|align|gather|multline|eqnarray)\*?\}[\s\S]*?\\end\{\1\*?\}/gu, " ")
    // A table's rows read as a Markdown table's (`Reserve asset; Keynes plan: new unit, the bancor; …`).
    .replace(
      /\\begin\{(tabular\*?|tabularx|longtable)\}(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|\[[^\]]*\])*([\s\S]*?)\\end\{\1\}/gu,
      (_, _env, body: string) => `\n\n${tabularAsMarkdown(body)}\n\n`,
    )
    // A figure is its caption; a table, its caption and its rows.
    .replace(/\\begin\{(figure|table)\*?\}([\s\S]*?)\\end\{\1\*?\}/gu, (_, env: string, body: string) => {
      const rows = env === "table" ? body.split("\n").filter((line) => line.startsWith("|")) : [];
      const caption = /\\caption\{/u.exec(body);
      const start = caption === null ? 0 : caption.index + caption[0].length;
      const shown = caption === null ? "" : body.slice(start, groupEnd(body, start - 1));
      return `\n\n${shown}\n\n${rows.join("\n")}\n\n`;
    })
    .replace(/\s*\\item\s*\[([^\]]*)\]\s*/gu, "\n- $1: ")
    .replace(/\s*\\item\b\s*/gu, "\n- ")
    .replace(/\\begin\{[^}]*\}(?:\[[^\]]*\])?|\\end\{[^}]*\}/gu, "\n\n");
  text = rewriteCommands(
    text,
    (name, args) => {
      const last = args.at(-1) as string;
      const level = HEADING_LEVELS[name];
      if (level !== undefined) return `\n\n${level} ${last}\n\n`;
      if (name === "footnote") return ` (${last})`;
      if (name === "caption") return `\n\n${last}\n\n`;
      if (TEXT_COMMANDS.has(name)) return last;
      if (DROPPED_COMMANDS.has(name)) return "";
      return null;
    },
    argumentCount,
  );
  text = text
    .replace(/(?<!\\)\$([^$]+?)(?<!\\)\$/gu, (_, math: string) => mathText(math))
    .replace(/\\\\(?:\[[^\]]*\])?/gu, "\n");
  text = symbolsAndLeftovers(typography(text))
    .split("\n")
    // A citation or label dropped before a stop leaves a space there (`this work \cite{…}.`).
    .map((line) =>
      line
        .replace(/[ \t]+/gu, " ")
        .replace(/ (?=[.,;:!?)])/gu, "")
        .trim(),
    )
    .join("\n")
    .replace(/\n{3,}/gu, "\n\n")
    .trim();
  const heading =
    titleText === null
      ? ""
      : `# ${symbolsAndLeftovers(typography(titleText.replace(/\\\\/gu, ": "))).trim()}\n\n`;
  return `${heading}${text}\n`;
}
