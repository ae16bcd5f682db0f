import { describe, expect, it } from "vitest";
import { dateCandidates, numberCandidates } from "../../../src/core/answer/spans.ts";
import { splitWords } from "../../../src/core/text/terms.ts";

/** The number spans of a sentence that fit the measure asked for. */
function measures(sentence: string, measure: Parameters<typeof numberCandidates>[2]): string[] {
  const words = splitWords(sentence);
  return numberCandidates(sentence, words, measure, dateCandidates(sentence, words)).map((span) => span.text);
}

describe("number spans of the measure asked for", () => {
  const weight = "The stone is 112.3 cm tall and weighs approx. 760 kg, about as much as a small car.";

  it("finds a weight for `how heavy`, and a length for `how tall`, in the same sentence", () => {
    expect(measures(weight, "mass")).toEqual(["760 kg"]);
    expect(measures(weight, "length")).toEqual(["112.3 cm"]);
  });

  it("offers both when any measure will do", () => {
    expect(measures(weight, "any")).toEqual(["112.3 cm", "760 kg"]);
  });

  it("finds no weight where only a count is given", () => {
    expect(measures("Some 220 million trees were planted between 1935 and 1942.", "mass")).toEqual([]);
  });
});
