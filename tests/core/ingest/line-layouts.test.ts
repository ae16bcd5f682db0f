import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stackedTables } from "../../../src/core/ingest/line-layouts.ts";
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
