import type { PassageInContext } from "./engine.ts";
import { LEAD_HEADING } from "./ingest/article.ts";
import type { Article, Passage, Section } from "./types.ts";

/**
 * What a person names when they pick an article, a section or a passage, as typed in a slash command's
 * option or after a terminal command: found, or an error code the transport words. Shared by Discord and
 * the terminal chat so both understand the same names.
 */

/** The article a value names: by id (what Discord's autocomplete sends) or by title as typed. */
export function findArticle(articles: readonly Article[], value: string): Article | undefined {
  const wanted = value.trim().toLowerCase();
  return (
    articles.find((article) => article.id === wanted) ??
    articles.find((a) => a.title.toLowerCase() === wanted)
  );
}

/** A section with the article it belongs to. */
export interface SectionRef {
  article: Article;
  section: Section;
}

/** A section's heading as citations show it (`Introduction` for the lead). */
export const headingOf = (section: Section): string => section.heading ?? LEAD_HEADING;

/** Every section of the articles, in order. */
export function sectionsOf(articles: readonly Article[]): SectionRef[] {
  return articles.flatMap((article) => article.sections.map((section) => ({ article, section })));
}

/**
 * The sections a value names: `article-id/slug`, or a heading or slug as typed, in any of `articles`.
 * Several articles can have a section of the same name.
 */
export function findSections(articles: readonly Article[], value: string): SectionRef[] {
  const wanted = value.trim().toLowerCase();
  const all = sectionsOf(articles);
  const exact = all.filter(({ article, section }) => `${article.id}/${section.slug}` === wanted);
  if (exact.length > 0) return exact;
  return all.filter(({ section }) => section.slug === wanted || headingOf(section).toLowerCase() === wanted);
}

/** What a quiz (or another study feature) is about: an article, a section, or everything. */
export interface StudyScope {
  /** Only this article (by id); undefined for every article. */
  articleId?: string;
  /** Only sections with this slug (in the article, or in every article that has one). */
  sectionSlug?: string;
  /** How the scope is shown: `Lal Masjid › History`, `History (every article)`; null for everything. */
  label: string | null;
}

/** Why named article or section could not be found. */
export type ScopeProblem =
  | { problem: "unknown-article"; typed: string }
  | { problem: "unknown-section"; typed: string; article: string | null };

/**
 * The scope an article value and a section value name (either may be null), or which of them names
 * nothing. A section named in several articles (every article has a History, say) covers all of them.
 */
export function resolveStudyScope(
  articles: readonly Article[],
  articleValue: string | null,
  sectionValue: string | null,
): StudyScope | ScopeProblem {
  const article = articleValue === null ? null : findArticle(articles, articleValue);
  if (article === undefined) return { problem: "unknown-article", typed: articleValue ?? "" };
  if (sectionValue === null) return { articleId: article?.id, label: article?.title ?? null };
  const [first, ...others] = findSections(article ? [article] : articles, sectionValue);
  if (!first) return { problem: "unknown-section", typed: sectionValue, article: article?.title ?? null };
  const oneArticle = others.every((ref) => ref.article === first.article);
  const heading = headingOf(first.section);
  return {
    articleId: oneArticle ? first.article.id : undefined,
    sectionSlug: first.section.slug,
    label: oneArticle ? `${first.article.title} › ${heading}` : `${heading} (every article)`,
  };
}

/** What looking up a passage needs from the engine; `QaEngine` provides it. */
export interface PassageLibrary {
  passageInContext(id: string): PassageInContext | null;
  suggestPassages(typed: string, limit: number): Passage[];
}

/** A passage id as typed: the passage with its neighbours, or up to three ids close to what was typed. */
export type PassageLookup = { found: PassageInContext } | { found: null; suggestions: string[] };

/**
 * Looks up a typed passage id, in any case. When none has it, suggests others of the same section if the
 * id names one (`lal-masjid/history/9`), else ids whose text matches what was typed.
 */
export function lookUpPassage(library: PassageLibrary, typed: string): PassageLookup {
  const id = typed.trim();
  const found = library.passageInContext(id) ?? library.passageInContext(id.toLowerCase());
  if (found) return { found };
  const slash = id.lastIndexOf("/");
  const sameSection = slash > 0 ? library.suggestPassages(id.slice(0, slash + 1), 3) : [];
  const close = sameSection.length > 0 ? sameSection : library.suggestPassages(id, 3);
  return { found: null, suggestions: close.map((passage) => passage.id) };
}

/** A section as a table of contents lists it. */
export interface ContentsRow {
  heading: string;
  passages: number;
  /** Id of the section's first passage, where reading it starts; null when it has none. */
  firstId: string | null;
}

/** An article's sections in order with their passage counts, then what else has passages (categories, links). */
export function tableOfContents(article: Article): ContentsRow[] {
  const bySection = new Map<string, Passage[]>();
  for (const passage of article.passages) {
    const passages = bySection.get(passage.sectionSlug) ?? [];
    passages.push(passage);
    bySection.set(passage.sectionSlug, passages);
  }
  const rows: ContentsRow[] = article.sections.map((section) => {
    const passages = bySection.get(section.slug) ?? [];
    bySection.delete(section.slug);
    const heading = section.heading ?? passages[0]?.sectionHeading ?? LEAD_HEADING;
    return { heading, passages: passages.length, firstId: passages[0]?.id ?? null };
  });
  for (const passages of bySection.values()) {
    const first = passages[0];
    if (first) rows.push({ heading: first.sectionHeading, passages: passages.length, firstId: first.id });
  }
  return rows;
}
