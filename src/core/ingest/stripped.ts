import { linearScore, sigmoid } from "../rank/linear-model.ts";
import { detokenize, type SourceToken } from "../text/detokenize.ts";
import { canBeFiniteVerb, isCommonWord, posTags } from "../text/lexicon.ts";
import type { ParsedArticle, ParsedSection } from "./parsed.ts";
import {
  countCapitalisedMidSentence,
  countCapitalisedPairs,
  countCapitalisedRuns,
  type GapContext,
  isCapitalised,
  isLowerWord,
  pairCountBefore,
  tokenFacts,
} from "./segment/boundary-features.ts";
import { type BoundaryModel, GapScorer, predictStarts } from "./segment/boundary-model.ts";
import { headingFeatures } from "./segment/heading-features.ts";
import { type WordStatistics, wordStatisticsOf } from "./segment/word-statistics.ts";
import {
  AUXILIARY_VERBS,
  CLAUSE_OPENERS,
  HEADING_WORDS,
  HONORIFICS,
  MONTHS,
  NAME_HEADS,
  NAME_INTRODUCERS,
  NON_FINAL_WORDS,
  SENTENCE_OPENERS,
} from "./word-lists.ts";

/**
 * Parser for the "stripped" article format: one line, no periods, colons, dashes or quotes,
 * commas spaced, parentheses escaped (`\(`), possessives split (`Zia 's`), section headings and
 * `thumb 250px` image captions left inline, and a `References / External links / Category` trailer.
 *
 * Sentence boundaries are recovered from what survives: a capitalised function word after a word a
 * sentence can end on (`… the capital Before the …`), a number followed by a capitalised word, and a
 * capitalised content word that starts a clause with its own verb (`… rhesus macaque Leopards are …`).
 * Headings are short capitalised runs sitting between two sentences; captions follow `thumb NNNpx`.
 */

type TokenKind = "word" | "number" | "comma" | "open" | "close" | "possessive" | "symbol";

export interface StrippedToken extends SourceToken {
  kind: TokenKind;
  /** Lower-cased source, for word-list lookups. */
  lower: string;
}

/** Fewest words a body sentence may have; shorter fragments join the following sentence. */
const MIN_SENTENCE_WORDS = 3;
/** Longest heading, in tokens. */
const MAX_HEADING_TOKENS = 7;
/**
 * Most words the learned path leaves in one sentence when capitals are rare in it. Text with no capital
 * letters to go by (automatic captions, notes typed in lower case) gives the model no start to weigh, and
 * would stay one sentence of hundreds of words, which no excerpt can show; such a run is cut where a start
 * is likeliest. Wikipedia's long sentences run to about 70 words, and its longer runs are lists of names,
 * which the model saw and kept whole.
 */
const MAX_SENTENCE_WORDS = 80;
/** Below this share of capitalised words, a run had nothing to go by. */
const FEW_CAPITALS = 0.05;
/** Most words of each piece such a run is cut into: about a long sentence's. */
const CUT_PIECE_WORDS = 40;
/** Fewest words either side of a cut. */
const MIN_CUT_WORDS = 8;
/** Image options that may follow `thumb` in a caption marker. */
const IMAGE_OPTIONS = new Set([
  "upright",
  "left",
  "right",
  "center",
  "centre",
  "frameless",
  "frame",
  "border",
]);

function classify(source: string): TokenKind {
  if (source === "\\(" || source === "(") return "open";
  if (source === "\\)" || source === ")") return "close";
  if (source === ",") return "comma";
  if (/^['’]s?$/u.test(source)) return "possessive";
  if (/^\p{N}+$/u.test(source)) return "number";
  if (/[\p{L}\p{N}]/u.test(source)) return "word";
  return "symbol";
}

/** Splits the stripped text on whitespace and rejoins digit groups the format spaced out (`12 , 000`). */
export function tokenizeStripped(raw: string): StrippedToken[] {
  const pieces: StrippedToken[] = [];
  for (const match of raw.matchAll(/\S+/gu)) {
    const source = match[0];
    pieces.push({
      source,
      lower: source.toLowerCase(),
      kind: classify(source),
      sourceStart: match.index,
      sourceEnd: match.index + source.length,
    });
  }
  const tokens: StrippedToken[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as StrippedToken;
    // A time lost its colon (`7 50 PM` → `7:50`).
    const minutes = pieces[i + 1];
    if (
      piece.kind === "number" &&
      piece.source.length <= 2 &&
      minutes !== undefined &&
      /^[0-5]\d$/u.test(minutes.source) &&
      /^(?:am|pm)$/iu.test(pieces[i + 2]?.source ?? "")
    ) {
      const time = `${piece.source}:${minutes.source}`;
      tokens.push({ ...piece, source: time, lower: time, sourceEnd: minutes.sourceEnd });
      i++;
      continue;
    }
    if (piece.kind === "number" && piece.source.length <= 3) {
      let merged = piece.source;
      let end = piece.sourceEnd;
      let next = i;
      while (pieces[next + 1]?.kind === "comma" && /^\p{N}{3}$/u.test(pieces[next + 2]?.source ?? "")) {
        const group = pieces[next + 2] as StrippedToken;
        merged += `,${group.source}`;
        end = group.sourceEnd;
        next += 2;
      }
      if (next > i) {
        tokens.push({ ...piece, source: merged, lower: merged, sourceEnd: end });
        i = next;
        continue;
      }
    }
    tokens.push(piece);
  }
  return tokens;
}

const isAcronym = (token: StrippedToken): boolean => /^\p{Lu}[\p{Lu}\p{N}]+$/u.test(token.source);

/** True when a sentence can end on this token (not after a comma, `the`, `of`, an open parenthesis…). */
function canEndSentence(token: StrippedToken | undefined): boolean {
  if (token === undefined) return false;
  if (token.kind === "number" || token.kind === "close") return true;
  if (token.kind !== "word") return false;
  return !(isLowerWord(token) && NON_FINAL_WORDS.has(token.lower));
}

/** The trailer: reference, link and category blocks after the body. */
interface Trailer {
  start: number;
  externalLinks: StrippedToken[][];
  categories: StrippedToken[][];
}

/** The most times a trailer's marker may stand in a text and still open its trailer wherever it stands. */
const MAX_TRAILER_MARKER_REPEATS = 2;

function findTrailer(tokens: StrippedToken[]): Trailer {
  const isMarkerAt = (i: number): number => {
    const token = tokens[i] as StrippedToken;
    const next = tokens[i + 1];
    if (token.source === "References") return 1;
    if (token.source === "External" && next?.lower === "links") return 2;
    if (token.source === "See" && next?.lower === "also") return 2;
    if (token.source === "Further" && next?.lower === "reading") return 2;
    if (token.source === "Category" && (isCapitalised(next) || next?.kind === "number")) return 1;
    return 0;
  };
  // The trailer is the run of marker-led blocks that reaches the end; search only the last part of the text.
  let start = tokens.length;
  const earliest = Math.floor(tokens.length * 0.5);
  // Markers by their first word (`See`, `References`, `Category` …), and how often the text has each.
  const markerCounts = new Map<string, number>();
  for (let i = 0; i < tokens.length; i++) {
    const kind = tokens[i]?.source ?? "";
    if (isMarkerAt(i) > 0) markerCounts.set(kind, (markerCounts.get(kind) ?? 0) + 1);
  }
  const seenAfter = new Set<string>();
  for (let i = tokens.length - 1; i >= earliest; i--) {
    if (isMarkerAt(i) > 0 && (i === 0 || canEndSentence(tokens[i - 1]) || tokens[i - 1]?.kind === "word")) {
      // A marker the text repeats through its body (a glossary's `See also` under each entry) may open the
      // trailer only where it stands last.
      const kind = tokens[i]?.source ?? "";
      if (seenAfter.has(kind) && (markerCounts.get(kind) ?? 0) > MAX_TRAILER_MARKER_REPEATS) continue;
      seenAfter.add(kind);
      start = i;
    }
  }
  const externalLinks: StrippedToken[][] = [];
  const categories: StrippedToken[][] = [];
  let block: "references" | "links" | "other" | "category" = "other";
  let linkTokens: StrippedToken[] = [];
  for (let i = start; i < tokens.length; ) {
    const markerLength = isMarkerAt(i);
    const token = tokens[i] as StrippedToken;
    if (markerLength > 0) {
      block =
        token.source === "References"
          ? "references"
          : token.source === "External"
            ? "links"
            : token.source === "Category"
              ? "category"
              : "other";
      if (block === "category") categories.push([]);
      i += markerLength;
      continue;
    }
    if (block === "links") linkTokens.push(token);
    if (block === "category") categories.at(-1)?.push(token);
    i++;
  }
  if (linkTokens.length > 0) externalLinks.push(...splitLinkTitles(linkTokens, tokens.slice(0, start)));
  linkTokens = [];
  return { start, externalLinks, categories: categories.filter((category) => category.length > 0) };
}

/**
 * Runs of capitalised words in the body (`Walled City of Lahore`), allowing the small connectors
 * names contain. Link titles are split where such a known name begins.
 */
function capitalisedRuns(body: StrippedToken[]): Set<string> {
  const connectors = new Set(["of", "e", "al", "ul", "bin", "ibn", "de", "la", "el"]);
  const runs = new Set<string>();
  let run: string[] = [];
  const flush = () => {
    while (run.length > 0 && connectors.has((run.at(-1) as string).toLowerCase())) run.pop();
    if (run.length >= 2) runs.add(run.join(" ").toLowerCase());
    run = [];
  };
  for (const token of body) {
    if (isCapitalised(token) || (run.length > 0 && connectors.has(token.lower))) run.push(token.source);
    else flush();
  }
  flush();
  return runs;
}

/**
 * Link titles run together (`Badshahi Mosque on Archnet Walled City of Lahore Authority`):
 * a new title starts where a multi-word name known from the body begins, longest name first.
 */
function splitLinkTitles(linkTokens: StrippedToken[], body: StrippedToken[]): StrippedToken[][] {
  const knownNames = capitalisedRuns(body);
  const longestName = 8;
  const titles: StrippedToken[][] = [[]];
  for (let i = 0; i < linkTokens.length; ) {
    let matched = 0;
    for (let length = Math.min(longestName, linkTokens.length - i); length >= 2 && matched === 0; length--) {
      const phrase = linkTokens
        .slice(i, i + length)
        .map((token) => token.lower)
        .join(" ");
      if (knownNames.has(phrase)) matched = length;
    }
    if (matched > 0) {
      if ((titles.at(-1) as StrippedToken[]).length > 0) titles.push([]);
      (titles.at(-1) as StrippedToken[]).push(...linkTokens.slice(i, i + matched));
      i += matched;
    } else {
      (titles.at(-1) as StrippedToken[]).push(linkTokens[i] as StrippedToken);
      i++;
    }
  }
  return titles.filter((title) => title.length > 0);
}

/** Where each token sits relative to escaped parentheses (0 = outside). */
function parenthesisDepths(tokens: StrippedToken[]): number[] {
  let depth = 0;
  return tokens.map((token) => {
    if (token.kind === "open") depth++;
    const here = depth;
    if (token.kind === "close") depth = Math.max(0, depth - 1);
    return here;
  });
}

/** `thumb 250px` markers: [start, end) of each marker. */
function findCaptionMarkers(tokens: StrippedToken[], end: number): Array<[number, number]> {
  const markers: Array<[number, number]> = [];
  for (let i = 0; i < end; i++) {
    if (tokens[i]?.source !== "thumb" && tokens[i]?.source !== "thumbnail") continue;
    let markerEnd = i + 1;
    while (markerEnd < end) {
      const option = tokens[markerEnd]?.lower ?? "";
      if (/^\d+px$/u.test(option) || IMAGE_OPTIONS.has(option) || /^upright\d*$/u.test(option)) markerEnd++;
      else break;
    }
    markers.push([i, markerEnd]);
  }
  return markers;
}

/** A strong sentence start: a capitalised function word or a capitalised word after a number. */
function isStrongStart(tokens: StrippedToken[], depths: number[], i: number): boolean {
  const word = tokens[i] as StrippedToken;
  const before = tokens[i - 1];
  if (!isCapitalised(word) || depths[i] !== 0 || !canEndSentence(before)) return false;
  if (SENTENCE_OPENERS.has(word.lower)) return true;
  // A capitalised -ly adverb followed by a comma (`Reportedly , …`).
  if (word.lower.endsWith("ly") && tokens[i + 1]?.kind === "comma") return true;
  return (
    before?.kind === "number" &&
    !isAcronym(word) &&
    !MONTHS.has(word.lower) &&
    !["to", "and", "or", "of"].includes(word.lower)
  );
}

function hasFiniteVerb(tokens: StrippedToken[], depths: number[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const token = tokens[i] as StrippedToken;
    const previous = tokens[i - 1]?.lower ?? "";
    // After `to`, `being` or `having` a verb form is not finite (`to close`, `being released`).
    const nonFinite = previous === "to" || previous === "being" || previous === "having";
    if (depths[i] === 0 && isLowerWord(token) && !nonFinite && canBeFiniteVerb(token.lower)) {
      return true;
    }
  }
  return false;
}

/** Forms of "be", which make a past participle at a clause's end passive (`… are … used`). */
const BE_FORMS: ReadonlySet<string> = new Set(["is", "are", "was", "were", "be", "been", "being"]);
/** Words that open a noun phrase, so an adjective after them has its noun still to come. */
const DETERMINERS: ReadonlySet<string> = new Set([
  "the",
  "a",
  "an",
  "its",
  "his",
  "her",
  "their",
  "our",
  "this",
]);

/**
 * True when a lower-case word, followed by a capitalised word, more likely continues into a name
 * than ends a sentence: an adjective (`the oldest Mosques`, `the sixth Mughal emperor`) or an active
 * verb that wants an object (`asked Maulana …`, `offered Friday prayers`).
 */
function expectsContinuation(tokens: StrippedToken[], i: number): boolean {
  const word = tokens[i] as StrippedToken;
  const tags = posTags(word.lower);
  const recently = (count: number, words: ReadonlySet<string>) =>
    tokens.slice(Math.max(0, i - count), i).some((token) => words.has(token.lower));
  const isAdjective = tags.some((tag) => tag.startsWith("JJ")) && !tags.some((tag) => tag.startsWith("NN"));
  if (isAdjective && recently(2, DETERMINERS)) return true;
  // A progressive verb (`were only attacking …`) wants its object.
  if (tags.includes("VBG") && recently(3, BE_FORMS)) return true;
  if (
    tags.length === 0 ||
    tags.some((tag) => tag.startsWith("NN")) ||
    !tags.some((tag) => tag.startsWith("VB"))
  ) {
    return false;
  }
  return !(tags.includes("VBN") && recently(6, BE_FORMS));
}

/** True when the clause ending at `end` left a subordinate clause (`but at the final moment`) without its verb. */
function leavesClauseOpen(tokens: StrippedToken[], depths: number[], from: number, end: number): boolean {
  for (let i = end - 1; i >= from; i--) {
    const token = tokens[i] as StrippedToken;
    if (isLowerWord(token) && CLAUSE_OPENERS.has(token.lower))
      return !hasFiniteVerb(tokens, depths, i + 1, end);
  }
  return false;
}

/**
 * A weak sentence start: a capitalised content word after a lower-case content word or a closing
 * parenthesis, where both the clause before and the clause after have a finite verb of their own.
 */
function isWeakStart(
  tokens: StrippedToken[],
  depths: number[],
  i: number,
  from: number,
  to: number,
): boolean {
  const word = tokens[i] as StrippedToken;
  const before = tokens[i - 1] as StrippedToken;
  if (!isCapitalised(word) || isAcronym(word) || depths[i] !== 0) return false;
  const beforeIsContent =
    isLowerWord(before) &&
    canEndSentence(before) &&
    !NAME_INTRODUCERS.has(before.lower) &&
    !expectsContinuation(tokens, i - 1);
  const beforeIsParenthesis = before.kind === "close" && !NAME_HEADS.has(word.lower);
  // An honorific after a name ending a clause starts a new one (`… in Islamabad Maulana Muhammad Abdullah was …`).
  const honorificAfterName =
    HONORIFICS.has(word.lower) &&
    isCapitalised(before) &&
    !isCommonWord(before.source) &&
    !HONORIFICS.has(before.lower) &&
    !NAME_INTRODUCERS.has(before.lower);
  if (!beforeIsContent && !beforeIsParenthesis && !honorificAfterName) return false;
  return (
    hasFiniteVerb(tokens, depths, from, i) &&
    !leavesClauseOpen(tokens, depths, from, i) &&
    hasFiniteVerb(tokens, depths, i, to)
  );
}

/**
 * Whether tokens [start, end) can be a heading that ends right before a sentence start:
 * a short capitalised run in sentence case (`Present day`, `National park`, `July 2008 bombing near …`)
 * after a word a sentence can end on, with no auxiliary verb and no punctuation.
 * Before an image marker a heading is expected, so a run after a capitalised word is accepted there.
 */
function isHeadingRun(tokens: StrippedToken[], start: number, end: number, beforeImage = false): boolean {
  const first = tokens[start] as StrippedToken;
  const before = tokens[start - 1];
  if (!isCapitalised(first) || !canEndSentence(before) || end - start > MAX_HEADING_TOKENS) return false;
  if (NON_FINAL_WORDS.has(first.lower) || SENTENCE_OPENERS.has(first.lower)) return false;
  if (isLowerWord(before) && NAME_INTRODUCERS.has((before as StrippedToken).lower)) return false;
  // `one of the oldest Mosques in …` continues a noun phrase; it is not a heading.
  if (isLowerWord(before) && expectsContinuation(tokens, start - 1)) return false;
  for (let i = start; i < end; i++) {
    const token = tokens[i] as StrippedToken;
    if ((token.kind !== "word" && token.kind !== "number") || AUXILIARY_VERBS.has(token.lower)) return false;
  }
  if (!isCommonWord(first.source) && !MONTHS.has(first.lower)) return false;
  const wholeRun = tokens
    .slice(start, end)
    .map((token) => token.lower)
    .join(" ");
  if (isCapitalised(before) && !beforeImage) {
    // After a capitalised word the run may just continue a name (`Margalla Pass`, `Holy War`).
    if (NAME_HEADS.has(first.lower)) return false;
    if (isCommonWord((before as StrippedToken).source) && !HEADING_WORDS.has(wholeRun)) return false;
  }
  return true;
}

/** Longest heading run ending at `end`, keeping at least a short sentence before it. */
function headingBefore(tokens: StrippedToken[], segmentStart: number, end: number): number | null {
  let found: number | null = null;
  for (
    let start = end - 1;
    start >= Math.max(segmentStart + MIN_SENTENCE_WORDS, end - MAX_HEADING_TOKENS);
    start--
  ) {
    const token = tokens[start] as StrippedToken;
    if (token.kind !== "word" && token.kind !== "number") break;
    if (isHeadingRun(tokens, start, end)) found = start;
  }
  return found;
}

/** True when the capitalised run starting at `i` ends in a name head (`Wildlife Management Board`). */
function endsInNameHead(tokens: StrippedToken[], i: number): boolean {
  let last = i;
  while (isCapitalised(tokens[last + 1])) last++;
  return NAME_HEADS.has((tokens[last] as StrippedToken).lower);
}

/**
 * Where a name starts right after a short sentence-case heading opening the segment [start, end)
 * (`Early life and education | Ada …`), or null: the run before it is a heading run of lower-case words
 * after its first, ending in a noun, with no finite verb, and a sentence of its own follows.
 */
function headingThenName(tokens: StrippedToken[], start: number, end: number): number | null {
  for (let k = start + 2; k < Math.min(end, start + MAX_HEADING_TOKENS + 1); k++) {
    const token = tokens[k] as StrippedToken;
    if (!isLowerWord(tokens[k - 1])) return null;
    if (!isCapitalised(token)) continue;
    const run = tokens.slice(start + 1, k);
    const lastIsNoun = (posTags((tokens[k - 1] as StrippedToken).lower)[0] ?? "").startsWith("NN");
    const hasVerb = run.some((t) => /^(?:VBD|VBZ|VBP|MD)$/u.test(posTags(t.lower)[0] ?? ""));
    return end - k >= MIN_SENTENCE_WORDS && lastIsNoun && !hasVerb && isHeadingRun(tokens, start, k)
      ? k
      : null;
  }
  return null;
}

type Piece = { kind: "sentence" | "heading" | "caption"; from: number; to: number };

/** Sentence starts by the old hand rules (strong starts, then weak ones judged between them): a model feature. */
function ruleSentenceStarts(tokens: StrippedToken[], depths: number[], end: number): Set<number> {
  const starts = new Set<number>([0]);
  for (let i = 1; i < end; i++) if (isStrongStart(tokens, depths, i)) starts.add(i);
  const strong = [...starts].sort((a, b) => a - b);
  for (let i = 1; i < end; i++) {
    if (starts.has(i)) continue;
    const from = strong.filter((start) => start < i).at(-1) ?? 0;
    const to = strong.find((start) => start > i) ?? end;
    if (isWeakStart(tokens, depths, i, from, to)) starts.add(i);
  }
  return starts;
}

/**
 * Tokens of the body [0, end) before which a sentence may start: capitalised words, numbers and
 * parentheses. The format keeps the original case, and a sentence opening in lower case is rare
 * enough (3 of 3,217 gold starts) that weighing every lower-case gap is not worth its time.
 */
export function startCandidates(tokens: readonly StrippedToken[], end: number): number[] {
  const candidates: number[] = [];
  for (let i = 1; i < end; i++) if (isStartCandidate(tokens[i] as StrippedToken)) candidates.push(i);
  return candidates;
}

/** A token a sentence may start at, for the model: a capitalised word, a number or a parenthesis. */
function isStartCandidate(token: StrippedToken): boolean {
  return token.kind === "number" || token.kind === "open" || (token.kind === "word" && !isLowerWord(token));
}

/** What the boundary features need to know about an article's body [0, end), with the model's word statistics. */
export function boundaryContext(
  tokens: StrippedToken[],
  end: number,
  wordStatistics?: WordStatistics,
): GapContext {
  const depths = parenthesisDepths(tokens);
  const lowerCaseCounts = new Map<string, number>();
  for (const token of tokens.slice(0, end))
    if (isLowerWord(token)) lowerCaseCounts.set(token.lower, (lowerCaseCounts.get(token.lower) ?? 0) + 1);
  return {
    tokens,
    depths,
    lowerCaseCounts,
    ruleStarts: ruleSentenceStarts(tokens, depths, end),
    capitalisedPairCounts: countCapitalisedPairs(tokens, end),
    capitalisedMidSentenceCounts: countCapitalisedMidSentence(tokens, end),
    capitalisedRunCounts: countCapitalisedRuns(tokens, end),
    ...tokenFacts(tokens, depths),
    ...(wordStatistics === undefined ? {} : { wordStatistics }),
  };
}

/** Receives each heading the rules propose, with its gate features (training collects them). */
export type HeadingObserver = (row: number[], start: number, end: number) => void;

/** Splits the body [0, end) into sentences, headings and captions, in order. */
function segmentBody(
  tokens: StrippedToken[],
  end: number,
  model: BoundaryModel | null,
  observeHeading?: HeadingObserver,
): Piece[] {
  // The learned path's document statistics; the rules path (the default) needs none of them.
  const statistics = model?.wordStatistics;
  const context =
    model === null
      ? null
      : boundaryContext(tokens, end, statistics === undefined ? undefined : wordStatisticsOf(statistics));
  const scorer = model === null || context === null ? null : new GapScorer(model, context);
  const depths = (context?.depths as number[] | undefined) ?? parenthesisDepths(tokens);
  // A heading never continues a name: a run whose first word forms, with the capitalised word before it, a
  // pair the article writes again elsewhere (`Scottish | Parliament`, `Kublai | Khan`) is the name's tail.
  // The rules refuse it; the learned gate weighs the same pair count as a feature.
  let pairCounts: Map<string, number> | undefined;
  const continuesRecurringName = (start: number) => {
    if (!isCapitalised(tokens[start - 1])) return false;
    pairCounts ??= countCapitalisedPairs(tokens, end);
    return pairCountBefore(pairCounts, tokens, start) >= 2;
  };
  // The rules propose headings; the learned gate, when the model has one, keeps those that look like headings.
  const acceptHeading = (
    start: number,
    headingEnd: number,
    segmentStart: () => number,
    beforeCaption: boolean,
  ) => {
    if (model === null || context === null || scorer === null) return !continuesRecurringName(start);
    const gate = model.headingGate;
    if (gate === undefined && observeHeading === undefined) return true;
    const row = headingFeatures(
      context,
      start,
      headingEnd,
      segmentStart(),
      (i, previousStart) => scorer.probability(i, previousStart),
      beforeCaption,
    );
    observeHeading?.(row, start, headingEnd);
    return gate === undefined || sigmoid(linearScore(gate, row)) >= gate.threshold;
  };
  const markers = findCaptionMarkers(tokens, end);
  const role = new Array<"text" | "marker" | "heading" | "caption">(end).fill("text");
  const starts = new Set<number>([0]);
  if (model === null) {
    for (let i = 1; i < end; i++) if (isStrongStart(tokens, depths, i)) starts.add(i);
  } else if (context !== null) {
    for (const i of predictStarts(model, context, startCandidates(tokens, end))) starts.add(i);
  }
  /** The last sentence start before token `i` (where the segment holding it began). */
  const lastStartBefore = (i: number) => () =>
    [...starts].filter((start) => start < i).reduce((a, b) => Math.max(a, b), 0);

  // Captions run from their marker to the next strong start; a heading usually sits right before the marker.
  for (const [markerStart, markerEnd] of markers) {
    for (let i = markerStart; i < markerEnd; i++) role[i] = "marker";
    let captionEnd = markerEnd + 1;
    while (captionEnd < end && !starts.has(captionEnd)) captionEnd++;
    for (let i = markerEnd; i < captionEnd; i++) {
      role[i] = "caption";
      starts.delete(i);
    }
    starts.add(markerEnd);
    starts.add(captionEnd);
    for (let start = markerStart - 1; start >= Math.max(1, markerStart - MAX_HEADING_TOKENS); start--) {
      const token = tokens[start] as StrippedToken;
      if (token.kind !== "word" && token.kind !== "number") break;
      if (
        isHeadingRun(tokens, start, markerStart, true) &&
        acceptHeading(start, markerStart, lastStartBefore(start), true)
      ) {
        for (let i = start; i < markerStart; i++) role[i] = "heading";
        starts.add(start);
        break;
      }
    }
    starts.add(markerStart);
  }

  // Known section titles (`History`) mark a heading even before a name (`… Islamabad History Aurangzeb , …`).
  for (let i = 1; i < end - 1; i++) {
    const token = tokens[i] as StrippedToken;
    const next = tokens[i + 1] as StrippedToken;
    if (role[i] !== "text" || !HEADING_WORDS.has(token.lower) || !isHeadingRun(tokens, i, i + 1)) continue;
    if (
      isCapitalised(next) &&
      !endsInNameHead(tokens, i) &&
      acceptHeading(i, i + 1, lastStartBefore(i), false)
    ) {
      role[i] = "heading";
      starts.add(i);
      starts.add(i + 1);
    }
  }

  const sortedStarts = () => [...starts].sort((a, b) => a - b);
  if (model === null) {
    // Weak starts need the neighbouring strong starts to judge both clauses.
    let strong = sortedStarts();
    for (let i = 1; i < end; i++) {
      if (starts.has(i) || role[i] !== "text" || role[i - 1] !== "text") continue;
      const from = strong.filter((start) => start < i).at(-1) ?? 0;
      const to = strong.find((start) => start > i) ?? end;
      if (isWeakStart(tokens, depths, i, from, to)) {
        starts.add(i);
        strong = sortedStarts();
      }
    }
  }

  // A heading often ends one sentence's tokens right before the next sentence starts.
  const ordered = [...sortedStarts(), end];
  for (let n = 1; n < ordered.length; n++) {
    const segmentStart = ordered[n - 1] as number;
    const segmentEnd = ordered[n] as number;
    if (role[segmentEnd - 1] !== "text" || role[segmentStart] !== "text") continue;
    const wholeSegmentIsHeading =
      segmentStart > 0 &&
      isHeadingRun(tokens, segmentStart, segmentEnd) &&
      (segmentEnd - segmentStart < MIN_SENTENCE_WORDS ||
        !hasFiniteVerb(tokens, depths, segmentStart, segmentEnd));
    const headingStart = wholeSegmentIsHeading
      ? segmentStart
      : headingBefore(tokens, segmentStart, segmentEnd);
    if (headingStart === null || !acceptHeading(headingStart, segmentEnd, () => segmentStart, false))
      continue;
    for (let i = headingStart; i < segmentEnd; i++) role[i] = "heading";
    starts.add(headingStart);
  }

  // A heading may also open a segment, when the sentence after it begins with a name (`… ending soon Early
  // life and education | Ada was born …`): a name after a lower-case word is no start the rules above see,
  // as the heading has no verb of its own. Only sentence-case runs of two words or more ending in a noun,
  // whose first word the article never writes capitalised mid-sentence (`Egyptian police | Mubarak …`), and
  // no title before a name (`King | Charles`). The rules' path only: the learned one weighs its own starts.
  if (model === null) {
    const segments = [...sortedStarts(), end];
    let midSentence: Map<string, number> | undefined;
    const writtenAsName = (i: number) => {
      midSentence ??= countCapitalisedMidSentence(tokens, end);
      return (midSentence.get((tokens[i] as StrippedToken).lower) ?? 0) > 0;
    };
    for (let n = 1; n < segments.length; n++) {
      const segmentStart = segments[n - 1] as number;
      const segmentEnd = segments[n] as number;
      if (segmentStart === 0 || role[segmentStart] !== "text" || role[segmentStart - 1] === "heading")
        continue;
      const nameAt = headingThenName(tokens, segmentStart, segmentEnd);
      if (
        nameAt === null ||
        writtenAsName(segmentStart) ||
        !hasFiniteVerb(tokens, depths, nameAt, segmentEnd) ||
        !acceptHeading(segmentStart, nameAt, () => segmentStart, false)
      )
        continue;
      for (let i = segmentStart; i < nameAt; i++) role[i] = "heading";
      starts.add(nameAt);
    }
  }

  const pieces: Piece[] = [];
  const boundaries = [...sortedStarts().filter((start) => start < end), end];
  for (let n = 0; n + 1 < boundaries.length; n++) {
    const from = boundaries[n] as number;
    const kind = role[from];
    if (kind === "marker") continue;
    pieces.push({
      kind: kind === "heading" ? "heading" : kind === "caption" ? "caption" : "sentence",
      from,
      to: boundaries[n + 1] as number,
    });
  }
  const merged = mergeFragments(tokens, pieces);
  if (scorer === null) return merged;
  return merged.flatMap((piece) =>
    isLongRunWithoutCapitals(tokens, piece) ? cutLongRun(tokens, depths, scorer, piece) : [piece],
  );
}

/** How many words a piece holds. */
function wordsIn(tokens: readonly StrippedToken[], { from, to }: Piece): number {
  let words = 0;
  for (let i = from; i < to; i++) if ((tokens[i] as StrippedToken).kind === "word") words++;
  return words;
}

/** A sentence longer than `MAX_SENTENCE_WORDS` with few capitals (`FEW_CAPITALS`): no start was seen in it. */
function isLongRunWithoutCapitals(tokens: readonly StrippedToken[], piece: Piece): boolean {
  if (piece.kind !== "sentence") return false;
  const words = wordsIn(tokens, piece);
  if (words <= MAX_SENTENCE_WORDS) return false;
  let capitalised = 0;
  for (let i = piece.from; i < piece.to; i++) if (isCapitalised(tokens[i])) capitalised++;
  return capitalised < FEW_CAPITALS * words;
}

/**
 * A long run cut in two at the gap where the boundary model finds a start likeliest (outside parentheses,
 * at least `MIN_CUT_WORDS` from either end), and each half again until every piece has at most
 * `CUT_PIECE_WORDS` or no such gap.
 */
function cutLongRun(
  tokens: readonly StrippedToken[],
  depths: readonly number[],
  scorer: GapScorer,
  piece: Piece,
): Piece[] {
  const wordsBefore: number[] = [];
  let words = 0;
  for (let i = piece.from; i < piece.to; i++) {
    wordsBefore.push(words);
    if ((tokens[i] as StrippedToken).kind === "word") words++;
  }
  if (words <= CUT_PIECE_WORDS) return [piece];
  // The gaps the model was trained on first (before a capital, a number or a parenthesis), any word else.
  const cutAt = (admits: (token: StrippedToken) => boolean) => {
    let best = -1;
    let bestProbability = -1;
    for (let i = piece.from + 1; i < piece.to; i++) {
      const before = wordsBefore[i - piece.from] as number;
      if (before < MIN_CUT_WORDS || words - before < MIN_CUT_WORDS || depths[i] !== 0) continue;
      if (!admits(tokens[i] as StrippedToken)) continue;
      const probability = scorer.probability(i, piece.from);
      if (probability > bestProbability) {
        best = i;
        bestProbability = probability;
      }
    }
    return best;
  };
  let best = cutAt(isStartCandidate);
  if (best < 0) best = cutAt((token) => token.kind === "word" || token.kind === "number");
  if (best < 0) return [piece];
  return [
    ...cutLongRun(tokens, depths, scorer, { kind: "sentence", from: piece.from, to: best }),
    ...cutLongRun(tokens, depths, scorer, { kind: "sentence", from: best, to: piece.to }),
  ];
}

/** Fragments too short to be sentences join the sentence they precede (or else follow). */
function mergeFragments(tokens: StrippedToken[], pieces: Piece[]): Piece[] {
  const merged: Piece[] = [];
  for (let n = 0; n < pieces.length; n++) {
    const piece = { ...(pieces[n] as Piece) };
    const next = pieces[n + 1];
    const previous = merged.at(-1);
    if (piece.kind === "sentence" && wordsIn(tokens, piece) < MIN_SENTENCE_WORDS) {
      if (next?.kind === "sentence" && next.from === piece.to) {
        next.from = piece.from;
        continue;
      }
      if (previous?.kind === "sentence" && previous.to === piece.from) {
        previous.to = piece.to;
        continue;
      }
    }
    merged.push(piece);
  }
  return merged;
}

/** Where the body ends: the trailer (references, links, categories) starts there. */
export function bodyEnd(tokens: StrippedToken[]): number {
  return findTrailer(tokens).start;
}

/** Longest title, in words, that a pasted page's lead may restate. */
const MAX_TITLE_WORDS = 6;

/**
 * How many tokens open the text with its title when a page copied with its title line was stripped to one
 * line: the lead then restates the title at once (`Stethoscope The stethoscope is …`, `Katsushika Hokusai
 * Katsushika Hokusai \( c 1760 …`). The shared pool and the seed have no title line, and their first words
 * are the lead's.
 */
function restatedTitleLength(tokens: readonly StrippedToken[]): number {
  for (let length = 1; length <= MAX_TITLE_WORDS; length++) {
    const title = tokens.slice(0, length);
    if (
      title.length < length ||
      !title.every((token) => token.kind === "word" && /^[\p{Lu}\p{N}]/u.test(token.source))
    )
      return 0;
    const restart = /^(?:the|a|an)$/u.test(tokens[length]?.lower ?? "") ? length + 1 : length;
    const restated = tokens.slice(restart, restart + length);
    if (restated.length === length && restated.every((token, n) => token.lower === title[n]?.lower))
      return length;
  }
  return 0;
}

/**
 * Parses one article in the stripped format. Sentence starts come from a learned boundary model when one
 * is given (ingestion gives the committed one: it beats the hand rules on articles neither was written
 * for), else from the hand rules alone; `npm run train-segmenter` measures both.
 */
export function parseStripped(
  raw: string,
  model: BoundaryModel | null = null,
  observeHeading?: HeadingObserver,
): ParsedArticle {
  const allTokens = tokenizeStripped(raw);
  const title = restatedTitleLength(allTokens);
  const tokens = allTokens.slice(title);
  const trailer = findTrailer(tokens);
  const pieces = segmentBody(tokens, trailer.start, model, observeHeading);
  const sections: ParsedSection[] = [{ heading: null, captions: [], sentences: [] }];
  for (const piece of pieces) {
    const slice = tokens.slice(piece.from, piece.to);
    const current = sections.at(-1) as ParsedSection;
    if (piece.kind === "heading") sections.push({ heading: slice, captions: [], sentences: [] });
    else if (piece.kind === "caption") current.captions.push(slice);
    else current.sentences.push(slice);
  }
  return {
    format: "stripped",
    statedTitle: title === 0 ? null : detokenize(allTokens.slice(0, title), { asSentence: false }).text,
    sourceUrl: null,
    sections: sections.filter((section) => section.heading !== null || section.sentences.length > 0),
    categories: trailer.categories,
    externalLinks: trailer.externalLinks,
  };
}
