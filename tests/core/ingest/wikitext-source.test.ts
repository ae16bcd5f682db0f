import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadEngine } from "../../../src/core/engine.ts";
import { isWikitextSource, wikitextToMarkdown } from "../../../src/core/ingest/wikitext-source.ts";
import { headingsOf, ingestText, sentencesOf } from "../../support/ingest.ts";
import { projectRoot } from "../../support/paths.ts";

describe("a Wikipedia article's wikitext source", () => {
  const iceman = readFileSync(join(projectRoot, "tests/fixtures/blind/library-59/wiki-markup.txt"), "utf8");

  it("is told from prose and from notes with wiki links by its headings, bold or templates", () => {
    expect(isWikitextSource(iceman)).toBe(true);
    expect(isWikitextSource("'''Tides''' are [[sea]] level [[wave]]s raised by the [[Moon]].")).toBe(true);
    const obsidian = "# Tides\n\nSee [[Moon]], [[Sun]] and [[Spring tide]] for the forces.\n\n## Kinds\n";
    expect(isWikitextSource(obsidian)).toBe(false);
    expect(isWikitextSource(readFileSync(join(projectRoot, "corpus/lal-masjid.txt"), "utf8"))).toBe(false);
  });

  it("reads as the Markdown it stands for: links as their text, no citations, categories or maintenance templates", () => {
    const source = [
      "{{Short description|Rise and fall of sea levels}}",
      "{{Infobox phenomenon",
      "| name = Tide",
      "| image = Tide.jpg",
      "| caption = Low tide at [[Brest]]",
      "| cause = [[Gravity]] of the [[Moon]] and the Sun",
      "| period = about {{convert|12.4|h}}",
      "}}",
      "'''Tides''' are the rise and fall of [[sea level]]s.<ref>{{cite book |title=Tides |year=2001}}</ref> They were measured {{circa|1590}} in [[London|the Thames]].{{citation needed|date=May 2020}}",
      "",
      "== Kinds ==",
      "[[File:Spring tide.svg|thumb|upright=1.2|A spring tide]]",
      "* '''Spring tides''', the largest<ref name=a />",
      "# First listed",
      '{| class="wikitable"',
      "! Port !! Range",
      "|-",
      '| style="text-align:left" | Brest || 7 m',
      "|}",
      "",
      "== References ==",
      "{{Reflist}}",
      "[[Category:Oceanography]]",
    ].join("\n");
    expect(wikitextToMarkdown(source)).toBe(
      [
        "# Tide",
        "",
        "Cause\tGravity of the Moon and the Sun",
        "Period\tabout 12.4 h",
        "",
        "![Low tide at Brest]()",
        "",
        "Tides are the rise and fall of sea levels. They were measured c. 1590 in the Thames.",
        "",
        "## Kinds",
        "",
        "![A spring tide]()",
        "",
        "- Spring tides, the largest",
        "1. First listed",
        "",
        "Port\tRange",
        "Brest\t7 m",
        "",
        "## References",
      ].join("\n"),
    );
  });

  it("writes a date template as the date it stands for", () => {
    const lead = "'''Meitner''' was born {{birth date|1878|11|7}} in [[Vienna]], [[Austria]] and [[Europe]].";
    expect(wikitextToMarkdown(lead)).toBe(
      "# Meitner\n\nMeitner was born 7 November 1878 in Vienna, Austria and Europe.",
    );
  });

  it("pasted as text, ingests under its headings with the infobox's facts and no markup (blind batch 59)", () => {
    const article = ingestText(iceman, "wiki-markup.txt", "wiki-markup");
    expect(article.title).toBe("Ötzi");
    expect(headingsOf(article)).toEqual([null, "Discovery", "Body", "Equipment", "Death", "Conservation"]);
    const sentences = sentencesOf(article);
    expect(sentences.join(" ")).not.toMatch(/[[\]{}<>|=]|Infobox|cite|Category/u);
    expect(sentences.some((sentence) => /Discovered.*19 September 1991/u.test(sentence))).toBe(true);
  });

  it("answers from the sentence that holds the answer", () => {
    const dir = mkdtempSync(join(tmpdir(), "wikitext-corpus-"));
    writeFileSync(join(dir, "otzi.txt"), iceman);
    const { engine } = loadEngine({ corpusDir: dir, cacheDir: null });
    const answer = engine.answer("what was in the iceman's last meal");
    expect(answer.excerpts[0]?.text).toMatch(/ibex meat, einkorn wheat and fat/u);
  });
});
