/**
 * Lines that a copy of a whole web page brings along besides the article: Wikipedia's tagline, hatnotes
 * pointing to other articles, its table of contents and its footer. They describe the page, never the
 * subject, so no sentence or heading may come from them.
 */

/** Whole lines of page furniture (tested on the trimmed line). */
const FURNITURE_LINES: readonly RegExp[] = [
  /^From Wikipedia, the free encyclopedia$/u,
  /^\(Redirected from [^)]+\)$/u,
  /^Jump to (?:navigation|search|content)$/u,
  // Hatnotes: `This article is about X. For other uses, see Y.`, `Main article: X`, `"X" redirects here.`
  /^This article is about .*\bsee\b/u,
  /^For (?:other uses|the [^,]+|[^,]+ in [^,]+), see\b/u,
  /^Not to be confused with\b/u,
  /^["“]?[^"”]{1,80}["”]? redirects here\./u,
  /^(?:Main articles?|Further information|See also): \S/u,
  // Footer: where the page came from and the categories only editors see.
  /^Retrieved from ["“]?https?:/u,
  /^Hidden categories:/u,
];

/** A page number of text copied from a PDF or a printout: `Page 3`, `Page 3 of 12`, `- 14 -`, `14`. */
const PAGE_NUMBER = /^(?:(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?|[-–—]?\s*\d{1,4}\s*[-–—]?)$/iu;

/** The line without the Markdown around it: a quote's `>`, emphasis (`*From Wikipedia…*`, `**Contents**`). */
function withoutLineMarkup(trimmed: string): string {
  return trimmed
    .replace(/^>\s*/u, "")
    .replace(/^([*_]{1,2})(.+)\1$/u, "$2")
    .trim();
}

/** Whether a trimmed line is page furniture rather than article text. */
export function isPageFurniture(trimmed: string): boolean {
  const plain = withoutLineMarkup(trimmed);
  return PAGE_NUMBER.test(plain) || FURNITURE_LINES.some((pattern) => pattern.test(plain));
}

/** The heading of a pasted table of contents (`Contents`, `Contents hide`, `Contents [hide]`, `**Contents**`). */
export function isContentsHeading(trimmed: string): boolean {
  return /^Contents(?:\s*\[?hide\]?)?$/u.test(withoutLineMarkup(trimmed));
}

/**
 * Running headers of a copied document: a line of two words or more, without final punctuation, that
 * stands alone more than once (`HUMAN PHYSIOLOGY | Unit 9` atop every page). An article's sentences and
 * headings do not repeat word for word. (The parser still reads the first text line, which may be the title.)
 */
export function runningHeaders(lines: readonly string[]): Set<string> {
  const seen = new Map<string, number>();
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed.split(/\s+/u).length < 2 || /[.!?:;,]$/u.test(trimmed) || /^(?:#|[-*+•]\s|\|)/u.test(trimmed))
      continue;
    seen.set(trimmed, (seen.get(trimmed) ?? 0) + 1);
  }
  return new Set([...seen].filter(([, count]) => count > 1).map(([line]) => line));
}

/** An entry of a table of contents: `1 History`, `2.1 Siege`, `(Top)`, `Toggle History subsection`. */
export function isContentsEntry(trimmed: string): boolean {
  return /^(?:\d+(?:\.\d+)*\.?\s+\S.*|\(Top\)|Toggle .+ subsection)$/u.test(trimmed);
}
