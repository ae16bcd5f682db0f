import { existsSync, readdirSync } from "node:fs";
import { expect, it } from "vitest";
import { buildExamples } from "../../../src/cli/training/examples.ts";
import { foldsByArticle, trainAnswerModel } from "../../../src/cli/training/fit-model.ts";
import {
  corpusFolder,
  readSetItems,
  trainingSets,
  withCorpusFolder,
} from "../../../src/cli/training/sets.ts";
import { rankCandidates } from "../../../src/core/answer/answer.ts";
import type { AnswerModel } from "../../../src/core/answer/model.ts";
import { loadEngine } from "../../../src/core/engine.ts";
import { describeWithSharedData } from "../../support/paths.ts";

describeWithSharedData("training the answer models", () => {
  const set = trainingSets().find((candidate) => candidate.name === "stripped");
  if (!set) throw new Error("the stripped-format training set is missing");
  const library = set.libraries[0];
  if (!library) throw new Error("the stripped-format training set has no library");
  const corpusDir = corpusFolder(library.corpusDirs);
  const { engine } = loadEngine({ corpusDir, cacheDir: null });
  const examples = buildExamples(set, library, engine, corpusDir, readSetItems(set, library));

  it("copies several folders' articles into one temporary folder, and removes it after use", () => {
    let used = "";
    const names = withCorpusFolder(library.corpusDirs, (folder) => {
      used = folder;
      return readdirSync(folder);
    });
    expect(names).toContain("lal-masjid.txt");
    expect(names).toContain("badshahi-mosque.txt");
    expect(existsSync(used)).toBe(false);
  });

  it("assigns every question to the article it is about, off-topic ones apart", () => {
    const articles = new Set(examples.map((example) => example.article));
    expect(articles).toEqual(
      new Set(["lal-masjid", "badshahi-mosque", "margalla-hills", "off-topic", "(none)"]),
    );
    const folds = foldsByArticle(examples, 3);
    for (const fold of folds) {
      const inFold = new Set(fold.map((example) => example.article));
      for (const other of folds.filter((f) => f !== fold))
        expect(other.some((example) => inFold.has(example.article))).toBe(false);
    }
  });

  it("marks the sentence holding a gold answer as the ranker's positive", () => {
    const built = examples.find((example) => example.item.question === "when was lal masjd built");
    const positive = built?.examined.evidence.find((_, i) => built.positives[i]);
    expect(positive?.candidate.view.sentence.text).toContain("built in 1965");
  });

  it("is deterministic: the same questions give the same model, number for number", () => {
    const first = trainAnswerModel(examples);
    const second = trainAnswerModel(examples);
    expect(JSON.stringify(first)).toBe(JSON.stringify(second));
  });

  it("ranks first, for a held-out article's question, the sentence that answers it", () => {
    const training = examples.filter((example) => example.article !== "lal-masjid");
    const model = { ...trainAnswerModel(training), trainedOn: [], crossValidated: null } as AnswerModel;
    const held = examples.find((example) => example.item.question === "when was lal masjd built");
    if (!held) throw new Error("dev-001 is missing");
    const ranked = rankCandidates(held.examined, model);
    const best = held.examined.evidence[ranked.order[0] as number];
    expect(best?.candidate.view.sentence.text).toContain("built in 1965");
  });
});
