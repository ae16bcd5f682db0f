import { LEAD_HEADING } from "../core/ingest/article.ts";
import type { Article } from "../core/types.ts";
import { type CommandSpec, runCommand } from "./args.ts";
import { loadEngineForCli } from "./load.ts";

const corpusCommand = {
  command: "npm run corpus --",
  synopsis: ["[--json] [--corpus DIR]"],
  summary:
    "Shows what was ingested from each article: title, link, sections with their captions and sentences, passages, categories and external links.",
  options: {
    json: { type: "boolean", description: "print every article as JSON on stdout" },
    corpus: {
      type: "string",
      value: "DIR",
      description: "read this folder of articles (default: CORPUS_DIR)",
    },
  },
  positionals: false,
  examples: [
    "npm run corpus                                # every article, as the engine reads it",
    "npm run corpus -- --json > corpus.json",
    "npm run corpus -- --corpus ~/articles         # check new articles before adding them",
  ],
  notes: ["Files that cannot be read are named on stderr, one line each, and skipped."],
} as const satisfies CommandSpec;

/** What was ingested from one article, in the documented shape of `npm run corpus -- --json`. */
function articleJson(article: Article) {
  return {
    file: article.file,
    title: article.title,
    aliases: article.aliases,
    url: article.url,
    license: article.license,
    format: article.format,
    categories: article.categories,
    externalLinks: article.externalLinks,
    sections: article.sections.map((section) => ({
      heading: section.heading,
      captions: section.captions,
      sentences: section.sentences.map((sentence) => sentence.text),
    })),
    passages: article.passages.map((passage) => ({
      id: passage.id,
      section: passage.sectionHeading,
      text: passage.text,
    })),
  };
}

function articleText(article: Article): string {
  const lines = [`# ${article.title}  (${article.file}, ${article.format} format)`];
  if (article.aliases.length > 0) lines.push(`  also named: ${article.aliases.join("; ")}`);
  if (article.url) lines.push(`  source: ${article.url}${article.license ? ` (${article.license})` : ""}`);
  for (const section of article.sections) {
    const passages = article.passages.filter((p) => p.sectionSlug === section.slug && p.kind === "body");
    lines.push(`\n## ${section.heading ?? LEAD_HEADING}  [${passages.map((p) => p.id).join(", ")}]`);
    for (const caption of section.captions) lines.push(`  [image] ${caption}`);
    for (const sentence of section.sentences) lines.push(`  ${sentence.text}`);
  }
  if (article.externalLinks.length > 0) lines.push(`\nExternal links: ${article.externalLinks.join("; ")}`);
  if (article.categories.length > 0) lines.push(`Categories: ${article.categories.join("; ")}`);
  return lines.join("\n");
}

await runCommand(corpusCommand, ({ values }) => {
  const { engine } = loadEngineForCli(values.corpus);
  if (values.json) console.log(JSON.stringify(engine.articles.map(articleJson), null, 2));
  else console.log(engine.articles.map(articleText).join("\n\n"));
});
