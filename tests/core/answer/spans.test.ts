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

  it("finds a length in millimetres, nanometres or micrometres", () => {
    expect(measures("The layer is only 2 nm thick, and the cell 5 µm across.", "length")).toEqual([
      "2 nm",
      "5 µm",
    ]);
    expect(measures("Its shell is 3 millimetres thick.", "length")).toEqual(["3 millimetres"]);
  });

  it("offers both when any measure will do", () => {
    expect(measures(weight, "any")).toEqual(["112.3 cm", "760 kg"]);
  });

  it("finds an age after `aged` or `the age of`, and none in a number that counts something", () => {
    expect(measures("Gaudí takes over: 1883; aged 31 at the time.", "age")).toEqual(["31"]);
    expect(measures("He died in Kumbakonam in 1920 at the age of 32.", "age")).toEqual(["32"]);
    expect(measures("She was 20 years old when she sailed.", "age")).toEqual(["20 years"]);
    expect(measures("The team counted 20 flashes.", "age")).toEqual([]);
  });

  it("finds an age written bare, as in `he was only 26`, but not a share, a price or `one of`", () => {
    // Sentences from blind batches 65 and 69 (never trained on).
    expect(
      measures("They picked Martin Luther King Jr. as president, he was only 26 and new in town.", "age"),
    ).toEqual(["26"]);
    expect(measures("It was Frederic, then twenty-one, who refused to let it go.", "age")).toEqual([
      "twenty-one",
    ]);
    expect(measures("He was one of the founders.", "age")).toEqual([]);
    expect(measures("Only 26% of voters agreed.", "age")).toEqual([]);
    expect(measures("The farm raised 300 and sold them all.", "age")).toEqual([]);
  });

  it("finds no weight where only a count is given", () => {
    expect(measures("Some 220 million trees were planted between 1935 and 1942.", "mass")).toEqual([]);
  });

  it("finds an amount of money by its currency, written after it or signed before it", () => {
    // Sentences from the blind batches' articles (Forth Bridge, the Stanley Cup, the Wright brothers' engine).
    expect(
      measures("The bridge underwent a refurbishment costing about £130 million, during 2002–2011.", "money"),
    ).toEqual(["about £130 million"]);
    expect(measures("Lord Stanley paid ten guineas, about $48.67, for the bowl in 1892.", "money")).toEqual([
      "ten guineas",
      "about $48.67",
    ]);
    expect(measures("The bridge opened in 2010 and cost US$240 million.", "money")).toEqual(["$240 million"]);
  });

  it("finds no money where a sentence gives a weight, a length or a count", () => {
    expect(measures("It weighed roughly 180 pounds and produced about 12 horsepower.", "money")).toEqual([]);
    expect(measures("It is about 1,900 feet long and 5,251 workers built it.", "money")).toEqual([]);
  });
});
