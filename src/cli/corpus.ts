import { LEAD_HEADING } from "../core/ingest/article.ts";
import type { Article } from "../core/types.ts";
import { parseCliArgs } from "./args.ts";
import { loadEngineForCli, runCli } from "./load.ts";

/** What was ingested from one article, in the documented shape of `npm run corpus -- --json`. */
function articleJson(article: Article) {
  return {
    file: article.file,
    title: article.title,
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

await runCli(() => {
  const args = parseCliArgs(process.argv.slice(2), { flags: ["json"], values: ["corpus"] });
  const { engine } = loadEngineForCli(args.values.corpus);
  if (args.flags.json) console.log(JSON.stringify(engine.articles.map(articleJson), null, 2));
  else console.log(engine.articles.map(articleText).join("\n\n"));
});
