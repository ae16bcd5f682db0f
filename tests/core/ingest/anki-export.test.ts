import { describe, expect, it } from "vitest";
import { ankiNotesAsText } from "../../../src/core/ingest/anki-export.ts";
import { ingestText, sentencesOf } from "../../support/ingest.ts";

// An Anki "Notes in Plain Text" export: headers, then front / back / tags, a cloze note, a quoted field.
const deck = [
  "#separator:tab",
  "#html:true",
  "#deck:Tudor England",
  "#tags column:3",
  "Who founded the Tudor dynasty?\tHenry VII, after <b>Bosworth</b> (1485)\ttudors::kings",
  "Name the queen executed in 1536.\tAnne Boleyn\ttudors::queens",
  "Henry VIII broke with Rome in {{c1::1534}} by the {{c2::Act of Supremacy::law}}.\t\ttudors::church cloze",
  '"The ""Field of the Cloth of Gold"""\t"A meeting with Francis I,\nheld in 1520"\ttudors::diplomacy',
].join("\n");

describe("an Anki deck exported as plain text", () => {
  it("is not read from text without Anki's headers", () => {
    expect(ankiNotesAsText("Who founded the Tudor dynasty?\tHenry VII")).toBeNull();
  });

  it("reads each card with its answer, each cloze note as its sentence, and no header or tag", () => {
    const article = ingestText(deck, "tudors.txt", "tudors");
    const sentences = sentencesOf(article);
    expect(article.title).toBe("Tudor England");
    expect(sentences).toContain("Who founded the Tudor dynasty?: Henry VII, after Bosworth (1485).");
    expect(sentences).toContain("Name the queen executed in 1536: Anne Boleyn.");
    expect(sentences).toContain("Henry VIII broke with Rome in 1534 by the Act of Supremacy.");
    expect(sentences).toContain('The "Field of the Cloth of Gold": A meeting with Francis I, held in 1520.');
    expect(sentences.join(" ")).not.toMatch(/tudors::|#separator|\{\{|<b>/u);
  });
});
