import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { committedBoundaryModel } from "../../src/core/ingest/segment/boundary-model.ts";
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
  // What the bot parses (the committed boundary model over the rules' proposals), and the rules alone.
  return { gold, raw, parsed: parseStripped(raw, committedBoundaryModel()), byRules: parseStripped(raw) };
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

    const headingsOf = (raw: string, parsed: ReturnType<typeof parseStripped>) =>
      parsed.sections.filter((s) => s.heading !== null).map((s) => sourceOf(raw, s.heading ?? []));

    it("recovers the headings of badshahi-mosque.json exactly", () => {
      const { gold, raw, parsed } = load("badshahi-mosque.json");
      expect(headingsOf(raw, parsed)).toEqual(gold.sections.map((section) => section.heading));
    });

    it.each(goldFiles)("has the rules propose every heading of %s, and nothing else", (goldFile) => {
      const { gold, raw, byRules } = load(goldFile);
      expect(headingsOf(raw, byRules)).toEqual(gold.sections.map((section) => section.heading));
    });

    it.each(goldFiles)(
      "keeps image captions out of sentences and recovers them exactly in %s",
      (goldFile) => {
        const { gold, raw, parsed } = load(goldFile);
        const captions = parsed.sections.flatMap((s) => s.captions.map((caption) => sourceOf(raw, caption)));
        const goldCaptions = gold.sections.flatMap((s) =>
          s.caption === null ? [] : [s.caption.replace(/^thumb \d+px /u, "")],
        );
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
