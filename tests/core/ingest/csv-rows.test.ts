import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { csvAsMarkdownTables, csvFields } from "../../../src/core/ingest/csv-rows.ts";
import { ingestText, sentencesOf } from "../../support/ingest.ts";
import { projectRoot } from "../../support/paths.ts";

describe("a table exported as comma-separated values", () => {
  it("splits a line at its commas, keeping a quoted field's commas and doubled quotes", () => {
    expect(csvFields('3,Victoria,"Uganda, Kenya, Tanzania",,"The ""Nyanza"""')).toEqual([
      "3",
      "Victoria",
      "Uganda, Kenya, Tanzania",
      "",
      'The "Nyanza"',
    ]);
    expect(csvFields('1,"open quote')).toBeNull();
  });

  it("becomes a Markdown table where a named header stands over three rows or more", () => {
    const text =
      "Lakes by area.\nLake,Country,Area\nCaspian Sea,Iran,371000\nSuperior,Canada,82100\nVictoria,Uganda,68870\nNotes: rounded.";
    expect(csvAsMarkdownTables(text)).toBe(
      [
        "Lakes by area.",
        "",
        "| Lake | Country | Area |",
        "| --- | --- | --- |",
        "| Caspian Sea | Iran | 371000 |",
        "| Superior | Canada | 82100 |",
        "| Victoria | Uganda | 68870 |",
        "",
        "Notes: rounded.",
      ].join("\n"),
    );
  });

  it("leaves prose alone, however many commas its lines hold", () => {
    const prose = [
      "In 1866, after a long voyage, the ship reached London, where crowds waited.",
      "The crew, tired and thin, were paid off, and most went home, or to the taverns.",
      "Its owner, a Scot, sold it in 1870, to a firm in Hamburg, for a good price.",
      "The firm, short of money, sold it again, in 1872, to a Norwegian, who renamed it.",
    ].join("\n");
    expect(csvAsMarkdownTables(prose)).toBe(prose);
    const notes = [
      "- Causes: drought, war, famine",
      "- Effects: migration, death, disease",
      "- Response: aid, loans, reform",
      "- Legacy: memory, songs, laws",
    ].join("\n");
    expect(csvAsMarkdownTables(notes)).toBe(notes);
    expect(csvAsMarkdownTables(notes.replace(/- /gu, ""))).toBe(notes.replace(/- /gu, ""));
    // Rows under a header of numbers are not a table's: a list of figures stays as written.
    expect(csvAsMarkdownTables("1,2,3\n4,5,6\n7,8,9\n10,11,12")).toBe("1,2,3\n4,5,6\n7,8,9\n10,11,12");
  });

  it("pasted into a text file, reads each row as a sentence naming its columns (blind batch 56)", () => {
    const dataset = readFileSync(join(projectRoot, "tests/fixtures/blind/library-56/dataset.txt"), "utf8");
    const sentences = sentencesOf(ingestText(dataset, "dataset.txt", "dataset"));
    const ladoga = sentences.find((sentence) => sentence.includes("Lake: Ladoga"));
    expect(ladoga).toMatch(/^Rank: 14; Lake: Ladoga; Countries: Russia; Continent: Europe;/u);
    expect(sentences.some((sentence) => /Rank,Lake,Countries/u.test(sentence))).toBe(false);
  });
});
