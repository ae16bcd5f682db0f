import { detokenize, type SourceToken } from "../text/detokenize.ts";
import { posTags, tagWords } from "../text/lexicon.ts";
import { splitWords } from "../text/terms.ts";
import type { Article, Passage, Section, Sentence } from "../types.ts";
import type { ParsedArticle } from "./parsed.ts";

/** Optional facts about an article from its sidecar `name.json`. */
export interface ArticleMetadata {
  title?: string;
  url?: string;
  license?: string;
}

/** How body sentences are grouped into passages. */
export interface PassageOptions {
  /** A passage closes once it holds at least this many words. */
  minWords: number;
  /** A section's last passage shorter than this joins the one before it. */
  minTailWords: number;
}

export const defaultPassageOptions: PassageOptions = { minWords: 40, minTailWords: 20 };

/** Heading shown in citations for the part of an article before its first heading. */
export const LEAD_HEADING = "Introduction";

/** URL-safe slug: lower case, runs of anything else than letters and digits become `-`. */
export function slugify(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/gu, "") || "untitled"
  );
}

const readable = (tokens: readonly SourceToken[]) => detokenize(tokens, { asSentence: false }).text;

/** A sentence from source tokens: readable text, token offsets and word tags. */
function makeSentence(index: number, tokens: readonly SourceToken[], asSentence: boolean): Sentence {
  const shown = detokenize(tokens, { asSentence });
  return { index, ...shown, wordTags: tagWords(shown.text) };
}

/** Words a name may contain in lower case (`Daman e Koh`, `Zia ul Haq`). */
const NAME_CONNECTORS = new Set(["of", "e", "al", "ul", "bin", "ibn", "de", "la", "el", "and"]);

/**
 * The subject of the lead sentence (`The Lal Masjid \( … \) is a mosque …` → `Lal Masjid`):
 * a capitalised run followed by a parenthesis, a comma or a form of "be".
 */
function leadSubject(sentence: readonly SourceToken[] | undefined): string | null {
  if (sentence === undefined) return null;
  let start = 0;
  if (/^the$/iu.test(sentence[0]?.source ?? "")) start = 1;
  let end = start;
  while (end < sentence.length) {
    const word = sentence[end]?.source ?? "";
    if (/^\p{Lu}/u.test(word) || (end > start && NAME_CONNECTORS.has(word))) end++;
    else break;
  }
  while (end > start && NAME_CONNECTORS.has(sentence[end - 1]?.source ?? "")) end--;
  const next = sentence[end]?.source ?? "";
  const endsSubject =
    /^(\\?\(|,|is|are|was|were)$/u.test(next) || /[,(]$/u.test(sentence[end - 1]?.source ?? "");
  if (end === start || end - start > 8 || !endsSubject) return null;
  // A word alone that is no noun opens speech, not a subject (`Okay, so, let's …`, `Well, …`).
  if (
    end - start === 1 &&
    /^(?:JJ|RB|UH|IN|CC|DT|PRP|MD|VB)/u.test(
      posTags((sentence[start]?.source ?? "").toLowerCase().replace(/[,(]$/u, ""))[0] ?? "",
    )
  )
    return null;
  return readable(sentence.slice(start, end)).replace(/[,(]$/u, "");
}

/** Words that introduce another name of the subject in a lead sentence (`also known as Political Islam`). */
const ALIAS_MARKER =
  /(?<!\p{L})(?:also known as|also called|known as|officially|formally|literally|translated(?: as)?|lit\.)\s+(?:the\s+)?/giu;
/** A top-level form of "be" ends the subject part of a lead sentence, where other names are given. */
const SUBJECT_END = /\s(?:is|are|was|were)\s/u;

/**
 * Other names the lead sentence gives its subject before saying what it is (`The Lal Masjid (translated
 * Red Mosque) is …` → `Red Mosque`; `Islamism, also known as Political Islam (…), is …`): a capitalised
 * run of at most six words after a marker such as "also known as", "officially" or "translated".
 */
export function leadAliases(sentence: string, title: string): string[] {
  const subject = subjectPart(sentence);
  const aliases = new Set<string>();
  for (const marker of subject.matchAll(ALIAS_MARKER)) {
    const words: string[] = [];
    for (const raw of subject.slice((marker.index ?? 0) + marker[0].length).split(/\s+/u)) {
      const word = raw.replace(/^["'‘“]/u, "");
      const bare = word.replace(/[)"'’”,;:.]+$/u, "");
      if (!/^\p{Lu}/u.test(bare) && !(words.length > 0 && NAME_CONNECTORS.has(bare))) break;
      words.push(bare);
      if (bare !== word || words.length === 6) break;
    }
    // A run that stops on a connector (`Santa Ana de los …`) is part of a longer name: not kept.
    if (NAME_CONNECTORS.has(words[words.length - 1] ?? "")) continue;
    const alias = words.join(" ");
    if (alias !== "" && alias.toLowerCase() !== title.toLowerCase()) aliases.add(alias);
  }
  return [...aliases];
}

/** The lead sentence up to its first form of "be" outside parentheses (the whole sentence when none). */
function subjectPart(sentence: string): string {
  let depth = 0;
  let from = 0;
  for (const part of sentence.split(/([()])/u)) {
    if (part === "(") depth++;
    else if (part === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      const end = SUBJECT_END.exec(part);
      if (end !== null) return sentence.slice(0, from + end.index + 1);
    }
    from += part.length;
  }
  return sentence;
}

/**
 * Shorter names a long title holds: its main title before a subtitle (`The Dust Bowl: Drought, Dust, and
 * Displacement …` → `The Dust Bowl`), and the file's name when the title contains it (`south-sea-bubble.txt`
 * of `The South Sea Bubble of 1720: Credit, …`). A student names the article by these, not by the whole title.
 */
export function titleAliases(title: string, id: string): string[] {
  const words = (text: string) =>
    splitWords(text)
      .map((word) => word.norm)
      .join(" ");
  const titleWords = words(title);
  const main = title.split(/\s*:\s+|\s+[-–—]\s+/u)[0]?.trim() ?? "";
  const fromFile = titleFromFileName(id);
  const fileWords = words(fromFile);
  const aliases = [
    ...(main !== "" && main !== title ? [main] : []),
    ...(fileWords !== "" && fileWords !== titleWords && ` ${titleWords} `.includes(` ${fileWords} `)
      ? [fromFile]
      : []),
  ];
  return aliases.filter((alias, n) => aliases.findIndex((other) => words(other) === words(alias)) === n);
}

/** `lal-masjid` → `Lal Masjid`. */
function titleFromFileName(id: string): string {
  return id
    .split("-")
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(" ");
}

const wordCount = (text: string) => splitWords(text).length;

/** Groups a section's sentences into passages of about `minWords` and more, never splitting a sentence. */
function groupSentences(sentences: Sentence[], options: PassageOptions): Sentence[][] {
  const groups: Sentence[][] = [];
  let current: Sentence[] = [];
  let words = 0;
  for (const sentence of sentences) {
    current.push(sentence);
    words += wordCount(sentence.text);
    if (words >= options.minWords) {
      groups.push(current);
      current = [];
      words = 0;
    }
  }
  if (current.length > 0) {
    const previous = groups.at(-1);
    if (previous !== undefined && words < options.minTailWords) previous.push(...current);
    else groups.push(current);
  }
  return groups;
}

/** A one-sentence passage holding a labelled list (`Categories: A; B; C`). */
function listSentence(label: string, items: readonly SourceToken[][], index: number): Sentence {
  const tokens: SourceToken[] = [];
  const at = items[0]?.[0]?.sourceStart ?? 0;
  tokens.push(
    { source: label, sourceStart: at, sourceEnd: at },
    { source: ":", sourceStart: at, sourceEnd: at },
  );
  items.forEach((item, n) => {
    if (n > 0) {
      const position = item[0]?.sourceStart ?? at;
      tokens.push({ source: ";", sourceStart: position, sourceEnd: position });
    }
    tokens.push(...item);
  });
  return makeSentence(index, tokens, false);
}

/** Turns what a parser recovered into an `Article` with readable sentences and passages with stable ids. */
export function buildArticle(
  id: string,
  file: string,
  parsed: ParsedArticle,
  metadata: ArticleMetadata,
  passageOptions: PassageOptions = defaultPassageOptions,
): Article {
  let sentenceIndex = 0;
  const usedSlugs = new Set<string>();
  const uniqueSlug = (base: string) => {
    let slug = base;
    for (let n = 2; usedSlugs.has(slug); n++) slug = `${base}-${n}`;
    usedSlugs.add(slug);
    return slug;
  };
  const sections: Section[] = parsed.sections.map((parsedSection) => {
    const heading = parsedSection.heading === null ? null : readable(parsedSection.heading);
    const first = sentenceIndex;
    return {
      slug: uniqueSlug(heading === null ? "lead" : slugify(heading)),
      heading,
      captions: parsedSection.captions.map(readable),
      sentences: parsedSection.sentences.map((tokens, n) => {
        const sentence = makeSentence(sentenceIndex++, tokens, true);
        const parent = parsedSection.parents?.get(n);
        return parent === undefined ? sentence : { ...sentence, parent: first + parent };
      }),
    };
  });

  const passages: Passage[] = [];
  const addPassage = (sectionSlug: string, sectionHeading: string, kind: Passage["kind"], name: string) => {
    return (sentences: Sentence[]) =>
      passages.push({
        id: `${id}/${sectionSlug}/${name}`,
        articleId: id,
        sectionSlug,
        sectionHeading,
        kind,
        sentences,
        text: sentences.map((sentence) => sentence.text).join(" "),
      });
  };
  sections.forEach((section, n) => {
    const heading = section.heading ?? LEAD_HEADING;
    groupSentences(section.sentences, passageOptions).forEach((group, k) => {
      addPassage(section.slug, heading, "body", String(k + 1))(group);
    });
    const parsedCaptions = parsed.sections[n]?.captions ?? [];
    parsedCaptions.forEach((captionTokens, k) => {
      const caption = makeSentence(sentenceIndex++, captionTokens, false);
      addPassage(section.slug, heading, "caption", k === 0 ? "caption" : `caption-${k + 1}`)([caption]);
    });
  });
  if (parsed.categories.length > 0) {
    addPassage(
      "categories",
      "Categories",
      "categories",
      "1",
    )([listSentence("Categories", parsed.categories, sentenceIndex++)]);
  }
  if (parsed.externalLinks.length > 0) {
    addPassage(
      "external-links",
      "External links",
      "links",
      "1",
    )([listSentence("External links", parsed.externalLinks, sentenceIndex++)]);
  }

  const firstSentence = parsed.sections[0]?.sentences[0];
  const title = metadata.title ?? parsed.statedTitle ?? leadSubject(firstSentence) ?? titleFromFileName(id);
  return {
    id,
    file,
    title,
    aliases: [
      ...new Set([...titleAliases(title, id), ...leadAliases(sections[0]?.sentences[0]?.text ?? "", title)]),
    ],
    url: metadata.url ?? parsed.sourceUrl,
    license: metadata.license ?? null,
    format: parsed.format,
    sections,
    categories: parsed.categories.map(readable),
    externalLinks: parsed.externalLinks.map(readable),
    passages,
  };
}
