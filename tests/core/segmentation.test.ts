import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { parseStripped } from "../../src/core/ingest/stripped.ts";
import type { SourceToken } from "../../src/core/text/detokenize.ts";
import { describeWithSharedData, sharedDir } from "../support/paths.ts";

interface GoldArticle {
  file: string;
  lead: string[];
  sections: Array<{ heading: string; caption: string | null; sentences: string[] }>;
  externalLinks: string[];
  categories: string[];
}

const goldFiles = ["badshahi-mosque.json", "margalla-hills.json"];

function load(goldFile: string) {
  const gold = JSON.parse(readFileSync(join(sharedDir, "eval/gold", goldFile), "utf8")) as GoldArticle;
  const raw = readFileSync(join(sharedDir, "corpus-extra", gold.file), "utf8");
  return { gold, raw, parsed: parseStripped(raw) };
}

/** The source text a run of tokens covers. */
const sourceOf = (raw: string, tokens: SourceToken[]) =>
  raw.slice(tokens[0]?.sourceStart ?? 0, tokens.at(-1)?.sourceEnd ?? 0);

/** Where each gold sentence starts in the source, found in order. */
function goldStarts(raw: string, sentences: string[]): number[] {
  let from = 0;
  return sentences.map((sentence) => {
    const at = raw.indexOf(sentence, from);
    if (at < 0) throw new Error(`gold sentence not in source: ${sentence}`);
    from = at + sentence.length;
    return at;
  });
}

function boundaryScores(predicted: Set<number>, gold: Set<number>) {
  const hits = [...predicted].filter((start) => gold.has(start)).length;
  const precision = hits / predicted.size;
  const recall = hits / gold.size;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}

describeWithSharedData(
  "sentence recovery in the stripped format, measured on the shared gold articles",
  () => {
    const all = goldFiles.map(load);

    it("finds sentence boundaries with F1 of at least 0.9 over both articles", () => {
      const scores = all.map(({ gold, raw, parsed }) => {
        const goldSentences = [...gold.lead, ...gold.sections.flatMap((section) => section.sentences)];
        const predicted = parsed.sections.flatMap((section) =>
          section.sentences.map((s) => s[0]?.sourceStart ?? -1),
        );
        return boundaryScores(new Set(predicted), new Set(goldStarts(raw, goldSentences)));
      });
      for (const score of scores) expect(score.f1).toBeGreaterThanOrEqual(0.9);
      const mean = scores.reduce((sum, score) => sum + score.f1, 0) / scores.length;
      expect(mean).toBeGreaterThanOrEqual(0.9);
    });

    it.each(goldFiles)("recovers the headings of %s exactly", (goldFile) => {
      const { gold, raw, parsed } = load(goldFile);
      const headings = parsed.sections
        .filter((s) => s.heading !== null)
        .map((s) => sourceOf(raw, s.heading ?? []));
      expect(headings).toEqual(gold.sections.map((section) => section.heading));
    });

    it.each(goldFiles)(
      "keeps image captions out of sentences and recovers them exactly in %s",
      (goldFile) => {
        const { gold, raw, parsed } = load(goldFile);
        const captions = parsed.sections
          .slice(1)
          .map((s) => (s.captions[0] ? sourceOf(raw, s.captions[0]) : null));
        const goldCaptions = gold.sections.map((s) => s.caption?.replace(/^thumb \d+px /u, "") ?? null);
        expect(captions).toEqual(goldCaptions);
        const sentenceText = parsed.sections.flatMap((s) =>
          s.sentences.map((tokens) => sourceOf(raw, tokens)),
        );
        expect(sentenceText.some((sentence) => sentence.includes("thumb"))).toBe(false);
      },
    );

    it.each(goldFiles)("recovers external links and categories of %s exactly", (goldFile) => {
      const { gold, raw, parsed } = load(goldFile);
      expect(parsed.externalLinks.map((link) => sourceOf(raw, link))).toEqual(gold.externalLinks);
      expect(parsed.categories.map((category) => sourceOf(raw, category))).toEqual(gold.categories);
    });
  },
);
