import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadEngine } from "../../../src/core/engine.ts";
import { isLatexSource, latexToMarkdown } from "../../../src/core/ingest/latex-source.ts";
import { headingsOf, ingestText, sentencesOf } from "../../support/ingest.ts";
import { projectRoot } from "../../support/paths.ts";

describe("LaTeX source", () => {
  const library48Dir = join(projectRoot, "tests/fixtures/blind/library-48");

  it("reads a tabular's rows as a table's, each cell under its column's header", () => {
    const notes = ingestText(
      [
        "\\documentclass{article}",
        "\\begin{document}",
        "\\section{Plans}",
        "The plans differed.",
        "\\begin{center}",
        "\\begin{tabular}{l p{3cm} l}",
        "\\toprule",
        " & \\textbf{Keynes plan} & \\textbf{White plan} \\\\",
        "\\midrule",
        "Reserve asset & new unit, the \\emph{bancor} & gold \\& the dollar \\\\",
        "\\bottomrule",
        "\\end{tabular}",
        "\\end{center}",
        "\\end{document}",
      ].join("\n"),
      "notes.tex",
      "notes",
    );
    expect(sentencesOf(notes)).toEqual([
      "The plans differed.",
      "Reserve asset; Keynes plan: new unit, the bancor; White plan: gold & the dollar.",
    ]);
  });

  it("is told from prose by its document commands or its sectioning", () => {
    expect(isLatexSource("\\documentclass{article}\n\\begin{document}\nHi.\n\\end{document}\n")).toBe(true);
    expect(isLatexSource("\\section{One}\nText.\n\\subsection{Two}\nMore.\n")).toBe(true);
    expect(isLatexSource("The \\section{x} command makes a heading.\n")).toBe(false);
    expect(isLatexSource(readFileSync(join(projectRoot, "corpus/lal-masjid.txt"), "utf8"))).toBe(false);
  });

  it("reads as the Markdown its commands stand for", () => {
    const source = [
      "\\documentclass{article}",
      "\\title{Tides -- an overview}",
      "\\begin{document}",
      "\\maketitle",
      "% a note to myself",
      "\\section{Causes}",
      "Tides are raised by the \\emph{Moon}\\footnote{And, less, by the \\textcolor{red}{Sun}.} \\cite{cartwright1999}.",
      "About 70\\% of the surface is sea; CO$_2$ dissolves in it, $1.2 \\times 10^{-3}$ of it.",
      "\\[ F = G \\frac{m_1 m_2}{r^2} \\]",
      "\\begin{itemize}",
      "\\item \\textbf{Spring tides}: the largest.",
      "\\item Neap tides: the smallest.",
      "\\end{itemize}",
      "\\end{document}",
    ].join("\n");
    expect(latexToMarkdown(source)).toBe(
      [
        "# Tides – an overview",
        "",
        "## Causes",
        "",
        "Tides are raised by the Moon (And, less, by the Sun.).",
        "About 70% of the surface is sea; CO2 dissolves in it, 1.2 × 10^-3 of it.",
        "",
        "- Spring tides: the largest.",
        "- Neap tides: the smallest.",
        "",
      ].join("\n"),
    );
  });

  it("pasted into a text file, ingests without its commands, under its sections (blind batch 48)", () => {
    const notes = ingestText(
      readFileSync(join(library48Dir, "lecture-notes.txt"), "utf8"),
      "lecture-notes.txt",
      "lecture-notes",
    );
    expect(notes.title).toBe("ARCH 230: Scientific Methods in Archaeology: Lecture 7 – Radiocarbon Dating");
    expect(headingsOf(notes)).toEqual(
      expect.arrayContaining([
        "Why radiocarbon?",
        "Where carbon-14 comes from",
        "Case study: the Shroud of Turin",
      ]),
    );
    const sentences = sentencesOf(notes);
    expect(sentences.join(" ")).not.toMatch(/\\|\$|documentclass|%\s*ARCH/u);
    expect(sentences).toContain(
      "Their combined result placed the linen between AD 1260 and 1390, with 95% confidence.",
    );
  });

  it("is read from a `.tex` file in the corpus folder, and answered from", () => {
    const dir = mkdtempSync(join(tmpdir(), "latex-"));
    writeFileSync(
      join(dir, "tides.tex"),
      "\\section{Causes}\nSpring tides happen \\emph{twice a month}, at new and full moon \\cite{a}.\n" +
        "\\section{Effects}\nThe Bay of Fundy has the highest tides \\cite{b}.\n",
    );
    const engine = loadEngine({ corpusDir: dir, cacheDir: null }).engine;
    const answer = engine.answer("how often do spring tides happen");
    expect(answer.answered && answer.excerpts[0]?.text).toBe(
      "Spring tides happen twice a month, at new and full moon.",
    );
    expect(answer.answered && answer.excerpts[0]?.section).toBe("Causes");
  });
});
