import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadEngine } from "../../../src/core/engine.ts";
import { htmlToMarkdown, isHtmlSource } from "../../../src/core/ingest/html-source.ts";
import { uploadKindOf } from "../../../src/library/extract.ts";
import { headingsOf, ingestText, sentencesOf } from "../../support/ingest.ts";
import { projectRoot } from "../../support/paths.ts";

describe("a web page's HTML source", () => {
  const savedPage = readFileSync(join(projectRoot, "tests/fixtures/blind/library-54/saved-page.txt"), "utf8");

  it("is told from prose by its doctype or by paragraphs and headings closed as HTML closes them", () => {
    expect(isHtmlSource(savedPage)).toBe(true);
    expect(isHtmlSource("<p>One.</p><p>Two.</p><h2>Three</h2><p>Four.</p><p>Five.</p>")).toBe(true);
    expect(isHtmlSource("Use a <p> tag for a paragraph and </p> to close it.\n")).toBe(false);
    expect(isHtmlSource(readFileSync(join(projectRoot, "corpus/lal-masjid.txt"), "utf8"))).toBe(false);
  });

  it("reads as the Markdown its tags stand for, without head, scripts, menus, footer, link lists or byline", () => {
    const page = [
      "<!DOCTYPE html><html><head><title>Tides | Sea Site</title><style>p { color: red; }</style></head>",
      "<body><nav><ul><li><a href='/'>Home</a></li></ul></nav>",
      "<h1>Tides</h1><p class='post-byline'>By A. Writer</p><p>Tides are raised\n  by the <em>Moon</em>&nbsp;and the Sun.</p>",
      "<h2>Kinds</h2><ul><li>Spring tides &ndash; the largest.</li><li><a href='/x'>Read also: waves</a></li></ul>",
      "<figure><img src='t.jpg'><figcaption>High tide at <b>Brest</b>.</figcaption></figure>",
      "<table><tr><th>Port</th><td>Brest</td></tr></table>",
      "<script>var x = '<p>no</p>';</script><footer><p>&copy; 2024 Sea Site</p></footer></body></html>",
    ].join("\n");
    expect(htmlToMarkdown(page)).toBe(
      [
        "# Tides",
        "",
        "Tides are raised by the Moon and the Sun.",
        "",
        "## Kinds",
        "",
        "- Spring tides – the largest.",
        "",
        "![High tide at Brest.]()",
        "",
        "Port\tBrest",
      ].join("\n"),
    );
  });

  it("pasted as text, ingests under its headings without its byline, tags or related links (blind batch 54)", () => {
    const article = ingestText(savedPage, "saved-page.txt", "saved-page");
    expect(article.title).toBe("The Lunchbox Men of Mumbai: Inside the Dabbawala Network");
    expect(headingsOf(article)).toEqual([
      null,
      "A banker’s lunch",
      "How a tin crosses the city",
      "Six Sigma, or not?",
      "No bosses, only groups",
      "Lockdown and after",
    ]);
    const sentences = sentencesOf(article);
    expect(sentences.join(" ")).not.toMatch(/[<>{}]|font-family|By Priya Raman|Read also|Tags|&\w+;/u);
    expect(sentences[0]).toMatch(/^Every weekday morning, a little after nine o’clock/u);
  });

  it("is an article in a corpus folder and an upload as an .html file", () => {
    const dir = mkdtempSync(join(tmpdir(), "html-corpus-"));
    writeFileSync(join(dir, "dabbawalas.html"), savedPage);
    const { engine } = loadEngine({ corpusDir: dir, cacheDir: null });
    const answer = engine.answer("when did the dabbawala story begin");
    expect(answer.excerpts[0]?.text).toMatch(/begins in 1890/u);
    expect(uploadKindOf("page.html")).toBe("txt");
    expect(uploadKindOf("page.htm")).toBe("txt");
  });
});
