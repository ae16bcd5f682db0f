import type { Token } from "../types.ts";

/** A token of the source before it is placed in readable text. */
export interface SourceToken {
  source: string;
  sourceStart: number;
  sourceEnd: number;
}

/** Escaped parentheses of the stripped format and their readable forms. */
const READABLE_FORM: Readonly<Record<string, string>> = { "\\(": "(", "\\)": ")" };

/** Tokens written without a space before them (`Zia's`, `a, b`, `(x)`). */
const ATTACHES_LEFT = new Set([",", ";", ":", ".", "!", "?", ")", "\\)", "'s", "'", "’s", "’"]);
/** Tokens written without a space after them. */
const ATTACHES_RIGHT = new Set(["(", "\\("]);

/**
 * Joins source tokens into readable text, recording where each token landed so an answer span
 * found on tokens maps to exact characters of the displayed text.
 * As a sentence, the first letter is capitalised and a final period restored, unless the text already
 * ends a sentence (behind any closing quotes) or introduces a list with a colon.
 */
export function detokenize(
  sourceTokens: readonly SourceToken[],
  options: { asSentence: boolean },
): { text: string; tokens: Token[] } {
  let text = "";
  const tokens: Token[] = [];
  let previous: string | null = null;
  for (const token of sourceTokens) {
    const readable = READABLE_FORM[token.source] ?? token.source;
    const needsSpace = previous !== null && !ATTACHES_LEFT.has(token.source) && !ATTACHES_RIGHT.has(previous);
    if (needsSpace) text += " ";
    // Only the documented fields: parsers' working fields must not bloat every stored token.
    tokens.push({
      source: token.source,
      sourceStart: token.sourceStart,
      sourceEnd: token.sourceEnd,
      start: text.length,
      end: text.length + readable.length,
    });
    text += readable;
    previous = token.source;
  }
  if (options.asSentence && text.length > 0) {
    text = text.charAt(0).toUpperCase() + text.slice(1);
    if (!/[.!?:]["'”’)\]]*$/u.test(text)) text += ".";
  }
  return { text, tokens };
}
