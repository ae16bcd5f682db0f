import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gapFeatures } from "../../../../src/core/ingest/segment/boundary-features.ts";
import {
  type BoundaryModel,
  DEFAULT_BOUNDARY_MODEL_PATH,
  GapScorer,
  readBoundaryModel,
} from "../../../../src/core/ingest/segment/boundary-model.ts";
import { stripArticle } from "../../../../src/core/ingest/segment/strip.ts";
import {
  bodyEnd,
  boundaryContext,
  parseStripped,
  startCandidates,
  tokenizeStripped,
} from "../../../../src/core/ingest/stripped.ts";
import { ModelError } from "../../../../src/core/model-error.ts";
import { fitSparseLogistic, sparseProbability } from "../../../../src/core/rank/fit.ts";

const prose = `# Bridges

The bridge opened in 1890 after seven years of work. Its two towers rise 110 metres above the water.
Engineers from Glasgow tested every girder. The Forth Bridge Company paid for the steel.

## Repairs

Painting the bridge took three years. In 2011 a new coating was applied. It should last 25 years.`;

describe("the learned sentence-boundary detector for the stripped format", () => {
  const stripped = stripArticle(prose);
  const tokens = tokenizeStripped(stripped.text);
  const context = boundaryContext(tokens, bodyEnd(tokens));
  const at = (word: string) => tokens.findIndex((token) => token.source === word);

  it("describes a gap by the words on either side, their shapes and tags, and the old rules' verdict", () => {
    const features = gapFeatures(context, at("Its"), 0);
    expect(features).toContain("w0=its");
    expect(features).toContain("w-1=work");
    expect(features).toContain("shape0=Xx");
    expect(features).toContain("opener0");
    expect(features).toContain("ruleStart");
    // Inside a name the next word is capitalised too and no clause has ended.
    const inName = gapFeatures(context, at("Bridge"), 0);
    expect(inName).toContain("capitalisedBefore=2-3");
    expect(inName).not.toContain("opener0");
  });

  it("sees whether a noun phrase starting at the gap is followed by a verb of its own", () => {
    // `In 2011 a new coating was applied`: a clause of its own starts here.
    expect(gapFeatures(context, at("In"), 0)).toContain("phraseThen=verb");
    // `Engineers from Glasgow`: the phrase runs into a preposition.
    expect(gapFeatures(context, at("Engineers"), 0)).toContain("phraseThen=IN");
  });

  it("weighs only gaps before a capitalised word, a number or a parenthesis", () => {
    const candidates = startCandidates(tokens, bodyEnd(tokens)).map((i) => tokens[i]?.source);
    expect(candidates).toContain("Its");
    expect(candidates).toContain("2011");
    expect(candidates).not.toContain("bridge");
    expect(candidates).not.toContain("opened");
  });

  it("fits the same weights from the same examples, and learns which gaps start sentences", () => {
    const examples = ["Its", "Engineers", "Painting", "Bridge", "Company", "Glasgow"].map((word) => ({
      features: gapFeatures(context, at(word), 0),
      label: ["Its", "Engineers", "Painting"].includes(word),
    }));
    const model = fitSparseLogistic([...examples, ...examples], { minCount: 1, epochs: 20 });
    expect(fitSparseLogistic([...examples, ...examples], { minCount: 1, epochs: 20 })).toEqual(model);
    expect(sparseProbability(model, gapFeatures(context, at("Its"), 0))).toBeGreaterThan(0.5);
    expect(sparseProbability(model, gapFeatures(context, at("Company"), 0))).toBeLessThan(0.5);
  });

  const committed = JSON.parse(readFileSync(DEFAULT_BOUNDARY_MODEL_PATH, "utf8")) as BoundaryModel;

  it("scores a gap as the named features and the committed weights say, without building the names", () => {
    const scorer = new GapScorer(committed, context);
    for (const word of ["Its", "Bridge", "Glasgow", "In", "2011"]) {
      const i = at(word);
      expect(scorer.probability(i, 0)).toBeCloseTo(
        sparseProbability(committed, gapFeatures(context, i, 0)),
        12,
      );
    }
  });

  it("has no committed weight the code no longer computes", () => {
    const seed = readFileSync(new URL("../../../../corpus/lal-masjid.txt", import.meta.url), "utf8");
    const templates = new Set<string>();
    for (const text of [stripped.text, seed]) {
      const seedTokens = tokenizeStripped(text);
      const end = bodyEnd(seedTokens);
      const seedContext = boundaryContext(seedTokens, end, () => [1, 0, 1, 0]);
      for (const i of startCandidates(seedTokens, end))
        for (const previous of [0, Math.max(0, i - 4), Math.max(0, i - 40)])
          for (const name of gapFeatures(seedContext, i, previous))
            templates.add(name.split("=")[0] as string);
    }
    const unknown = Object.keys(committed.weights).filter(
      (name) => !templates.has(name.split("=")[0] as string),
    );
    expect(unknown).toEqual([]);
    expect(Object.keys(committed.wordStatistics ?? {}).length).toBeGreaterThan(1000);
  });

  it("refuses a missing, damaged or foreign model file with one clear line", () => {
    const dir = mkdtempSync(join(tmpdir(), "boundary-model-"));
    writeFileSync(join(dir, "broken.json"), "{");
    writeFileSync(join(dir, "answer-model.json"), JSON.stringify({ ranker: { features: [] } }));
    expect(() => readBoundaryModel(join(dir, "absent.json"))).toThrow(
      /could not be read.*npm run train-segmenter/u,
    );
    expect(() => readBoundaryModel(join(dir, "broken.json"))).toThrow(ModelError);
    expect(() => readBoundaryModel(join(dir, "answer-model.json"))).toThrow(/not one this code reads/u);
    expect(readBoundaryModel().weights).toEqual(committed.weights);
  });

  it("splits stripped prose it never saw with the committed model, not inside names", () => {
    const model = committed;
    const parsed = parseStripped(stripped.text, model);
    const sentences = parsed.sections.flatMap((section) =>
      section.sentences.map((sentence) => sentence.map((token) => token.source).join(" ")),
    );
    expect(sentences).toContain("Its two towers rise 110 metres above the water");
    expect(sentences).toContain("Engineers from Glasgow tested every girder");
    expect(sentences).toContain("In 2011 a new coating was applied");
    expect(sentences.some((sentence) => /^(?:Bridge|Company|Glasgow)\b/u.test(sentence))).toBe(false);
  });

  const wordsOf = (tokens: readonly { source: string }[]) =>
    tokens.filter((t) => /\p{L}/u.test(t.source)).length;

  it("cuts a long run with no capitals to go by into pieces a reader can take in", () => {
    // Blind batch 70's video transcript (automatic captions, never trained on), stripped: the model finds no
    // start in 1,150 lower-case words.
    const transcript = readFileSync(
      "tests/fixtures/blind/library-70-stripped/youtube-transcript.txt",
      "utf8",
    );
    const sentences = parseStripped(transcript, committed).sections.flatMap((section) => section.sentences);
    expect(sentences.length).toBeGreaterThan(20);
    expect(Math.max(...sentences.map(wordsOf))).toBeLessThanOrEqual(40);
    // Nothing is lost.
    expect(sentences.reduce((sum, sentence) => sum + wordsOf(sentence), 0)).toBe(
      wordsOf(tokenizeStripped(transcript)),
    );
  });

  it("keeps a long list of names whole, as Wikipedia writes one", () => {
    const names = Array.from(
      { length: 30 },
      (_, n) =>
        `composer ${["Anna", "Boris", "Carla", "Dmitri", "Elena"][n % 5]} ${["Holt", "Ivanov", "Jensen"][n % 3]}`,
    ).join(" , ");
    const list = `Its alumni include ${names} and the poet Maria Lopez`;
    const sentences = parseStripped(list, committed).sections.flatMap((section) => section.sentences);
    expect(sentences).toHaveLength(1);
    expect(wordsOf(sentences[0] ?? [])).toBeGreaterThan(80);
  });
});
