import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normaliseForMatch, readEvalItems } from "../../../src/cli/evaluation.ts";
import { buildExamples } from "../../../src/cli/training/examples.ts";
import { foldsByArticle, trainAnswerModel } from "../../../src/cli/training/fit-model.ts";
import {
  corpusFolder,
  OFF_TOPIC,
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

  it("chooses the answer threshold on the sets that choose it, and learns the same weights from all", () => {
    const all = trainAnswerModel(examples);
    // As the blind batches do: one article's questions teach the models but leave the threshold alone.
    const leaving = trainAnswerModel(
      examples.map((example) =>
        example.article === "lal-masjid" ? { ...example, choosesThreshold: false } : example,
      ),
    );
    expect(leaving.answerability.weights).toEqual(all.answerability.weights);
    expect(leaving.answerability.threshold).not.toBe(all.answerability.threshold);
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

describe("the blind batches' training questions", () => {
  const blind = trainingSets().find((candidate) => candidate.name === "blind");
  if (!blind) throw new Error("the blind training set is missing");

  it("ask each library questions written for another library, and our off-topic ones, as unanswerable", () => {
    const library = blind.libraries[3];
    if (!library) throw new Error("the blind set has too few libraries");
    const asked = readSetItems(blind, library).filter((item) => item.kind === OFF_TOPIC);
    expect(asked.every((item) => !item.answerable && item.article === OFF_TOPIC)).toBe(true);
    const ours = readFileSync("tests/fixtures/off-topic-questions.txt", "utf8");
    expect(asked.filter((item) => ours.includes(item.question))).toHaveLength(10);
    const elsewhere = new Map(
      blind.libraries
        .filter((other) => other !== library)
        .flatMap((other) => other.files.flatMap((file) => readEvalItems(file)))
        .filter((item) => item.answerable)
        .map((item) => [item.question, item.answers] as const),
    );
    const borrowed = asked.filter((item) => elsewhere.has(item.question));
    expect(borrowed.length).toBeGreaterThanOrEqual(8);
    // None of them is answered by this library's text.
    const text = normaliseForMatch(
      library.corpusDirs
        .flatMap((dir) => readdirSync(dir).map((name) => readFileSync(join(dir, name), "utf8")))
        .join(" "),
    );
    for (const item of borrowed)
      for (const answer of elsewhere.get(item.question) ?? [])
        expect(` ${text} `).not.toContain(` ${normaliseForMatch(answer)} `);
  });
});
