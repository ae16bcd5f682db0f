import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  splitPunctuatedSentences,
  stripArticle,
  stripSentence,
} from "../../../../src/core/ingest/segment/strip.ts";
import { sharedDir, sharedMissing, sharedPresent } from "../../../support/paths.ts";

describe("stripping punctuated prose into the seed's format, keeping the boundaries as labels", () => {
  it("strips punctuation the way the shared pool was stripped", () => {
    expect(
      stripSentence(`Iran was the world's second-largest oil exporter; it sold 12,000 barrels at 7:50 p.m.`),
    ).toBe("Iran was the world 's second largest oil exporter it sold 12 , 000 barrels at 7 50 p m");
    expect(stripSentence(`It (the "first oil shock") isn't over.`)).toBe(
      "It \\( the first oil shock \\) isn't over",
    );
  });

  it("splits sentences at final punctuation but not after abbreviations or initials", () => {
    expect(
      splitPunctuatedSentences("Dr. Smith met John F. Kennedy in St. Louis. It rained. The U.S. Army left."),
    ).toEqual(["Dr. Smith met John F. Kennedy in St. Louis.", "It rained.", "The U.S. Army left."]);
  });

  it("keeps Markdown headings inline as pieces of their own and drops the title line", () => {
    const stripped = stripArticle("# Title\n\nFirst one. Second one.\n\n## History\n\nThird one.");
    expect(stripped.text).toBe("First one Second one History Third one");
    expect(stripped.pieceStarts.map((at) => stripped.text.slice(at).split(" ")[0])).toEqual([
      "First",
      "Second",
      "History",
      "Third",
    ]);
    expect(stripped.headingStarts).toEqual([stripped.text.indexOf("History")]);
  });

  it.skipIf(!sharedPresent)(
    `reproduces the shared pool's text from a punctuated SQuAD article (${sharedMissing} when absent)`,
    () => {
      const markdown = readFileSync(join(sharedDir, "eval/squad/corpus/1973-oil-crisis.md"), "utf8");
      const pool = readFileSync(join(sharedDir, "eval/stripped/corpus/1973-oil-crisis.txt"), "utf8");
      const firstParagraph = stripArticle(markdown.split("\n\n").slice(0, 2).join("\n\n")).text;
      expect(pool.startsWith(firstParagraph)).toBe(true);
    },
  );
});
