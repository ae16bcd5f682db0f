import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stackedInfobox, stackedTables } from "../../../src/core/ingest/line-layouts.ts";
import { projectRoot } from "../../support/paths.ts";

describe("tables copied out of a PDF one cell per line", () => {
  // A table copied out of a PDF one cell per line, under its title, between two paragraphs.
  const rainfall = readFileSync(
    join(projectRoot, "tests/fixtures/pasted/pdf-table-cell-lines.txt"),
    "utf8",
  ).split("\n");

  it("finds the header and the rows by the columns of figures", () => {
    expect([...stackedTables(rainfall).values()]).toEqual([{ start: 5, columns: 3, rows: 4 }]);
  });

  it("leaves short lines without columns of figures alone", () => {
    const menu = ["Home", "Visit", "Opening times", "Prices", "Events", "Shop", "Contact us"];
    expect(stackedTables(menu).size).toBe(0);
    const poem = [
      "The rain in Kendal",
      "falls on the fells",
      "and the becks",
      "run down",
      "to the lake",
      "at dusk",
    ];
    expect(stackedTables(poem).size).toBe(0);
    // A figure in the header's place is no header.
    const numbers = ["12", "14", "Shap", "15", "17", "Orton", "20", "22", "Tebay"];
    expect(stackedTables(numbers).size).toBe(0);
  });
});

describe("an infobox copied from a phone one label or value per line", () => {
  // The box's title, its rows and the lead of a page copied on a phone, without the site's tabs above them.
  const copied = readFileSync(join(projectRoot, "tests/fixtures/pasted/mobile-wikipedia-copy.txt"), "utf8");
  const page = copied.split("\n").slice(9, 19);

  it("pairs each label with the value under it, from the last value back, and finds the box's title", () => {
    const box = stackedInfobox(page);
    expect([...box.pairs]).toEqual([
      [7, 8],
      [5, 6],
      [3, 4],
      [1, 2],
    ]);
    expect([...box.titles]).toEqual([0]);
  });

  it("leaves short headings, a list of names and text after the first paragraph alone", () => {
    const outline = [
      "Contents",
      "History",
      "Design",
      "Operation",
      "Legacy",
      "A paragraph that is long enough to be the page's lead, with fifteen words or more in it.",
    ];
    expect(stackedInfobox(outline).pairs.size).toBe(0);
    const names = [
      "Cast",
      "Ada Lovelace",
      "Charles Babbage",
      "Mary Somerville",
      "Michael Faraday",
      "Augustus De Morgan",
      "Lord Byron",
    ];
    expect(stackedInfobox(names).pairs.size).toBe(0);
    const later = [page[9] as string, ...page.slice(1, 9)];
    expect(stackedInfobox(later).pairs.size).toBe(0);
  });

  it("stops a run at the page's furniture", () => {
    const withTabs = ["Article", "Talk", "Watch", "Edit", ...page];
    const box = stackedInfobox(withTabs, (n) => n < 4);
    expect([...box.pairs.keys()]).toEqual([11, 9, 7, 5]);
    expect([...box.titles]).toEqual([4]);
  });
});
