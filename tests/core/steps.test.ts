import { describe, expect, it } from "vitest";
import { loadEngine, loadEngineSteps } from "../../src/core/engine.ts";
import { runStepsInSlices } from "../../src/core/steps.ts";
import { corpusCopyDir } from "../support/engines.ts";
import { blindArticlesDir, defaultCorpusDir } from "../support/paths.ts";

describe("loading the corpus in slices", () => {
  it("lets other events run while it builds, and builds the same engine as loading at once", async () => {
    const corpusDir = corpusCopyDir(defaultCorpusDir, blindArticlesDir);
    let ticks = 0;
    let building = true;
    const tick = () => {
      ticks++;
      if (building) setImmediate(tick);
    };
    setImmediate(tick);

    const sliced = await runStepsInSlices(loadEngineSteps({ corpusDir, cacheDir: null }), 1);
    building = false;

    expect(ticks).toBeGreaterThan(1);
    const whole = loadEngine({ corpusDir, cacheDir: null });
    expect(sliced.engine.articles.map((article) => article.id)).toEqual([
      "forth-bridge",
      "great-molasses-flood",
      "lal-masjid",
    ]);
    expect(sliced.sources).toEqual(whole.sources);
    for (const question of ["who owns the forth bridge", "when was lal masjid built"]) {
      expect(sliced.engine.answer(question)).toEqual(whole.engine.answer(question));
    }
  });
});
