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

/** Whether a trimmed line is page furniture rather than article text. */
export function isPageFurniture(trimmed: string): boolean {
  return FURNITURE_LINES.some((pattern) => pattern.test(trimmed));
}

/** The heading of a pasted table of contents (`Contents`, `Contents hide`, `Contents [hide]`). */
export function isContentsHeading(trimmed: string): boolean {
  return /^Contents(?:\s*\[?hide\]?)?$/u.test(trimmed);
}

/** An entry of a table of contents: `1 History`, `2.1 Siege`, `(Top)`, `Toggle History subsection`. */
export function isContentsEntry(trimmed: string): boolean {
  return /^(?:\d+(?:\.\d+)*\.?\s+\S.*|\(Top\)|Toggle .+ subsection)$/u.test(trimmed);
}
