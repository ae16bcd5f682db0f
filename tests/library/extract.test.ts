import { describe, expect, it } from "vitest";
import {
  extractUploadText,
  formatBytes,
  type UploadLimits,
  uploadKindOf,
  uploadProblems,
} from "../../src/library/extract.ts";
import { makeDrawingOnlyPdf, makePasswordPdf, makeTextPdf } from "./pdf-fixtures.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);

async function textOf(fileName: string, bytes: Uint8Array, limits?: UploadLimits): Promise<string> {
  const extracted = await extractUploadText(fileName, bytes, limits);
  if (!extracted.ok) throw new Error(`refused: ${extracted.problem}`);
  return extracted.text;
}

async function problemOf(fileName: string, bytes: Uint8Array, limits?: UploadLimits): Promise<string> {
  const extracted = await extractUploadText(fileName, bytes, limits);
  if (extracted.ok) throw new Error(`accepted as ${extracted.kind}: ${extracted.text.slice(0, 80)}`);
  return extracted.problem;
}

/** One printed page about the Faisal Mosque, numbered so page order can be checked. */
function mosquePage(n: number): string[] {
  return [
    `Chapter ${n}`,
    `In part ${n} of this account, the Faisal Mosque stands at the foot of the Margalla Hills in Islamabad. ` +
      "Its design by Vedat Dalokay was chosen in an international competition in 1969, and building began " +
      "in 1976 with funds from King Faisal of Saudi Arabia.",
    `Page ${n} closes with the mosque's prayer hall, which holds ten thousand worshippers under a tent-like roof.`,
  ];
}

describe("naming an upload's kind", () => {
  it("knows .txt, .md, .pdf and subtitle files in any case and nothing else", () => {
    expect(uploadKindOf("notes.TXT")).toBe("txt");
    expect(uploadKindOf("lecture.srt")).toBe("txt");
    expect(uploadKindOf("lecture.VTT")).toBe("txt");
    expect(uploadKindOf("Lal Masjid.md")).toBe("md");
    expect(uploadKindOf("scan.Pdf")).toBe("pdf");
    expect(uploadKindOf("report.docx")).toBeNull();
    expect(uploadKindOf("README")).toBeNull();
  });
});

describe("formatting sizes for people", () => {
  it("uses whole numbers where they are exact and one decimal otherwise", () => {
    expect(formatBytes(2 * 1024 * 1024)).toBe("2 MB");
    expect(formatBytes(512 * 1024)).toBe("512 KB");
    expect(formatBytes(1.5 * 1024 * 1024)).toBe("1.5 MB");
    expect(formatBytes(2.4 * 1024 * 1024)).toBe("2.4 MB");
    expect(formatBytes(300)).toBe("300 bytes");
  });
});

describe("reading plain text and Markdown uploads", () => {
  it("accepts UTF-8 Markdown and drops a byte order mark", async () => {
    const markdown =
      "# Faisal Mosque\n\nThe Faisal Mosque was designed by Vedat Dalokay. Its café is in Islamabad.\n";
    const text = await textOf("faisal.md", utf8(`\uFEFF${markdown}`));
    expect(text).toBe(markdown);
  });

  it("refuses Latin-1 bytes as not UTF-8", async () => {
    const latin1 = Uint8Array.from([...utf8("Caf"), 0xe9, ...utf8(" au lait is a drink.")]);
    expect(await problemOf("menu.txt", latin1)).toBe(uploadProblems.notUtf8);
  });

  it("refuses a file with NUL bytes as binary, even though it would decode", async () => {
    const withNul = Uint8Array.from([...utf8("Some text"), 0, ...utf8("more text")]);
    expect(await problemOf("data.txt", withNul)).toBe(uploadProblems.binary);
  });

  it("refuses a file full of control characters as binary rather than as not UTF-8", async () => {
    const bytes = Uint8Array.from({ length: 400 }, (_, n) =>
      n % 3 === 0 ? 0x01 : n % 3 === 1 ? 0xff : 0x41,
    );
    expect(await problemOf("image.md", bytes)).toBe(uploadProblems.binary);
  });

  it("refuses an empty or whitespace-only file", async () => {
    expect(await problemOf("empty.txt", new Uint8Array())).toBe(uploadProblems.empty);
    expect(await problemOf("blank.md", utf8(" \n\t\n "))).toBe(uploadProblems.empty);
  });

  it("refuses a Word document as an unknown type, listing the accepted ones", async () => {
    const problem = await problemOf("essay.docx", utf8("PK\u0003\u0004"));
    expect(problem).toBe(uploadProblems.unknownType);
    expect(problem).toMatch(/\.txt, \.md, \.pdf, LaTeX \(\.tex\), \.html or subtitle \(\.srt, \.vtt\)/u);
  });

  it("refuses a file over the download limit, naming the limit", async () => {
    const limits = { maxTextBytes: 2 * 1024 * 1024, maxDownloadBytes: 1024 };
    const problem = await problemOf("long.txt", utf8("The mosque is large. ".repeat(100)), limits);
    expect(problem).toBe("The file is 2.1 KB; the limit is 1 KB per upload.");
  });

  it("refuses text over the text limit, naming the limit", async () => {
    const limits = { maxTextBytes: 2048, maxDownloadBytes: 20 * 1024 * 1024 };
    const problem = await problemOf("long.md", utf8("The mosque is large. ".repeat(120)), limits);
    expect(problem).toBe("The text is 2.5 KB; the limit is 2 KB per article.");
  });

  it("says 'more than' when the size would print the same as the limit", async () => {
    const limits = { maxTextBytes: 2048, maxDownloadBytes: 20 * 1024 * 1024 };
    const problem = await problemOf("edge.txt", utf8("a".repeat(2049)), limits);
    expect(problem).toBe("The text is more than 2 KB; the limit is 2 KB per article.");
  });
});

describe("reading PDF uploads", () => {
  it("extracts both pages' sentences, with a blank line between the pages", async () => {
    const pdf = await makeTextPdf([
      ["The Faisal Mosque is the national mosque of Pakistan.", "It was completed in 1986."],
      ["The mosque is named after King Faisal of Saudi Arabia."],
    ]);
    const extracted = await extractUploadText("faisal.pdf", pdf);
    expect(extracted).toEqual({
      ok: true,
      kind: "pdf",
      pages: 2,
      text:
        "The Faisal Mosque is the national mosque of Pakistan.\nIt was completed in 1986.\n\n" +
        "The mosque is named after King Faisal of Saudi Arabia.",
    });
  });

  it("joins a word hyphenated across lines only when the joined word occurs elsewhere", async () => {
    const pdf = await makeTextPdf([
      [
        "The architects began the con-",
        "struction in 1976. The construction took ten years.",
        "The hills are a well-",
        "known landmark.",
      ],
    ]);
    const text = await textOf("hyphens.pdf", pdf);
    expect(text).toContain("began the construction in 1976.");
    expect(text).toContain("are a well-\nknown landmark.");
  });

  it("refuses a PDF with only a drawing as having no text layer", async () => {
    expect(await problemOf("scan.pdf", await makeDrawingOnlyPdf())).toBe(uploadProblems.noTextLayer);
  });

  it("refuses random bytes named .pdf as not a PDF", async () => {
    const random = Uint8Array.from({ length: 4096 }, (_, n) => (n * 7919 + 13) % 251);
    expect(await problemOf("paper.pdf", random)).toBe(uploadProblems.notPdf);
  });

  it("refuses a file with a PDF header but a broken body as unreadable", async () => {
    expect(await problemOf("broken.pdf", utf8("%PDF-1.7\nthis is not a PDF body at all\n"))).toBe(
      uploadProblems.unreadablePdf,
    );
  });

  it("refuses a password-protected PDF, saying so", async () => {
    expect(await problemOf("minutes.pdf", await makePasswordPdf())).toBe(uploadProblems.passwordPdf);
  });

  it("joins a hyphenated word on one page when the joined word is on another", async () => {
    const pdf = await makeTextPdf([
      ["The dome-less design surprised critics of its con-", "struction."],
      ["Its construction was funded by Saudi Arabia."],
    ]);
    expect(await textOf("pages.pdf", pdf)).toContain("critics of its construction.\n\nIts construction");
  });

  it("refuses PDF text over the text limit, naming the limit", async () => {
    const pdf = await makeTextPdf([mosquePage(1), mosquePage(2)]);
    const limits = { maxTextBytes: 512, maxDownloadBytes: 20 * 1024 * 1024 };
    expect(await problemOf("faisal.pdf", pdf, limits)).toMatch(
      /^The text is \d+ bytes; the limit is 512 bytes per article\.$/u,
    );
  });

  it("reads a 50-page PDF in page order, wrapping long lines to the page width", async () => {
    const pdf = await makeTextPdf(Array.from({ length: 50 }, (_, n) => mosquePage(n + 1)));
    const extracted = await extractUploadText("faisal-history.pdf", pdf);
    if (!extracted.ok) throw new Error(extracted.problem);
    expect(extracted.pages).toBe(50);
    const pages = extracted.text.split("\n\n");
    expect(pages).toHaveLength(50);
    expect(pages[0]).toMatch(/^Chapter 1\nIn part 1 of this account/u);
    expect(pages[49]).toMatch(/^Chapter 50\n/u);
    expect(pages[49]).toMatch(/Page 50 closes with the mosque's prayer hall, which holds ten\s+thousand/u);
    // The long second line of each page is wrapped onto several lines, and no word is lost.
    const firstPageLines = (pages[0] as string).split("\n");
    expect(firstPageLines.length).toBeGreaterThan(4);
    expect((pages[0] as string).replace(/\s+/gu, " ")).toBe(mosquePage(1).join(" "));
  });
});
