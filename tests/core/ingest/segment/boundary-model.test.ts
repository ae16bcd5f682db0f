import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { gapFeatures } from "../../../../src/core/ingest/segment/boundary-features.ts";
import {
  type BoundaryModel,
  DEFAULT_BOUNDARY_MODEL_PATH,
} from "../../../../src/core/ingest/segment/boundary-model.ts";
import { stripArticle } from "../../../../src/core/ingest/segment/strip.ts";
import {
  bodyEnd,
  boundaryContext,
  parseStripped,
  tokenizeStripped,
} from "../../../../src/core/ingest/stripped.ts";
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

  it("splits stripped prose it never saw with the committed model, not inside names", () => {
    const model = JSON.parse(readFileSync(DEFAULT_BOUNDARY_MODEL_PATH, "utf8")) as BoundaryModel;
    const parsed = parseStripped(stripped.text, model);
    const sentences = parsed.sections.flatMap((section) =>
      section.sentences.map((sentence) => sentence.map((token) => token.source).join(" ")),
    );
    expect(sentences).toContain("Its two towers rise 110 metres above the water");
    expect(sentences).toContain("Engineers from Glasgow tested every girder");
    expect(sentences).toContain("In 2011 a new coating was applied");
    expect(sentences.some((sentence) => /^(?:Bridge|Company|Glasgow)\b/u.test(sentence))).toBe(false);
  });
});
