import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { stripArticle } from "../../core/ingest/segment/strip.ts";
import { sharedDir } from "./sets.ts";

/**
 * Stripped articles with gold sentence starts, for training and measuring the boundary model: the
 * shared pool and gold articles, our hand-made gold for the seed, and punctuated prose of our own
 * stripped the way the pool was (the stripper keeps the original boundaries as labels).
 */
export interface SegmentedArticle {
  name: string;
  /** Where it came from: measured leaving it out (`pool`, `gold`) or only trained on (`prose`). */
  group: "pool" | "gold" | "prose";
  /** Files it was made from, for the model file's hashes. */
  files: string[];
  raw: string;
  /** Character offsets where a sentence, heading or caption starts. */
  pieceStarts: number[];
  /** Character offsets where a body sentence starts (what boundary F1 scores). */
  sentenceStarts: number[];
  /** Headings as they appear in the text, and where each starts. */
  headings: string[];
  headingStarts: number[];
}

interface GoldFile {
  file: string;
  lead: string[];
  sections: Array<{ heading: string; caption: string | null; sentences: string[] }>;
}

/** Reads a gold segmentation and finds each of its pieces in the source, in order. */
function fromGold(
  name: string,
  group: "pool" | "gold",
  goldPath: string,
  sourcePath: string,
): SegmentedArticle {
  const gold = JSON.parse(readFileSync(goldPath, "utf8")) as GoldFile;
  const raw = readFileSync(sourcePath, "utf8");
  let from = 0;
  const locate = (text: string): number => {
    const at = raw.indexOf(text, from);
    if (at < 0) throw new Error(`${goldPath}: "${text.slice(0, 60)}" not found in ${sourcePath}`);
    from = at + text.length;
    return at;
  };
  const pieceStarts: number[] = [];
  const sentenceStarts: number[] = [];
  const headingStarts: number[] = [];
  for (const sentence of gold.lead) {
    const at = locate(sentence);
    pieceStarts.push(at);
    sentenceStarts.push(at);
  }
  for (const section of gold.sections) {
    const heading = locate(section.heading);
    pieceStarts.push(heading);
    headingStarts.push(heading);
    if (section.caption !== null) pieceStarts.push(locate(section.caption));
    for (const sentence of section.sentences) {
      const at = locate(sentence);
      pieceStarts.push(at);
      sentenceStarts.push(at);
    }
  }
  return {
    name,
    group,
    files: [goldPath, sourcePath],
    raw,
    pieceStarts,
    sentenceStarts,
    headings: gold.sections.map((s) => s.heading),
    headingStarts,
  };
}

/** Punctuated prose (Markdown) stripped as the pool was; its `#` headings stay inline. */
function fromProse(path: string): SegmentedArticle {
  const stripped = stripArticle(readFileSync(path, "utf8"));
  const headingStarts = new Set(stripped.headingStarts);
  return {
    name: basename(path).replace(/\.\w+$/u, ""),
    group: "prose",
    files: [path],
    raw: stripped.text,
    pieceStarts: stripped.pieceStarts,
    sentenceStarts: stripped.pieceStarts.filter((start) => !headingStarts.has(start)),
    headings: stripped.headingStarts.map((start) => {
      const next = stripped.pieceStarts.find((s) => s > start) ?? stripped.text.length;
      return stripped.text.slice(start, next).trim();
    }),
    headingStarts: stripped.headingStarts,
  };
}

/** Folders of our own punctuated prose used as extra training text. */
export const PROSE_DIRS = [resolve("tests/fixtures/blind/articles"), resolve("tests/fixtures/prose")];

/** Every segmented article available: needs `../shared` for the pool and the shared gold. */
export function segmentedArticles(): SegmentedArticle[] {
  const poolDir = join(sharedDir, "eval", "stripped");
  const pool = readdirSync(join(poolDir, "gold"))
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => {
      const name = file.replace(/\.json$/u, "");
      return fromGold(name, "pool", join(poolDir, "gold", file), join(poolDir, "corpus", `${name}.txt`));
    });
  const goldDir = join(sharedDir, "eval", "gold");
  const gold = readdirSync(goldDir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => {
      const name = file.replace(/\.json$/u, "");
      return fromGold(name, "gold", join(goldDir, file), join(sharedDir, "corpus-extra", `${name}.txt`));
    });
  const seed = fromGold(
    "lal-masjid (seed)",
    "gold",
    resolve("tests/fixtures/segmentation/lal-masjid.gold.json"),
    resolve("corpus/lal-masjid.txt"),
  );
  const prose = PROSE_DIRS.filter((dir) => existsSync(dir)).flatMap((dir) =>
    readdirSync(dir)
      .filter((file) => /\.(?:md|txt)$/u.test(file))
      .sort()
      .map((file) => fromProse(join(dir, file))),
  );
  return [...pool, ...gold, seed, ...prose];
}
