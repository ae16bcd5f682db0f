import type { Article, Passage, Section, Sentence } from "../types.ts";

/**
 * The sentences study material is drawn from: body text only (captions, categories and links are
 * metadata, not statements), each with the passage it is cited by.
 */

/** Where a study item comes from, named as answers cite their excerpts. */
export interface StudyCitation {
  articleId: string;
  /** Article title. */
  article: string;
  /** Section heading (`Introduction` for the lead). */
  section: string;
  passageId: string;
  url: string | null;
}

/** A body sentence with its article, section and passage. */
export interface SourceSentence {
  article: Article;
  section: Section;
  passage: Passage;
  sentence: Sentence;
}

/** Restricts study material to one article and/or sections with one slug. */
export interface SourceFilter {
  articleId?: string;
  sectionSlug?: string;
}

/** The body sentences of each section, sections in article order, sentences in reading order. */
export function sourceSections(articles: readonly Article[], filter: SourceFilter = {}): SourceSentence[][] {
  const sections: SourceSentence[][] = [];
  for (const article of articles) {
    if (filter.articleId !== undefined && article.id !== filter.articleId) continue;
    const passageOf = new Map<number, Passage>();
    for (const passage of article.passages) {
      if (passage.kind !== "body") continue;
      for (const sentence of passage.sentences) passageOf.set(sentence.index, passage);
    }
    for (const section of article.sections) {
      if (filter.sectionSlug !== undefined && section.slug !== filter.sectionSlug) continue;
      const sentences = section.sentences.flatMap((sentence) => {
        const passage = passageOf.get(sentence.index);
        return passage ? [{ article, section, passage, sentence }] : [];
      });
      if (sentences.length > 0) sections.push(sentences);
    }
  }
  return sections;
}

/** The citation of a source sentence. */
export function citationOf(source: SourceSentence): StudyCitation {
  return {
    articleId: source.article.id,
    article: source.article.title,
    section: source.passage.sectionHeading,
    passageId: source.passage.id,
    url: source.article.url,
  };
}
