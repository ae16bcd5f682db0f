import { describe, expect, it } from "vitest";
import { fitLogistic, fitRanker, standardisation } from "../../../src/core/rank/fit.ts";
import { linearScore, sigmoid, softmax } from "../../../src/core/rank/linear-model.ts";

/** Hours studied and classes missed of twelve students, and whether each passed: a small real-shaped set. */
const students = [
  [8, 0, true],
  [7, 1, true],
  [6, 0, true],
  [9, 2, true],
  [5, 1, true],
  [4, 3, false],
  [2, 4, false],
  [3, 2, false],
  [1, 5, false],
  [6, 4, true],
  [2, 1, false],
  [5, 5, false],
] as const;

describe("fitting the linear models", () => {
  it("standardises columns to mean 0 and unit scale, leaving constant columns at scale 1", () => {
    const { mean, scale } = standardisation(
      [
        [1, 5],
        [3, 5],
      ],
      2,
    );
    expect(mean).toEqual([2, 5]);
    expect(scale).toEqual([1, 1]);
  });

  it("learns that study hours help and missed classes hurt, and separates passes from fails", () => {
    const rows = students.map(([hours, missed]) => [hours, missed]);
    const labels = students.map(([, , passed]) => passed);
    const model = fitLogistic(rows, labels, ["hours", "missed"], 0.1);
    expect(model.weights[0]).toBeGreaterThan(0);
    expect(model.weights[1]).toBeLessThan(0);
    const p = (hours: number, missed: number) => sigmoid(linearScore(model, [hours, missed]));
    expect(p(8, 0)).toBeGreaterThan(0.8);
    expect(p(1, 5)).toBeLessThan(0.2);
  });

  it("weighs examples: a heavy failing example pulls the decision its way", () => {
    const rows = [[1], [2], [3], [4]];
    const labels = [false, false, true, true];
    const even = fitLogistic(rows, labels, ["x"], 0.1);
    const heavy = fitLogistic(rows, labels, ["x"], 0.1, [1, 10, 1, 1]);
    const atThree = (model: typeof even) => sigmoid(linearScore(model, [3]));
    expect(atThree(heavy)).toBeLessThan(atThree(even));
  });

  it("is deterministic: the same data gives the same weights", () => {
    const rows = students.map(([hours, missed]) => [hours, missed]);
    const labels = students.map(([, , passed]) => passed);
    expect(fitLogistic(rows, labels, ["h", "m"], 1)).toEqual(fitLogistic(rows, labels, ["h", "m"], 1));
  });

  it("ranks the candidate that holds the answer first in questions it was not trained on", () => {
    // Candidates described by (words of the question they hold, whether a date is there); the answer holds both.
    const group = (answer: number, others: number[][]) => ({
      rows: [[answer, 1], ...others],
      labels: [true, ...others.map(() => false)],
    });
    const model = fitRanker(
      [
        group(3, [
          [3, 0],
          [1, 1],
          [0, 0],
        ]),
        group(2, [
          [2, 0],
          [1, 0],
        ]),
        group(4, [
          [4, 0],
          [2, 1],
          [1, 1],
        ]),
      ],
      ["coverage", "date"],
      0.1,
    );
    const scores = [
      [2, 1],
      [2, 0],
      [1, 1],
    ].map((row) => linearScore(model, row));
    const probabilities = softmax(scores);
    expect(probabilities[0]).toBeGreaterThan(probabilities[1] as number);
    expect(probabilities[0]).toBeGreaterThan(probabilities[2] as number);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });
});
