import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readEvalItems } from "../../../src/cli/evaluation.ts";
import { loadEngine } from "../../../src/core/engine.ts";
import { ingestFile } from "../../../src/core/ingest/corpus.ts";
import { isStrippedFormat } from "../../../src/core/ingest/punctuated.ts";
import type { Article } from "../../../src/core/types.ts";
import { projectRoot } from "../../support/paths.ts";

// Batch 08's library: study notes in Markdown, text copied out of PDFs, pages pasted from Wikipedia and a
// textbook chapter, each written by a helper who had not seen the parser.
const libraryDir = join(projectRoot, "tests/fixtures/blind/library-08");
const ingestFixture = (file: string): Article => {
  const article = ingestFile({
    file,
    id: file.replace(/\.\w+$/u, ""),
    text: readFileSync(join(libraryDir, file), "utf8"),
    metadata: {},
  });
  if (article === null) throw new Error(`${file}: nothing ingested`);
  return article;
};
const headingsOf = (article: Article) => article.sections.map((section) => section.heading);
const sentencesOf = (article: Article) =>
  article.sections.flatMap((section) => section.sentences.map((sentence) => sentence.text));

describe("study notes in Markdown", () => {
  const notes = ingestFixture("hubble.md");

  it("are read as punctuated text although few of their lines end with a period", () => {
    expect(isStrippedFormat(readFileSync(join(libraryDir, "hubble.md"), "utf8"))).toBe(false);
    expect(notes.title).toBe("Hubble Space Telescope – study notes");
    expect(headingsOf(notes)).toContain("The mirror problem (!!)");
  });

  it("make each bullet a sentence of its own", () => {
    expect(sentencesOf(notes)).toContain("Released into orbit the next day, 25 April 1990.");
  });

  it("still leave a one-line article without punctuation in the stripped format", () => {
    const seed = readFileSync(join(projectRoot, "corpus/lal-masjid.txt"), "utf8");
    expect(isStrippedFormat(seed)).toBe(true);
  });
});

describe("text copied out of a PDF", () => {
  const chapter = ingestFixture("kidney.txt");
  const text = sentencesOf(chapter).join(" ");

  it("joins the words a line-end hyphen cut", () => {
    expect(text).toContain("the membrane lining the abdominal cavity");
    expect(text).toContain("cone-shaped sections called renal pyramids");
    expect(text).not.toMatch(/\p{L}- \p{Ll}/u);
  });

  it("keeps a hyphen the text writes inside the compound elsewhere", () => {
    const article = ingestFile({
      file: "wrapped.txt",
      id: "wrapped",
      text: "The bean-shaped organs are small. The kidneys are two bean-\nshaped organs below the ribs.",
      metadata: {},
    });
    expect(article && sentencesOf(article)).toEqual([
      "The bean-shaped organs are small.",
      "The kidneys are two bean-shaped organs below the ribs.",
    ]);
  });

  it("leaves out page numbers and the running header repeated on every page", () => {
    expect(headingsOf(chapter).some((heading) => heading !== null && /Page|PHYSIOLOGY/u.test(heading))).toBe(
      false,
    );
    expect(text).not.toMatch(/Page \d|Unit 9/u);
    expect(headingsOf(chapter)).toEqual([
      "THE KIDNEYS",
      "THE NEPHRON",
      "OTHER FUNCTIONS OF THE KIDNEYS",
      "KIDNEY FAILURE AND ITS TREATMENT",
    ]);
  });
});

describe("a textbook chapter with numbered sections", () => {
  it("takes each numbered line as a heading without its number", () => {
    expect(headingsOf(ingestFixture("great-famine.txt")).slice(1)).toEqual([
      "Introduction",
      "Causes of the famine",
      "The course of the famine",
      "Government response",
      "Emigration",
      "Long-term consequences",
    ]);
  });
});

describe("a Wikipedia page pasted as Markdown", () => {
  const page = ingestFixture("marie-curie.md");

  it("drops the emphasised tagline, the quoted hatnote, the contents and the headings' edit links", () => {
    expect(headingsOf(page)).toEqual([
      null,
      "Early life",
      "Research on radioactivity",
      "Nobel Prizes",
      "Later career",
      "First World War",
      "Final years and death",
      "Legacy",
    ]);
    expect(sentencesOf(page).join(" ")).not.toMatch(/free encyclopedia|1943 film|\[edit\]|Quinn/u);
  });
});

describe("the whole library of copied documents", () => {
  it("answers its blind questions from the sentences that hold the answers", () => {
    const { engine } = loadEngine({ corpusDir: libraryDir, cacheDir: null });
    expect(readdirSync(libraryDir)).toHaveLength(6);
    const asked = [
      ["how many nephrons are in one kidney", "about one million"],
      ["how did the byzantines get silkworms if china kept it secret", "smuggled"],
      ["lol ok why does drinking make you pee so much", "inhibits the release of ADH"],
    ] as const;
    for (const [question, answer] of asked) {
      const reply = engine.answer(question);
      expect(reply.answered, question).toBe(true);
      expect(reply.excerpts[0]?.text, question).toContain(answer);
    }
    const items = readEvalItems(join(projectRoot, "tests/fixtures/blind/batch-08-library.jsonl"));
    expect(items).toHaveLength(40);
  });
});
