import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { baselinesFor, containsGoldAnswer, evaluate, readEvalItems } from "../../src/cli/evaluation.ts";
import { loadEngine } from "../../src/core/engine.ts";
import { readCorpusFiles } from "../../src/core/ingest/corpus.ts";
import { multiArticleCorpusDir } from "../support/engines.ts";
import { defaultCorpusDir, describeWithSharedData, projectRoot, sharedDir } from "../support/paths.ts";

describe("gold answers", () => {
  it("matches gold answers case- and punctuation-insensitively", () => {
    expect(containsGoldAnswer("It reaches about 1 , 604 metres", ["1,604 metres"])).toBe(true);
    expect(containsGoldAnswer("Daman e Koh, a terraced viewpoint", ["Daman-e-Koh"])).toBe(true);
    expect(containsGoldAnswer("built in 19650", ["1965"])).toBe(false);
  });
});

describe("evaluation files", () => {
  it("counts items that give no kind as answerable or unanswerable, and scores them per kind", () => {
    // Batch 12's writer gave each item its article instead of a kind.
    const items = readEvalItems(join(projectRoot, "tests/fixtures/blind/batch-12-library.jsonl"));
    expect(new Set(items.map((item) => item.kind))).toEqual(new Set(["answerable", "unanswerable"]));
    expect(items.filter((item) => item.kind === "answerable")).toHaveLength(20);

    const corpusDir = join(projectRoot, "tests/fixtures/blind/library-12");
    const { engine } = loadEngine({ corpusDir, cacheDir: null });
    const report = evaluate(engine, baselinesFor(readCorpusFiles(corpusDir).files), items);
    expect(report.byKind.map((row) => [row.kind, row.ours.items])).toEqual([
      ["answerable", 20],
      ["unanswerable", 10],
    ]);
  });
});

/**
 * Quality on the shared question sets, measured the way `npm run eval` measures it. The floors are the
 * figures reached when this test was written, so a change that makes answers worse fails here.
 */
describeWithSharedData("quality on the shared evaluation questions", () => {
  it("answers dev.jsonl well on the default corpus and beats the plain baseline", () => {
    const { engine } = loadEngine({ corpusDir: defaultCorpusDir, cacheDir: null });
    const baseline = baselinesFor(readCorpusFiles(defaultCorpusDir).files);
    const { overall } = evaluate(engine, baseline, readEvalItems(join(sharedDir, "eval/dev.jsonl")));
    // Measured with the learned models (dev.jsonl is part of their training data): 87 / 94 / 53 / 0 since
    // they also learn from our prose questions (89 / 96 / 53 / 0 before; out of fold the stripped sets rose).
    expect(overall.ours.answerAt1).toBeGreaterThanOrEqual(0.85);
    expect(overall.ours.answerAt3).toBeGreaterThanOrEqual(0.92);
    expect(overall.ours.abstention).toBeGreaterThanOrEqual(0.45);
    expect(overall.ours.falseAbstention).toBeLessThanOrEqual(0.05);
    expect(overall.ours.answerAt1).toBeGreaterThan(overall.baseline.answerAt1);
  });

  it("keeps answering with the extra articles added, naming the right article", () => {
    const corpusDir = multiArticleCorpusDir();
    const { engine } = loadEngine({ corpusDir, cacheDir: null });
    const baseline = baselinesFor(readCorpusFiles(corpusDir).files);
    const extra = evaluate(engine, baseline, readEvalItems(join(sharedDir, "eval/extra-dev.jsonl")));
    const dev = evaluate(engine, baseline, readEvalItems(join(sharedDir, "eval/dev.jsonl")));
    // Measured: extra-dev 87 / 90 @1/@3, dev 83 / 91 with one false abstention (87 / 97 and 87 / 94 with
    // none before the models learned from our prose questions too).
    expect(extra.overall.ours.answerAt1).toBeGreaterThanOrEqual(0.84);
    expect(extra.overall.ours.answerAt3).toBeGreaterThanOrEqual(0.88);
    expect(dev.overall.ours.answerAt1).toBeGreaterThanOrEqual(0.8);
    expect(dev.overall.ours.answerAt3).toBeGreaterThanOrEqual(0.89);
    expect(dev.overall.ours.falseAbstention).toBeLessThanOrEqual(0.05);
    // Questions written for this project (not from ../shared), across all three articles.
    const more = evaluate(
      engine,
      baseline,
      readEvalItems(join(projectRoot, "tests/fixtures/more-questions.jsonl")),
    );
    // Measured: 87 / 94, abstaining on 37% of the unanswerable ones; dev 60%.
    expect(more.overall.ours.answerAt1).toBeGreaterThanOrEqual(0.84);
    expect(more.overall.ours.abstention).toBeGreaterThanOrEqual(0.3);
    expect(dev.overall.ours.abstention).toBeGreaterThanOrEqual(0.4);
    for (const item of readEvalItems(join(sharedDir, "eval/extra-dev.jsonl")).filter((i) => i.answerable)) {
      const answer = engine.answer(item.question);
      const first = answer.excerpts[0];
      if (first && containsGoldAnswer(first.text, item.answers))
        expect(item.id.startsWith(first.articleId)).toBe(true);
    }
  });
});
