import type { SourceToken } from "../text/detokenize.ts";

/** A section as a parser recovered it, still as source tokens. */
export interface ParsedSection {
  heading: SourceToken[] | null;
  captions: SourceToken[][];
  sentences: SourceToken[][];
  /**
   * A nested list item's sentences by index in `sentences`, each with the index of the first sentence of
   * the item it hangs under (`- Summit Tunnel: 1,659 ft` / `  - took around 2 years`): its subject.
   */
  parents?: Map<number, number>;
}

/** What a format parser recovers from one file; `article.ts` turns it into an `Article`. */
export interface ParsedArticle {
  format: "stripped" | "punctuated";
  /** A title the text states explicitly (a Markdown `# Title`), if any. */
  statedTitle: string | null;
  /** Where the text says it was copied from (`Source: https://…`, Wikipedia's `Retrieved from "…"`), if anywhere. */
  sourceUrl: string | null;
  sections: ParsedSection[];
  categories: SourceToken[][];
  externalLinks: SourceToken[][];
}
