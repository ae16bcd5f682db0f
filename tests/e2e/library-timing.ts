/**
 * `npx tsx tests/e2e/library-timing.ts`: the time from a moderator's `/library add` to the first answer
 * quoting the new article, through the real bot and the fake Discord, for a 5,000-word Markdown article and
 * a 50-page PDF (both made from the prose fixtures), with the plain `/ask` of the operator's article timed
 * in the same run for comparison. The first question after an add may be told the index is being built;
 * it is asked again every 50 ms until it is answered, and that wait is counted.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { APIMessage } from "discord.js";
import { makeTextPdf } from "../library/pdf-fixtures.ts";
import { projectRoot } from "../support/paths.ts";
import { startTestBot } from "./bot-harness.ts";
import type { FakeDiscord, FakeUpload } from "./fake-discord.ts";

const ownerId = "1200000000000000001";
const proseDir = join(projectRoot, "tests/fixtures/prose");
/** Every prose fixture's paragraphs, headings left out: plenty of real text to cut articles from. */
const paragraphs = readdirSync(proseDir)
  .filter((name) => name.endsWith(".md"))
  .sort()
  .flatMap((name) => readFileSync(join(proseDir, name), "utf8").split(/\n\s*\n/u))
  .map((paragraph) => paragraph.trim())
  .filter((paragraph) => paragraph !== "" && !paragraph.startsWith("#"));

/** Whole paragraphs until `words` words. */
function paragraphsOf(words: number): string[] {
  const taken: string[] = [];
  let count = 0;
  for (const paragraph of paragraphs) {
    if (count >= words) break;
    taken.push(paragraph);
    count += paragraph.split(/\s+/u).length;
  }
  return taken;
}

const wordCount = (text: string) => text.split(/\s+/u).filter(Boolean).length;

async function reply(fake: FakeDiscord, sent: { id: string }): Promise<APIMessage> {
  return fake.waitForInteractionReply(sent.id, 60_000);
}

/** Adds the file, then asks until the answer quotes the article; returns both times (ms). */
async function addThenAsk(fake: FakeDiscord, file: FakeUpload, title: string, question: string) {
  const started = performance.now();
  const added = await reply(
    fake,
    fake.sendInteraction({ name: "library", subcommand: "add", options: { file, title }, userId: ownerId }),
  );
  const addMillis = performance.now() - started;
  if (!added.embeds?.[0]?.title?.startsWith("Added")) throw new Error(`not added: ${added.content}`);
  for (;;) {
    const answer = await reply(fake, fake.sendInteraction({ name: "ask", options: { question } }));
    if (JSON.stringify(answer.embeds ?? []).includes(title)) {
      return { addMillis, firstAnswerMillis: performance.now() - started };
    }
    if (!(answer.content ?? "").includes("being built")) throw new Error(`not answered from ${title}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const article = paragraphsOf(5000).join("\n\n");
const pages: string[][] = [];
let page: string[] = [];
let pageWords = 0;
for (const paragraph of paragraphsOf(Number.POSITIVE_INFINITY)) {
  page.push(paragraph);
  pageWords += wordCount(paragraph);
  if (pageWords >= 280) {
    pages.push(page);
    page = [];
    pageWords = 0;
  }
  if (pages.length === 50) break;
}
const pdf = await makeTextPdf(pages);

const test = await startTestBot();
try {
  const { fake } = test;
  const plainStart = performance.now();
  await reply(
    fake,
    fake.sendInteraction({ name: "ask", options: { question: "When was Lal Masjid built?" } }),
  );
  const plainMillis = performance.now() - plainStart;
  // Questions whose words are in the first paragraphs of both documents.
  const firstWords = (paragraphs[0] ?? "")
    .split(/[\s,.;]+/u)
    .slice(0, 8)
    .join(" ");
  const markdown = await addThenAsk(
    fake,
    { filename: "reading.md", bytes: article },
    "Week 1 reading",
    `What does the reading say about ${firstWords}?`,
  );
  const fromPdf = await addThenAsk(
    fake,
    { filename: "course-pack.pdf", bytes: pdf },
    "Course pack",
    `What does the course pack say about ${firstWords}?`,
  );
  console.log(
    JSON.stringify(
      {
        markdownArticle: { words: wordCount(article), ...markdown },
        pdf: {
          pages: pages.length,
          words: pages.flat().reduce((sum, text) => sum + wordCount(text), 0),
          bytes: pdf.byteLength,
          ...fromPdf,
        },
        plainAskOfTheOperatorsArticleMillis: plainMillis,
      },
      (_key, value) => (typeof value === "number" ? Math.round(value) : value),
      2,
    ),
  );
} finally {
  await test.stop();
}
