import { describe, expect, it } from "vitest";
import { stackedTables } from "../../../src/core/ingest/line-layouts.ts";

describe("tables copied out of a PDF one cell per line", () => {
  const rainfall = [
    "Table 2. Rainfall at three stations",
    "Station",
    "Height (m)",
    "Rain (mm)",
    "Kendal",
    "45",
    "1,412",
    "Shap",
    "255",
    "1,870",
    "Appleby",
    "130",
    "816",
    "Source: station records.",
  ];

  it("finds the header and the rows by the columns of figures", () => {
    expect([...stackedTables(rainfall).values()]).toEqual([{ start: 1, columns: 3, rows: 4 }]);
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
