import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readEvalItems } from "../../../src/cli/evaluation.ts";
import { loadEngine } from "../../../src/core/engine.ts";
import { ingestFile } from "../../../src/core/ingest/corpus.ts";
import { ingestText, sentencesOf } from "../../support/ingest.ts";
import { projectRoot } from "../../support/paths.ts";

const fixtureDir = join(projectRoot, "tests/fixtures/pasted");
const pasted = readFileSync(join(fixtureDir, "chappe-telegraph.txt"), "utf8");

describe("an article pasted from Wikipedia with its markup", () => {
  const article = ingestText(pasted);
  const passageText = article.passages.map((passage) => `${passage.sectionHeading}: ${passage.text}`);

  it("takes the title from the first line and the headings without their edit links", () => {
    expect(article.title).toBe("Chappe telegraph");
    expect(article.sections.map((section) => section.heading)).toEqual([
      null,
      "History",
      "Design",
      "Operation",
      "The Blanc affair",
      "Decline",
      "Legacy",
    ]);
  });

  it("cites the page its Retrieved from footer names, as the page's address", () => {
    expect(article.url).toBe("https://example.org/wiki/Chappe_telegraph");
  });

  it("splits the 40 sentences of the body, table rows included, at punctuation before a marker", () => {
    const sentences = sentencesOf(article);
    expect(sentences).toHaveLength(40);
    expect(sentences).toContain("The electric telegraph replaced the Chappe system from the 1840s.");
    expect(sentences).toContain(
      "It was replaced because the electric telegraph worked at night and in any weather, needed far fewer staff, and was much faster.",
    );
    expect(sentences).toContain("Line: Paris–Strasbourg; Opened: 1798; Direction: east.");
  });

  it("shows no citation marker, entity, emphasis, link or table markup in any passage", () => {
    for (const text of passageText) {
      expect(text).not.toMatch(/\[[^\]]*\]|&[#\w]+;|\*|__|\b_|_\b|\||\]\(|<\/?\w/u);
    }
    expect(passageText.join(" ")).toContain("the country's borders");
    expect(passageText.join(" ")).toContain("On 2 March 1791");
    expect(passageText.join(" ")).toContain("A fuller history is given by Holzmann and Pehrson, who");
  });

  it("keeps page furniture, references, notes, see-also and further reading out of every passage", () => {
    for (const text of passageText) {
      expect(text).not.toMatch(
        /References|Notes|See also|Further reading|Retrieved|\^|Semaphore line|Heliograph/u,
      );
      expect(text).not.toMatch(/Holzmann, Gerard|Coe, Lewis|Example Journal|lottery/u);
      expect(text).not.toMatch(/Wikipedia|This article is about|Contents|Main article|Retrieved from/u);
    }
  });

  it("keeps the external links and categories as the article's links and categories", () => {
    expect(article.externalLinks).toEqual([
      "Chappe telegraph at the museum of telecommunications",
      "Tower of Saint-Marcan",
    ]);
    expect(article.categories).toEqual([
      "Optical telegraphy",
      "History of telecommunications in France",
      "1794 introductions",
    ]);
  });

  it("maps every token to its characters in the readable sentence and to its place in the file", () => {
    for (const sentence of article.sections.flatMap((section) => section.sentences)) {
      const tokens = sentence.tokens ?? [];
      expect(tokens.length).toBeGreaterThan(0);
      for (const token of tokens) {
        expect(sentence.text.slice(token.start, token.end).toLowerCase()).toBe(token.source.toLowerCase());
        // Punctuation inserted between table cells has no source of its own.
        if (token.sourceEnd === token.sourceStart) continue;
        // The span starts and ends on the token's own characters, or on the entities they were written as.
        const source = pasted.slice(token.sourceStart, token.sourceEnd);
        expect([token.source.at(0), "&"]).toContain(source.at(0));
        expect([token.source.at(-1), ";"]).toContain(source.at(-1));
      }
    }
  });

  it("recovers the same sections and sentences when paragraphs are separated by single line breaks", () => {
    const singleBreaks = ingestText(pasted.replace(/\n{2,}/gu, "\n"));
    expect(singleBreaks.sections.map((section) => section.heading)).toEqual(
      article.sections.map((section) => section.heading),
    );
    expect(sentencesOf(singleBreaks)).toEqual(sentencesOf(article));
  });

  it("answers its questions from the sentences that state the answer", () => {
    const { engine } = loadEngine({ corpusDir: fixtureDir, cacheDir: null });
    for (const item of readEvalItems(join(fixtureDir, "chappe-telegraph.jsonl"))) {
      const answer = engine.answer(item.question);
      expect(answer.answered, item.question).toBe(item.answerable);
      if (item.answerable) expect(answer.excerpts[0]?.text, item.question).toContain(item.evidence);
    }
  });
});

describe("the structure of pasted text", () => {
  it("treats a References line followed by numbered entries as back matter, not text", () => {
    const article = ingestText(
      [
        "The old semaphore was replaced by the electric telegraph.[1] It was replaced because it could not work at night.[2]",
        "References",
        "1. ^ Wilson, Geoffrey (1976). The Old Telegraphs. Phillimore.",
        "2. ^ Holzmann & Pehrson 1995, p. 56.",
      ].join("\n"),
    );
    expect(sentencesOf(article)).toEqual([
      "The old semaphore was replaced by the electric telegraph.",
      "It was replaced because it could not work at night.",
    ]);
    expect(article.sections).toHaveLength(1);
  });

  it("never reads a back-matter entry as a heading, and keeps external links after it", () => {
    const article = ingestText(
      [
        "The harbour was built in 1770.",
        "",
        "See also",
        "Harbours of Cornwall",
        "Fishing industry",
        "",
        "Further reading",
        '"The harbour trust". Harbour Review. 2001.',
        "Coe, Lewis (1993). The Harbour",
        "",
        "External links",
        "- [Harbour trust](https://example.org/trust)",
      ].join("\n"),
    );
    expect(article.sections.map((section) => section.heading)).toEqual([null]);
    expect(sentencesOf(article)).toEqual(["The harbour was built in 1770."]);
    expect(article.externalLinks).toEqual(["Harbour trust"]);
  });

  it("makes each list item of the body a sentence of its own", () => {
    const article = ingestText(
      [
        "The pier has three parts:",
        "",
        "- the outer wall",
        "- the inner basin",
        "* a slipway for boats",
      ].join("\n"),
    );
    expect(sentencesOf(article)).toEqual([
      "The pier has three parts:",
      "The outer wall.",
      "The inner basin.",
      "A slipway for boats.",
    ]);
  });

  it("keeps a hard-wrapped line that starts a sentence in its paragraph", () => {
    const article = ingestText(
      [
        "It was built in 1673.",
        "The mosque was commissioned by",
        "Aurangzeb, the sixth Mughal emperor.",
      ].join("\n"),
    );
    expect(article.sections.map((section) => section.heading)).toEqual([null]);
    expect(sentencesOf(article)).toEqual([
      "It was built in 1673.",
      "The mosque was commissioned by Aurangzeb, the sixth Mughal emperor.",
    ]);
  });

  it("drops table separator rows, wikitext table syntax and empty rows", () => {
    const article = ingestText(
      [
        "The lines opened one by one.",
        "",
        '{| class="wikitable"',
        "|-",
        "| Paris–Lille || 1794",
        "| | |",
        "|}",
      ].join("\n"),
    );
    expect(sentencesOf(article)).toEqual(["The lines opened one by one.", "Paris–Lille; 1794."]);
  });
});

describe("a file whose every line is markup", () => {
  it("is not an article", () => {
    expect(
      ingestFile({ file: "markup.txt", id: "markup", text: "[1][2]\n|---|---|\n", metadata: {} }),
    ).toBeNull();
  });
});

describe("an article copied from Wikipedia's mobile site", () => {
  // A page copied on a phone: the site's name, its search box and tabs, an infobox one label or value per
  // line, each heading over a lone `edit` link, the footer.
  const mobileCopy = readFileSync(join(fixtureDir, "mobile-wikipedia-copy.txt"), "utf8");
  const article = ingestText(mobileCopy);

  it("takes the title from under the site's name and search box, not the site's name", () => {
    expect(article.title).toBe("Bell Rock Lighthouse");
  });

  it("reads each heading apart from its edit link and the section's first sentence", () => {
    expect(article.sections.map((section) => section.heading).filter((heading) => heading !== null)).toEqual([
      "History",
      "Design",
    ]);
    const history = article.sections.find((section) => section.heading === "History");
    expect(history?.sentences[0]?.text).toBe("The reef had wrecked many ships before the light was lit.");
  });

  it("reads the infobox's alternating label and value lines as one sentence each, under no heading", () => {
    const sentences = sentencesOf(article);
    expect(sentences.slice(0, 4)).toEqual([
      "Location: Inchcape, Angus, Scotland.",
      "Constructed: 1807–1810.",
      "Height: 35 m (115 ft).",
      "Designer: Robert Stevenson.",
    ]);
    expect(article.sections[0]?.heading).toBeNull();
  });
});

describe("Markdown footnotes, as note-taking apps write them", () => {
  it("drops each reference and reads each note as a sentence of its own, without its label", () => {
    const article = ingestText(
      [
        "# The Dissolution",
        "",
        "The houses held between a fifth and a quarter of the land[^1]. Most were closed by 1540.[^note-2]",
        "",
        "[^1]: The textbook says about a quarter.",
        "[^note-2]: Waltham Abbey was the last to go.",
      ].join("\n"),
    );
    expect(sentencesOf(article)).toEqual([
      "The houses held between a fifth and a quarter of the land.",
      "Most were closed by 1540.",
      "The textbook says about a quarter.",
      "Waltham Abbey was the last to go.",
    ]);
  });
});
