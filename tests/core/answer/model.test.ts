import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MODEL_FEATURES, readAnswerModel } from "../../../src/core/answer/model.ts";
import { ModelError } from "../../../src/core/model-error.ts";

describe("the committed answer model", () => {
  it("was trained on exactly the features the code computes, in order", () => {
    const model = readAnswerModel();
    for (const part of Object.keys(MODEL_FEATURES) as Array<keyof typeof MODEL_FEATURES>) {
      expect(model[part].features).toEqual([...MODEL_FEATURES[part]]);
      expect(model[part].weights).toHaveLength(MODEL_FEATURES[part].length);
    }
  });

  it("records its training data with hashes, its thresholds and its cross-validated figures", () => {
    const model = readAnswerModel();
    expect(model.trainedOn.length).toBeGreaterThan(3);
    for (const { sha256 } of model.trainedOn) expect(sha256).toMatch(/^[0-9a-f]{64}$/u);
    expect(model.answerability.threshold).toBeGreaterThan(0);
    expect(model.answerability.threshold).toBeLessThan(1);
    expect(model.shortAnswer.chosenFor).toMatch(/wrong short answers/u);
    expect(model.crossValidated).toHaveProperty("squad.ours.answerAt1");
  });

  it("refuses a model file trained for other features, naming the fix", () => {
    const model = JSON.parse(
      readFileSync(new URL("../../../models/answer-model.json", import.meta.url), "utf8"),
    );
    model.ranker.features = model.ranker.features.slice(1);
    const path = join(mkdtempSync(join(tmpdir(), "model-")), "answer-model.json");
    writeFileSync(path, JSON.stringify(model));
    expect(() => readAnswerModel(path)).toThrow(ModelError);
    expect(() => readAnswerModel(path)).toThrow(/ranker features differ.*npm run train/u);
  });

  it("refuses a missing or damaged model file with one clear line", () => {
    const dir = mkdtempSync(join(tmpdir(), "model-"));
    writeFileSync(join(dir, "broken.json"), "{");
    expect(() => readAnswerModel(join(dir, "absent.json"))).toThrow(/could not be read.*npm run train/u);
    expect(() => readAnswerModel(join(dir, "broken.json"))).toThrow(ModelError);
  });
});
