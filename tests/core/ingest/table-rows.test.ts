import { describe, expect, it } from "vitest";
import {
  isTableLine,
  isTableSyntax,
  rowSentence,
  rowsAreNamedValues,
  tableCells,
} from "../../../src/core/ingest/table-rows.ts";
import { detokenize, type SourceToken } from "../../../src/core/text/detokenize.ts";

const cellTokens = (line: string): SourceToken[][] =>
  tableCells(line).map((cell) =>
    [...cell.text.matchAll(/\S+/gu)].map((match) => ({
      source: match[0],
      sourceStart: cell.start + match.index,
      sourceEnd: cell.start + match.index + match[0].length,
    })),
  );

describe("table rows in pasted text", () => {
  it("tells table lines from prose, and rows without content from rows with it", () => {
    expect(isTableLine("| Paris–Lille | 1794 |")).toBe(true);
    expect(isTableLine('{| class="wikitable"')).toBe(true);
    expect(isTableLine("Paris | Lille")).toBe(false);
    for (const syntax of ["|---|:---:|---|", "| --- | --- |", "|-", "|}", '{| class="wikitable"']) {
      expect(isTableSyntax(syntax)).toBe(true);
    }
    expect(isTableSyntax("| Paris–Lille | 1794 |")).toBe(false);
  });

  it("splits a row into its cells with their offsets, the outer pipes closing it", () => {
    const line = "| Paris–Lille | 1794 | north |";
    expect(tableCells(line).map((cell) => [cell.text.trim(), line.slice(cell.start).trimStart()[0]])).toEqual(
      [
        ["Paris–Lille", "P"],
        ["1794", "1"],
        ["north", "n"],
      ],
    );
    expect(tableCells("| a || c |").map((cell) => cell.text.trim())).toEqual(["a", "", "c"]);
  });

  it("reads a data row as a sentence naming each cell by its column", () => {
    const header = cellTokens("| Line | Opened | Direction |");
    const row = cellTokens("| Paris–Strasbourg | 1798 | east |");
    expect(detokenize(rowSentence(header, row), { asSentence: true }).text).toBe(
      "Line: Paris–Strasbourg; Opened: 1798; Direction: east.",
    );
    expect(detokenize(rowSentence([], row), { asSentence: true }).text).toBe("Paris–Strasbourg; 1798; east.");
  });

  it("reads two columns under a header that names no column of its own as named values", () => {
    expect(rowsAreNamedValues(cellTokens("| Field | Value |"))).toBe(true);
    expect(rowsAreNamedValues(cellTokens("| Term | Definition |"))).toBe(true);
    expect(rowsAreNamedValues(cellTokens("|  |  |"))).toBe(true);
    expect(rowsAreNamedValues(cellTokens("| Year | Event |"))).toBe(false);
    expect(rowsAreNamedValues(cellTokens("| Name | Value | Unit |"))).toBe(false);
  });
});
