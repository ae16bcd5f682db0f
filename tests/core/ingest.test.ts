import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadEngine } from "../../src/core/engine.ts";
import { leadAliases, titleAliases } from "../../src/core/ingest/article.ts";
import { CorpusError, ingestCorpus, ingestFile, readCorpusFiles } from "../../src/core/ingest/corpus.ts";
import { stripArticle } from "../../src/core/ingest/segment/strip.ts";
import { parseStripped } from "../../src/core/ingest/stripped.ts";
import type { Article } from "../../src/core/types.ts";
import { defaultCorpusDir, projectRoot } from "../support/paths.ts";

function ingestDefault(): Article {
  const { files } = readCorpusFiles(defaultCorpusDir);
  const lalMasjid = files.find((file) => file.file === "lal-masjid.txt");
  if (!lalMasjid) throw new Error("corpus/lal-masjid.txt missing");
  const article = ingestFile(lalMasjid);
  if (!article) throw new Error("no article recovered");
  return article;
}

function tempCorpus(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "corpus-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe("ingesting the Lal Masjid article", () => {
  const article = ingestDefault();
  const allText = article.sections.flatMap((s) => s.sentences.map((sentence) => sentence.text)).join(" ");

  it("takes the title from the lead sentence's subject and the source link from the sidecar", () => {
    expect(article.title).toBe("Lal Masjid");
    expect(article.aliases).toEqual(["Red Mosque"]);
    expect(article.url).toBe("https://en.wikipedia.org/wiki/Lal_Masjid,_Islamabad");
    expect(article.license).toBe("CC BY-SA 4.0");
  });

  it("recovers the section headings in order", () => {
    expect(article.sections.map((section) => section.heading)).toEqual([
      null,
      "History",
      "Siege",
      "Mosque stormed",
      "Aftermath",
      "July 2008 bombing near Lal Masjid",
      "Current",
    ]);
  });

  it("finds a heading whose section opens with a name, and takes no title or name's adjective for one", () => {
    const headingsOf = (text: string) =>
      parseStripped(text)
        .sections.filter((section) => section.heading !== null)
        .map((section) => section.heading?.map((token) => token.source).join(" "));
    // From a blind batch's Markdown article, stripped as the seed is: the rules used to leave the heading
    // inside the first sentence of its section (`Early life and education Ada was born in London …`).
    const ada =
      "Augusta Ada King was an English mathematician best known for her work on the Analytical Engine The discussion of her work has continued since the 1980s It shows no sign of ending soon Early life and education Ada was born in London to the poet Lord Byron and his wife , Anne Isabella Milbanke The marriage broke down within weeks of her birth";
    expect(headingsOf(ada)).toEqual(["Early life and education"]);
    expect(parseStripped(ada).sections[1]?.sentences[0]?.[0]?.source).toBe("Ada");
    expect(
      headingsOf(
        "The Egyptian police arrested hundreds of members in 1954 and the Egyptian courts tried them The movement went underground King Farouk had been deposed two years earlier by the army",
      ),
    ).toEqual([]);
  });

  it("takes no heading from the tail of a name the article repeats (Welsh | Parliament, Kublai | Khan)", () => {
    // Written in the seed's format; before, the rules made `Parliament`, `Parliament abroad` and `Khan`
    // headings here, cutting the sentences around them.
    const headingsOf = (text: string) =>
      parseStripped(text)
        .sections.filter((section) => section.heading !== null)
        .map((section) => section.heading?.map((token) => token.source).join(" "));
    expect(
      headingsOf(
        "The Welsh Parliament is the elected legislature of Wales , founded in 1999 Members of the Welsh Parliament are elected every five years , and its presiding officer is chosen by a secret ballot of the members , the only secret ballot conducted in the Welsh Parliament Principally , the role of the presiding officer is to chair proceedings and to represent the members The presiding officer also speaks for the Welsh Parliament abroad History The first members met in 1999 in a temporary hall",
      ),
    ).toEqual(["History"]);
    expect(
      headingsOf(
        "Kublai Khan founded the dynasty in 1271 , after years of war in the south The court of Kublai Khan moved to the new capital , where the emperor built palaces for the Mongol nobles and for the officials who served Kublai Khan Later the capital grew into the largest city of the empire",
      ),
    ).toEqual([]);
  });

  it("shows readable text: possessives, parentheses, digit groups and final periods", () => {
    expect(allText).toContain("except Zia's with whom");
    expect(allText).toContain(
      "The Lal Masjid (translated Red Mosque) is a mosque located in Islamabad, the capital of Pakistan.",
    );
    expect(allText).toContain("about 12,000 students attended");
    expect(allText).not.toMatch(/\\[()]| ,| 's/u);
  });

  it("keeps the image caption out of the sentences and in its section", () => {
    const siege = article.sections.find((section) => section.heading === "Siege");
    expect(siege?.captions).toEqual(["Location of Lal Masjid in Islamabad (marked with a red spot)"]);
    expect(allText).not.toContain("thumb");
    expect(allText).not.toContain("red spot");
  });

  it("recovers categories and external links from the trailer", () => {
    expect(article.categories).toContain("Deobandi mosques");
    expect(article.categories).toHaveLength(5);
    expect(article.externalLinks).toEqual(["Lal Masjid Official", "Jamia Hafsa Official"]);
    expect(allText).not.toContain("Category");
  });

  it("groups sentences into passages of one section with stable article/section/n ids", () => {
    const body = article.passages.filter((passage) => passage.kind === "body");
    expect(body[0]?.id).toBe("lal-masjid/lead/1");
    for (const passage of body) {
      expect(passage.id).toMatch(/^lal-masjid\/[a-z0-9-]+\/\d+$/u);
      const words = passage.text.split(/\s+/u).length;
      expect(words).toBeLessThanOrEqual(130);
    }
    expect(new Set(article.passages.map((p) => p.id)).size).toBe(article.passages.length);
    expect(article.passages.map((p) => p.id)).toContain("lal-masjid/siege/caption");
    expect(article.passages.map((p) => p.id)).toContain("lal-masjid/categories/1");
  });

  it("maps every token to the exact characters it occupies in the readable sentence", () => {
    for (const sentence of article.sections.flatMap((section) => section.sentences)) {
      const tokens = sentence.tokens ?? [];
      expect(tokens.length).toBeGreaterThan(0);
      for (const token of tokens) {
        const shown = sentence.text.slice(token.start, token.end);
        const expected = token.source.replace(/^\\/u, "");
        expect(shown.toLowerCase()).toBe(expected.toLowerCase());
      }
    }
  });
});

describe("ingesting a stripped article the rules were not written for", () => {
  it("splits sentences with the committed boundary model, where the rules alone run some together", () => {
    // A blind batch's lecture transcript (not in the model's training text), stripped as the seed is.
    const lecture = readFileSync(
      join(projectRoot, "tests/fixtures/blind/library-21/semmelweis-lecture.txt"),
      "utf8",
    );
    const text = stripArticle(lecture).text;
    const article = ingestFile({ file: "semmelweis.txt", id: "semmelweis", text, metadata: {} });
    const sentences = article?.sections.flatMap((section) => section.sentences.map((s) => s.text)) ?? [];
    expect(sentences).toContain("The results were remarkable.");
    expect(sentences.some((sentence) => sentence.startsWith("Back in his homeland he became"))).toBe(true);
    expect(sentences.some((sentence) => sentence.startsWith("Only in 1861 did he finally publish"))).toBe(
      true,
    );
    // The hand rules alone join each of these to the sentence before.
    const byRules = parseStripped(text).sections.flatMap((section) =>
      section.sentences.map((sentence) => sentence.map((token) => token.source).join(" ")),
    );
    for (const opening of ["The results were remarkable", "Back in his homeland", "Only in 1861"])
      expect(byRules.some((sentence) => sentence.startsWith(opening))).toBe(false);
  });

  it("takes a page's title line, which the lead restates at once, for the title (blind batch 41)", () => {
    const ingest = (text: string) =>
      ingestFile({ file: "article-c.txt", id: "article-c", text, metadata: {} });
    const stethoscope = ingest(
      "Stethoscope The stethoscope is a medical instrument used for auscultation , the practice of listening to the sounds of the body It was invented in 1816 by René Laennec",
    );
    expect(stethoscope?.title).toBe("Stethoscope");
    expect(stethoscope?.sections[0]?.sentences[0]?.text).toMatch(/^The stethoscope is a medical instrument/u);
    const hokusai = ingest(
      "Katsushika Hokusai Katsushika Hokusai \\( c 1760 1849 \\) was a Japanese painter and printmaker of the ukiyo e school He was born in the Katsushika district of Edo",
    );
    expect(hokusai?.title).toBe("Katsushika Hokusai");
    // The seed has no title line: its first words are the lead's.
    const seed = ingest(
      "The Lal Masjid \\( translated Red Mosque \\) is a mosque located in Islamabad , the capital of Pakistan It was built in 1965 and named for its red walls",
    );
    expect(seed?.title).toBe("Lal Masjid");
  });
});

describe("ingesting ordinary punctuated text", () => {
  const dir = tempCorpus({
    "harbour.md": [
      "# Old Harbour",
      "",
      "The Old Harbour is a port in St. Ives. It was built in 1770 by Mr. Smeaton!",
      "",
      "## History",
      "",
      "Fishing boats used it for centuries. In 1890, a pier was added.",
      "",
      "![The pier at low tide](pier.jpg)",
      "",
      "## External links",
      "",
      "- [Harbour trust](https://example.org)",
      "",
      "Category: Ports | Buildings completed in 1770",
    ].join("\n"),
  });
  const { files } = readCorpusFiles(dir);
  const article = ingestFile(files[0] as (typeof files)[0]) as Article;

  it("splits sentences at final punctuation but not after abbreviations", () => {
    expect(article.sections[0]?.sentences.map((s) => s.text)).toEqual([
      "The Old Harbour is a port in St. Ives.",
      "It was built in 1770 by Mr. Smeaton!",
    ]);
  });

  it("takes the title from the Markdown title line and finds headings, captions, links, categories", () => {
    expect(article.title).toBe("Old Harbour");
    expect(article.format).toBe("punctuated");
    expect(article.sections.map((s) => s.heading)).toEqual([null, "History"]);
    expect(article.sections[1]?.captions).toEqual(["The pier at low tide"]);
    expect(article.externalLinks).toEqual(["Harbour trust"]);
    expect(article.categories).toEqual(["Ports", "Buildings completed in 1770"]);
  });
});

describe("shorter names a long title holds", () => {
  it("are the main title before a subtitle, and the file's name when the title contains it", () => {
    expect(
      titleAliases(
        "The South Sea Bubble of 1720: Credit, Speculation and the Birth of a Political Career",
        "south-sea-bubble",
      ),
    ).toEqual(["The South Sea Bubble of 1720", "South Sea Bubble"]);
    expect(titleAliases("DNA Replication — Revision Sheet", "dna-replication")).toEqual(["DNA Replication"]);
    expect(titleAliases("Lal Masjid", "lal-masjid")).toEqual([]);
    expect(titleAliases("The Water Cycle", "notes-week-3")).toEqual([]);
  });

  it("let a question that only names the article by them get its opening", () => {
    const { engine } = loadEngine({
      corpusDir: join(projectRoot, "tests/fixtures/blind/library-19"),
      cacheDir: null,
    });
    const answer = engine.answer("tell me about the south sea bubble");
    expect(answer.excerpts.map((excerpt) => excerpt.text)).toEqual([
      expect.stringMatching(/^When historians want an example of how a whole society/u),
    ]);
  });
});

describe("other names given in a lead sentence", () => {
  it("are read after a marker such as 'also known as', 'officially' or 'lit.', before the sentence says what the subject is", () => {
    expect(
      leadAliases("Islamism, also known as Political Islam (Arabic: x), is a movement.", "Islamism"),
    ).toEqual(["Political Islam"]);
    expect(
      leadAliases(
        "The Yuan dynasty (Chinese: x), officially the Great Yuan (Chinese: y), was an empire.",
        "Yuan dynasty",
      ),
    ).toEqual(["Great Yuan"]);
    expect(leadAliases("The Lal Masjid (Urdu: x, lit. 'Red Mosque') is a mosque.", "Lal Masjid")).toEqual([
      "Red Mosque",
    ]);
  });

  it("are not read from what the sentence says after its subject, nor cut from a longer name", () => {
    expect(
      leadAliases(
        "Harvard is the oldest college, and the Harvard Corporation (formally, the President and Fellows) is its board.",
        "Harvard",
      ),
    ).toEqual([]);
    expect(
      leadAliases("Cuenca (officially Santa Ana de los Cuatro Rios de Cuenca) is a city.", "Cuenca"),
    ).toEqual([]);
    expect(leadAliases("The Old Harbour is a port in St. Ives.", "Old Harbour")).toEqual([]);
  });
});

describe("bad corpus input", () => {
  it("skips empty, binary, non-UTF-8 and oversized files with a warning naming each, and loads the rest", () => {
    const dir = tempCorpus({
      "good.txt": "Good text is here. It has two sentences about a harbour.",
      "empty.txt": "   \n",
      "binary.txt": Buffer.from([0x47, 0x00, 0x01, 0x02]),
      "latin1.txt": Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e]),
      "huge.md": "word ".repeat(2_000),
      "notes.json": "{}",
    });
    const { files, warnings } = readCorpusFiles(dir, { maxFileBytes: 5_000 });
    expect(files.map((file) => file.file)).toEqual(["good.txt"]);
    const byFile = Object.fromEntries(warnings.map((w) => [w.file, w.message]));
    expect(byFile["empty.txt"]).toMatch(/empty/u);
    expect(byFile["binary.txt"]).toMatch(/binary/u);
    expect(byFile["latin1.txt"]).toMatch(/UTF-8/u);
    expect(byFile["huge.md"]).toMatch(/too large/u);
    expect(ingestCorpus(dir, files, warnings)).toHaveLength(1);
  });

  it("reads a byte-order mark away, follows a linked article, skips a folder, and pairs each sidecar", () => {
    const dir = tempCorpus({
      "bom.txt": "\uFEFFThe harbour is deep. Ships come in at dawn.",
      "bom.json": JSON.stringify({ url: "https://example.org/harbour" }),
      "plain.md": "The lighthouse is white. It was lit in 1890.",
    });
    const elsewhere = mkdtempSync(join(tmpdir(), "linked-"));
    writeFileSync(join(elsewhere, "bridge.txt"), "The bridge is long. It opened in 1901.");
    symlinkSync(join(elsewhere, "bridge.txt"), join(dir, "linked.txt"));
    mkdirSync(join(dir, "folder.md"));
    const { files, warnings } = readCorpusFiles(dir);
    expect(warnings).toEqual([]);
    expect(files.map((file) => [file.file, file.text.slice(0, 10), file.metadata.url])).toEqual([
      ["bom.txt", "The harbou", "https://example.org/harbour"],
      ["linked.txt", "The bridge", undefined],
      ["plain.md", "The lighth", undefined],
    ]);
  });

  it("ignores an invalid sidecar with a warning but still loads the article", () => {
    const dir = tempCorpus({
      "port.txt": "The port is old. It was built long ago.",
      "port.json": "{not json",
    });
    const { files, warnings } = readCorpusFiles(dir);
    expect(files).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: "port.json" });
  });

  it("refuses an empty corpus with an error naming the folder", () => {
    const dir = tempCorpus({ "empty.txt": "" });
    const { files, warnings } = readCorpusFiles(dir);
    expect(() => ingestCorpus(dir, files, warnings)).toThrow(CorpusError);
    expect(() => ingestCorpus(dir, files, warnings)).toThrow(dir);
  });

  it("refuses a corpus of only unreadable files with an error carrying each file's warning", () => {
    const dir = tempCorpus({
      "empty.txt": "",
      "binary.md": Buffer.from([0x00, 0x01]),
      "latin1.txt": Buffer.from([0x63, 0x61, 0x66, 0xe9]),
    });
    const { files, warnings } = readCorpusFiles(dir);
    let refusal: unknown;
    try {
      ingestCorpus(dir, files, warnings);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(CorpusError);
    expect((refusal as CorpusError).warnings.map((warning) => warning.file)).toEqual([
      "binary.md",
      "empty.txt",
      "latin1.txt",
    ]);
  });

  it("reports a missing corpus folder clearly", () => {
    expect(() => readCorpusFiles("/nonexistent/corpus")).toThrow(
      /corpus folder not found: \/nonexistent\/corpus/u,
    );
  });
});
