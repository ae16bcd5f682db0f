import { ingestFile } from "../../src/core/ingest/corpus.ts";
import type { Article } from "../../src/core/types.ts";

/** Ingests a file's text as the corpus reader does; text that yields no article fails the test. */
export function ingestText(text: string, file = "pasted.txt", id = "pasted"): Article {
  const article = ingestFile({ file, id, text, metadata: {} });
  if (article === null) throw new Error(`${file}: nothing ingested`);
  return article;
}

/** Every section's sentences, in order, as text. */
export const sentencesOf = (article: Article): string[] =>
  article.sections.flatMap((section) => section.sentences.map((sentence) => sentence.text));

/** Every section's heading, in order (null for a section without one). */
export const headingsOf = (article: Article) => article.sections.map((section) => section.heading);
