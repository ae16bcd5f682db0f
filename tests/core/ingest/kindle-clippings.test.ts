import { describe, expect, it } from "vitest";
import { kindleClippingsAsText } from "../../../src/core/ingest/kindle-clippings.ts";
import { ingestText, sentencesOf } from "../../support/ingest.ts";

const clippings = [
  "\uFEFFThe Salt Roads (Ann Perry)",
  "- Your Highlight on page 12 | Location 150-152 | Added on Monday, 3 March 2025 21:30:47",
  "",
  "The oldest road into Rome was named for the salt carried along it, and it ran",
  "==========",
  "The Salt Roads (Ann Perry)",
  "- Your Note on page 12 | Location 152 | Added on Monday, 3 March 2025 21:31:02",
  "",
  "check the seminar reading",
  "==========",
  "The Salt Roads (Ann Perry)",
  "- Your Bookmark on page 20 | Location 301 | Added on Monday, 3 March 2025 21:40:00",
  "",
  "",
  "==========",
  "The Salt Roads (Ann Perry)",
  "- Your Highlight on page 31 | Location 420-421 | Added on Tuesday, 4 March 2025 08:02:10",
  "",
  "In 1835 the Shenhai well reached a depth of 1,001 metres.",
  "==========",
].join("\n");

describe("a Kindle's clippings file", () => {
  it("is not read from text without its separators and place lines", () => {
    expect(kindleClippingsAsText("A note.\n==========\nAnother note.\n==========\n")).toBeNull();
  });

  it("keeps only the highlights and notes, each apart, under the book's title", () => {
    const article = ingestText(clippings, "My Clippings.txt", "my-clippings");
    expect(article.title).toBe("The Salt Roads (Ann Perry)");
    expect(sentencesOf(article)).toEqual([
      "The oldest road into Rome was named for the salt carried along it, and it ran.",
      "Check the seminar reading.",
      "In 1835 the Shenhai well reached a depth of 1,001 metres.",
    ]);
  });
});
